/**
 * Stage 4 — unwrap: is the line break between two body lines of one page a wrap
 * (join) or a paragraph end (break)? Decided from evidence measured in the book
 * itself, never from constants fitted to particular books:
 *
 *  - `calibrate(boundaries)` reads the book's line pairs. The pairs where the next
 *    line starts in lower case after a line without sentence-final punctuation are
 *    wraps in any book; their statistics say how this book wraps:
 *      wrapGap      the usual number of blank lines inside a paragraph (mode)
 *      wrapWidth    the 95th percentile of wrapped line lengths (the wrap width)
 *      fitLimit     the 5th percentile of `line + space + next word` over wraps: a
 *                   line the next word would have fitted on (fit < fitLimit) was not
 *                   ended by the wrap — the "short last line" evidence (the 1st
 *                   percentile, `fitLimitStrict`, when a trailing space says "wrap")
 *      trailing     share of wrapped lines ending with a space (≥ 90 %), versus the share
 *                   among clear paragraph ends (short, sentence-final, capital next; ≤ 50 %,
 *                   or, with no clear end, the lines without one mostly end a sentence):
 *                   when wraps keep one and ends do not, a missing trailing space is a break
 *      indent       share of wrap continuations led by spaces versus lines after clear
 *                   ends: when new paragraphs are indented and continuations are not,
 *                   an indented line opens a paragraph
 *      titles       lines ending with more spaces than 99 % of wraps (on ≤ 2 % of lines):
 *                   the book's title shape; a space-led one opens a title, the title goes on
 *      openers      the first two words after clear paragraph ends vs after sentence ends
 *                   inside lines, for the full sentence-final line before a capital (below)
 *    Percentiles are the usual robust choices (5 % / 95 % tails); nothing is tuned.
 *  - `decide(params, boundary)` applies them and returns the decision with the
 *    evidence it used, which the pipeline writes into the audit
 *    (`layout/join-wrap` or `layout/paragraph-break` with `evidence`).
 *
 * Both functions take plain line shapes, so a leave-one-book-out evaluation can
 * calibrate on some books and decide on another (`boundariesOf(text)` cuts a raw
 * text into such pairs).
 */

import { LINE_END_FUNCTION_WORD } from '../../lang/fr/index.js';

export interface LineShape {
  /** the line, without leading/trailing white space */
  text: string;
  /** leading spaces */
  lead: number;
  /** the line ends with a space or tab */
  trailing: boolean;
  /** how many spaces or tabs end the line (when known) */
  trailingSpaces?: number;
}

export interface Boundary {
  line: LineShape;
  next: LineShape;
  /** blank lines between the two */
  gap: number;
  /** the paragraph so far, when known (its tail is enough): sentence ends are read from it */
  soFar?: string;
  /**
   * The text lines from `next` on up to the next blank line (at most 4 read), when known:
   * a title stands alone between blank lines (`Biélorussie - Russie :`, two lines at most).
   */
  nextRun?: { lines: number; last: string };
}

export interface BreakParams {
  /** number of wrap samples the parameters come from */
  samples: number;
  wrapGap: number;
  wrapWidth: number;
  fitLimit: number;
  /** the 1st percentile of the same: shorter than nearly every wrap, whatever else the line shows */
  fitLimitStrict: number;
  /** a wrapped line keeps a trailing space and a paragraph's last line does not */
  trailingMarksWrap: boolean;
  /** shares behind `trailingMarksWrap` */
  trailingInWraps: number;
  trailingAtEnds: number;
  /** new paragraphs start indented and continuation lines do not */
  indentMarksParagraph: boolean;
  /** the usual first-line indent (spaces) when `indentMarksParagraph` */
  indent: number;
  indentInWraps: number;
  indentAfterEnds: number;
  /**
   * Title lines end with more spaces than any wrapped line (`Union économique eurasienne :  `
   * where wraps end with one): the count that marks them, 0 when the book shows no such lines.
   */
  titleTrailing: number;
  /**
   * How this book opens paragraphs, for the one case layout cannot settle (a full line
   * ending a sentence before a capital): counts of sentence openings (first two words)
   * after clear paragraph ends, and of sentence openings inside lines (within paragraphs).
   */
  openers: { paragraph: Record<string, number>; inside: Record<string, number>; paragraphTotal: number; insideTotal: number };
  /** prior odds that a full sentence-final line before a capital ends a paragraph (from the clear ends' density) */
  fullLineEndOdds: number;
  /** paragraphs are set off by a wider gap than the wraps' (≥ 80 % of the clear ends, at any gap, have one) */
  gapMarksParagraph?: boolean;
}

