// Property-based tests on generated noisy books (test/support/noisy-book.ts): random
// French-like text rendered in the four layouts with wraps, hyphenation, footnote blocks
// at page breaks, displaced markers and broken URLs. Fixed seeds keep CI deterministic;
// change SEED locally to explore.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noisyBookArb, NOISY_LAYOUTS, type NoisyBook } from './support/noisy-book.js';
import { processDecoded, loadRules } from '../src/pipeline.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import type { DocumentJson } from '../src/types.js';

const SEED = 20261202;
const rules = loadRules();
const run = (text: string): DocumentJson => processDecoded(text, { path: 'generated.txt', rules }).doc;
const BODY = new Set(['paragraph', 'heading', 'list-item']);

function withMarkers(text: string, notes: { n: number; offset: number }[]): string {
  let s = text;
  for (const n of [...notes].sort((a, b) => b.offset - a.offset || b.n - a.n)) s = s.slice(0, n.offset) + `[^${n.n}]` + s.slice(n.offset);
  return s;
}

describe('conservation (every character accounted for)', () => {
  it('rebuilds every generated noisy book exactly (1 000 cases, four layouts)', () => {
    fc.assert(
      fc.property(noisyBookArb({}), (nb) => {
        expect(reconstruct(run(nb.text))).toBe(nb.text);
      }),
      { numRuns: 1000, seed: SEED },
    );
  }, 300_000);

  it('rebuilds arbitrary text: any characters, CRLF, blank runs, digits, quotes (1 000 cases)', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.constantFrom('', '   ', '---', '12 Texte [Ressource électronique]. - URL : http://x.by/a-', ' suite', '³ note', '<sup>4</sup> Note', 'FOR AUTHOR USE ONLY', '33'),
      fc.stringMatching(/^[A-Za-zéè"' ,.\-0-9⁴⁵]{0,90}$/),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        if (text.trim() === '') return;
        expect(reconstruct(run(text))).toBe(text);
      }),
      { numRuns: 1000, seed: SEED },
    );
  }, 300_000);
});

describe('structure recovered from generated noise', () => {
  const books: NoisyBook[] = fc.sample(noisyBookArb({}), { numRuns: 400, seed: SEED });

  it.each(NOISY_LAYOUTS)('%s: every footnote found with its number and text, none left in the body', (layout) => {
    const mine = books.filter((b) => b.layout === layout);
    expect(mine.length).toBeGreaterThan(40);
    for (const nb of mine) {
      const doc = run(nb.text);
      const byN = new Map(doc.footnotes.map((f) => [f.n, f.text]));
      const beforeUrl = (s: string) => s.split(' URL')[0]!.replace(/\s+/g, ' ').trim();
      for (const f of nb.truth.footnotes) {
        expect(byN.has(f.n), `footnote ${f.n} of a ${layout} book`).toBe(true);
        expect(beforeUrl(byN.get(f.n)!)).toBe(beforeUrl(f.text));
      }
      for (const b of doc.blocks) if (BODY.has(b.kind)) expect(b.text).not.toMatch(/Ressource électronique|URL :/);
    }
  }, 120_000);

  it.each(NOISY_LAYOUTS)('%s: at least 98 %% of paragraphs come out exactly, markers as [^N] where they belong', (layout) => {
    let exact = 0;
    let total = 0;
    for (const nb of books.filter((b) => b.layout === layout)) {
      const doc = run(nb.text);
      const got = new Set(doc.blocks.filter((b) => BODY.has(b.kind)).map((b) => withMarkers(b.text, b.notes)));
      for (const p of nb.truth.paragraphs) {
        total++;
        if (got.has(withMarkers(p.text, p.notes))) exact++;
      }
    }
    expect(exact / total).toBeGreaterThanOrEqual(0.98);
  }, 120_000);

  it('joins syllabic line-end splits (dévelop- / pement) and keeps compounds (sino- / biélorusse)', () => {
    const hyphenated = fc.sample(noisyBookArb({ layouts: ['hard-wrapped', 'double-spaced'], noise: { syllabicHyphenation: 0.5, compoundBreaks: true } }), {
      numRuns: 60,
      seed: SEED,
    });
    let joined = 0;
    let splits = 0;
    for (const nb of hyphenated) {
      const doc = run(nb.text);
      const body = doc.blocks.map((b) => b.text).join('\n');
      for (const w of nb.wordSplits) {
        splits++;
        if (body.includes(w.left + w.right)) joined++;
      }
      // compounds of the truth survive with their hyphen
      for (const p of nb.truth.paragraphs) for (const m of p.text.matchAll(/\p{L}+-\p{Ll}+/gu)) expect(body).toContain(m[0]);
    }
    expect(splits).toBeGreaterThan(30);
    expect(joined / splits).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
