/**
 * Stage 3 — pages: walk the body lines page by page and tell body text from
 * footnote blocks and page furniture. A footnote block opens at a page break
 * (a long white-space separator, a `---` rule, or a blank line before a line that
 * starts footnote N+1) and closes where the body resumes (a line led by one space,
 * a chapter heading, or the line after a page number and its link stubs).
 * Footnote numbers must increase: a `31 -mln-…` URL tail after footnote 285 is text.
 *
 * Reads classified lines and regions; returns an item per line.
 */
import { isWrappedLayout, type ClassifiedLine, type LayoutEvidence } from '../2-layout/classify-lines.js';
import { fitsSequence, hasResourceLabel, looksLikeCitation, matchFootnoteStart } from './footnote-start.js';

export type PageItem =
  | { k: 'body'; line: number; afterBreak: boolean; gapBefore: number }
  | { k: 'chapter'; line: number }
  | { k: 'fn-start'; line: number; n: number; labelLength: number }
  | { k: 'fn-cont'; line: number }
  | { k: 'removed'; line: number; kind: string; rule: string };

const URL_STUB = /^\s*(?:https?:\/\/|www\.)\S*\s*$/;
/** a lone token that can only be the tail of a URL carried over from the previous page */
const URL_TAIL = /^[\w%.~-]*[\/=?#][\w%.~\/=?#&-]*$/;

export function splitPages(
  lines: ClassifiedLine[],
  from: number,
  to: number,
  ev: LayoutEvidence,
  /** the last footnote number seen before `from` (a section of a larger book starts mid-sequence) */
  startFootnote = 0,
): PageItem[] {
  const items: PageItem[] = [];
  const wrapped = isWrappedLayout(ev.layout);
  const usesSeparators = lines.some((l) => l.cls === 'separator');
  let lastFn = startFootnote;
  let state: 'body' | 'notes' | 'after-page-number' = 'body';
  let pendingBreak = false;
  let gap = 0;
  let haveFootnote = startFootnote > 0;

  const startNote = (i: number, n: number, labelLength: number) => {
    items.push({ k: 'fn-start', line: i, n, labelLength });
    lastFn = n;
    haveFootnote = true;
    state = 'notes';
    pendingBreak = true;
  };
  const contNote = (i: number) => {
    if (haveFootnote) items.push({ k: 'fn-cont', line: i });
    else items.push({ k: 'removed', line: i, kind: 'footnote-fragment', rule: 'footnotes/orphan-fragment' });
  };
  const body = (i: number) => {
    items.push({ k: 'body', line: i, afterBreak: pendingBreak, gapBefore: gap });
    pendingBreak = false;
    state = 'body';
  };

  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.cls === 'blank') {
      gap++;
      continue;
    }
    const gapHere = gap;
    if (l.cls !== 'separator') gap = 0;
    if (l.cls === 'separator') {
      items.push({ k: 'removed', line: i, kind: 'page-break', rule: l.rule ?? 'layout/page-separator' });
      state = 'notes';
      pendingBreak = true;
      gap = 0;
      continue;
    }
    if (l.cls === 'furniture') {
      items.push({ k: 'removed', line: i, kind: l.rule === 'layout/boilerplate' ? 'running-header' : 'junk', rule: l.rule! });
      continue;
    }
    if (l.cls === 'page-number') {
      items.push({ k: 'removed', line: i, kind: 'page-number', rule: l.rule! });
      state = 'after-page-number';
      pendingBreak = true;
      continue;
    }
    if (l.cls === 'chapter') {
      items.push({ k: 'chapter', line: i });
      state = 'body';
      pendingBreak = false;
      continue;
    }
    // a text line
    const strong = hasResourceLabel(l.text);
    const fs = matchFootnoteStart(l.text, strong);
    const inSeq = fs !== null && (fs.form === 'clean' ? fs.n > lastFn : fitsSequence(fs.n, lastFn));

    if (!wrapped) {
      // one paragraph per line: footnotes are paragraphs that start with the next number
      if (fs && inSeq && fs.form === 'clean') startNote(i, fs.n, fs.labelLength);
      else if (fs && inSeq && (fs.form !== 'dotted' || looksLikeCitation(l.text)) && (fs.form !== 'plain' || looksLikeCitation(l.text) || fs.n <= lastFn + 2)) {
        startNote(i, fs.n, fs.labelLength);
      } else if (haveFootnote && (strong || /^(?:U ?RL ?:|<https?:|\[?https?:\/\/)/.test(l.t))) {
        // the rest of a footnote carried over a page: a paragraph with a resource label is never body text
        items.push({ k: 'fn-cont', line: i });
      } else body(i);
      continue;
    }

    if (state === 'after-page-number') {
      if (URL_STUB.test(l.text)) {
        items.push({ k: 'removed', line: i, kind: 'link-stub', rule: 'layout/link-stub' });
        continue;
      }
      if (fs && inSeq) {
        startNote(i, fs.n, fs.labelLength);
        continue;
      }
      body(i);
      continue;
    }

    if (state === 'notes') {
      if (fs && inSeq) {
        startNote(i, fs.n, fs.labelLength);
        continue;
      }
      if (l.lead >= 1 && l.lead <= 3 && resumesBody(lines, i, to, ev)) {
        body(i);
        continue;
      }
      // a book whose page continuations are not space-led: prose after a blank line, or a
      // lower-case line of prose right after a complete reference, is the body again
      if (!usesSeparators && l.lead === 0 && readsAsProse(l) && (gapHere > 0 || (lastNoteEndsWithUrl(lines, i) && /^\p{Ll}/u.test(l.t)))) {
        body(i);
        continue;
      }
      contNote(i);
      continue;
    }

    // state body
    const opensBlock = usesSeparators ? false : gapHere > ev.wrapGap;
    if (opensBlock && fs && inSeq) {
      startNote(i, fs.n, fs.labelLength);
      continue;
    }
    if (opensBlock && haveFootnote && (strong || ((looksLikeCitation(l.text) || URL_TAIL.test(l.t)) && tailBeforeNextNote(lines, i, to, lastFn)))) {
      // a footnote continued from the previous page, right before the next footnote
      items.push({ k: 'fn-cont', line: i });
      state = 'notes';
      pendingBreak = true;
      continue;
    }
    // double-spaced text: single-spaced lines that read as citations are footnote
    // material threaded into the body without a separator
    if (ev.wrapGap > 0 && gapHere < ev.wrapGap && haveFootnote) {
      if (fs && inSeq && looksLikeCitation(l.text + ' ' + (lines[i + 1]?.text ?? ''))) {
        startNote(i, fs.n, fs.labelLength);
        continue;
      }
      if (looksLikeCitation(l.text)) {
        items.push({ k: 'fn-cont', line: i });
        state = 'notes';
        pendingBreak = true;
        continue;
      }
    }
    items.push({ k: 'body', line: i, afterBreak: pendingBreak, gapBefore: gapHere });
    pendingBreak = false;
  }
  return items;
}

