/**
 * Stage 4 — unwrap: build paragraphs and footnotes from the page items. Joins
 * wrapped lines (with the hyphenation decision), re-joins a paragraph that a page
 * break cut (the continuation after a footnote block), keeps paragraph ends.
 * Every join is a rule-tagged change of the MappedText, so nothing is lost.
 */
import type { BlockKind } from '../../types.js';
import { MappedText, type Piece } from '../../text/mapped-text.js';
import { isWrappedLayout, type ClassifiedLine, type LayoutEvidence } from '../2-layout/classify-lines.js';
import type { PageItem } from '../3-pages/split-pages.js';
import { decideGlue, type DecisionNote, type Vocabulary } from './hyphenation.js';
import { LINE_END_FUNCTION_WORD } from '../../lang/fr/index.js';
import { classifyBlock } from './classify-blocks.js';
import { acrossPageBreak, type PageBreakDecision } from './page-breaks.js';
import { calibrate, decide, type Boundary, type BreakParams, type LineShape } from './paragraph-breaks.js';

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
  /** numbering run (1, then one more at each restart of the numbering) */
  chapter: number;
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
  /** the book's paragraph-boundary parameters (`calibrateText` of the whole book); calibrated on the body items when absent */
  breakParams?: BreakParams;
  /** a section of a larger book: the last body line before it and the blank lines between */
  sectionStart?: { line: LineShape; gap: number };
  /** collects the pieces where two lines of a page were joined with a space (the URL stage looks for cut URLs there) */
  joins?: Set<Piece>;
}

const STAGE = 'unwrap';
/** a line ending with one of these words goes on: it is not a title */
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
  note?: DecisionNote,
): void {
  const from = contentStart(l) + Math.max(0, skipLabel - l.lead);
  const to = contentEnd(l);
  if (!prev || mt.length === 0) {
    if (skipLabel > 0) mt.pushChange(l.start, from, '', 'footnotes/label', 'footnotes');
    mt.pushKept(ctx.source, from, to);
    return;
  }
  const prevText = mt.tail(200);
  const nextText = ctx.source.slice(from, to);
  const glue = decideGlue(prevText, nextText, ctx.vocab, ctx.prefixes);
  const pEnd = contentEnd(prev);
  const contiguous = prev.i + 1 === l.i || allBlankBetween(ctx.lines, prev.i, l.i);
  if (glue.dropHyphen) {
    // the hyphen is the last kept character of the previous line
    mt.replace(mt.length - 1, mt.length, '', glue.rule, STAGE);
    annotate(mt.pieces[mt.pieces.length - 1], glue);
  }
  const r = rule ?? glue.rule;
  const before = mt.pieces.length;
  if (contiguous) {
    mt.pushChange(pEnd, from, glue.text, r, STAGE);
  } else {
    mt.pushChange(pEnd, prev.end, glue.text, r, STAGE);
    if (from > l.start) mt.pushChange(l.start, from, '', skipLabel > 0 ? 'footnotes/label' : r, STAGE);
  }
  // the join's audit entry carries the evidence of the boundary decision and of the hyphen decision
  const joinPiece = mt.pieces.length > before ? mt.pieces[before] : undefined;
  if (joinPiece && joinPiece.rule === r) {
    annotate(joinPiece, note);
    if (!glue.dropHyphen) annotate(joinPiece, glue);
    if (rule === undefined && glue.text === ' ') ctx.joins?.add(joinPiece);
  }
  mt.pushKept(ctx.source, from, to);
}

function annotate(p: Piece | undefined, note: DecisionNote | undefined): void {
  if (!p || !note) return;
  if (note.evidence) p.evidence = { ...(p.evidence ?? {}), ...note.evidence };
  if (note.uncertain) p.uncertain = true;
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

/**
 * In a book of one paragraph per line, a line with no sentence end followed by one that goes
 * on in lower case (not a lettered item `b) …`) is one paragraph cut in two.
 */
export function goesOnInLowerCase(prev: string, next: string): boolean {
  const p = prev.replace(/\*+\s*$/, '').trimEnd();
  if (p.length === 0 || TERMINAL.test(p)) return false;
  const nx = next.trimStart().replace(/^(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>)(?=\p{Ll})/u, '');
  return /^\p{Ll}/u.test(nx) && !/^\p{Ll}\)/u.test(nx);
}

/**
 * A wrapped paragraph at a page break: in a book whose wrapped lines keep a trailing space,
 * a last line that keeps one goes on (`… deuxième phase. ` / notes / `Au total, …`; a line
 * without one proves nothing: page ends often lose it); a title goes on only when the next
 * line visibly does (a hyphen, lower case after no sentence end); else `continuesAfterBreak`.
 */
function goesOnAfterBreak(prev: string, next: string, kind: BlockKind, trailingWrap: boolean): boolean {
  const visibly = () => /[\p{L}\d]-$/u.test(prev.trimEnd()) || goesOnInLowerCase(prev, next);
  if (kind === 'heading') return visibly();
  if (trailingWrap && prev.trimEnd().length > 0) return true;
  if (titleBeforeBreak(prev, next)) return visibly();
  return continuesAfterBreak(prev, next);
}

