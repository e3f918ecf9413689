/**
 * Stage 3 — pages: where the body resumes after a footnote block when the book marks its
 * paragraphs with a first-line indent (`    Le texte…`) instead of leading its page
 * continuations with one space. Measured in the book itself: the indent is the usual
 * lead of its space-led text lines, and it counts only when enough lines carry it.
 */
import type { ClassifiedLine } from '../2-layout/classify-lines.js';
import { looksLikeCitation } from './footnote-start.js';

/**
 * The book's first-line indent: the most frequent lead (2 to 12 spaces) of its text
 * lines, when at least 2 % of them (and 3 lines) carry it; 0 when the book shows none.
 * Leads of one space are the space-led page continuations of other books, not an indent.
 */
export function paragraphIndent(lines: ClassifiedLine[], from: number, to: number): number {
  const counts = new Map<number, number>();
  let text = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.cls !== 'text') continue;
    text++;
    if (l.lead >= 2 && l.lead <= 12) counts.set(l.lead, (counts.get(l.lead) ?? 0) + 1);
  }
  let best = 0;
  let n = 0;
  for (const [lead, c] of counts) if (c > n || (c === n && lead < best)) [best, n] = [lead, c];
  return n >= 3 && n >= 0.02 * text ? best : 0;
}

/** a lone token that can only be the tail of a URL carried over from the previous page */
const URL_TAIL = /^[\w%.~-]*[\/=?#][\w%.~\/=?#&-]*$/;

/** words and spaces, no reference label, URL or slug */
function prose(t: string, minWords: number, digitStart = false): boolean {
  return (digitStart ? /^["«“(]?[\p{L}\d]/u : /^["«“(]?\p{L}/u).test(t) && t.split(/\s+/).length >= minWords && !looksLikeCitation(t) && !URL_TAIL.test(t) && !/^\S*[\/=?#]\S*(?:\s|$)/.test(t) && !/ - \d{4}\./.test(t);
}

/**
 * After a blank line that closes a footnote block, the line at the book's indent is a new
 * paragraph of the body when it reads as prose. A short unindented line (`produits du
 * magasin"103.`, `2019"17. Quant à…`: a paragraph's last words at the top of the next page)
 * is the body too when it reads as prose and the line after it does.
 */
export function resumesAfterNotes(lines: ClassifiedLine[], i: number, to: number, indent: number): boolean {
  const l = lines[i]!;
  if (indent > 0 && l.lead === indent && prose(l.t, 3, true)) return true;
  if (l.lead !== 0 || !prose(l.t, 1, true)) return false;
  const next = lines[i + 1];
  if (next === undefined || i + 1 >= to || next.cls !== 'text') return false;
  // one word alone (`culturel"118.`): only before a paragraph at the book's indent
  if (!prose(l.t, 2, true) && !(indent > 0 && next.lead === indent)) return false;
  return (next.lead === indent || next.lead === 0) && prose(next.t, 4);
}

/**
 * The line goes on with a URL cut at the end of the footnote line before it: it holds a
 * slug (`proshel-v-gorode-xux`, ` -forum-`), or the line after it ends the URL
 * (`kitava/.`, `99900.html`).
 */
export function continuesUrl(lines: ClassifiedLine[], i: number): boolean {
  const l = lines[i]!;
  if (/\p{L}+-\p{L}+-\p{L}+|\s-\p{L}|\S\/\S/u.test(l.t)) return true;
  const next = lines[i + 1];
  return next !== undefined && next.cls === 'text' && next.lead === 0 && (/\/\.?$|\.html?\.?$/.test(next.t) || URL_TAIL.test(next.t));
}
