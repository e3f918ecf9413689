/**
 * Stage 4 — unwrap: does a paragraph cut by a page break (a footnote block, page
 * furniture, a form feed) go on with the first line of the next page?
 *
 * In a book that marks its paragraphs with a first-line indent or a blank line (single-spaced
 * text; measured by `calibrate`), the next page's first line carries its own evidence: indented, it opens
 * a paragraph; not indented, the paragraph goes on — unless the line before the break was
 * a paragraph's last (a short line ending a sentence) or a title, or the line itself opens
 * a title (up to three lines alone before a blank line). That is the decision
 * taken inside a page (`decide`), with the page break read as a wrap's gap.
 * Otherwise the text decides: a hyphen, a lower-case start or no sentence end goes on
 * (`continuesAfterBreak`).
 */
import { decide, titleRun, type Boundary, type BreakParams, type LineShape } from './paragraph-breaks.js';

export interface PageBreakDecision {
  goesOn: boolean;
  /** the boundary decision's reason, when the book's own evidence decided */
  reason?: string;
  uncertain?: boolean;
}

export function acrossPageBreak(
  params: BreakParams | undefined,
  prev: LineShape,
  next: LineShape,
  soFar: string,
  soFarLength: number,
  byText: (soFar: string, next: string) => boolean,
  nextRun?: Boundary['nextRun'],
): PageBreakDecision {
  if (params && (params.indentMarksParagraph || (params.gapMarksParagraph && params.wrapGap === 0))) {
    // a title at the top of the page: up to three lines alone before a blank line
    if (params.indentMarksParagraph && next.lead === 0 && titleRun(nextRun)) return { goesOn: false, reason: 'title-after-page-break' };
    const d = decide(params, { line: prev, next, gap: params.wrapGap, soFar }, soFarLength);
    // a book that marks paragraphs by a blank line shows no gap at a page break: where the
    // lines alone cannot settle it (a full line ending a sentence before a capital), the text decides
    if (!params.indentMarksParagraph && d.uncertain) return { goesOn: byText(soFar, next.text) };
    return { goesOn: d.decision === 'join', reason: d.reason, ...(d.uncertain ? { uncertain: true } : {}) };
  }
  return { goesOn: byText(soFar, next.text) };
}
