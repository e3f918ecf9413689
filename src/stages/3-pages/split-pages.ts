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
import { entryLabel } from '../2-layout/endnote-sections.js';

export type PageItem =
  /** opens: the first body line after an endnotes section — a new block starts there */
  | { k: 'body'; line: number; afterBreak: boolean; gapBefore: number; opens?: true }
  | { k: 'chapter'; line: number }
  /** chapter: the numbering run (1, then one more at each restart of the numbering) */
  | { k: 'fn-start'; line: number; n: number; labelLength: number; chapter: number }
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
  /** the numbering run reached before `from` */
  startChapter = 1,
): PageItem[] {
  const items: PageItem[] = [];
  const wrapped = isWrappedLayout(ev.layout);
  const usesSeparators = lines.some((l) => l.cls === 'separator' && l.rule !== 'layout/form-feed');
  // does the book lead its page continuations with a space? (measured: a few such lines at least)
  let spaceLed = 0;
  for (let i = from; i < to && spaceLed < 3; i++) if (lines[i]!.cls === 'text' && lines[i]!.lead >= 1 && lines[i]!.lead <= 3) spaceLed++;
  const resumesWithoutSpace = !usesSeparators || spaceLed < 3;
  let lastFn = startFootnote;
  let state: 'body' | 'notes' | 'after-page-number' = 'body';
  let pendingBreak = false;
  let gap = 0;
  let haveFootnote = startFootnote > 0;
  let chapter = startChapter;
  let restart = false;
  let headingSinceNote = false;
  let lastFnLine = from - 1;
  /** under a `Notes` heading: every line is endnote text until the next chapter */
  let endnotes = false;
  /** where the endnotes section measured in stage 2 ends (endnote-sections.ts): the body resumes there */
  let endnotesEnd = Infinity;
  let subheadings: number[] = [];
  let entryShape = '';
  let opens = false;
  // a book whose notes are endnotes (a section cited by the text's markers): numbered
  // paragraphs of its body are lists, not page footnotes
  const endnoteBook = lines.some((l) => l.endnotes?.cited);

  const startNote = (i: number, n: number, labelLength: number) => {
    if (restart) chapter++;
    restart = false;
    headingSinceNote = false;
    lastFnLine = i;
    items.push({ k: 'fn-start', line: i, n, labelLength, chapter });
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
    items.push({ k: 'body', line: i, afterBreak: pendingBreak, gapBefore: gap, ...(opens ? { opens: true as const } : {}) });
    pendingBreak = false;
    opens = false;
    state = 'body';
  };

  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (endnotes && i >= endnotesEnd) {
      // the endnotes section ends: the body resumes with a new block
      endnotes = false;
      endnotesEnd = Infinity;
      state = 'body';
      pendingBreak = true;
      opens = true;
    }
    if (l.cls === 'blank') {
      gap++;
      continue;
    }
    if (endnotes && subheadings.includes(i)) {
      items.push({ k: 'removed', line: i, kind: 'notes-heading', rule: 'layout/notes-subheading' });
      headingSinceNote = true;
      gap = 0;
      continue;
    }
    const gapHere = gap;
    if (l.cls !== 'separator') gap = 0;
    if (l.formFeed || l.rule === 'layout/form-feed') {
      // a form feed starts a page: what follows is the body again (its footnotes came before)
      state = 'body';
      pendingBreak = true;
      if (l.cls === 'separator') {
        items.push({ k: 'removed', line: i, kind: 'page-break', rule: 'layout/form-feed' });
        continue;
      }
    }
    if (l.cls === 'separator') {
      items.push({ k: 'removed', line: i, kind: 'page-break', rule: l.rule ?? 'layout/page-separator' });
      state = 'notes';
      pendingBreak = true;
      gap = 0;
      continue;
    }
    if (l.cls === 'furniture') {
      items.push({ k: 'removed', line: i, kind: l.rule === 'layout/boilerplate' || l.rule === 'layout/running-title' ? 'running-header' : 'junk', rule: l.rule! });
      continue;
    }
    if (l.cls === 'page-number') {
      items.push({ k: 'removed', line: i, kind: 'page-number', rule: l.rule! });
      state = 'after-page-number';
      pendingBreak = true;
      continue;
    }
    if (l.cls === 'notes-heading') {
      items.push({ k: 'removed', line: i, kind: 'notes-heading', rule: l.rule ?? 'layout/notes-heading' });
      endnotes = true;
      endnotesEnd = l.endnotes?.end ?? Infinity;
      subheadings = l.endnotes?.subheadings ?? [];
      entryShape = l.endnotes?.shape ?? '';
      headingSinceNote = true;
      state = 'notes';
      pendingBreak = true;
      continue;
    }
    if (l.cls === 'chapter') {
      endnotes = false;
      endnotesEnd = Infinity;
      opens = false;
      headingSinceNote = true;
      items.push({ k: 'chapter', line: i });
      state = 'body';
      pendingBreak = false;
      continue;
    }
    // a text line
    const strong = hasResourceLabel(l.text);
    const fs = matchFootnoteStart(unfed(l), strong);
    let inSeq = fs !== null && (fs.form === 'clean' ? fs.n > lastFn : fitsSequence(fs.n, lastFn));
    // a file that starts mid-book (a chapter file): its first footnote may carry any number,
    // when the footnotes after it go on from it or a marker in the text before calls it
    if (fs && !inSeq && !haveFootnote && fs.n > lastFn && (continuesNumbering(lines, i, to, fs.n) || calledBefore(lines, from, i, fs.n))) inSeq = true;
    // the numbering restarts at 1 (per chapter): after a chapter heading, or with evidence —
    // the footnotes after it go on from 1, or a marker 1 in the text since the last footnote
    restart = false;
    if (fs && haveFootnote && (fs.form === 'clean' ? (fs.chapter ?? 1) > chapter : !inSeq && fs.n === 1 && lastFn >= 2)) {
      if (fs.form === 'clean' || headingSinceNote || continuesNumbering(lines, i, to, 1) || calledBefore(lines, lastFnLine + 1, i, 1)) inSeq = restart = true;
    }
    // inside a footnote whose line stopped mid-sentence, a number other than the next
    // one starts a line of its text (`… environ` / `17 résidents en 2021 …`)
    if (inSeq && fs!.form !== 'clean' && fs!.n !== lastFn + 1 && state === 'notes' && gapHere === 0 && midSentence(lines[i - 1])) inSeq = false;

    if (endnotes) {
      // the section's own label shape, measured in stage 2 (`6. 8ème réunion` is entry 6)
      const e = entryShape ? entryLabel(l.text) : null;
      if (fs && inSeq) startNote(i, fs.n, fs.labelLength);
      else if (e && e.shape === entryShape && e.n > lastFn && e.n <= lastFn + 3 && !midSentence(lines[i - 1])) startNote(i, e.n, e.length);
      else contNote(i);
      continue;
    }

    if (!wrapped) {
      // one paragraph per line: footnotes are paragraphs that start with the next number
      if (endnoteBook) body(i);
      else if (fs && inSeq && fs.form === 'clean') startNote(i, fs.n, fs.labelLength);
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
      if (resumesWithoutSpace && l.lead === 0 && readsAsProse(l) && (gapHere > 0 || (lastNoteEndsWithUrl(lines, i) && /^\p{Ll}/u.test(l.t)))) {
        body(i);
        continue;
      }
      contNote(i);
      continue;
    }

    // state body
    const opensBlock = usesSeparators || endnoteBook ? false : gapHere > ev.wrapGap;
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
    if (ev.wrapGap > 0 && gapHere < ev.wrapGap && haveFootnote && !endnoteBook) {
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
    items.push({ k: 'body', line: i, afterBreak: pendingBreak, gapBefore: gapHere, ...(opens ? { opens: true as const } : {}) });
    pendingBreak = false;
    opens = false;
  }
  return items;
}

