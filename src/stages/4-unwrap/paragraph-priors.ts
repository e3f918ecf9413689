/**
 * Paragraph-boundary priors: what a maintainer may fit on a training set of books and ship,
 * as opposed to what is measured in the book being read.
 *
 * Measured in the book itself (evidence, never carried over from other books): how it wraps
 * (`wrapGap`, `wrapWidth`, `fitLimit`), whether a trailing space marks wraps, whether a
 * first-line indent marks paragraphs, its title shape, and the density of its paragraph ends
 * (`fullLineEndOdds`). A wrap width fitted on other books would be wrong for this one.
 *
 * Carried over from other books (a prior): the one piece of language knowledge the decision
 * uses — which sentence openings (`Il convient`, `En 0,`, `Ainsi ,`…) open paragraphs rather
 * than sentences inside them. Those counts are pooled with the book's own (add-one smoothed
 * in `decide`), so a short book, with few clear paragraph ends of its own, still knows how
 * French prose opens paragraphs.
 *
 * `calibratePriors(texts)` reads the training texts with the same `calibrateText` the
 * pipeline runs on each book (no labels: the counts come from clear ends and sentence
 * starts inside lines); `withPriors(params, priors)` adds them to a book's parameters.
 */
import { calibrateText, type BreakParams } from './paragraph-breaks.js';

export interface ParagraphPriors {
  /** how many texts the priors were counted on */
  texts: number;
  openers: BreakParams['openers'];
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

const sorted = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Priors counted on these texts (a training set: never the book they will be used on). */
export function calibratePriors(texts: string[]): ParagraphPriors {
  const paragraph: Record<string, number> = {};
  const inside: Record<string, number> = {};
  let paragraphTotal = 0;
  let insideTotal = 0;
  for (const t of texts) {
    const o = calibrateText(t).openers;
    addCounts(paragraph, o.paragraph);
    addCounts(inside, o.inside);
    paragraphTotal += o.paragraphTotal;
    insideTotal += o.insideTotal;
  }
  return { texts: texts.length, openers: { paragraph: sorted(paragraph), inside: sorted(inside), paragraphTotal, insideTotal } };
}

/** A book's own parameters with the priors' opener counts pooled into its own. */
export function withPriors(params: BreakParams, priors: ParagraphPriors | undefined): BreakParams {
  if (!priors || priors.texts === 0) return params;
  const paragraph = { ...params.openers.paragraph };
  const inside = { ...params.openers.inside };
  addCounts(paragraph, priors.openers.paragraph);
  addCounts(inside, priors.openers.inside);
  return {
    ...params,
    openers: {
      paragraph: sorted(paragraph),
      inside: sorted(inside),
      paragraphTotal: params.openers.paragraphTotal + priors.openers.paragraphTotal,
      insideTotal: params.openers.insideTotal + priors.openers.insideTotal,
    },
  };
}
