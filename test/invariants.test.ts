// The invariants of issue 8 on the four books (scripts/structure/, also `npm run eval:structure`):
//   1. chapter cut: each book cut into files at its chapter starts (test/fixtures/chapters.yaml)
//      gives the same paragraphs, footnotes and marker links as the whole book;
//   2. re-layout: the book's clean output rendered into other publishers' layouts by an
//      independent renderer comes back with ≥ 98 % of paragraphs exact and every footnote;
//   3. whole vs sectioned: the sectioned run (sections of 60 000 characters) says the same.
// Plus the hand-annotated paragraph boundaries: ≥ 0.98 precision and recall of "break".
//
// A case that fails on the current pipeline is still a real test, marked `it.fails` with the
// figure measured when it was marked (below): it flips to a failure of the suite as soon as
// the pipeline is fixed, and must then move out of its FAILING table. The assertions are
// never weakened. Refresh the tables with `node dist/scripts/eval-structure.js --json`.
import { describe, expect, it } from 'vitest';
import {
  LAYOUTS, RELAYOUT_PARAGRAPHS, chapterCutInvariant, evaluateBoundaries, evaluateLayout, loadBook, sectionedInvariant, type Book,
} from '../scripts/structure/evaluate.js';
import type { StructureScore } from '../scripts/structure/score.js';

const BOOKS = ['000_0fdbcb2e0c620327.txt', '002_6350e2ab5efabf7e.txt', '003_061996c0357b2964.txt', '004_c91a1da01ef0a3e1.txt'];
const cache = new Map<string, Book>();
const book = (file: string) => {
  let b = cache.get(file);
  if (!b) cache.set(file, (b = loadBook(file)));
  return b;
};
const id = (file: string) => file.slice(0, 3);
const TIMEOUT = 240_000;

/**
 * it, or it.fails with the measured figure in the test's name. Each test first yields to the
 * event loop: these tests are long and synchronous, and a worker that never yields cannot
 * answer vitest's RPC (`Timeout calling "onTaskUpdate"` on a loaded machine).
 */
const test = (failing: string | undefined) => (name: string, fn: () => unknown) => {
  const run = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fn();
  };
  return failing ? it.fails(`${name} — FAILS now: ${failing}`, run, TIMEOUT) : it(name, run, TIMEOUT);
};

/** the same story: every block, footnote and marker link of the whole book, and nothing more */
function expectSame(s: StructureScore) {
  expect({ paragraphs: s.paragraphsExact, footnotes: s.footnotesExact, markers: s.markersLinked }).toEqual({
    paragraphs: s.paragraphs,
    footnotes: s.footnotes,
    markers: s.markers,
  });
  expect({ blocks: s.blocksOut, footnotes: s.footnotesOut, markers: s.markersOut }).toEqual({ blocks: s.paragraphs, footnotes: s.footnotes, markers: s.markers });
}

