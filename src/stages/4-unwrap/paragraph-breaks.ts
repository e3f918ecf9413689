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
 *    Percentiles are the usual robust choices (5 % / 95 % tails); nothing is tuned.
 *  - `decide(params, boundary)` applies them and returns the decision with the
 *    evidence it used, which the pipeline writes into the audit
 *    (`layout/join-wrap` or `layout/paragraph-break` with `evidence`).
 *
 * Both functions take plain line shapes, so a leave-one-book-out evaluation can
 * calibrate on some books and decide on another (`boundariesOf(text)` cuts a raw
 * text into such pairs).
 */

export interface LineShape {
  /** the line, without leading/trailing white space */
  text: string;
  /** leading spaces */
  lead: number;
  /** the line ends with a space or tab */
  trailing: boolean;
}

export interface Boundary {
  line: LineShape;
  next: LineShape;
  /** blank lines between the two */
  gap: number;
  /** the paragraph so far, when known (its tail is enough): sentence ends are read from it */
  soFar?: string;
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
}

/** sentence-final punctuation, possibly followed by closing quotes and a footnote marker */
export const TERMINAL = /[.!?…:;]["»”)\]*]*\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>)?\s*\.?$/;
/** a line ending with one of these words goes on: it is not a title */
const FUNCTION_WORD_END = /(?:^|\s)(?:de|du|des|la|le|les|l'|d'|et|à|au|aux|en|pour|par|sur|dans|avec|un|une|que|qui|dont|entre|vers|-)$/iu;

function nextStartsOf(t: string): 'lower' | 'upper' | 'other' {
  // a marker glued to the first word, or OCR junk before it (`• • r rmarchandises`)
  const s = t.replace(/^(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>|[•„>*]+|[•„\s>r]+)(?=\p{L})/u, '');
  if (/^\p{Ll}/u.test(s)) return 'lower';
  if (/^["«“(]?\s?\p{Lu}/u.test(s)) return 'upper';
  return 'other';
}

function endsSentence(b: Boundary): boolean {
  const s = (b.soFar ?? b.line.text).replace(/\*+\s*$/, '').trimEnd();
  return TERMINAL.test(s);
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

/** A wrap in any book: the next line goes on in lower case after a line with no sentence end. */
function isSureWrap(b: Boundary): boolean {
  return nextStartsOf(b.next.text) === 'lower' && !endsSentence(b) && !/-$/.test(b.line.text);
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
  };
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
  const short = fit < p.fitLimit;
  // a line ending in a word and a hyphen always goes on (`Saint-` / `Pétersbourg`)
  if (/[\p{L}\d]-$/u.test(line.text)) return out('join', 'line-end-hyphen');
  if (gap > p.wrapGap) {
    // a wider gap than the book's wraps: a paragraph end unless the sentence visibly goes on
    return !terminal && nextLower ? out('join', 'sentence-goes-on') : out('break', 'blank-line');
  }
  if (gap < p.wrapGap) {
    // double-spaced text with no blank line: a page turn (space-led) or a new paragraph
    if (p.trailingMarksWrap && !line.trailing && terminal) return out('break', 'no-trailing-space');
    if (next.lead >= 1) return out('join', 'space-led-continuation');
    if (nextLower && (!terminal || /:\s*$/.test(b.soFar ?? line.text))) return out('join', 'sentence-goes-on');
    return out('break', 'missing-blank-line');
  }
  if (p.indentMarksParagraph) {
    if (next.lead > line.lead && next.lead >= Math.max(1, Math.ceil(p.indent / 2)) && !nextLower) return out('break', 'indent');
  }
  const nextStartsSentence = starts === 'upper' || /^\d{0,3}["«]?\p{Lu}/u.test(next.text);
  // a title line (short, no final punctuation) followed by the start of a sentence
  if (soFarLength <= 120 && !terminal && short && !(p.trailingMarksWrap && line.trailing) && nextStartsSentence && !/[,;]$/.test(line.text) && !FUNCTION_WORD_END.test(line.text)) {
    return out('break', 'title-line');
  }
  // a sentence ends on a line the next word would have fitted on: the paragraph ended there
  // (against a trailing space that says "wrap", only when shorter than nearly every wrap)
  const shortEnough = p.trailingMarksWrap && line.trailing ? fit < p.fitLimitStrict : short;
  if (terminal && shortEnough && nextStartsSentence) return out('break', 'short-last-line');
  if (p.trailingMarksWrap) {
    if (line.trailing) return out('join', 'trailing-space');
    if (!terminal && nextLower) return out('join', 'sentence-goes-on');
    return out('break', 'no-trailing-space');
  }
  if (p.indentMarksParagraph) {
    // indented paragraphs: an unindented line continues the paragraph
    return out('join', 'not-indented');
  }
  if (!terminal || !nextStartsSentence) return out('join', terminal ? 'sentence-goes-on' : 'no-sentence-end');
  // a full line ending a sentence before a capital: the wrap and the paragraph end look the same
  return out('join', 'full-line', true);
}

/** Cut a raw text into line pairs (consecutive non-blank lines with the blank lines between). */
export function boundariesOf(text: string): Boundary[] {
  const lines = text.split(/\r?\n/);
  const out: Boundary[] = [];
  let prev: LineShape | undefined;
  let gap = 0;
  for (const raw of lines) {
    const t = raw.trim();
    if (t.length === 0) {
      gap++;
      continue;
    }
    const shape: LineShape = { text: t, lead: raw.length - raw.trimStart().length, trailing: /[ \t]$/.test(raw) };
    if (prev) out.push({ line: prev, next: shape, gap });
    prev = shape;
    gap = 0;
  }
  return out;
}
