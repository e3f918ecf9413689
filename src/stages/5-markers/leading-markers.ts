/**
 * Stage 5 — markers: a file that starts mid-book (a chapter file) whose first footnote
 * texts are missing. Its footnotes start at `lo` (126), but the text before calls
 * 108, 109, … 125 in order: the markers go on, one by one, up to the first footnote's
 * number, so the numbering itself proves those footnotes missing and the numbers are
 * markers (as they are in the whole book, where they fall inside its range).
 *
 * Measured on the text only: the chain must be unbroken (every number from the new
 * lower bound up to `lo - 1` is a marker-shaped number of the text), in reading order,
 * and it ends right before the marker of the first footnote (`… 125 … 126`); without that
 * marker in the text, the chain must be at least `MIN_CHAIN` long.
 */

/** the shortest chain taken as proof when the first footnote's own marker is not in the text */
export const MIN_CHAIN = 2;

/**
 * The lower bound of the numbering once the chain of marker-shaped numbers that leads
 * up to `lo` is counted (`lo` itself when there is none). `numbers`: the marker-shaped
 * numbers of the text in reading order (glued to a word, a quote, a sentence start, or
 * superscripts; never a number floating between words).
 */
export function chainedLowerBound(lo: number, numbers: readonly number[]): number {
  if (!Number.isFinite(lo) || lo <= 1) return lo;
  const first = new Map<number, number>();
  numbers.forEach((n, i) => {
    if (!first.has(n)) first.set(n, i);
  });
  let bound = lo;
  let limit = first.get(lo) ?? numbers.length;
  while (bound > 1) {
    const at = first.get(bound - 1);
    if (at === undefined || at >= limit) break;
    bound--;
    limit = at;
  }
  return lo - bound >= (first.has(lo) ? 1 : MIN_CHAIN) ? bound : lo;
}
