/**
 * The fuzzing property (issue 10), shared by `npm run fuzz` and the short run in
 * `npm test`: on any text — slices of the real books cut and re-joined anyhow, the
 * hostile shapes, footnote/marker/URL/markdown debris, random Unicode, every kind of
 * line end — the pipeline must not throw, must account for every character
 * (conservation: the original is rebuilt from the JSON alone), must produce a JSON
 * that validates against the schema, and must do it within a time budget per case.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { loadRules, processDecoded, type RuleSet } from '../../src/pipeline.js';
import { reconstruct } from '../../src/stages/9-document/reconstruct.js';
import { cleanText } from '../../src/write/clean-text.js';
import { auditDiff } from '../../src/write/audit-diff.js';

function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 5; k++, d = dirname(d)) {
    try {
      readdirSync(join(d, 'corpus'));
      return d;
    } catch {
      /* up */
    }
  }
  throw new Error('corpus/ not found');
}

const ROOT = repoRoot();
const BOOKS = readdirSync(join(ROOT, 'corpus'))
  .sort()
  .map((b) => readFileSync(join(ROOT, 'corpus', b), 'utf8').split('\n'));

const WORDS = ['commerce', 'des', 'échanges', 'la', 'Politique', "l'économie", 'marché.', '12', '2020', '3,5 %', 'M.', 'p.', 'USD', '«', '»', '"', '—', '-'];
const LINE_END = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '\n\n', '\n\n\n', '\f\n', ' \n', '  \n');

const fragment: fc.Arbitrary<string> = fc.oneof(
  // a slice of a real book, 1..120 lines
  fc.tuple(fc.nat(BOOKS.length - 1), fc.nat(), fc.integer({ min: 1, max: 120 })).map(([b, at, n]) => {
    const lines = BOOKS[b]!;
    const from = at % lines.length;
    return lines.slice(from, from + n).join('\n');
  }),
  // footnote-like and number lines
  fc.tuple(fc.integer({ min: 0, max: 400 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 8 })).map(([n, ws]) => `${n} ${ws.join(' ')}`),
  fc.integer({ min: 0, max: 99999 }).map(String),
  // markers, separators, furniture, markup, URLs
  fc.constantFrom('___________', '---', '* * *', '<sup>12</sup>', '[^3]', '¹²', '⁴⁵', '# Titre', '**gras**', '> cité', '- item', '1. item', 'Page 12', 'CHAPITRE II', 'Table des matières', 'Bibliographie', 'https://www.exa mple.org/a b', 'URL: http://www. un.org/fr/', '[Ressource électronique]', 'aaaa-', 'Saint-', 'inter-', '\u00a0\u00a0', '\t', '\ufeff', ''),
  // words
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 20 }).map((ws) => ws.join(' ')),
  // any Unicode (whole code points) and ASCII noise
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
);

/** A generated input text (at least one non-blank character, as the reader requires). */
export const fuzzText: fc.Arbitrary<string> = fc
  .array(fc.tuple(fragment, LINE_END), { minLength: 1, maxLength: 60 })
  .map((parts) => parts.map(([f, e]) => f + e).join(''))
  .filter((t) => t.trim().length > 0);

let rules: RuleSet | undefined;
let validate: ReturnType<Ajv['compile']> | undefined;

/** Run one case; throws (with the reason) when a promise is broken. */
export function checkCase(text: string, budgetMs: number): number {
  rules ??= loadRules();
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'document.schema.json'), 'utf8')));
  const t0 = performance.now();
  const { doc } = processDecoded(text, { path: 'fuzz.txt', rules });
  const clean = cleanText(doc);
  auditDiff('fuzz.txt', text, clean);
  const ms = performance.now() - t0;
  const json = JSON.parse(JSON.stringify(doc));
  if (!validate(json)) throw new Error(`schema: ${JSON.stringify(validate.errors?.[0])}`);
  const rebuilt = reconstruct(json);
  if (rebuilt !== text) {
    let i = 0;
    while (i < text.length && rebuilt[i] === text[i]) i++;
    throw new Error(`conservation: rebuilt text differs at offset ${i}`);
  }
  if (ms > budgetMs) throw new Error(`time budget: ${ms.toFixed(0)} ms for ${text.length} characters (budget ${budgetMs} ms)`);
  return ms;
}
