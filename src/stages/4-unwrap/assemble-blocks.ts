/**
 * Stage 4 — unwrap: build paragraphs and footnotes from the page items. Joins
 * wrapped lines (with the hyphenation decision), re-joins a paragraph that a page
 * break cut (the continuation after a footnote block), keeps paragraph ends.
 * Every join is a rule-tagged change of the MappedText, so nothing is lost.
 */
import type { BlockKind } from '../../types.js';
import { MappedText } from '../../text/mapped-text.js';
import { isWrappedLayout, type ClassifiedLine, type LayoutEvidence } from '../2-layout/classify-lines.js';
import type { PageItem } from '../3-pages/split-pages.js';
import { decideGlue, type Vocabulary } from './hyphenation.js';
import { LINE_END_FUNCTION_WORD } from '../../lang/fr/index.js';

export interface BlockDraft {
  kind: BlockKind;
  mt: MappedText;
  /** lines that make up the block (0-based) */
  lines: number[];
  /** the block was re-joined across a page break */
  rejoined?: boolean;
  /** set by the chapter-heading logic */
  heading?: boolean;
}

export interface FootnoteDraft {
  n: number;
  mt: MappedText;
  lines: number[];
}

export interface RemovedDraft {
  kind: string;
  line: number;
  rule: string;
}

export interface AssembleContext {
  source: string;
  lines: ClassifiedLine[];
  ev: LayoutEvidence;
  vocab: Vocabulary;
  prefixes: Set<string>;
}

