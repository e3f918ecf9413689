/**
 * Stage 5 — markers: what the numbering of a book says — gaps and duplicates in
 * the footnote sequence, marker numbers with no footnote text, footnotes with no
 * marker. Used for a whole book and for a book processed in sections.
 *
 * A footnote is (chapter, n); numbers of the first numbering run are reported as
 * numbers, those of a later run (the numbering restarted) as their id `chapter.n`.
 */
import { footnoteId } from '../../types.js';

type Label = number | string;

export interface Numbering {
  first: number | null;
  last: number | null;
  gaps: Array<[Label, Label]>;
  duplicates: Label[];
  /** marker numbers whose footnote text the book does not contain */
  missing: Label[];
  /** footnotes no marker points to */
  orphans: Label[];
  /** numbering runs: 1, or one more per restart of the numbering */
  chapters?: number;
}

export interface NumberedNote {
  n: number;
  chapter: number;
  refs: readonly string[];
}

const label = (chapter: number, n: number): Label => (chapter <= 1 ? n : footnoteId(chapter, n));

/** `markers`: ids (`footnoteId`) of the markers seen in the text. */
export function footnoteNumbering(footnotes: ReadonlyArray<NumberedNote>, markers: Iterable<string>): Numbering {
  const markerIds = [...markers];
  const gaps: Array<[Label, Label]> = [];
  const duplicates: Label[] = [];
  // the numbering starts where the file's first footnote or marker does (a chapter file starts mid-book)
  const firstRun = markerIds.filter((id) => !id.includes('.')).map(Number);
  let chapter = footnotes[0]?.chapter ?? 1;
  let prev = Math.max(0, Math.min(footnotes[0]?.n ?? 1, ...firstRun) - 1);
  let last = 0;
  for (const { n, chapter: c } of footnotes) {
    if (c !== chapter) {
      chapter = c;
      prev = 0;
    }
    if (n === prev) duplicates.push(label(c, n));
    else if (n > prev + 1) gaps.push([label(c, prev + 1), label(c, n - 1)]);
    prev = Math.max(prev, n);
    last = prev;
  }
  const ids = new Set(footnotes.map((f) => footnoteId(f.chapter, f.n)));
  const missing = [...new Set(markerIds)]
    .filter((id) => !ids.has(id))
    .sort((a, b) => compareIds(a, b))
    .map((id) => (id.includes('.') ? id : Number(id)));
  const orphans = footnotes.filter((f) => f.refs.length === 0).map((f) => label(f.chapter, f.n));
  const chapters = new Set(footnotes.map((f) => f.chapter)).size;
  return { first: footnotes[0]?.n ?? null, last: last || null, gaps, duplicates, missing, orphans, ...(chapters > 1 ? { chapters } : {}) };
}

function compareIds(a: string, b: string): number {
  const [ca, na] = a.includes('.') ? a.split('.').map(Number) : [1, Number(a)];
  const [cb, nb] = b.includes('.') ? b.split('.').map(Number) : [1, Number(b)];
  return ca! - cb! || na! - nb!;
}
