/**
 * Stage 2 — layout: a bibliography told from footnotes by evidence, wherever it stands in
 * the file (a book cut into chapter files has its bibliography as a file of its own, whose
 * heading is its first line, not in the second half of a book).
 *
 * A bibliography heading (`Littérature`, `Bibliographie`, `Sources`…, rule
 * `layout/bibliography`; not a notes heading such as `Notes` or `Références` followed by
 * notes, which is the endnotes' business) opens a bibliography when
 * - nothing of the body comes before it in the file: no prose line can carry a marker that
 *   points into the list (only blank lines, furniture, page numbers and headings), and
 * - what follows it, up to the back matter or the end, is a numbered list that starts at 1
 *   and goes on 2, 3, … (numbering that continues no footnotes), at least three entries,
 *   with no chapter heading inside it.
 */
import type { ClassifiedLine } from './classify-lines.js';
import { matchLine, type LayoutRules } from './layout-rules.js';

const ENTRY = /^(?:#+\s*)?(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)]?)\s+\S/;
const MIN_ENTRIES = 3;

/** The line of a bibliography heading that opens a reference list between `from` and `to`, or null. */
export function referenceListStart(lines: ClassifiedLine[], rules: LayoutRules, from: number, to: number): number | null {
  for (let h = from; h < to; h++) {
    const l = lines[h]!;
    if (l.cls === 'blank' || l.cls === 'furniture' || l.cls === 'separator' || l.cls === 'page-number') continue;
    // the first text line of the body: a bibliography heading, or no reference list opens this file
    if (l.cls === 'text' && l.t.length <= 80 && matchLine(rules.bibliographyHeading, l.t)) return numberedToEnd(lines, h + 1, to) ? h : null;
    if (l.cls !== 'chapter') return null;
  }
  return null;
}

/** Lines `from`..`to` are a list numbered 1, 2, 3, … (continuation lines between entries allowed), with no heading inside. */
function numberedToEnd(lines: ClassifiedLine[], from: number, to: number): boolean {
  let next = 1;
  let first = true;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.cls === 'chapter' || l.cls === 'notes-heading') return false;
    if (l.cls !== 'text') continue;
    const m = ENTRY.exec(l.t);
    const n = m ? Number(m[1] ?? m[2] ?? m[3]) : undefined;
    if (first) {
      // the list opens with entry 1
      if (n !== 1) return false;
      first = false;
      next = 2;
      continue;
    }
    if (n === next) next++;
  }
  return next - 1 >= MIN_ENTRIES;
}
