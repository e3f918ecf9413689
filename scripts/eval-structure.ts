/**
 * `npm run eval:structure [--json] [--books 000,003] [--layouts a,b] [--no-invariants] [--wrong]`: the structure
 * measurement of issue 8 on text nobody tuned on.
 *
 * Each book of corpus/ is processed; its clean output becomes a model that independent
 * renderers (scripts/structure/render-layouts.ts) print in other publishers' layouts; the
 * pipeline reads each rendering back and is scored against the model: paragraphs exactly
 * right, footnotes with their exact text, markers linked to the right footnote, body
 * character error rate. Then the three invariants (chapter cut = whole book, re-layout
 * ≥ 98 % paragraphs and every footnote, whole = sectioned) and the hand-annotated
 * paragraph boundaries (precision / recall of `break`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CALIBRATION, CORPUS, LAYOUTS, chapterCutInvariant, evaluateBoundaries, evaluateBoundariesPerBook, evaluateLayout, goldBooks, loadBook,
  relayoutHolds, sectionedInvariant, type Book, type LayoutResult,
} from './structure/evaluate.js';
import { identical, type StructureScore } from './structure/score.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]?.split(',') : undefined;
};
const json = args.includes('--json');
const bookFilter = opt('--books');
const layoutFilter = opt('--layouts');
const log = (s: string) => {
  if (!json) console.log(s);
};

const files = readdirSync(CORPUS).filter((f) => /\.(txt|md)$/.test(f)).sort().filter((f) => !bookFilter || bookFilter.some((b) => f.startsWith(b)));
const books: Book[] = files.map(loadBook);
const layouts = LAYOUTS.filter((l) => !layoutFilter || layoutFilter.includes(l.name));

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '—');
function table(head: string[], rows: string[][]) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  log(head.map((h, i) => h.padEnd(w[i]!)).join('  '));
  for (const r of rows) log(r.map((c, i) => c.padEnd(w[i]!)).join('  '));
}
const sum = (rs: StructureScore[]) => {
  const keys = ['paragraphs', 'paragraphsExact', 'blocksOut', 'footnotes', 'footnotesExact', 'footnotesOut', 'markers', 'markersLinked', 'markersOut'] as const;
  return Object.fromEntries(keys.map((k) => [k, rs.reduce((a, r) => a + r[k], 0)])) as unknown as Omit<StructureScore, 'cer' | 'cerBound'>;
};

// ---- re-layout ----
const results: LayoutResult[] = [];
for (const spec of layouts) for (const book of books) results.push(evaluateLayout(book, spec));
log(`Re-layout (${books.map((b) => b.name.slice(0, 3)).join(', ')}): pipeline output on each rendering vs the model it was rendered from`);
log('(body CER "≤": some region was too far off to align and was counted whole, so the true figure is at most that)');
const rows: string[][] = [];
for (const spec of layouts) {
  const rs = results.filter((r) => r.layout === spec.name);
  const s = sum(rs);
  const chars = rs.reduce((a, r) => a + r.chars, 0);
  const cer = rs.reduce((a, r) => a + r.cer * r.chars, 0) / chars;
  const perBook = rs.map((r) => `${r.book.slice(0, 3)}:${pct(r.paragraphsExact, r.paragraphs)}/${pct(r.footnotesExact, r.footnotes)}`).join(' ');
  rows.push([
    spec.name,
    `${pct(s.paragraphsExact, s.paragraphs)} %`,
    `${s.blocksOut}/${s.paragraphs}`,
    `${pct(s.footnotesExact, s.footnotes)} %`,
    `${pct(s.markersLinked, s.markers)} %`,
    `${rs.some((r) => r.cerBound) ? '≤ ' : ''}${(100 * cer).toFixed(2)} %`,
    rs.every(relayoutHolds) ? 'holds' : 'FAILS',
    perBook,
  ]);
}
table(['layout', 'paragraphs exact', 'blocks out/exp', 'footnotes exact', 'markers linked', 'body CER', 'invariant 2', 'per book (paragraphs/footnotes %)'], rows);

// ---- invariants 1 and 3 ----
// --no-invariants: skip invariants 1 and 3 (with --layouts none, only the boundary gold is measured)
const invariants = !args.includes('--no-invariants');
const chapterCut = invariants ? books.map((b) => ({ book: b.name, ...chapterCutInvariant(b) })) : [];
const sectioned: Array<StructureScore & { book: string }> = [];
if (invariants) for (const b of books) sectioned.push({ book: b.name, ...(await sectionedInvariant(b)) });
log('\nInvariants 1 (chapter files vs whole book) and 3 (sections of 60 000 characters vs whole book)');
table(
  ['book', 'inv.', 'files', 'paragraphs same', 'blocks', 'footnotes same', 'footnotes', 'marker links same', 'markers', 'holds'],
  [
    ...chapterCut.map((r) => [r.book, '1', String(r.files), `${pct(r.paragraphsExact, r.paragraphs)} %`, `${r.blocksOut}/${r.paragraphs}`, `${pct(r.footnotesExact, r.footnotes)} %`, `${r.footnotesOut}/${r.footnotes}`, `${pct(r.markersLinked, r.markers)} %`, `${r.markersOut}/${r.markers}`, identical(r) ? 'yes' : 'NO']),
    ...sectioned.map((r) => [r.book, '3', '1', `${pct(r.paragraphsExact, r.paragraphs)} %`, `${r.blocksOut}/${r.paragraphs}`, `${pct(r.footnotesExact, r.footnotes)} %`, `${r.footnotesOut}/${r.footnotes}`, `${pct(r.markersLinked, r.markers)} %`, `${r.markersOut}/${r.markers}`, identical(r) ? 'yes' : 'NO']),
  ],
);

// ---- boundary gold ----
const gold = goldBooks();
const goldOf = books.filter((b) => gold.includes(b.file));
// leave-one-book-out: the priors come from the other books of the corpus (all of them, whatever --books says)
const corpusTexts = readdirSync(CORPUS).filter((f) => /\.(txt|md)$/.test(f)).sort().map((f) => ({ file: f, text: readFileSync(join(CORPUS, f), 'utf8') }));
const boundaries = goldOf.map((b) => ({ book: b.name, ...evaluateBoundaries(b, corpusTexts.filter((o) => o.file !== b.file)) }));
const perBook = goldOf.map((b) => ({ book: b.name, ...evaluateBoundariesPerBook(b) }));
log(`\nParagraph boundaries, hand-annotated gold (test/fixtures/boundaries/); calibration: ${CALIBRATION}; per-book: the book's own evidence alone`);
table(
  ['book', 'entries', 'breaks', 'LOBO precision', 'LOBO recall', 'wrong', 'per-book precision', 'per-book recall', 'wrong'],
  boundaries.map((r, i) => [r.book, String(r.entries), String(r.breaks), r.precision.toFixed(3), r.recall.toFixed(3), String(r.wrong.length), perBook[i]!.precision.toFixed(3), perBook[i]!.recall.toFixed(3), String(perBook[i]!.wrong.length)]),
);
if (args.includes('--wrong')) {
  for (const r of boundaries) for (const w of r.wrong) log(`LOBO ${r.book}:${w.line}->${w.next} gold ${w.label}, pipeline ${w.decided}: ${w.excerpt}`);
  for (const r of perBook) for (const w of r.wrong) log(`per-book ${r.book}:${w.line}->${w.next} gold ${w.label}, pipeline ${w.decided}: ${w.excerpt}`);
}

if (json) {
  const wrongOf = (ws: Array<{ line: number; next: number; label: string; decided: string }>) => ws.map((w) => ({ line: w.line, next: w.next, label: w.label, decided: w.decided }));
  console.log(JSON.stringify({
    layouts: results, chapterCut, sectioned,
    boundaries: boundaries.map(({ wrong, ...r }) => ({ ...r, wrong: wrongOf(wrong) })),
    boundariesPerBook: perBook.map(({ wrong, ...r }) => ({ ...r, wrong: wrongOf(wrong) })),
    calibration: CALIBRATION,
  }, null, 1));
}