/** Lines from i on, before the next blank-free run ends, include a start of footnote lastFn+k. */
function tailBeforeNextNote(lines: ClassifiedLine[], i: number, to: number, lastFn: number): boolean {
  for (let k = i + 1; k < Math.min(to, i + 6); k++) {
    const l = lines[k]!;
    if (l.cls !== 'text') continue;
    const strong = hasResourceLabel(l.text);
    const fs = matchFootnoteStart(l.text, strong);
    if (fs && fitsSequence(fs.n, lastFn)) return true;
    if (l.lead >= 1 && l.lead <= 3) return false;
  }
  return false;
}

/**
 * A line led by one to three spaces after a footnote block is where the body
 * resumes on the next page — unless it reads like the rest of a citation, or,
 * in double-spaced text, it is followed directly by another text line (footnote
 * blocks are single-spaced there).
 */
function resumesBody(lines: ClassifiedLine[], i: number, to: number, ev: LayoutEvidence): boolean {
  const l = lines[i]!;
  if (looksLikeCitation(l.text) || URL_TAIL.test(l.t)) return false;
  // the previous line broke a URL slug at a hyphen and this one goes on with slug words
  let p = i - 1;
  while (p > 0 && lines[p]!.cls === 'blank') p--;
  if (/-$/.test(lines[p]!.t) && /^[a-z0-9]+-[a-z0-9-]*(?:\s|$)/.test(l.t)) return false;
  if (ev.layout === 'double-spaced') {
    const next = lines[i + 1];
    // the body's rhythm (a blank line after each line) resumes within a few lines
    let blanks = 0;
    for (let k = i + 1; k < Math.min(to, i + 7); k++) if (lines[k]!.cls === 'blank') blanks++;
    if (blanks >= 2 && !looksLikeCitation(next?.text ?? '')) return true;
    if (next && i + 1 < to && next.cls === 'text' && next.lead === 0 && !/^\d{1,3}\p{Lu}/u.test(next.t)) {
      // single-spaced after it: still inside the footnote block, unless it is lower-case prose
      return /^\p{Ll}/u.test(l.t) && !/^\d{1,3} /.test(next.t);
    }
  }
  return true;
}

/** A line of running text: words and spaces, no reference label, URL or slug. */
function readsAsProse(l: ClassifiedLine): boolean {
  return /^["«(]?\p{L}/u.test(l.t) && l.t.split(/\s+/).length >= 4 && !looksLikeCitation(l.text) && !URL_TAIL.test(l.t) && !/^\S*[\/=?#]\S*(?:\s|$)/.test(l.t) && !/ - \d{4}\./.test(l.t);
}

/** The footnote line before `i` ends with a URL (the reference is complete). */
function lastNoteEndsWithUrl(lines: ClassifiedLine[], i: number): boolean {
  let p = i - 1;
  while (p > 0 && lines[p]!.cls === 'blank') p--;
  return /(?:https?:\/\/|www\.)\S*[\/\w]$/.test(lines[p]!.t) || /^\S*\/\S*$/.test(lines[p]!.t);
}
