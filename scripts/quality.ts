/**
 * `npm run quality [dir]`: the corpus-quality figures of the pipeline issue, per book —
 * footnote text left in body blocks, markers linked, footnote numbering gaps and
 * duplicates, paragraphs ending in a hyphen fragment, URLs and facts.
 * Exits 1 when a quality gate fails (footnote text in body, > 1 % unlinked markers,
 * a hyphen fragment at a paragraph end), so CI can use it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processDecoded } from '../src/pipeline.js';
import { decode } from '../src/stages/1-read/decode.js';

const dir = process.argv[2] ?? 'corpus';
const files = (statSync(dir).isDirectory() ? readdirSync(dir).map((f) => join(dir, f)) : [dir]).filter((f) => /\.(txt|md)$/.test(f)).sort();
const BODY = new Set(['paragraph', 'heading', 'list-item']);
let failed = false;
const rows: string[][] = [];
for (const f of files) {
  const { text } = decode(readFileSync(f), 512 * 1024 * 1024);
  const t0 = performance.now();
  const { doc } = processDecoded(text, { path: f });
  const ms = performance.now() - t0;
  const s = doc.stats;
  const body = doc.blocks.filter((b) => BODY.has(b.kind));
  const leaks = body.filter((b) => /Ressource électronique|Electronic resource|URL ?:/i.test(b.text)).length;
  const hyphenEnds = doc.blocks.filter((b) => b.kind === 'paragraph' && /\p{Ll}-$/u.test(b.text)).length;
  const unlinkedPct = s.markers ? (100 * s.unlinkedMarkers) / s.markers : 0;
  const num = s.numbering as { first: number; last: number; gaps: Array<[number, number]>; duplicates: number[]; missing: number[]; orphans: number[] };
  const gapCount = num.gaps.reduce((a, [x, y]) => a + y - x + 1, 0);
  const ok = leaks === 0 && unlinkedPct <= 1 && hyphenEnds === 0;
  if (!ok) failed = true;
  rows.push([
    f.split('/').pop()!,
    doc.source.layout,
    String(s.blocks),
    String(s.footnotes),
    `${num.first}..${num.last}`,
    `${num.gaps.length} (${gapCount} nos)`,
    String(num.duplicates.length),
    String(s.markers),
    `${s.unlinkedMarkers} (${unlinkedPct.toFixed(2)} %)`,
    String(s.missingFootnotes),
    String(s.orphanFootnotes),
    String(leaks),
    String(hyphenEnds),
    `${s.urls}/${s.urlsRepaired}/${s.urlsUnrecoverable}`,
    Object.values(s.facts).join('/'),
    ok ? 'ok' : 'FAIL',
    `${Math.round(ms)} ms`,
  ]);
  if (process.argv.includes('--details')) {
    console.log(`${f}: numbering gaps ${JSON.stringify(num.gaps)}; duplicates ${JSON.stringify(num.duplicates)}; markers without footnote ${JSON.stringify(num.missing)}; footnotes without marker ${JSON.stringify(num.orphans)}`);
  }
}
const head = ['book', 'layout', 'blocks', 'footnotes', 'numbers', 'gaps', 'dups', 'markers', 'unlinked', 'missing fn', 'orphan fn', 'fn text in body', 'hyphen ends', 'urls all/rep/unrec', 'facts m/p/q/d/c', 'gate', 'time'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(fmt(head));
for (const r of rows) console.log(fmt(r));
process.exitCode = failed ? 1 : 0;
