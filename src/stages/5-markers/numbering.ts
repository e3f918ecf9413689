/**
 * Stage 5 — markers: what the numbering of a book says — gaps and duplicates in
 * the footnote sequence, marker numbers with no footnote text, footnotes with no
 * marker. Used for a whole book and for a book processed in sections.
 */

export interface Numbering {
  first: number | null;
  last: number | null;
  gaps: Array<[number, number]>;
  duplicates: number[];
  /** marker numbers whose footnote text the book does not contain */
  missing: number[];
  /** footnotes no marker points to */
  orphans: number[];
}

export function footnoteNumbering(footnotes: ReadonlyArray<{ n: number; refs: readonly string[] }>, markerNumbers: Iterable<number>): Numbering {
  const gaps: Array<[number, number]> = [];
  const duplicates: number[] = [];
  let prev = 0;
  for (const { n } of footnotes) {
    if (n === prev) duplicates.push(n);
    else if (n > prev + 1) gaps.push([prev + 1, n - 1]);
    prev = Math.max(prev, n);
  }
  const numbers = new Set(footnotes.map((f) => f.n));
  const missing = [...new Set(markerNumbers)].filter((n) => !numbers.has(n)).sort((a, b) => a - b);
  const orphans = footnotes.filter((f) => f.refs.length === 0).map((f) => f.n);
  return { first: footnotes[0]?.n ?? null, last: prev || null, gaps, duplicates, missing, orphans };
}
