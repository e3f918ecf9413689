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
import { noteEndsComplete, slugLine } from './notes-end.js';
import { continuesUrl, paragraphIndent, resumesAfterNotes } from './page-resume.js';
import { afterSingleSpacedBlock, mostlyWords, opensDoubleSpacedNotes, runHasResourceLabel } from './double-spaced.js';
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
  const doubleSpaced = ev.layout === 'double-spaced';
  const usesSeparators = lines.some((l) => l.cls === 'separator' && l.rule !== 'layout/form-feed');
  // does the book lead its page continuations with a space? (measured: a few such lines at least)
  // (a first-line indent of two or three spaces is the paragraphs' mark, not a continuation's)
  const indent = wrapped ? paragraphIndent(lines, from, to) : 0;
  let spaceLed = 0;
  for (let i = from; i < to && spaceLed < 3; i++) if (lines[i]!.cls === 'text' && lines[i]!.lead >= 1 && lines[i]!.lead <= 3 && lines[i]!.lead !== indent) spaceLed++;
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
  /** the last body line (the paragraph a footnote block cut) */
  let lastBody = -1;
  /** under a `Notes` heading: every line is endnote text until the next chapter */
  let endnotes = false;
  /** the footnote block in progress was opened by a separator line (not by the double-spaced reading) */
  let afterSeparator = false;
  /** where the endnotes section measured in stage 2 ends (endnote-sections.ts): the body resumes there */
  let endnotesEnd = Infinity;
  let subheadings: number[] = [];
  let entryShape = '';
  let opens = false;
  // a book whose notes are endnotes (a section cited by the text's markers): numbered
  // paragraphs of its body are lists, not page footnotes
  const endnoteBook = lines.some((l) => l.endnotes?.cited);

  /** how the footnotes' labels are written so far (`1 `, `1. `, `¹` …): the book's label is the most frequent */
  const forms = new Map<string, number>();
  const usualForm = () => {
    let best: string | undefined;
    for (const [f, c] of forms) if (best === undefined || c > forms.get(best)!) best = f;
    return best;
  };
  const startNote = (i: number, n: number, labelLength: number, form?: string) => {
    if (form) forms.set(form, (forms.get(form) ?? 0) + 1);
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
    lastBody = i;
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
      afterSeparator = true;
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
    // double-spaced: a single-spaced run is read as a whole (`6 8ème réunion…` / `[Ressource électronique]`)
    const fs = matchFootnoteStart(unfed(l), strong || (doubleSpaced && state === 'body' && runHasResourceLabel(lines, i, to)));
    let inSeq = fs !== null && (fs.form === 'clean' ? fs.n > lastFn : fitsSequence(fs.n, lastFn));
    // a file that starts mid-book (a chapter file): its first footnote may carry any number,
    // when the footnotes after it go on from it or a marker in the text before calls it
    if (fs && !inSeq && !haveFootnote && fs.n > lastFn && (continuesNumbering(lines, i, to, fs.n) || calledBefore(lines, from, i, fs.n))) inSeq = true;
    // the numbering restarts at 1 (per chapter): after a chapter heading, or with evidence —
    // the footnotes after it go on from 1, or a marker 1 in the text since the last footnote
    restart = false;
    if (fs && haveFootnote && (fs.form === 'clean' ? (fs.chapter ?? 1) > chapter : !inSeq && fs.n === 1 && lastFn >= 2)) {
      // (a run of `1.`, `2.` … under notes labelled `1 `, `2 ` is a list of the body, not a restart)
      if (fs.form === 'clean' || headingSinceNote || (fs.form === usualForm() && continuesNumbering(lines, i, to, 1)) || calledBefore(lines, lastFnLine + 1, i, 1)) inSeq = restart = true;
    }
    // inside a footnote whose line stopped mid-sentence, a number other than the next
    // one starts a line of its text (`… environ` / `17 résidents en 2021 …`)
    if (inSeq && fs!.form !== 'clean' && fs!.n !== lastFn + 1 && state === 'notes' && gapHere === 0 && midSentence(lines[i - 1])) inSeq = false;
    // after the blank line that ends a footnote block, a number other than the next one goes
    // on with the paragraph the block cut mid-sentence (`signé dès le` / notes / `17 janvier 1996 à Minsk`)
    if (wrapped && inSeq && fs!.form === 'plain' && fs!.n > lastFn + 1 && state === 'notes' && gapHere > 0 && lastBody >= 0 && midSentence(lines[lastBody])) inSeq = false;

    if (endnotes) {
      // the section's own label shape, measured in stage 2 (`6. 8ème réunion` is entry 6)
      const e = entryShape ? entryLabel(l.text) : null;
      if (fs && inSeq) startNote(i, fs.n, fs.labelLength, fs.form);
      else if (e && e.shape === entryShape && e.n > lastFn && e.n <= lastFn + 3 && !midSentence(lines[i - 1])) startNote(i, e.n, e.length);
      else contNote(i);
      continue;
    }

    if (!wrapped) {
      // one paragraph per line: footnotes are paragraphs that start with the next number
      if (endnoteBook) body(i);
      else if (fs && inSeq && fs.form === 'clean') startNote(i, fs.n, fs.labelLength, fs.form);
      else if (fs && inSeq && (fs.form !== 'dotted' || looksLikeCitation(l.text)) && (fs.form !== 'plain' || looksLikeCitation(l.text) || fs.n <= lastFn + 2)) {
        startNote(i, fs.n, fs.labelLength, fs.form);
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
        startNote(i, fs.n, fs.labelLength, fs.form);
        continue;
      }
      body(i);
      continue;
    }

    if (state === 'notes' && gapHere > 0 && resumesWithoutSpace && !endnotes && !(doubleSpaced && !afterSeparator) && !(fs && inSeq && (fs.n === lastFn + 1 || restart || fs.form === 'clean')) && resumesAfterBlank(lines, i, to, l, fs !== null && inSeq)) {
      // a book whose pages do not resume with a space: after a blank line that follows a
      // complete reference, only the next footnote goes on with the block (`notes-end.ts`);
      // a double-spaced block opened without a separator has its own rules below
      body(i);
      continue;
    }
    if (state === 'notes') {
      if (fs && inSeq) {
        startNote(i, fs.n, fs.labelLength, fs.form);
        continue;
      }
      // double-spaced body, single-spaced footnote block: a blank line ends the block
      if (doubleSpaced && !afterSeparator && afterSingleSpacedBlock(lines, i, gapHere) && !looksLikeCitation(l.text) && !URL_TAIL.test(l.t)) {
        body(i);
        continue;
      }
      if (l.lead >= 1 && l.lead <= 3 && resumesBody(lines, i, to, ev)) {
        body(i);
        continue;
      }
      // a double-spaced footnote block (no separator opened it): a note whose last line stopped
      // mid-sentence goes on after the blank line
      if (doubleSpaced && !afterSeparator && gapHere >= 1 && resumesWithoutSpace && (midSentence(lines[i - gapHere - 1]) || !mostlyWords(l.t))) {
        contNote(i);
        continue;
      }
      // double-spaced body: a line directly under a footnote line is the footnote's text
      if (doubleSpaced && gapHere === 0 && resumesWithoutSpace) {
        contNote(i);
        continue;
      }
      // a book whose page continuations are not space-led: prose after a blank line, or a
      // lower-case line of prose right after a complete reference, is the body again
      if (resumesWithoutSpace && l.lead === 0 && (readsAsProse(l) || (gapHere > 0 && shortTailBeforeProse(lines, i, to))) && (gapHere > 0 || (lastNoteEndsWithUrl(lines, i) && /^\p{Ll}/u.test(l.t) && !continuesUrl(lines, i)))) {
        body(i);
        continue;
      }
      // an indented book: after a blank line, a paragraph at the book's indent, or a
      // paragraph's last words before one
      if (gapHere > 0 && resumesWithoutSpace && resumesAfterNotes(lines, i, to, indent)) {
        body(i);
        continue;
      }
      contNote(i);
      continue;
    }

    // state body
    // double-spaced body: a footnote block after the usual blank line, told by its own
    // single spacing or by the marker that calls it
    if (doubleSpaced && gapHere >= 1 && fs && inSeq && fs.form !== 'clean' && opensDoubleSpacedNotes(lines, i, to, fs.n, lastFnLine, from)) {
      afterSeparator = false;
      startNote(i, fs.n, fs.labelLength, fs.form);
      continue;
    }
    const opensBlock = usesSeparators || endnoteBook ? false : gapHere > ev.wrapGap;
    if (opensBlock && fs && inSeq && !doubleSpaced) {
      startNote(i, fs.n, fs.labelLength, fs.form);
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
    // (a chapter file's first footnote too: its number was accepted above from the numbering)
    if (ev.wrapGap > 0 && gapHere < ev.wrapGap && (haveFootnote || (fs !== null && inSeq)) && !endnoteBook) {
      // (a file's first footnote, whose number the numbering already backs: its reference may end a few lines down)
      if (fs && inSeq && looksLikeCitation(l.text + ' ' + (haveFootnote ? (lines[i + 1]?.text ?? '') : nextTextLines(lines, i, to, 3)))) {
        startNote(i, fs.n, fs.labelLength, fs.form);
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
    lastBody = i;
    pendingBreak = false;
    opens = false;
  }
  return items;
}

/** After a blank line, line i is the body again: the footnote before it is complete and the line reads as no reference. */
function resumesAfterBlank(lines: ClassifiedLine[], i: number, to: number, l: ClassifiedLine, numbered: boolean): boolean {
  let p = i - 1;
  while (p > 0 && lines[p]!.cls !== 'text') p--;
  if (!noteEndsComplete(lines[p]!.text)) return false;
  // a numbered line whose next lines read as a reference is a footnote, not the body (`13 Le concept …` / `… - 2015. - URL :`)
  if (numbered && looksLikeCitation(l.text + ' ' + nextTextLines(lines, i, to, 2))) return false;
  return !looksLikeCitation(l.text) && !URL_TAIL.test(l.t) && !hasResourceLabel(l.text) && !slugLine(l.t);
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
  return /^["«(]?\p{L}/u.test(l.t) && l.t.split(/\s+/).length >= 4 && plainWords(l.t) >= 3 && !looksLikeCitation(l.text) && !URL_TAIL.test(l.t) && !/^\S*[\/=?#]\S*(?:\s|$)/.test(l.t) && !/ - \d{4}\./.test(l.t);
}

/** Words of letters only (punctuation around them allowed): a URL slug cut into pieces (`sko-belorusskii -tehnopark-08 -07-`) has none. */
function plainWords(t: string): number {
  return t.split(/\s+/).filter((w) => /^[«"(]?[\p{L}'’]+[»",.;:)]*$/u.test(w)).length;
}

/**
 * A short line after a blank that is no reference material (`5G"¹⁰.`, the last words of a
 * paragraph cut by the page) and is followed directly by a line of prose: the body resumes
 * with it — else one short tail would carry the whole page into the footnote.
 */
function shortTailBeforeProse(lines: ClassifiedLine[], i: number, to: number): boolean {
  const l = lines[i]!;
  const next = lines[i + 1];
  if (!next || i + 1 >= to || next.cls !== 'text' || next.lead !== 0 || !readsAsProse(next)) return false;
  return /^["«(]?[\p{L}\d]/u.test(l.t) && !looksLikeCitation(l.text) && !URL_TAIL.test(l.t) && !/^\S*[\/=?#]\S*(?:\s|$)/.test(l.t) && !/^\d{1,3}\s/.test(l.t) && !/(?:https?:|www\.)/.test(l.t);
}

/** The footnote line before `i` ends with a URL (the reference is complete). */
function lastNoteEndsWithUrl(lines: ClassifiedLine[], i: number): boolean {
  let p = i - 1;
  while (p > 0 && lines[p]!.cls === 'blank') p--;
  return /(?:https?:\/\/|www\.)\S*[\/\w]$/.test(lines[p]!.t) || /^\S*\/\S*$/.test(lines[p]!.t);
}

/** The next `k` text lines after line i (blank lines skipped), joined. */
function nextTextLines(lines: ClassifiedLine[], i: number, to: number, k: number): string {
  const out: string[] = [];
  for (let j = i + 1; j < to && out.length < k; j++) {
    if (lines[j]!.cls === 'text') out.push(lines[j]!.text);
    else if (lines[j]!.cls !== 'blank') break;
  }
  return out.join(' ');
}

/** The line's text with a leading form feed read as a space (same offsets). */
function unfed(l: ClassifiedLine): string {
  return l.formFeed ? l.text.replace('\f', ' ') : l.text;
}