/** Lines from i on, before the next blank-free run ends, include a start of footnote lastFn+k. */
function tailBeforeNextNote(lines: ClassifiedLine[], i: number, to: number, lastFn: number): boolean {
  for (let k = i + 1; k < Math.min(to, i + 6); k++) {
    const l = lines[k]!;
    if (l.cls !== 'text') continue;
    const strong = hasResourceLabel(l.text);
    const fs = matchFootnoteStart(unfed(l), strong);
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

/** A footnote start numbered n+1 to n+3 follows within the next lines (before any other footnote start). */
function continuesNumbering(lines: ClassifiedLine[], i: number, to: number, n: number): boolean {
  for (let k = i + 1; k < Math.min(to, i + 120); k++) {
    const l = lines[k]!;
    if (l.cls !== 'text') continue;
    const fs = matchFootnoteStart(unfed(l), hasResourceLabel(l.text));
    if (fs && fs.n > n && fs.n <= n + 3) return true;
  }
  return false;
}

/** The text before line i holds n as a marker glued to a word, quote or punctuation. */
function calledBefore(lines: ClassifiedLine[], from: number, i: number, n: number): boolean {
  const re = new RegExp(`[\\p{L}"”»).,;:](?:${n}|\\(${n}\\)|\\[${n}\\])(?![\\d\\p{L}])`, 'u');
  for (let k = Math.max(from, i - 80); k < i; k++) if (lines[k]!.cls === 'text' && re.test(lines[k]!.text)) return true;
  return false;
}

/** The line stops mid-sentence: no closing punctuation, URL or reference page at its end. */
function midSentence(l: ClassifiedLine | undefined): boolean {
  return l !== undefined && l.cls === 'text' && /(?:^|\s)\p{L}+,?$/u.test(l.t) && !/(?:https?:\/\/|www\.)\S*$/.test(l.t);
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

/** The line's text with a leading form feed read as a space (same offsets). */
function unfed(l: ClassifiedLine): string {
  return l.formFeed ? l.text.replace('\f', ' ') : l.text;
}