export type Decision = {
  decision: 'break' | 'join';
  /** why, in a word: the piece of evidence that settled it */
  reason: string;
  evidence: BoundaryEvidence;
  /** no piece of evidence settles it: the default was applied */
  uncertain?: boolean;
};

export interface BoundaryEvidence {
  lineLength: number;
  wrapWidth: number;
  /** line + space + first word of the next line */
  fit: number;
  fitLimit: number;
  endsSentence: boolean;
  nextStarts: 'lower' | 'upper' | 'other';
  nextIndent: number;
  trailing: boolean;
  gap: number;
  wrapGap: number;
  /** for a full line ending a sentence: the next sentence's opening words and how much likelier they open a paragraph */
  opener?: string;
  openerRatio?: number;
  fullLineEndOdds?: number;
}

/** sentence-final punctuation, possibly followed by closing quotes and a footnote marker */
export const TERMINAL = /[.!?…:;]["»”)\]*]*\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>)?\s*\.?$/;
/** a line ending with one of these words goes on: it is not a title */
const FUNCTION_WORD_END = LINE_END_FUNCTION_WORD;

function nextStartsOf(t: string): 'lower' | 'upper' | 'other' {
  // a marker glued to the first word, or OCR junk before it (`• • r rmarchandises`)
  const s = t.replace(/^(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>|[•„>*]+|[•„\s>r]+)(?=\p{L})/u, '');
  if (/^\p{Ll}/u.test(s)) return 'lower';
  if (/^["«“(]?\s?\p{Lu}/u.test(s)) return 'upper';
  return 'other';
}

/** an initial (`A.`, `M.S.`) or a list number (`; 3.`): a full stop that ends no sentence */
const NOT_AN_END = /(?:^|[\s("«])(?:\p{Lu}\.){1,3}$|(?:^|[;,]\s*)\d{1,2}\.$/u;

function endsSentence(b: Boundary): boolean {
  const s = (b.soFar ?? b.line.text).replace(/\*+\s*$/, '').trimEnd();
  return TERMINAL.test(s) && !NOT_AN_END.test(s);
}

/** `1. Texte`, `12) Texte`, `5) texte`, `d) texte`: a list item */
const LIST_ITEM = /^(?:(\d{1,2})(?:\.\s+\p{Lu}|\)\s+\p{L})|(\p{Ll})\)\s+\p{L})/u;

/** the label of the item before this one inside a text (`2.` before `3.`, `c)` before `d)`), undefined for the first */
function previousLabel(item: RegExpExecArray, before = '\\s'): RegExp | undefined {
  if (item[1] !== undefined) {
    const n = Number(item[1]);
    return n > 1 ? new RegExp(`${before}${n - 1}[.)]\\s`) : undefined;
  }
  const c = item[2]!.codePointAt(0)!;
  return item[2] === 'a' ? undefined : new RegExp(`${before}${String.fromCodePoint(c - 1)}\\)\\s`, 'u');
}

/** a full stop (not a colon or a semicolon) */
function endsWithStop(b: Boundary): boolean {
  return /[.!?…]["»”)]*\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?\s*\.?$/.test((b.soFar ?? b.line.text).trimEnd());
}

function firstWordLength(t: string): number {
  const m = /^\S+/.exec(t);
  return m ? m[0].length : 0;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))));
  return sorted[k]!;
}

function mode(xs: number[]): number {
  const c = new Map<number, number>();
  for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
  let best = 0;
  let n = -1;
  for (const [k, v] of c) if (v > n || (v === n && k < best)) [best, n] = [k, v];
  return best;
}

const share = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 0);

