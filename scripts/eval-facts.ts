/**
 * Scores the fact extractor against the hand-annotated gold set test/fixtures/facts-gold/*.yaml
 * and, side by side, @microsoft/recognizers-text-suite (French) and chrono-node (fr, dates).
 *
 *   npx tsx scripts/eval-facts.ts [--corpus corpus] [--gold test/fixtures/facts-gold] [--rules rules]
 *   npm run eval:facts            (compiled: dist/scripts/eval-facts.js)
 *
 * The document of each book comes from the pipeline (src/pipeline.js, processText). When the
 * pipeline cannot be loaded, a crude splitter stands in (markers stripped, lines joined into
 * sentence-ended blocks) so the extractor can still be measured; the report says which was used.
 * Also prints the extractor's throughput (MB/s) on the blocks' text.
 *
 * Then the external test set (test/fixtures/facts-external, French usage outside the books,
 * scripts/facts-external.ts): exact-value accuracy per type and per category.
 * `--external-failures [type/cat]` lists the cases that fail; `--external-only` skips the books.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import type { BlockKind, Fact } from '../src/types.js';
import { extractFacts, loadFactRules, type FactBlock, type FactRules } from '../src/stages/7-facts/index.js';
import { normaliseName } from '../src/stages/7-facts/rules/compile-rules.js';
import { similarity } from '../src/stages/7-facts/jaro-winkler.js';
import { loadExternalSet, scoreExternal, VALUE_TYPES } from './facts-external.js';
import { dirArg, distinctBy, greedyMatch, loadPipeline, repo, type ProcessText } from './eval-common.js';

const require = createRequire(import.meta.url);
const corpusDir = dirArg('corpus', 'corpus');
const goldDir = dirArg('gold', 'test', 'fixtures', 'facts-gold');
const rulesDir = dirArg('rules', 'rules');
const externalDir = dirArg('external', 'test', 'fixtures', 'facts-external');
const heldoutDir = dirArg('heldout', 'test', 'fixtures', 'facts-heldout');

type FType = 'money' | 'percent' | 'quantity' | 'date' | 'counterparty';
const TYPES: FType[] = ['money', 'percent', 'quantity', 'date', 'counterparty'];

interface GoldFact {
  type: FType;
  text?: string;
  line?: number;
  value?: number | string;
  currency?: string | null;
  unit?: string;
  name?: string;
  kind?: string;
  id?: string;
}
interface GoldFile {
  book: string;
  paragraphs: { lines: [number, number]; facts: GoldFact[] }[];
}

interface LineBlock extends FactBlock {
  /** [offset in text, line] pairs, ascending */
  lines: [number, number][];
}

// ---------------------------------------------------------------- documents

const SUPERSCRIPTS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

