/**
 * Stage 2 — layout, for a book processed in sections (`src/write/write-sectioned.ts`):
 * what only the whole book can say is detected once, on the whole text, and handed to
 * every section, so that a section decides as the whole book would.
 *
 * - the layout evidence (layout, wrap width, blank-line rhythm, trailing spaces);
 * - the book's regions: front matter and table of contents, bibliography, back matter
 *   (their anchors are found by their place in the book: a section that holds the end
 *   of a bibliography has no heading of its own, a TOC is near the start of the book,
 *   not of a section);
 * - whether the file is markdown (its evidence counted over the whole file).
 *
 * The whole text is classified once here and the lines are dropped after: only the
 * region line numbers and the evidence are kept.
 */
import { LineIndex } from '../../text/lines.js';
import { markdownEvidence } from '../4-unwrap/strip-markup.js';
import { findBookMatter, type MatterRegions } from './book-matter.js';
import { markEndnoteSections } from './endnote-sections.js';
import { classifyLines, detectLayout, type LayoutEvidence } from './classify-lines.js';
import type { LayoutRules } from './layout-rules.js';
import { splitPages } from '../3-pages/split-pages.js';

/** Regions with line numbers of the whole file (0-based). */
interface BookRegions {
  bodyStart: number;
  bodyEnd: number;
  bibStart: number | null;
  backStart: number | null;
  tocLines: number[];
  notesStart: number | null;
}

export interface BookLevel {
  evidence: LayoutEvidence;
  regions: BookRegions;
  markdown: boolean;
  /** line spans from a footnote's first line to the last line carried over to it from a later page: no section may start inside one */
  noteSpans: Array<[number, number]>;
}

/** Book-level layout facts of the whole text. */
export function bookLevel(text: string, rules: LayoutRules): BookLevel {
  const lines = classifyLines(new LineIndex(text).lines, rules);
  const evidence = detectLayout(lines);
  // as in the layout stage: notes sections first, since the book matter reads their marks
  markEndnoteSections(lines, evidence.wrapGap, rules);
  const r = findBookMatter(lines, rules);
  return {
    evidence,
    regions: { bodyStart: r.bodyStart, bodyEnd: r.bodyEnd, bibStart: r.bibStart, backStart: r.backStart, tocLines: [...r.tocLines].sort((a, b) => a - b), notesStart: r.notesStart },
    markdown: markdownEvidence(text).markdown,
    noteSpans: noteSpans(splitPages(lines, r.bodyStart, r.bodyEnd, evidence)),
  };
}

function noteSpans(items: ReturnType<typeof splitPages>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = -1;
  let last = -1;
  for (const it of items) {
    if (it.k === 'fn-start') {
      if (last > start) spans.push([start, last]);
      start = last = it.line;
    } else if (it.k === 'fn-cont' && start >= 0) last = it.line;
  }
  if (last > start) spans.push([start, last]);
  return spans;
}

/** Whether a section may start at line `line` (0-based): not inside a footnote that goes on after it. */
export function outsideNotes(book: BookLevel, line: number): boolean {
  const spans = book.noteSpans;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, z] = spans[mid]!;
    if (line <= a) hi = mid - 1;
    else if (line > z) lo = mid + 1;
    else return false;
  }
  return true;
}

/**
 * The book's regions as seen from a section whose first line is line `first` of the file
 * and which has `count` lines: a region that began in an earlier section begins at the
 * section's first line, one that begins after the section is not in it.
 */
export function sectionRegions(book: BookRegions, first: number, count: number): MatterRegions {
  const local = (x: number) => Math.min(count, Math.max(0, x - first));
  const inOrBefore = (x: number | null) => (x !== null && x < first + count ? local(x) : null);
  const tocLines = new Set<number>();
  for (const l of book.tocLines) if (l >= first && l < first + count) tocLines.add(l - first);
  return {
    bodyStart: local(book.bodyStart),
    bodyEnd: local(book.bodyEnd),
    bibStart: inOrBefore(book.bibStart),
    backStart: inOrBefore(book.backStart),
    tocLines,
    notesStart: inOrBefore(book.notesStart),
  };
}