/** The block before a page break reads as a title (short, no sentence punctuation, not ending on `de`, `la`…) before a capital. */
function titleBeforeBreak(text: string, next: string): boolean {
  return classifyBlock(text, next, false) === 'heading' && !LINE_END_FUNCTION_WORD.test(text.trimEnd());
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
  const params = wrapped ? (ctx.breakParams ?? calibrate(bodyBoundaries(items, lines))) : undefined;

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
  const extend = (l: ClassifiedLine, rule?: string, note?: DecisionNote) => {
    joinLine(cur!.mt, curLast, l, ctx, 0, rule, note);
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
        fn = { n: it.n, chapter: it.chapter, mt: new MappedText(), lines: [it.line] };
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
          fn = { n: Number.NaN, chapter: fn.chapter, mt: new MappedText(), lines: [it.line] };
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
    // a body line; after an endnotes section a new block starts whatever came before
    if (it.opens) close();
    if (!cur || !curLast) {
      const first = blocks.length === 0 && it.k === 'body' && !it.afterBreak ? ctx.sectionStart : undefined;
      open(l, titleMode ? 'heading' : 'paragraph');
      if (first && params) {
        // a section of a larger book: the break before its first paragraph, decided as the whole book decides it
        const d = decide(params, { line: first.line, next: shapeOf(l), gap: first.gap, soFar: first.line.text });
        if (d.decision === 'break') markBreak(cur!, l, { evidence: { decision: d.reason, ...d.evidence }, ...(d.uncertain ? { uncertain: true } : {}) });
      }
      if (titleMode && !(ev.trailingSpaceMarksWrap && l.trailing)) titleMode = false;
      continue;
    }
    const soFar = cur.mt.tail(200);
    const soFarLength = cur.mt.length;
    const nextText = l.t;
    if (!wrapped) {
      if (it.afterBreak && cur.kind === 'paragraph' && continuesAfterBreak(soFar, nextText) && (!titleBeforeBreak(soFar, nextText) || goesOnInLowerCase(soFar, nextText))) {
        extend(l, 'footnotes/rejoin-page-break', pageBreakNote(soFar, nextText, true));
        cur.rejoined = true;
      } else {
        open(l);
        if (it.afterBreak) markBreak(cur!, l, pageBreakNote(soFar, nextText, false));
      }
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
      // the book's own evidence (indent, blank-line rhythm) when it marks paragraphs; else the text
      const trailingWrap = params?.trailingMarksWrap === true && curLast.trailing;
      const kind = cur.kind;
      const pb = acrossPageBreak(params, shapeOf(curLast), shapeOf(l), soFar, soFarLength, (a, b) => goesOnAfterBreak(a, b, kind, trailingWrap), runFrom(lines, l.i));
      if (pb.goesOn) {
        extend(l, 'footnotes/rejoin-page-break', pageBreakNote(soFar, nextText, true, pb));
        cur.rejoined = true;
      } else {
        open(l);
        markBreak(cur!, l, pageBreakNote(soFar, nextText, false, pb));
      }
      continue;
    }
    const d = decide(params!, { line: shapeOf(curLast), next: shapeOf(l), gap: it.gapBefore, soFar, nextRun: runFrom(lines, l.i) }, soFarLength);
    const note: DecisionNote = { evidence: { decision: d.reason, ...d.evidence }, ...(d.uncertain ? { uncertain: true } : {}) };
    if (d.decision === 'join') extend(l, undefined, note);
    else {
      open(l);
      markBreak(cur!, l, note);
    }
  }
  return { blocks, footnotes: numberUnnumbered(footnotes, ctx), removed };
}

/** A paragraph break is an audit entry too: zero-width, where the new paragraph starts (its first piece), with its evidence. */
function markBreak(b: BlockDraft, first: ClassifiedLine, note: DecisionNote): void {
  const at = contentStart(first);
  b.mt.pieces.unshift({ from: at, to: at, text: '', rule: 'layout/paragraph-break', stage: STAGE, ...note });
}

/** The evidence of a decision at a page break (`continuesAfterBreak`). */
function pageBreakNote(soFar: string, next: string, goesOn: boolean, pb?: PageBreakDecision): DecisionNote {
  const p = soFar.replace(/\*+\s*$/, '').trimEnd();
  return {
    ...(pb?.uncertain ? { uncertain: true } : {}),
    evidence: {
      decision: goesOn ? 'continues-after-page-break' : 'page-break-at-sentence-end',
      ...(pb?.reason ? { boundary: pb.reason } : {}),
      endsWithHyphen: /[\p{L}\d]-$/u.test(p),
      endsSentence: TERMINAL.test(p),
      nextStarts: /^\P{L}*\p{Ll}/u.test(next.trimStart()) ? 'lower' : 'other',
    },
  };
}

/** the text lines from line i on up to the next blank line (at most 4 read) */
function runFrom(lines: ClassifiedLine[], i: number): { lines: number; last: string } | undefined {
  let k = i;
  while (k < lines.length && k < i + 4 && lines[k]!.cls === 'text') k++;
  if (k === i || (k < lines.length && lines[k]!.cls === 'text')) return undefined;
  return { lines: k - i, last: lines[k - 1]!.t };
}

export function shapeOf(l: ClassifiedLine): LineShape {
  return { text: l.t, lead: l.lead, trailing: l.trailing, trailingSpaces: l.text.length - l.text.trimEnd().length };
}

/** The book's line pairs inside pages (no page break between them): what the boundary decision calibrates on. */
function bodyBoundaries(items: PageItem[], lines: ClassifiedLine[]): Boundary[] {
  const out: Boundary[] = [];
  let prev: ClassifiedLine | undefined;
  for (const it of items) {
    if (it.k !== 'body') {
      if (it.k !== 'removed') prev = undefined;
      continue;
    }
    const l = lines[it.line]!;
    if (prev && !it.afterBreak) out.push({ line: shapeOf(prev), next: shapeOf(l), gap: it.gapBefore });
    prev = l;
  }
  return out;
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
    if (next === undefined || next.chapter !== f.chapter || next.n > candidate) {
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
