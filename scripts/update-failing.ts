/**
 * `node dist/scripts/update-failing.js eval.json [test/invariants.test.ts]`: rewrite the `it.fails`
 * tables of test/invariants.test.ts from a full `npm run eval:structure -- --json > eval.json`.
 *
 * A case that holds leaves its table (an `it.fails` that passes turns the suite red); a case that
 * fails enters it with the figure measured. Run it after a change that moves the structure
 * figures, then read the diff of the test file: every line that moved is a case that got better
 * or worse, and the commit message says which and why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RELAYOUT_PARAGRAPHS } from './structure/evaluate.js';
import type { StructureScore } from './structure/score.js';

interface Row extends StructureScore {
  book: string;
  layout?: string;
}
interface Boundary {
  book: string;
  precision: number;
  recall: number;
}
interface Evaluation {
  layouts: Row[];
  chapterCut: Row[];
  sectioned: Row[];
  boundaries: Boundary[];
}

const [evalFile, testFile = 'test/invariants.test.ts'] = process.argv.slice(2);
if (!evalFile) {
  console.error('usage: update-failing <eval.json from eval:structure --json> [test/invariants.test.ts]');
  process.exit(2);
}
const ev = JSON.parse(readFileSync(evalFile, 'utf8')) as Evaluation;
const id = (book: string) => book.slice(0, 3);
const same = (r: StructureScore) =>
  r.paragraphsExact === r.paragraphs && r.footnotesExact === r.footnotes && r.markersLinked === r.markers &&
  r.blocksOut === r.paragraphs && r.footnotesOut === r.footnotes && r.markersOut === r.markers;
const counts = (r: StructureScore) =>
  `paragraphs ${r.paragraphsExact}/${r.paragraphs} (${r.blocksOut} out), footnotes ${r.footnotesExact}/${r.footnotes} (${r.footnotesOut} out), marker links ${r.markersLinked}/${r.markers} (${r.markersOut} out)`;

const relayout = ev.layouts
  .filter((r) => !(r.paragraphsExact >= RELAYOUT_PARAGRAPHS * r.paragraphs && r.footnotesExact === r.footnotes))
  .map((r) => [`${r.layout}/${id(r.book)}`, `paragraphs ${((100 * r.paragraphsExact) / r.paragraphs).toFixed(1)} %, footnotes ${r.footnotesExact}/${r.footnotes}`]);
const chapterCut = ev.chapterCut.filter((r) => !same(r)).map((r) => [id(r.book), counts(r)]);
const sectioned = ev.sectioned.filter((r) => !same(r)).map((r) => [id(r.book), counts(r)]);
const boundaries = ev.boundaries
  .filter((b) => b.precision < 0.98 || b.recall < 0.98)
  .map((b) => [id(b.book), `break precision ${b.precision.toFixed(3)}, recall ${b.recall.toFixed(3)}`]);

let text = readFileSync(testFile, 'utf8');
function replaceTable(name: string, entries: string[][]) {
  const re = new RegExp(`(const ${name}: Record<string, string> = \\{\\n)[\\s\\S]*?(\\n?\\};)`);
  if (!re.test(text)) throw new Error(`${testFile}: table ${name} not found`);
  const body = entries.map(([k, v]) => `  '${k}': '${v!.replace(/'/g, "\\'")}',`).join('\n');
  text = text.replace(re, (_m, head: string) => `${head}${body}${body ? '\n' : ''}};`);
}
replaceTable('FAILING_RELAYOUT', relayout);
replaceTable('FAILING_CHAPTER_CUT', chapterCut);
replaceTable('FAILING_SECTIONED', sectioned);
replaceTable('FAILING_BOUNDARIES', boundaries);
writeFileSync(testFile, text);
console.log(`${testFile}: ${relayout.length} re-layout, ${chapterCut.length} chapter-cut, ${sectioned.length} sectioned, ${boundaries.length} boundary cases marked failing`);