/** Crude stand-in for the pipeline: strip markers, join lines into sentence-ended blocks. */
function crudeBlocks(text: string): LineBlock[] {
  const src = text.split(/\r?\n/);
  const blocks: LineBlock[] = [];
  let cur: { text: string; lines: [number, number][] } | null = null;
  const flush = (): void => {
    if (cur && cur.text.trim()) {
      blocks.push({ id: `b${blocks.length}`, kind: 'paragraph', text: cur.text, lines: cur.lines });
    }
    cur = null;
  };
  src.forEach((raw, i) => {
    let line = raw
      .replace(/<sup>\d+<\/sup>/g, '')
      .replace(SUPERSCRIPTS, '')
      .replace(/\*\*/g, '')
      .replace(/"\s?\d{1,3}\s?\./g, '".')
      .replace(/(^|[.!?]\s)\d{1,3}(?=\p{Lu})/gu, '$1')
      .trim();
    if (!line || /^-{3,}$/.test(line) || /^FOR AUTHOR USE ONLY$/.test(line)) return;
    if (!cur) cur = { text: '', lines: [] };
    if (cur.text) cur.text += ' ';
    cur.lines.push([cur.text.length, i + 1]);
    cur.text += line;
    if (/[.!?:"»)]$/.test(line)) flush();
  });
  flush();
  return blocks;
}

function lineOf(block: LineBlock, offset: number): number {
  let line = block.lines[0]![1];
  for (const [o, l] of block.lines) {
    if (o <= offset) line = l;
    else break;
  }
  return line;
}

interface Doc {
  blocks: LineBlock[];
  facts: (Omit<Fact, 'source'> & { line: number })[];
  via: 'pipeline' | 'crude';
  extractSeconds: number;
}

async function documentOf(book: string, rules: FactRules, pipeline: ProcessText | null): Promise<Doc> {
  const path = join(corpusDir, book);
  const text = readFileSync(path, 'utf8');
  if (pipeline) {
    const doc = await pipeline(text, { path, rulesDir });
    const blocks: LineBlock[] = doc.blocks.map((b) => ({
      id: b.id,
      kind: b.kind as BlockKind,
      text: b.text,
      lines: [[0, b.source[0]?.start.line ?? 0]],
    }));
    const t0 = performance.now();
    extractFacts(blocks, rules);
    const extractSeconds = (performance.now() - t0) / 1000;
    const facts = doc.facts.map((f) => ({ ...f, line: f.source.line }));
    // block line spans for library runs
    doc.blocks.forEach((b, i) => {
      blocks[i]!.lines = [[0, b.source[0]?.start.line ?? 0], [b.text.length, b.source.at(-1)?.end.line ?? 0]];
    });
    return { blocks, facts: facts as Doc['facts'], via: 'pipeline', extractSeconds };
  }
  const blocks = crudeBlocks(text);
  const t0 = performance.now();
  const drafts = extractFacts(blocks, rules);
  const extractSeconds = (performance.now() - t0) / 1000;
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const facts = drafts.map((f) => ({ ...f, line: lineOf(byId.get(f.block)!, f.start) }));
  return { blocks, facts, via: 'crude', extractSeconds };
}

function blockSpan(b: LineBlock): [number, number] {
  return [b.lines[0]![1], b.lines.at(-1)![1]];
}

// ---------------------------------------------------------------- libraries

interface Pred {
  type: FType;
  value?: number | string;
  currency?: string | null;
  unit?: string;
}

const LIB_CURRENCY: [RegExp, string][] = [
  [/belarus|biélorusse/i, 'BYN'],
  [/ruble|rouble/i, 'RUB'],
  [/yuan|renminbi/i, 'CNY'],
  [/euro/i, 'EUR'],
  [/tenge/i, 'KZT'],
  [/dollar/i, 'USD'],
];
const LIB_UNIT: [RegExp, string][] = [
  [/square kilomet/i, 'km2'],
  [/square met/i, 'm2'],
  [/cubic met/i, 'm3'],
  [/kilowatt hour/i, 'kWh'],
  [/megawatt/i, 'MW'],
  [/hectare/i, 'ha'],
  [/kilomet/i, 'km'],
  [/ton/i, 't'],
  [/kilogram/i, 'kg'],
  [/met/i, 'm'],
];

function timexToIso(timex: string): string | null {
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(timex)) return timex;
  const m = /^\((\d{4})-(\d{2})-01,(\d{4})-(\d{2})-01,P(\d+)M\)$/.exec(timex);
  if (m) {
    // end is exclusive
    let y = Number(m[3]);
    let mo = Number(m[4]) - 1;
    if (mo === 0) {
      mo = 12;
      y--;
    }
    return `${m[1]}-${m[2]}/${y}-${String(mo).padStart(2, '0')}`;
  }
  const y = /^\((\d{4})-01-01,(\d{4})-01-01,P(\d+)Y\)$/.exec(timex);
  if (y) return Number(y[2]) - Number(y[1]) === 1 ? y[1]! : `${y[1]}/${Number(y[2]) - 1}`;
  return null;
}

interface Libs {
  recognizers: (text: string) => Pred[];
  chrono: (text: string) => Pred[];
}

function loadLibs(): Libs | null {
  try {
    const R = require('@microsoft/recognizers-text-suite') as {
      Culture: { French: string };
      recognizeCurrency(t: string, c: string): { resolution?: { value?: string; unit?: string } | null }[];
      recognizePercentage(t: string, c: string): { resolution?: { value?: string } | null }[];
      recognizeDimension(t: string, c: string): { resolution?: { value?: string; unit?: string } | null }[];
      recognizeDateTime(t: string, c: string): { resolution?: { values?: { timex?: string }[] } | null }[];
    };
    const chrono = require('chrono-node') as {
      fr: { parse(t: string): { start: { knownValues: Record<string, number> }; end?: { knownValues: Record<string, number> } | null }[] };
    };
    const fr = R.Culture.French;
    return {
      recognizers: (t) => {
        const out: Pred[] = [];
        for (const r of R.recognizeCurrency(t, fr)) {
          const cur = LIB_CURRENCY.find(([re]) => re.test(r.resolution?.unit ?? ''))?.[1] ?? null;
          out.push({ type: 'money', value: Number(r.resolution?.value), currency: cur });
        }
        for (const r of R.recognizePercentage(t, fr)) {
          out.push({ type: 'percent', value: Number(String(r.resolution?.value).replace('%', '')) });
        }
        for (const r of R.recognizeDimension(t, fr)) {
          const unit = LIB_UNIT.find(([re]) => re.test(r.resolution?.unit ?? ''))?.[1];
          out.push({ type: 'quantity', value: Number(r.resolution?.value), ...(unit ? { unit } : {}) });
        }
        for (const r of R.recognizeDateTime(t, fr)) {
          const timex = r.resolution?.values?.[0]?.timex;
          const iso = timex ? timexToIso(timex) : null;
          if (iso) out.push({ type: 'date', value: iso });
        }
        return out;
      },
      chrono: (t) =>
        chrono.fr.parse(t).flatMap((r) => {
          const iso = (k: Record<string, number>): string | null =>
            k.year === undefined
              ? null
              : k.month === undefined
                ? `${k.year}`
                : k.day === undefined
                  ? `${k.year}-${String(k.month).padStart(2, '0')}`
                  : `${k.year}-${String(k.month).padStart(2, '0')}-${String(k.day).padStart(2, '0')}`;
          const a = iso(r.start.knownValues);
          const b = r.end ? iso(r.end.knownValues) : null;
          if (!a) return [];
          return [{ type: 'date' as const, value: b && b !== a ? `${a}/${b}` : a }];
        }),
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- scoring

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const empty = (): Record<FType, Score> =>
  Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<FType, Score>;

const PREFIX = /^(?:(?:la |le |l')?(?:r[ée]gions?|oblasts?|provinces?|kra[iï]|territoire|ville|r[ée]publique) (?:de la |de l'|du |des |de |d')?)/i;
function entityKey(name: string): string {
  return normaliseName(name.replace(PREFIX, '')).replace(/\b(?:llc|ojsc|jsc|cjsc|pjsc|sarl|ooo|ltd|llp)\b/g, '').trim();
}

function sameFact(g: GoldFact, p: Pred & { name?: string; id?: string }): boolean {
  if (g.type !== p.type) return false;
  switch (g.type) {
    case 'money':
      return Math.abs(Number(g.value) - Number(p.value)) < 1e-6 * Math.max(1, Math.abs(Number(g.value))) && (g.currency ?? null) === (p.currency ?? null);
    case 'percent':
      return Number(g.value) === Number(p.value);
    case 'quantity':
      return Number(g.value) === Number(p.value) && (!g.unit || !p.unit || g.unit === p.unit);
    case 'date':
      return String(g.value) === String(p.value);
    case 'counterparty': {
      if (g.id && p.id) return g.id === p.id;
      const a = entityKey(g.name ?? '');
      const b = entityKey(p.name ?? '');
      return a === b || (a.length >= 4 && b.length >= 4 && similarity(a, b) >= 0.9);
    }
  }
}

/** greedy one-to-one matching inside one paragraph */
const details = process.argv.includes('--details') ? (process.argv[process.argv.indexOf('--details') + 1] ?? '') : null;
function score(
  gold: GoldFact[],
  pred: (Pred & { name?: string; id?: string; text?: string; line?: number })[],
  s: Record<FType, Score>,
  types: FType[],
  where = '',
): void {
  for (const t of types) {
    let g = gold.filter((f) => f.type === t);
    let p = pred.filter((f) => f.type === t);
    if (t === 'counterparty') {
      // distinct entities per paragraph
      p = distinctBy(p, (f) => f.id ?? entityKey(f.name ?? ''));
      g = distinctBy(g, (f) => f.id ?? entityKey(f.name ?? ''));
    }
    const { tp, missed, extra } = greedyMatch(g, p, sameFact);
    s[t].tp += tp;
    s[t].fn += missed.length;
    s[t].fp += extra.length;
    if (where && details === t) {
      for (const gf of missed) console.log(`FN ${where} ${JSON.stringify(gf)}`);
      for (const pf of extra) console.log(`FP ${where} ${JSON.stringify({ text: pf.text, line: pf.line, value: pf.value, currency: pf.currency, unit: pf.unit, name: pf.name, id: pf.id })}`);
    }
  }
}

const f1 = (s: Score): [number, number, number] => {
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0;
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
};

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const rules = loadFactRules(rulesDir);
  if (process.argv.includes('--external-only')) return externalSets(rules);
  const pipeline = await loadPipeline().catch(() => null);
  const libs = process.argv.includes('--no-libs') ? null : loadLibs();
  const books = readdirSync(corpusDir).filter((n) => n.endsWith('.txt')).sort();
  const goldFiles = existsSync(goldDir) ? readdirSync(goldDir).filter((n) => /\.ya?ml$/.test(n)).sort() : [];
  const golds = new Map<string, GoldFile>();
  for (const g of goldFiles) {
    const data = parseYaml(readFileSync(join(goldDir, g), 'utf8')) as GoldFile;
    golds.set(data.book, data);
  }

  const ours = empty();
  const rec = empty();
  const chr = empty();
  let bytes = 0;
  let seconds = 0;
  let via = '';
  const counts = Object.fromEntries(TYPES.map((t) => [t, 0])) as Record<FType, number>;
  for (const book of books) {
    const doc = await documentOf(book, rules, pipeline);
    via = doc.via;
    bytes += doc.blocks.reduce((n, b) => n + Buffer.byteLength(b.text), 0);
    seconds += doc.extractSeconds;
    for (const f of doc.facts) counts[f.type as FType]++;
    const gold = golds.get(book);
    if (!gold) continue;
    for (const para of gold.paragraphs) {
      const [a, z] = para.lines;
      const pred = doc.facts.filter((f) => f.line >= a && f.line <= z) as unknown as (Pred & { name?: string; id?: string })[];
      score(para.facts, pred, ours, TYPES, `${book.slice(0, 3)}:${a}-${z}`);
      if (libs && !process.argv.includes('--no-libs')) {
        const text = doc.blocks
          .filter((b) => {
            const [s, e] = blockSpan(b);
            return s <= z && e >= a && ['paragraph', 'heading', 'list-item'].includes(b.kind);
          })
          .map((b) => b.text)
          .join('\n');
        score(para.facts, libs.recognizers(text), rec, ['money', 'percent', 'quantity', 'date']);
        score(para.facts, libs.chrono(text), chr, ['date']);
      }
    }
  }

  console.log(`documents: ${via === 'pipeline' ? 'src/pipeline.js processText' : 'crude splitter (src/pipeline.js not loadable)'}`);
  console.log(`facts extracted: ${TYPES.map((t) => `${t} ${counts[t]}`).join(', ')}`);
  console.log(`extractor throughput: ${(bytes / 1e6 / seconds).toFixed(1)} MB/s (${(bytes / 1e6).toFixed(2)} MB of block text in ${(seconds * 1000).toFixed(0)} ms)`);
  if (!golds.size) {
    console.log(`no gold set in ${goldDir}: no precision/recall to report`);
    return externalSets(rules);
  }
  console.log(`gold: ${[...golds.keys()].map((b) => basename(b)).join(', ')}`);
  const fmt = (s: Score | undefined): string => {
    if (!s || s.tp + s.fp + s.fn === 0) return '        —         ';
    const [p, r, f] = f1(s);
    return `${p.toFixed(2)} ${r.toFixed(2)} ${f.toFixed(2)}`.padEnd(18);
  };
  console.log(`${'type'.padEnd(13)} | ${'ours  P    R    F1'.padEnd(18)} | ${'recognizers P R F1'.padEnd(18)} | chrono P R F1`);
  for (const t of TYPES) {
    const libsRec = t === 'counterparty' || !libs ? undefined : rec[t];
    const libsChr = t === 'date' && libs ? chr[t] : undefined;
    const g = ours[t].tp + ours[t].fn;
    console.log(`${`${t} (${g})`.padEnd(13)} | ${fmt(ours[t])} | ${fmt(libsRec)} | ${fmt(libsChr)}`);
  }
  externalSets(rules);
}

function externalSets(rules: FactRules): void {
  external(rules, externalDir, 'external test set');
  external(rules, heldoutDir, 'held-out set (written after the fixes, scored before any change for it)');
}

/** An external test set: exact values, per type and per category, next to the gold above. */
function external(rules: FactRules, dir: string, label: string): void {
  if (!existsSync(dir)) {
    console.log(`no ${label} in ${dir}`);
    return;
  }
  const cases = loadExternalSet(dir);
  const s = scoreExternal(cases, rules);
  const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
  const flagged = cases.filter((c) => c.notSupported).length;
  console.log(`\n${label}: ${cases.length} cases (${flagged} flagged notSupported, counted as failures), ${dir.replace(repo + '/', '')}`);
  console.log(`${'type'.padEnd(9)} | cases passed      | expected facts, value exact | extra facts`);
  for (const t of VALUE_TYPES) {
    const v = s.byType[t];
    console.log(`${t.padEnd(9)} | ${`${v.casesPassed}/${v.cases}`.padEnd(8)} ${pct(v.casesPassed, v.cases).padEnd(8)} | ${`${v.found}/${v.expected}`.padEnd(8)} ${pct(v.found, v.expected).padEnd(18)} | ${v.spurious}`);
  }
  const all = s.results.filter((r) => r.pass).length;
  console.log(`${'all'.padEnd(9)} | ${`${all}/${cases.length}`.padEnd(8)} ${pct(all, cases.length)}`);
  console.log('per category (cases passed):');
  const cats = [...s.byCategory].sort(([a], [b]) => a.localeCompare(b));
  for (let i = 0; i < cats.length; i += 3) {
    console.log(
      cats
        .slice(i, i + 3)
        .map(([k, [p, n]]) => `  ${k.padEnd(27)} ${`${p}/${n}`.padStart(6)}`)
        .join(''),
    );
  }
  const fi = process.argv.indexOf('--external-failures');
  if (fi >= 0) {
    const only = process.argv[fi + 1] && !process.argv[fi + 1]!.startsWith('--') ? process.argv[fi + 1]! : '';
    for (const r of s.results) {
      if (r.pass || !`${r.case.type}/${r.case.cat}`.startsWith(only)) continue;
      const got = r.got.map((g) => {
        const x = g as unknown as Record<string, unknown>;
        return `${g.text} → ${x.value}${x.currency !== undefined ? ` ${x.currency}` : ''}${x.unit ? ` ${x.unit}` : ''}${x.ambiguous ? ' ambiguous' : ''}`;
      });
      console.log(`FAIL ${r.case.file.replace('.yaml', '')} ${r.case.type}/${r.case.cat}${r.case.notSupported ? ' (notSupported)' : ''}: ${r.case.text}\n     want ${JSON.stringify(r.case.expect)}\n     got  ${JSON.stringify(got)}`);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