// Measured on the pipeline of this branch's base (npm run eval:structure), figures as printed there.
const FAILING_RELAYOUT: Record<string, string> = {
  'wrapped-trailing/000': 'paragraphs 97.8 %, footnotes 293/314',
  'wrapped-trailing/002': 'paragraphs 97.7 %, footnotes 265/268',
  'wrapped-trailing/003': 'paragraphs 97.2 %, footnotes 218/227',
  'wrapped-trailing/004': 'paragraphs 97.8 %, footnotes 113/116',
  'wrapped-indent/000': 'paragraphs 99.7 %, footnotes 292/314',
  'wrapped-indent/002': 'paragraphs 93.2 %, footnotes 266/268',
  'wrapped-indent/003': 'paragraphs 98.5 %, footnotes 218/227',
  'wrapped-indent/004': 'paragraphs 96.0 %, footnotes 112/116',
  'wrapped-indent-hyphen/000': 'paragraphs 95.6 %, footnotes 291/314',
  'wrapped-indent-hyphen/002': 'paragraphs 91.4 %, footnotes 265/268',
  'wrapped-indent-hyphen/003': 'paragraphs 97.4 %, footnotes 218/227',
  'wrapped-indent-hyphen/004': 'paragraphs 94.2 %, footnotes 112/116',
  'double-spaced/000': 'paragraphs 96.8 %, footnotes 294/314',
  'double-spaced/002': 'paragraphs 97.0 %, footnotes 268/268',
  'double-spaced/003': 'paragraphs 95.4 %, footnotes 217/227',
  'double-spaced/004': 'paragraphs 96.0 %, footnotes 114/116',
  'paragraph-per-line/000': 'paragraphs 91.8 %, footnotes 314/314',
  'paragraph-per-line/002': 'paragraphs 99.3 %, footnotes 267/268',
  'paragraph-per-line/003': 'paragraphs 97.4 %, footnotes 227/227',
  'paragraph-per-line/004': 'paragraphs 100.0 %, footnotes 114/116',
  'markdown-footnotes/000': 'paragraphs 95.0 %, footnotes 313/314',
  'markdown-sup/000': 'paragraphs 93.1 %, footnotes 313/314',
  'markdown-sup/003': 'paragraphs 98.7 %, footnotes 223/227',
  'markdown-sup/004': 'paragraphs 99.6 %, footnotes 114/116',
  'endnotes/000': 'paragraphs 99.1 %, footnotes 292/314',
  'endnotes/002': 'paragraphs 96.1 %, footnotes 268/268',
  'endnotes/003': 'paragraphs 96.7 %, footnotes 218/227',
  'endnotes/004': 'paragraphs 97.4 %, footnotes 116/116',
  'running-headers/000': 'paragraphs 97.5 %, footnotes 292/314',
  'running-headers/002': 'paragraphs 85.6 %, footnotes 268/268',
  'running-headers/003': 'paragraphs 95.9 %, footnotes 218/227',
  'running-headers/004': 'paragraphs 90.5 %, footnotes 114/116',
  'page-headers/000': 'paragraphs 95.3 %, footnotes 293/314',
  'page-headers/002': 'paragraphs 92.3 %, footnotes 265/268',
  'page-headers/003': 'paragraphs 96.4 %, footnotes 218/227',
  'page-headers/004': 'paragraphs 91.2 %, footnotes 109/116',
  'pdf-pages/000': 'paragraphs 93.4 %, footnotes 293/314',
  'pdf-pages/002': 'paragraphs 91.4 %, footnotes 264/268',
  'pdf-pages/003': 'paragraphs 96.2 %, footnotes 218/227',
  'pdf-pages/004': 'paragraphs 91.6 %, footnotes 113/116',
  'restart-per-chapter/000': 'paragraphs 97.5 %, footnotes 292/314',
  'restart-per-chapter/002': 'paragraphs 97.7 %, footnotes 265/268',
  'restart-per-chapter/003': 'paragraphs 96.2 %, footnotes 218/227',
  'restart-per-chapter/004': 'paragraphs 97.4 %, footnotes 113/116',
  'chapter-files/000': 'paragraphs 97.8 %, footnotes 293/314',
  'chapter-files/002': 'paragraphs 97.5 %, footnotes 268/268',
  'chapter-files/003': 'paragraphs 96.7 %, footnotes 218/227',
  'chapter-files/004': 'paragraphs 96.7 %, footnotes 114/116',
};
const FAILING_CHAPTER_CUT: Record<string, string> = {
  '000': 'paragraphs 315/317 (318 out), footnotes 320/320 (320 out), marker links 317/317 (317 out)',
  '003': 'paragraphs 345/392 (382 out), footnotes 231/234 (234 out), marker links 320/321 (321 out)',
};
const FAILING_SECTIONED: Record<string, string> = {
};
const FAILING_BOUNDARIES: Record<string, string> = {
  '002': 'break precision 0.926, recall 1.000',
  '003': 'break precision 0.966, recall 1.000 (20->22: a full sentence-final line before "Il convient", decided by the openers)',
  '004': 'break precision 0.960, recall 1.000',
};

describe('invariant 1: a book cut into chapter files says what the whole book says', () => {
  for (const file of BOOKS) {
    test(FAILING_CHAPTER_CUT[id(file)])(`${id(file)}: same paragraphs, footnotes and marker links`, () => {
      const r = chapterCutInvariant(book(file));
      expect(r.files).toBeGreaterThan(5);
      expectSame(r);
    });
  }
});

describe('invariant 2: re-rendered in another layout, a book comes back with ≥ 98 % of paragraphs exact and every footnote', () => {
  for (const spec of LAYOUTS) {
    for (const file of BOOKS) {
      test(FAILING_RELAYOUT[`${spec.name}/${id(file)}`])(`${spec.name} (${spec.describe}): ${id(file)}`, () => {
        const r = evaluateLayout(book(file), spec);
        expect(r.paragraphsExact / r.paragraphs).toBeGreaterThanOrEqual(RELAYOUT_PARAGRAPHS);
        expect(r.footnotesExact).toBe(r.footnotes);
      });
    }
  }
});

describe('invariant 3: whole and sectioned runs are identical', () => {
  for (const file of BOOKS) {
    test(FAILING_SECTIONED[id(file)])(`${id(file)} in sections of 60 000 characters`, async () => {
      expectSame(await sectionedInvariant(book(file)));
    });
  }
});

describe('paragraph boundaries read by hand (test/fixtures/boundaries/): precision and recall of "break" ≥ 0.98', () => {
  for (const file of BOOKS) {
    test(FAILING_BOUNDARIES[id(file)])(`${id(file)}`, () => {
      const r = evaluateBoundaries(book(file), BOOKS.filter((f) => f !== file).map(book));
      expect(r.entries).toBeGreaterThan(25);
      expect(r.precision).toBeGreaterThanOrEqual(0.98);
      expect(r.recall).toBeGreaterThanOrEqual(0.98);
    });
  }
});