const STAGE = 'unwrap';
/** a line ending with one of these words goes on: it is not a title */
const FUNCTION_WORD_END = LINE_END_FUNCTION_WORD;
const TERMINAL = /[.!?…:;]["»”)\]*]*\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>)?\s*\.?$/;

function contentStart(l: ClassifiedLine): number {
  return l.start + l.lead;
}
function contentEnd(l: ClassifiedLine): number {
  return l.start + l.text.trimEnd().length;
}

/** Append line `l` to `mt`, gluing it to what is already there. */
export function joinLine(
  mt: MappedText,
  prev: ClassifiedLine | undefined,
  l: ClassifiedLine,
  ctx: AssembleContext,
  skipLabel = 0,
  rule?: string,
): void {
  const from = contentStart(l) + Math.max(0, skipLabel - l.lead);
  const to = contentEnd(l);
  if (!prev || mt.length === 0) {
    if (skipLabel > 0) mt.pushChange(l.start, from, '', 'footnotes/label', 'footnotes');
    mt.pushKept(ctx.source, from, to);
    return;
  }
  const prevText = mt.tail(80);
  const nextText = ctx.source.slice(from, to);
  const glue = decideGlue(prevText, nextText, ctx.vocab, ctx.prefixes);
  const pEnd = contentEnd(prev);
  const contiguous = prev.i + 1 === l.i || allBlankBetween(ctx.lines, prev.i, l.i);
  if (glue.dropHyphen) {
    // the hyphen is the last kept character of the previous line
    mt.replace(mt.length - 1, mt.length, '', glue.rule, STAGE);
  }
  const r = rule ?? glue.rule;
  if (contiguous) {
    mt.pushChange(pEnd, from, glue.text, r, STAGE);
  } else {
    mt.pushChange(pEnd, prev.end, glue.text, r, STAGE);
    if (from > l.start) mt.pushChange(l.start, from, '', skipLabel > 0 ? 'footnotes/label' : r, STAGE);
  }
  mt.pushKept(ctx.source, from, to);
}

function allBlankBetween(lines: ClassifiedLine[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (lines[k]!.cls !== 'blank') return false;
  return true;
}

/** Does a paragraph that stops at `prev` go on with `next` after a page break? */
export function continuesAfterBreak(prev: string, next: string): boolean {
  const p = prev.replace(/\*+\s*$/, '').trimEnd();
  const nx = next.trimStart().replace(/^(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>|[•„\s>r]+)(?=\p{Ll})/u, '').replace(/^\*+/, '');
  if (/[\p{L}\d]-$/u.test(p)) return true;
  if (/^\p{Ll}/u.test(nx)) return true;
  if (p.length === 0) return false;
  return !TERMINAL.test(p);
}

export function assembleBody(items: PageItem[], ctx: AssembleContext): {
  blocks: BlockDraft[];
  footnotes: FootnoteDraft[];
  removed: RemovedDraft[];
} {
  const { lines, ev } = ctx;
  const wrapped = isWrappedLayout(ev.layout);
  const blocks: BlockDraft[] = [];
  const footnotes: FootnoteDraft[] = [];
  const removed: RemovedDraft[] = [];
  let cur: BlockDraft | undefined;
  let curLast: ClassifiedLine | undefined;
  let fn: FootnoteDraft | undefined;
  let fnLast: ClassifiedLine | undefined;
  let titleMode = false;

  const close = () => {
    cur = undefined;
    curLast = undefined;
  };
  const open = (l: ClassifiedLine, kind: BlockKind = 'paragraph') => {
    cur = { kind, mt: new MappedText(), lines: [] };
    blocks.push(cur);
    joinLine(cur.mt, undefined, l, ctx);
    cur.lines.push(l.i);
    curLast = l;
  };
  const extend = (l: ClassifiedLine, rule?: string) => {
    joinLine(cur!.mt, curLast, l, ctx, 0, rule);
    cur!.lines.push(l.i);
    curLast = l;
  };

  for (const it of items) {
    const l = lines[it.line]!;
    switch (it.k) {
      case 'removed':
        removed.push({ kind: it.kind, line: it.line, rule: it.rule });
        continue;
      case 'fn-start':
        fn = { n: it.n, mt: new MappedText(), lines: [it.line] };
        footnotes.push(fn);
        joinLine(fn.mt, undefined, l, ctx, it.labelLength);
        fnLast = l;
        continue;
      case 'fn-cont':
        if (!fn) {
          removed.push({ kind: 'footnote-fragment', line: it.line, rule: 'footnotes/orphan-fragment' });
          continue;
        }
        if (opensUnnumberedNote(fn.mt.tail(60), l, lines)) {
          // a whole new reference where the previous one was complete: a footnote that lost its number
          fn = { n: Number.NaN, mt: new MappedText(), lines: [it.line] };
          footnotes.push(fn);
          joinLine(fn.mt, undefined, l, ctx);
          fnLast = l;
          continue;
        }
        joinLine(fn.mt, fnLast, l, ctx);
        fn.lines.push(it.line);
        fnLast = l;
        continue;
      case 'chapter':
        close();
        open(l, 'heading');
        cur!.heading = true;
        close();
        titleMode = wrapped;
        continue;
      case 'body':
        break;
    }
    // a body line
    if (!cur || !curLast) {
      open(l, titleMode ? 'heading' : 'paragraph');
      if (titleMode && !(ev.trailingSpaceMarksWrap && l.trailing)) titleMode = false;
      continue;
    }
    const soFar = cur.mt.tail(200);
    const soFarLength = cur.mt.length;
    const nextText = l.t;
    if (!wrapped) {
      if (it.afterBreak && cur.kind === 'paragraph' && continuesAfterBreak(soFar, nextText)) {
        extend(l, 'footnotes/rejoin-page-break');
        cur.rejoined = true;
      } else open(l);
      continue;
    }
    if (titleMode) {
      // chapter title lines: continue while the previous line kept a trailing space
      if (curLast.trailing && ev.trailingSpaceMarksWrap) {
        extend(l);
        if (!l.trailing) {
          titleMode = false;
          close();
        }
        continue;
      }
      titleMode = false;
      open(l);
      continue;
    }
    if (it.afterBreak) {
      if (continuesAfterBreak(soFar, nextText)) {
        extend(l, 'footnotes/rejoin-page-break');
        cur.rejoined = true;
      } else open(l);
      continue;
    }
    if (wrapJoins(soFar, soFarLength, curLast, l, it.gapBefore, ctx)) extend(l);
    else open(l);
  }
  return { blocks, footnotes: numberUnnumbered(footnotes, ctx), removed };
}

/** Within one page: is the line break between prev and l a wrap (true) or a paragraph end? */
function wrapJoins(soFar: string, soFarLength: number, prev: ClassifiedLine, l: ClassifiedLine, gap: number, ctx: AssembleContext): boolean {
  const { ev } = ctx;
  const terminal = TERMINAL.test(soFar.replace(/\*+\s*$/, '').trimEnd());
  const nextLower = /^(?:\d{1,3})?[\p{Ll}]/u.test(l.t) || /^[•„\s>r]+\p{Ll}/u.test(l.t);
  // a line ending in a word and a hyphen always goes on (`Saint-` / `Pétersbourg`)
  if (/[\p{L}\d]-$/u.test(prev.t)) return true;
  if (gap > ev.wrapGap) {
    // an unexpected blank line: a paragraph end unless the sentence visibly goes on
    return !terminal && nextLower;
  }
  if (gap < ev.wrapGap) {
    // double-spaced text with no blank line: a page turn (space-led) or a new paragraph
    // a finished sentence on a line without the usual trailing space ends the paragraph
    if (ev.trailingSpaceMarksWrap && !prev.trailing && terminal) return false;
    return l.lead >= 1 || (nextLower && (!terminal || /:\s*$/.test(soFar)));
  }
  // a title line (short, no final punctuation) followed by the start of a sentence
  const width = ev.wrapWidth || 80;
  const nextStartsSentence = /^\d{0,3}[\p{Lu}"«]/u.test(l.t);
  if (soFarLength <= 120 && !terminal && prev.t.length < width * 0.75 && nextStartsSentence && !/[,;]$/.test(prev.t) && !FUNCTION_WORD_END.test(prev.t)) {
    return false;
  }
  // a short line that ends a sentence, followed by a capital: a paragraph end, whatever the spaces say
  if (terminal && prev.t.length < width * 0.8 && nextStartsSentence) return false;
  if (ev.trailingSpaceMarksWrap) {
    if (prev.trailing) return true;
    return !terminal && nextLower;
  }
  if (ev.layout === 'double-spaced') {
    return !(terminal && !prev.trailing);
  }
  // no trailing-space convention: a short line ending a sentence ends the paragraph
  return !(terminal && prev.t.length < width * 0.8);
}

/**
 * A footnote-block line that starts a new reference (a capital, then a resource label
 * within its first lines) right after a reference that ended with its URL or its page.
 */
function opensUnnumberedNote(prevTail: string, l: ClassifiedLine, lines: ClassifiedLine[]): boolean {
  if (!/^["«]?\p{Lu}\p{Ll}/u.test(l.t)) return false;
  if (!/(?:https?:\/\/\S+|\/|[CС]\. ?\d+\.?|\d{4}\/?)\s*$/.test(prevTail)) return false;
  const head = [l.text, lines[l.i + 1]?.text ?? '', lines[l.i + 2]?.text ?? ''].join(' ');
  return /\[(?:Ressource|ressource|Electronic|electronic)/.test(head);
}

/**
 * A footnote that lost its number takes the one missing between its neighbours
 * (`114`, [no number], `116` → 115, rule `footnotes/number-inferred`); when no number
 * is missing there, it is joined back to the footnote before it.
 */
function numberUnnumbered(footnotes: FootnoteDraft[], ctx: AssembleContext): FootnoteDraft[] {
  const out: FootnoteDraft[] = [];
  for (let i = 0; i < footnotes.length; i++) {
    const f = footnotes[i]!;
    if (!Number.isNaN(f.n)) {
      out.push(f);
      continue;
    }
    const prev = out[out.length - 1];
    const next = footnotes.slice(i + 1).find((x) => !Number.isNaN(x.n));
    const candidate = (prev?.n ?? 0) + 1;
    if (next === undefined || next.n > candidate) {
      f.n = candidate;
      const first = f.mt.pieces[0];
      if (first) f.mt.pieces.unshift({ from: first.from, to: first.from, text: '', rule: 'footnotes/number-inferred', stage: 'footnotes' });
      out.push(f);
    } else if (prev) {
      const prevLast = ctx.lines[prev.lines[prev.lines.length - 1]!]!;
      const firstLine = ctx.lines[f.lines[0]!]!;
      const firstEnd = firstLine.start + firstLine.text.trimEnd().length;
      const rest = f.mt.pieces.filter((p) => p.from >= firstEnd && !(p.from === p.to && p.from === firstEnd && p.rule === undefined));
      joinLine(prev.mt, prevLast, firstLine, ctx);
      prev.mt.pieces.push(...rest);
      prev.lines.push(...f.lines);
    }
  }
  return out;
}