/** a reference or footnote line (a URL, a resource label, `12 Title…`): not how the body wraps */
const NOTE_LIKE = /https?:|www\.|\/\/|\[(?:Ressource|ressource|Electronic|electronic)|\bURL ?:|^\d{1,3} \p{Lu}/u;

/** A wrap in any book: the next line goes on in lower case after a line with no sentence end (body lines only). */
function isSureWrap(b: Boundary): boolean {
  return (
    nextStartsOf(b.next.text) === 'lower' &&
    !endsSentence(b) &&
    !/-$/.test(b.line.text) &&
    b.next.lead <= b.line.lead &&
    !NOTE_LIKE.test(b.line.text) &&
    !NOTE_LIKE.test(b.next.text)
  );
}

/** Parameters of one book (or of several, for a leave-one-book-out evaluation) from its line pairs. */
export function calibrate(boundaries: Iterable<Boundary>): BreakParams {
  const wraps: Boundary[] = [];
  const all: Boundary[] = [];
  for (const b of boundaries) {
    all.push(b);
    if (isSureWrap(b)) wraps.push(b);
  }
  const wrapGap = wraps.length ? mode(wraps.map((b) => b.gap)) : 0;
  const inRhythm = wraps.filter((b) => b.gap === wrapGap);
  const lengths = inRhythm.map((b) => b.line.text.length).sort((a, b) => a - b);
  const fits = inRhythm.map((b) => b.line.text.length + 1 + firstWordLength(b.next.text)).sort((a, b) => a - b);
  const wrapWidth = percentile(lengths, 0.95);
  const fitLimit = percentile(fits, 0.05);
  // a 1st percentile means something from 100 samples on; below that, nothing overrides a trailing space
  const fitLimitStrict = fits.length >= 100 ? percentile(fits, 0.01) : 0;
  // clear paragraph ends: a sentence ends on a line the next word would have fitted on, a capital follows
  const ends = all.filter(
    (b) => b.gap === wrapGap && endsSentence(b) && nextStartsOf(b.next.text) === 'upper' && b.line.text.length + 1 + firstWordLength(b.next.text) < fitLimit,
  );
  const trailingInWraps = share(inRhythm.map((b) => b.line.trailing));
  // with no clear end to compare (a short text), the lines without a trailing space: mostly sentence ends?
  const noTrail = all.filter((b) => b.gap === wrapGap && !b.line.trailing);
  const trailingAtEnds = share(ends.map((b) => b.line.trailing));
  const indentInWraps = share(inRhythm.map((b) => b.next.lead > b.line.lead));
  const indentAfterEnds = share(ends.map((b) => b.next.lead > b.line.lead));
  // openers: after clear ends (and wider gaps after a sentence end) vs sentence starts inside lines
  const paragraph = new Map<string, number>();
  const inside = new Map<string, number>();
  const add = (m: Map<string, number>, k: string | undefined) => {
    if (k) for (const key of [k, k.split(' ')[0]! + ' *']) m.set(key, (m.get(key) ?? 0) + 1);
  };
  for (const b of ends) add(paragraph, openerKey(b.next.text));
  for (const b of all) if (b.gap > wrapGap && endsSentence(b) && nextStartsOf(b.next.text) === 'upper') add(paragraph, openerKey(b.next.text));
  for (const b of all) for (const m of b.line.text.matchAll(INSIDE_SENTENCE)) add(inside, openerKey(m[1]!));
  // prior: a paragraph's last line is as likely any length up to the wrap width; the clear ends
  // (lines up to about fitLimit - 1 - a next word) give the density per character, and the rest
  // of the width, up to wrapWidth, holds as many ends per character among the full lines
  const fullTU = all.filter((b) => b.gap === wrapGap && endsSentence(b) && nextStartsOf(b.next.text) === 'upper' && fitOf(b) >= fitLimit);
  const meanWord = ends.length ? ends.reduce((n, b) => n + firstWordLength(b.next.text), 0) / ends.length : 0;
  const clearSpan = Math.max(1, fitLimit - 1 - meanWord);
  const expectedEnds = (ends.length / clearSpan) * Math.max(0, wrapWidth - clearSpan);
  const fullLineEndOdds = round(Math.min(20, Math.max(0.05, expectedEnds / Math.max(1, fullTU.length - expectedEnds))));
  // title shape: more trailing spaces than 99 % of wraps, on a few lines only
  const tw = inRhythm.filter((b) => b.line.trailingSpaces !== undefined).map((b) => b.line.trailingSpaces!).sort((a, b) => a - b);
  const above = tw.length >= 20 ? percentile(tw, 0.99) + 1 : 0;
  const titled = above > 1 ? all.filter((b) => (b.line.trailingSpaces ?? 0) >= above).length : 0;
  const titleTrailing = titled >= 2 && titled <= 0.02 * all.length ? above : 0;
  const indents = ends.filter((b) => b.next.lead > b.line.lead).map((b) => b.next.lead - b.line.lead);
  return {
    samples: inRhythm.length,
    wrapGap,
    wrapWidth,
    fitLimit,
    fitLimitStrict,
    trailingMarksWrap: inRhythm.length >= 5 && trailingInWraps >= 0.9 && (ends.length > 0 ? trailingAtEnds <= 0.5 : noTrail.length > 0 && share(noTrail.map(endsSentence)) >= 0.5),
    trailingInWraps: round(trailingInWraps),
    trailingAtEnds: round(trailingAtEnds),
    indentMarksParagraph: inRhythm.length >= 5 && ends.length >= 2 && indentInWraps <= 0.1 && indentAfterEnds >= 0.5,
    indent: indents.length ? mode(indents) : 0,
    indentInWraps: round(indentInWraps),
    indentAfterEnds: round(indentAfterEnds),
    titleTrailing,
    openers: {
      paragraph: Object.fromEntries([...paragraph].sort()),
      inside: Object.fromEntries([...inside].sort()),
      paragraphTotal: sumOpeners(paragraph),
      insideTotal: sumOpeners(inside),
    },
    fullLineEndOdds,
    gapMarksParagraph: gapMarks(all, wrapGap, fitLimit),
  };
}

/** Do the book's clear paragraph ends (a short line ending a sentence, a capital next), at any gap, mostly have a wider gap than the wraps? */
function gapMarks(all: Boundary[], wrapGap: number, fitLimit: number): boolean {
  const ends = all.filter((b) => endsSentence(b) && nextStartsOf(b.next.text) === 'upper' && fitOf(b) < fitLimit);
  return ends.length >= 5 && share(ends.map((b) => b.gap > wrapGap)) >= 0.8;
}

/** a sentence that starts inside a line: after `. `, with a capital */
const INSIDE_SENTENCE = /[.!?]["»”]?\s+(?:\d{1,3}(?=\p{Lu}))?(\p{Lu}[^\s]*\s+[^\s]+)/gu;

/** The first two words of a sentence, lower-cased, digits as 0: `Il convient`, `En 0,`. */
export function openerKey(text: string): string | undefined {
  const t = text.replace(/^(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>)(?=\p{Lu})/u, '');
  const m = /^["«“]?\s?(\p{L}[\p{L}'’-]*)[\s,]+([\p{L}\d'’-]+)/u.exec(t);
  if (!m) return undefined;
  return `${m[1]} ${m[2]}`.toLowerCase().replace(/\d+/g, '0');
}

function sumOpeners(m: Map<string, number>): number {
  let n = 0;
  for (const [k, v] of m) if (!k.endsWith(' *')) n += v;
  return n;
}

function fitOf(b: Boundary): number {
  return b.line.text.length + 1 + firstWordLength(b.next.text);
}

/**
 * Likelihood ratio of "paragraph start" over "sentence inside a paragraph" for the opening
 * words of `next`, from this book's counts (add-one smoothing; the first word alone when
 * the pair was never seen).
 */
function openerRatio(p: BreakParams, next: string): { key?: string; ratio: number } {
  const key = openerKey(next);
  const o = p.openers;
  if (!key || o.paragraphTotal === 0 || o.insideTotal === 0) return { key, ratio: 1 };
  const seen = (o.paragraph[key] ?? 0) + (o.inside[key] ?? 0) > 0;
  const k = seen ? key : key.split(' ')[0]! + ' *';
  const a = o.paragraph[k] ?? 0;
  const b = o.inside[k] ?? 0;
  return { key: k, ratio: round(((a + 1) / (o.paragraphTotal + 2)) / ((b + 1) / (o.insideTotal + 2))) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Break or join at one line end, with the evidence used. */
export function decide(p: BreakParams, b: Boundary, soFarLength = b.soFar?.length ?? b.line.text.length): Decision {
  const { line, next, gap } = b;
  const terminal = endsSentence(b);
  const starts = nextStartsOf(next.text);
  const fit = line.text.length + 1 + firstWordLength(next.text);
  const evidence: BoundaryEvidence = {
    lineLength: line.text.length,
    wrapWidth: p.wrapWidth,
    fit,
    fitLimit: p.fitLimit,
    endsSentence: terminal,
    nextStarts: starts,
    nextIndent: next.lead,
    trailing: line.trailing,
    gap,
    wrapGap: p.wrapGap,
  };
  const out = (decision: 'break' | 'join', reason: string, uncertain?: boolean): Decision =>
    uncertain ? { decision, reason, evidence, uncertain } : { decision, reason, evidence };
  const nextLower = starts === 'lower';
  // in a book that indents its paragraphs, a first line is shorter by its indent: the width it took counts
  const short = fit + (p.indentMarksParagraph ? line.lead : 0) < p.fitLimit;
  // a line ending in a word and a hyphen always goes on (`Saint-` / `Pétersbourg`)
  if (/[\p{L}\d]-$/u.test(line.text)) return out('join', 'line-end-hyphen');
  // title lines (the book's title shape: extra trailing spaces): a title opens space-led and goes on to its last line
  const titleLine = (l: LineShape) => p.titleTrailing > 0 && (l.trailingSpaces ?? 0) >= p.titleTrailing;
  if (titleLine(next) && next.lead > 0 && !titleLine(line)) return out('break', 'title-shape');
  if (titleLine(line) && !(titleLine(next) && next.lead > 0)) return out('join', 'title-shape');
  // indented paragraphs: the first-line indent, measured in the book (see `indentOpens`)
  const indentSays = p.indentMarksParagraph ? indentOpens(p, b, soFarLength) : undefined;
  // a numbered or lettered list item at the start of a line after a sentence, a colon or a semicolon
  // (in a book that indents its paragraphs, only an indented one)
  const item = indentSays === false ? null : LIST_ITEM.exec(next.text);
  if (item && /[.:;]["»”)]*$/.test(line.text) && !NOT_AN_END.test(line.text)) {
    // `13. Technologie industrielle.` / `14. Agriculture…`, `; c) mise en œuvre … ;` / `d) mise en place`:
    // the item before this one runs inside the paragraph, so does this one
    // (in the lines before, only after an item separator: `tels que` / `1) …` opened a list of lines)
    const prev = previousLabel(item);
    const prevInside = previousLabel(item, '[;,.]\\s+');
    if ((prev && prev.test(line.text)) || (prevInside && b.soFar !== undefined && prevInside.test(b.soFar))) return out('join', 'inline-list');
    return out('break', 'list-item');
  }
  if (gap > p.wrapGap) {
    // a book that indents its paragraphs: an unindented line after a full line is no new
    // paragraph; the gap is a page break (a title would be a short line without a sentence end)
    if (indentSays === false && !short && !titleRun(b.nextRun) && (STOP_END.test(next.text) || next.lead + next.text.length >= 0.8 * p.wrapWidth)) {
      return out('join', 'not-indented-after-gap', terminal && !nextLower);
    }
    // a wider gap than the book's wraps: a paragraph end unless the sentence visibly goes on
    // (in lower case, or after a line ending on a function word: `Trade Co. broker de` / blank / `Chine, qui …`)
    return !terminal && (nextLower || FUNCTION_WORD_END.test(line.text)) ? out('join', 'sentence-goes-on') : out('break', 'blank-line');
  }
  if (gap < p.wrapGap) {
    // double-spaced text with no blank line: a page turn (space-led) or a new paragraph
    if (p.trailingMarksWrap && !line.trailing && terminal) return out('break', 'no-trailing-space');
    if (next.lead >= 1) return out('join', 'space-led-continuation');
    if (nextLower && (!terminal || /:\s*$/.test(b.soFar ?? line.text))) return out('join', 'sentence-goes-on');
    return out('break', 'missing-blank-line');
  }
  if (indentSays) return out('break', 'indent');
  const nextStartsSentence = starts === 'upper' || /^\d{0,3}["«]?\p{Lu}/u.test(next.text);
  // a title line (short, no final punctuation) followed by the start of a sentence; a short line
  // with no sentence end inside a long paragraph too: the next word would have fitted on it
  // (inside a longer paragraph only a line shorter than nearly every wrap: an enumeration's last item before a new paragraph)
  // and not a name going on (`Holding Management` / `Company, …`)
  const titleShort = soFarLength <= 2 * p.wrapWidth ? short : fit < (p.fitLimitStrict || p.fitLimit) && !/(?:^|\s)\p{Lu}[\p{L}'’-]*$/u.test(line.text);
  if (!terminal && titleShort && !(p.trailingMarksWrap && line.trailing) && nextStartsSentence && !/[,;]$/.test(line.text) && !FUNCTION_WORD_END.test(line.text)) {
    return out('break', 'title-line');
  }
  // a sentence ends on a line the next word would have fitted on: the paragraph ended there
  // (against a trailing space that says "wrap", only when shorter than nearly every wrap)
  const shortEnough = p.trailingMarksWrap && line.trailing ? fit < p.fitLimitStrict : short;
  if (terminal && shortEnough && nextStartsSentence) return out('break', 'short-last-line');
  if (p.trailingMarksWrap) {
    if (line.trailing) return out('join', 'trailing-space');
    if (!terminal && nextLower) return out('join', 'sentence-goes-on');
    // a wrap that lost its trailing space: the line ends on a function word (`province chinoise de` /
    // `Henan`), or a full line goes on with a number (`Début avril` / `2022, …`)
    if (!terminal && (FUNCTION_WORD_END.test(line.text) || (!short && /^\d/.test(next.text) && starts !== 'upper'))) return out('join', 'sentence-goes-on');
    return out('break', 'no-trailing-space');
  }
  if (p.indentMarksParagraph) {
    // indented paragraphs: an unindented line continues the paragraph
    return out('join', 'not-indented');
  }
  if (!terminal || !nextStartsSentence) return out('join', terminal ? 'sentence-goes-on' : 'no-sentence-end');
  // a full line ending a sentence before a capital: the wrap and the paragraph end look the
  // same; the book's own way of opening paragraphs decides, and the decision stays uncertain
  if (!endsWithStop(b)) return out('join', 'full-line', true);
  const o = openerRatio(p, next.text);
  evidence.opener = o.key;
  evidence.openerRatio = o.ratio;
  evidence.fullLineEndOdds = p.fullLineEndOdds;
  return o.ratio * p.fullLineEndOdds > 1 ? out('break', 'full-line-opener', true) : out('join', 'full-line', true);
}

/** a full stop, possibly followed by closing quotes and a marker: no title ends so */
const STOP_END = /[.!?…]["»”)\]]*\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$/;

/** up to three lines alone between blank lines, the last without a full stop: a title */
export function titleRun(run: Boundary['nextRun']): boolean {
  return run !== undefined && run.lines <= 3 && !STOP_END.test(run.last);
}

/**
 * In a book whose paragraphs open with a first-line indent (`indentMarksParagraph`), does
 * the next line open one? It is indented by at least half the book's indent and more than
 * the line before — or as much as a line that is itself a paragraph's first line (a
 * one-line paragraph: the paragraph so far is that line alone). Whatever its first letter:
 * the book's own mark settles it (`28l'entretien…`, a paragraph opening in lower case).
 */
function indentOpens(p: BreakParams, b: Boundary, soFarLength: number): boolean {
  const { line, next } = b;
  const min = Math.max(1, Math.ceil(p.indent / 2));
  if (next.lead < min) return false;
  if (next.lead > line.lead) return true;
  return next.lead === line.lead && soFarLength <= line.text.length + 1;
}

/** The line pairs of a raw text (consecutive non-blank lines with the blank lines between), one at a time. */
export function* iterBoundaries(text: string): Generator<Boundary> {
  let prev: LineShape | undefined;
  let gap = 0;
  let at = 0;
  while (at <= text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const raw = text.slice(at, nl > at && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
    at = nl + 1;
    const t = raw.trim();
    if (t.length === 0) {
      gap++;
      continue;
    }
    const shape: LineShape = { text: t, lead: raw.length - raw.trimStart().length, trailing: /[ \t]$/.test(raw), trailingSpaces: raw.length - raw.trimEnd().length };
    if (prev) yield { line: prev, next: shape, gap };
    prev = shape;
    gap = 0;
  }
}

/** Cut a raw text into line pairs (consecutive non-blank lines with the blank lines between). */
export function boundariesOf(text: string): Boundary[] {
  return [...iterBoundaries(text)];
}

/**
 * The parameters of a whole book from its raw text. The pipeline calibrates this way, once
 * per book, so that a book processed in sections decides exactly as the whole book does.
 */
export function calibrateText(text: string): BreakParams {
  return calibrate(iterBoundaries(text));
}
