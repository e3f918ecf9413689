/**
 * Stage 3 — pages, double-spaced books: footnote blocks that no separator line opens.
 *
 * In a double-spaced book every body line is followed by a blank line, so the blank line
 * before a footnote block looks like any wrap; what sets a block apart is measured on the
 * lines themselves:
 *  - its own rhythm: a footnote block is usually single-spaced (`1 Zheng, X. …` directly
 *    followed by its next line), which a double-spaced body never is;
 *  - or, for a note of one line (or a double-spaced block), the number called by a marker in
 *    the text since the previous footnote (`…la Route"¹.` then `1 Zheng…`).
 * Where the body resumes after a single-spaced block, the rhythm says so too: the first line
 * after a blank line that does not open the next footnote is the body again.
 */
import type { ClassifiedLine } from '../2-layout/classify-lines.js';
import { hasResourceLabel } from './footnote-start.js';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const toSuperscript = (n: number) => String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);

/** The next text line after `i` comes with no blank line between (a single-spaced run). */
function followedDirectly(lines: ClassifiedLine[], i: number, to: number): boolean {
  const next = lines[i + 1];
  return i + 1 < to && next !== undefined && next.cls === 'text';
}

/**
 * The body lines between `from` and `i` hold a marker for footnote n: a superscript `ⁿ`
 * (not the power of a unit), `<sup>n</sup>`, or digits glued to a word, quote or
 * punctuation (`Route"1.`, `pays12 `), `(n)`, `[n]`.
 */
function markerBefore(lines: ClassifiedLine[], from: number, i: number, n: number): boolean {
  const sup = toSuperscript(n);
  const glued = new RegExp(`[\\p{L}"”»).,;:](?:${n}|\\(${n}\\)|\\[${n}\\])(?![\\d\\p{L}])|<sup>${n}</sup>`, 'u');
  // not the power of a unit (`km²`, `m³`)
  const superscript = new RegExp(`(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])(?<!(?:^|[\\s\\d(])[kcdm]?m)${sup}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])`, 'u');
  for (let k = Math.max(from, i - 120); k < i; k++) {
    const l = lines[k]!;
    if (l.cls !== 'text') continue;
    if (l.text.includes(sup) ? superscript.test(l.text) : glued.test(l.text)) return true;
  }
  return false;
}

/**
 * Does line `i` (in the body of a double-spaced book, after a blank line, shaped like the
 * start of footnote n in sequence) open a footnote block?
 */
export function opensDoubleSpacedNotes(lines: ClassifiedLine[], i: number, to: number, n: number, lastFnLine: number, from: number): boolean {
  if (followedDirectly(lines, i, to)) return true;
  return markerBefore(lines, Math.max(from, lastFnLine + 1), i, n);
}

/**
 * In the footnote block before line `i` (after `gap` blank lines), the last note line was
 * directly under another text line: the block is single-spaced, so a blank line ends it.
 */
export function afterSingleSpacedBlock(lines: ClassifiedLine[], i: number, gap: number): boolean {
  const p = i - gap - 1;
  return gap >= 1 && p >= 1 && lines[p]!.cls === 'text' && lines[p - 1]!.cls === 'text';
}

/** The single-spaced run that line `i` opens (the lines directly under it, a few at most) holds a resource label. */
export function runHasResourceLabel(lines: ClassifiedLine[], i: number, to: number): boolean {
  for (let k = i + 1; k < Math.min(to, i + 4) && lines[k]!.cls === 'text'; k++) if (hasResourceLabel(lines[k]!.text)) return true;
  return false;
}

/** Most of the line's tokens are words (letters, apostrophes, hyphens, a punctuation mark after): prose, not a URL or a code cut in pieces. */
export function mostlyWords(t: string): boolean {
  const tokens = t.split(/\s+/).filter(Boolean);
  const words = tokens.filter((w) => /^["«(]?[\p{L}'’-]+["»),.;:!?]*$/u.test(w)).length;
  return tokens.length > 0 && words >= 0.6 * tokens.length;
}
