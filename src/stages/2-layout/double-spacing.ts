/**
 * Stage 2 — layout: is the text double-spaced (a blank line after every line of a paragraph)?
 *
 * A blank line after most lines is not enough: a text with one short paragraph per line and
 * a blank line between them (a title page, an imprint, a few sentences) shows the same
 * rhythm. What only double spacing shows is wrapped prose across the blank line: a line
 * filled to the wrap width, ending mid-sentence, and the sentence going on in lower case
 * after one blank line. These "full wraps" are counted at each gap (0 and 1 blank lines):
 * the text is double-spaced when its wraps happen after one blank line at least as often as
 * directly, and make a real share of the pairs across one blank line (a chance pair in a
 * title page does not make a rhythm). Full = the next line's first word would not have
 * fitted on the line, within the width measured on the text itself (the 95th percentile of
 * the lengths of the lines in that rhythm).
 */
import type { ClassifiedLine } from './classify-lines.js';

export interface DoubleSpacingEvidence {
  /** line pairs with no blank line between, and one blank line between */
  pairs: [number, number];
  /** full wraps among them */
  wraps: [number, number];
  /** the width fullness was measured against, in each rhythm */
  width: [number, number];
  /** the evidence says double-spaced */
  doubleSpaced: boolean;
}

/**
 * Share of the pairs across one blank line that must be full wraps. In wrapped prose most
 * line ends fall inside a sentence and many of the next lines go on in lower case (half or
 * more of the pairs); a text of one paragraph per line shows none but by chance (a title
 * page, an imprint line that happens to be long). A tenth is far from both.
 */
export const MIN_WRAP_SHARE = 0.1;

const ENDS_SENTENCE = /[.!?…:;]["»”)\]]*$/;
const NEXT_LOWER = /^["«“(]?\s?\p{Ll}/u;

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(0.95 * (s.length - 1)))]! : 0;
}

export function doubleSpacingEvidence(lines: ClassifiedLine[]): DoubleSpacingEvidence {
  // consecutive text lines with 0 or 1 blank line between
  const pairs: Array<{ a: ClassifiedLine; b: ClassifiedLine; gap: 0 | 1 }> = [];
  let prev: ClassifiedLine | undefined;
  let gap = 0;
  for (const l of lines) {
    if (l.cls === 'blank') {
      gap++;
      continue;
    }
    if (l.cls === 'text' && prev && gap <= 1) pairs.push({ a: prev, b: l, gap: gap as 0 | 1 });
    prev = l.cls === 'text' ? l : undefined;
    gap = 0;
  }
  // the width of each rhythm: the lines followed at that gap (a single-spaced footnote block
  // of long reference lines does not widen a double-spaced body)
  const width: [number, number] = [0, 1].map((g) => p95(pairs.filter((p) => p.gap === g).map((p) => p.a.t.length))) as [number, number];
  const count: [number, number] = [0, 0];
  const wraps: [number, number] = [0, 0];
  for (const { a, b, gap: g } of pairs) {
    count[g]++;
    if (ENDS_SENTENCE.test(a.t) || !NEXT_LOWER.test(b.t)) continue;
    const firstWord = /^\S+/.exec(b.t)?.[0].length ?? 0;
    if (a.t.length + 1 + firstWord > width[g]) wraps[g]++;
  }
  return {
    pairs: count,
    wraps,
    width,
    doubleSpaced: wraps[1] >= 1 && wraps[1] >= wraps[0] && wraps[1] >= MIN_WRAP_SHARE * count[1],
  };
}
