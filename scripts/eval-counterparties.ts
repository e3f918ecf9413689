/**
 * Scores counterparty extraction against the held-out gold test/fixtures/counterparty-gold/:
 * book passages (distinct entities per passage) and press-style synthetic sentences.
 *
 *   npx tsx scripts/eval-counterparties.ts [--details] [--rules rules]
 *   npm run eval:counterparties          (compiled: dist/scripts/eval-counterparties.js)
 *
 * Three figures per book:
 * - all rules: the rules as shipped;
 * - held out: every entity lexicon entry (companies, organisations, regions; countries are
 *   generic data and stay) and every place spelling whose forms occur in THIS book's raw text
 *   and in no other book of the corpus is removed before extracting this book. What the rules
 *   still know about the book then came from the other books or from generic data;
 * - a line for the synthetic press sentences (all rules).
 *
 * Matching: countries by ISO code; other names after folding accents, case, quotes, a leading
 * article and a trailing legal form: equal, or (both ≤ 24 characters) Jaro-Winkler ≥ 0.93.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { extractFacts, type FactBlock, type FactDraft } from '../src/stages/7-facts/index.js';
import { compileRules, normaliseName } from '../src/stages/7-facts/rules/compile-rules.js';
import { readRuleFiles, type RuleFile } from '../src/stages/7-facts/rules/read-rule-files.js';
import { similarity } from '../src/stages/7-facts/jaro-winkler.js';
import { dirArg, distinctBy, greedyMatch, loadPipeline } from './eval-common.js';

const corpusDir = dirArg('corpus', 'corpus');
const goldDir = dirArg('gold', 'test', 'fixtures', 'counterparty-gold');
const rulesDir = dirArg('rules', 'rules');
const details = process.argv.includes('--details');

export interface GoldEntity {
  name: string;
  kind: string;
  id?: string;
}
interface GoldBook {
  book: string;
  passages: { lines: [number, number]; entities: GoldEntity[] }[];
}
interface Synthetic {
  cases: { text: string; entities: GoldEntity[] }[];
}
interface Pred {
  name: string;
  kind: string;
  id?: string;
}

const LEGAL = /\s+(?:llc|ojsc|jsc|cjsc|pjsc|sarl|sa|se|ag|gmbh|ltd|llp|plc|inc|co|corp|limited)\.?$/;
/** the comparison key of a name (exported for the tests) */
export function nameKey(name: string): string {
  let k = normaliseName(name).replace(/[.,()]/g, ' ').replace(/\s+/g, ' ').trim();
  k = k.replace(/^(?:la |le |les |l ')/, '').replace(/^l'/, '');
  for (let prev = ''; prev !== k; ) {
    prev = k;
    k = k.replace(LEGAL, '').replace(/^(?:ojsc|jsc|cjsc|llc|sarl|ooo|oao|zao|soao|up|rue|rup|rupe) /, '');
  }
  // function words do not tell names apart ("Université d'État Polessky" / "… d'État de Polessky")
  return k.replace(/(?:^| )(?:de|du|des|d'|la|le|les|l'|et)(?= )/g, ' ').replace(/\b[dl]'/g, '').replace(/\s+/g, ' ').trim();
}

export function sameEntity(g: GoldEntity, p: Pred): boolean {
  if (g.id && p.id) return g.id === p.id;
  if (g.kind === 'country' || p.kind === 'country') {
    if ((g.kind === 'country') !== (p.kind === 'country')) return false;
  }
  const a = nameKey(g.name);
  const b = nameKey(p.name);
  if (a === b) return true;
  return a.length <= 24 && b.length <= 24 && a.length >= 4 && b.length >= 4 && similarity(a, b) >= 0.93;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

/** distinct entities per passage, greedy one-to-one */
export function scorePassage(gold: GoldEntity[], pred: Pred[], s: Score, where = ''): void {
  const ps = distinctBy(pred, (p) => p.id ?? nameKey(p.name));
  const { tp, missed, extra } = greedyMatch(gold, ps, sameEntity);
  s.tp += tp;
  s.fn += missed.length;
  s.fp += extra.length;
  if (details) {
    for (const g of missed) console.log(`  FN ${where} ${g.name} (${g.kind})`);
    for (const p of extra) console.log(`  FP ${where} ${p.name} (${p.kind})`);
  }
}

export const prf = (s: Score): [number, number, number] => {
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0;
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
};

/** entity/place lexicon entries whose forms occur in `own` and in none of `others` are removed */
export function withoutBookSpecific(files: RuleFile[], own: string, others: string[]): RuleFile[] {
  const hay = (t: string): string => ` ${normaliseName(t).replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ')} `;
  const ownH = hay(own);
  const othersH = others.map(hay);
  const occurs = (h: string, form: string): boolean => h.includes(` ${hay(form).trim()} `);
  const specific = (forms: string[]): boolean =>
    forms.some((f) => occurs(ownH, f)) && !forms.some((f) => othersH.some((h) => occurs(h, f)));
  return files.map((rf) => ({
    ...rf,
    data: {
      ...rf.data,
      rules: rf.data.rules.map((r) => {
        if (!r.entries || (r.lexicon !== 'entity' && r.lexicon !== 'place')) return r;
        const entries = r.entries.filter((e) => e.kind === 'country' || !specific([...e.forms, ...(e.name ? [e.name] : [])]));
        // a lexicon rule needs one entry: keep a form no text contains
        return { ...r, entries: entries.length ? entries : [{ ...r.entries[0]!, forms: ['Zzyzxnotaname'], name: 'Zzyzxnotaname' }] };
      }),
    },
  }));
}

/** every entity/place lexicon entry except countries removed: what generic rules alone find */
export function withoutNamedLexicon(files: RuleFile[]): RuleFile[] {
  return withoutBookSpecific(files, '', []).map((rf) => ({
    ...rf,
    data: {
      ...rf.data,
      rules: rf.data.rules.map((r) => {
        if (!r.entries || (r.lexicon !== 'entity' && r.lexicon !== 'place')) return r;
        const entries = r.entries.filter((e) => e.kind === 'country');
        return { ...r, entries: entries.length ? entries : [{ ...r.entries[0]!, forms: ['Zzyzxnotaname'], name: 'Zzyzxnotaname' }] };
      }),
    },
  }));
}

/** names of the lexicon entries `kept` lacks (for the report) */
function removedNames(files: RuleFile[], kept: RuleFile[]): string[] {
  const out: string[] = [];
  files.forEach((f, fi) =>
    f.data.rules.forEach((r, ri) => {
      const k = new Set((kept[fi]!.data.rules[ri]!.entries ?? []).map((e) => e.name ?? e.forms[0]));
      for (const e of r.entries ?? []) if ((r.lexicon === 'entity' || r.lexicon === 'place') && !k.has(e.name ?? e.forms[0])) out.push(e.name ?? e.forms[0]!);
    }),
  );
  return out;
}

/** source offset of a text offset of a block, from its verbatim runs */
function sourceOffset(map: [number, number, number][], off: number): number {
  let best = map[0]?.[0] ?? 0;
  for (const [src, at, len] of map) {
    if (at > off) break;
    best = off < at + len ? src + (off - at) : src + len;
  }
  return best;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}
function lineAt(starts: number[], off: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= off) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const fmt = (s: Score): string => {
  const [p, r, f] = prf(s);
  return `${p.toFixed(2)}  ${r.toFixed(2)}  ${f.toFixed(2)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
};

async function main(): Promise<void> {
  const processText = await loadPipeline();
  const files = readRuleFiles(rulesDir);
  const full = compileRules(files);
  const books = readdirSync(corpusDir).filter((n) => n.endsWith('.txt')).sort();
  const texts = new Map(books.map((b) => [b, readFileSync(join(corpusDir, b), 'utf8')]));
  const golds = readdirSync(goldDir)
    .filter((n) => /^\d+\.ya?ml$/.test(n))
    .sort()
    .map((n) => parseYaml(readFileSync(join(goldDir, n), 'utf8')) as GoldBook);
  const generic = compileRules(withoutNamedLexicon(files));
  const removed: string[] = [];
  const totals: Score[] = [0, 1, 2].map(() => ({ tp: 0, fp: 0, fn: 0 }));
  const rows: string[] = [];
  for (const gold of golds) {
    const text = texts.get(gold.book);
    if (!text) continue;
    const doc = await processText(text, { path: join(corpusDir, gold.book), rulesDir });
    const blocks: FactBlock[] = doc.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.text }));
    const maps = new Map(doc.blocks.map((b) => [b.id, b.map ?? []]));
    const starts = lineStarts(text);
    const heldFiles = withoutBookSpecific(files, text, books.filter((b) => b !== gold.book).map((b) => texts.get(b)!));
    removed.push(`${gold.book.slice(0, 3)}: ${removedNames(files, heldFiles).join(', ') || '(none)'}`);
    const held = compileRules(heldFiles);
    const scores: Score[] = [];
    for (const [label, rules] of [['all rules', full], ['held out', held], ['generic', generic]] as const) {
      if (details) console.log(`${gold.book.slice(0, 3)} ${label}`);
      const facts = extractFacts(blocks, rules).filter((f): f is Extract<FactDraft, { type: 'counterparty' }> => f.type === 'counterparty');
      const lined = facts.map((f) => ({ f, line: lineAt(starts, sourceOffset(maps.get(f.block)!, f.start)) }));
      const s: Score = { tp: 0, fp: 0, fn: 0 };
      for (const p of gold.passages) {
        const [a, z] = p.lines;
        const pred = lined.filter((x) => x.line >= a && x.line <= z).map((x) => x.f);
        scorePassage(p.entities, pred, s, `${label}|${gold.book.slice(0, 3)}:${a}`);
      }
      scores.push(s);
    }
    for (let m = 0; m < 3; m++) for (const k of ['tp', 'fp', 'fn'] as const) totals[m]![k] += scores[m]![k];
    const n = gold.passages.reduce((a, p) => a + p.entities.length, 0);
    rows.push(`${gold.book.slice(0, 3)} (${gold.passages.length} passages, ${n} entities)`.padEnd(36) + scores.map((x) => `| ${fmt(x)} `).join(''));
  }
  const head = (t: string): string => `| ${t.padEnd(42)} `;
  console.log(`${'P R F1'.padEnd(36)}${head('all rules')}${head('book-specific lexicon entries removed')}${head('no named-entity lexicon (countries only)')}`);
  for (const r of rows) console.log(r);
  console.log(`${'all books'.padEnd(36)}${totals.map((x) => `| ${fmt(x)} `).join('')}`);
  console.log('book-specific entries removed (forms found in that book only):');
  for (const r of removed) console.log(`  ${r}`);

  const synPath = join(goldDir, 'synthetic.yaml');
  if (existsSync(synPath)) {
    const syn = parseYaml(readFileSync(synPath, 'utf8')) as Synthetic;
    const s: Score = { tp: 0, fp: 0, fn: 0 };
    syn.cases.forEach((c, i) => {
      const facts = extractFacts([{ id: 'b1', kind: 'paragraph', text: c.text }], full).filter(
        (f): f is Extract<FactDraft, { type: 'counterparty' }> => f.type === 'counterparty',
      );
      scorePassage(c.entities, facts, s, `synthetic#${i + 1}`);
    });
    const n = syn.cases.reduce((a, c) => a + c.entities.length, 0);
    console.log(`${`synthetic press (${syn.cases.length} cases, ${n} entities)`.padEnd(36)}| ${fmt(s)}`);
  }
}

// run only as a script (the tests import the scoring functions)
if (process.argv[1] && resolve(process.argv[1]).replace(/\.[jt]s$/, '') === fileURLToPath(import.meta.url).replace(/\.[jt]s$/, '')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
