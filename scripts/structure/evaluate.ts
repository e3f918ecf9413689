/**
 * The structure evaluation of issue 8, shared by `npm run eval:structure` and
 * `test/invariants.test.ts`: re-layout scores, the three invariants, boundary gold.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as pipelineModule from '../../src/pipeline.js';
import { readGold, scoreBoundaries, type BoundaryScore } from './boundaries.js';
import { modelFromDocument, type BookModel, type DocLike } from './model.js';
import { runPipeline, runSectioned } from './pipeline.js';
import { LAYOUTS, render, type LayoutSpec } from './render-layouts.js';
import { compare, expectedStructure, structureOf, type StructureScore } from './score.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fromRoot = (...p: string[]) => {
  // compiled into dist/scripts/structure: the repository is two levels further up
  const direct = join(ROOT, ...p);
  return existsSync(join(ROOT, 'corpus')) ? direct : join(ROOT, '..', ...p);
};
export const CORPUS = fromRoot('corpus');
export const FIXTURES = fromRoot('test', 'fixtures');

export interface Book {
  name: string;
  file: string;
  text: string;
  chapters: number[];
  whole: DocLike;
  model: BookModel;
}

export function chapterStarts(): Record<string, number[]> {
  return parse(readFileSync(join(FIXTURES, 'chapters.yaml'), 'utf8')) as Record<string, number[]>;
}

export function loadBook(file: string): Book {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  const chapters = chapterStarts()[file] ?? [];
  const whole = runPipeline(text, `corpus/${file}`);
  const name = file.replace(/\.[^.]+$/, '');
  return { name, file, text, chapters, whole, model: modelFromDocument(name, whole, chapters) };
}

export interface LayoutResult extends StructureScore {
  layout: string;
  book: string;
  files: number;
  /** characters of the expected text (the weight of this book in a layout's CER) */
  chars: number;
}

export function evaluateLayout(book: Book, spec: LayoutSpec): LayoutResult {
  const r = render(book.model, spec);
  const docs = r.files.map((f) => runPipeline(f.text, `${spec.name}/${f.name}`));
  const chars = r.expected.paragraphs.join(' ').length;
  return { layout: spec.name, book: book.name, files: r.files.length, chars, ...compare(expectedStructure(r.expected), structureOf(docs)) };
}

/** the original book cut into files at its chapter starts (the matter before the first chapter is a file too) */
export function cutAtChapters(text: string, lines: number[]): string[] {
  const starts: number[] = [0];
  let line = 1;
  const wanted = new Set(lines);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      if (wanted.has(line)) starts.push(i + 1);
    }
  }
  starts.push(text.length);
  const parts: string[] = [];
  for (let i = 0; i + 1 < starts.length; i++) if (starts[i + 1]! > starts[i]!) parts.push(text.slice(starts[i], starts[i + 1]));
  return parts.filter((p) => p.trim());
}

/** invariant 1: the book cut into chapter files says what the whole book says */
export function chapterCutInvariant(book: Book): StructureScore & { files: number } {
  const parts = cutAtChapters(book.text, book.chapters);
  const docs = parts.map((p, i) => runPipeline(p, `chapters/${book.name}-${String(i).padStart(2, '0')}.txt`));
  return { files: parts.length, ...compare(structureOf([book.whole]), structureOf(docs)) };
}

/** invariant 3: the book processed in sections says what the whole run says */
export async function sectionedInvariant(book: Book, sectionChars = 60_000): Promise<StructureScore> {
  const doc = await runSectioned(book.text, `corpus/${book.file}`, sectionChars);
  return compare(structureOf([book.whole]), structureOf([doc]));
}

/** invariant 2 for one layout result: ≥ 98 % paragraphs exact and every footnote */
export const RELAYOUT_PARAGRAPHS = 0.98;
export function relayoutHolds(r: StructureScore): boolean {
  return r.paragraphsExact >= RELAYOUT_PARAGRAPHS * r.paragraphs && r.footnotesExact === r.footnotes;
}

/**
 * Boundary calibration, leave-one-book-out. The interface a `src/` module may export:
 *
 *   calibrateParagraphs(texts: string[]): unknown      — boundary parameters from these books only
 *   processDecoded(text, { …, paragraphParams })        — run with given parameters
 *
 * When the pipeline exports no such hook, each book is measured as the pipeline runs on
 * it by default (it then calibrates on nothing but the book itself, or not at all), and
 * the result says so (`calibration: 'none (per-book run)'`).
 */
type Hook = (texts: string[]) => unknown;
const hook = (pipelineModule as unknown as Record<string, unknown>).calibrateParagraphs as Hook | undefined;
export const CALIBRATION = typeof hook === 'function' ? 'leave-one-book-out (calibrateParagraphs)' : 'none (per-book run: no calibration hook exported by src/)';

export function goldBooks(): string[] {
  const names = Object.keys(chapterStarts());
  return names.filter((f) => existsSync(join(FIXTURES, 'boundaries', f.replace(/\.txt$/, '.yaml'))));
}

/** the boundary gold scored on the plain per-book run (the book's own evidence alone) */
export function evaluateBoundariesPerBook(book: Book): BoundaryScore {
  return scoreBoundaries(book.whole, readGold(join(FIXTURES, 'boundaries', `${book.name}.yaml`)));
}

/** the boundary gold scored leave-one-book-out: priors from `others` only, when the pipeline exports the hook */
export function evaluateBoundaries(book: Book, others: Array<{ file: string; text: string }>): BoundaryScore {
  if (typeof hook !== 'function') return evaluateBoundariesPerBook(book);
  const gold = readGold(join(FIXTURES, 'boundaries', `${book.name}.yaml`));
  const params = hook(others.filter((o) => o.file !== book.file).map((o) => o.text));
  const doc = pipelineModule.processDecoded(book.text, { path: `corpus/${book.file}`, paragraphParams: params } as never).doc as unknown as DocLike;
  return scoreBoundaries(doc, gold);
}

export { LAYOUTS };
