/**
 * Stage 3 — pages: are the book's footnote blocks single-spaced? Measured on the book
 * itself: consecutive footnote starts (N, then N+1 within a few lines) with nothing but
 * text lines between them are notes set line after line; a blank line between them
 * says the book spaces its notes (double-spaced extractions often do, and 000 leaves
 * a blank line inside some of its notes).
 *
 * In a book whose notes are single-spaced, a blank line after a complete footnote ends
 * the block: what follows is the next page's body (`… /beijing_lures_talant` / blank /
 * `cette période"⁶.`), unless it starts the next footnote or reads as a reference.
 *
 * Measured once per book, on its lines as printed: a section of a large book is given
 * the whole book's answer, so that whole and sectioned runs decide alike.
 */
import { hasResourceLabel, matchFootnoteStart } from './footnote-start.js';

/** consecutive starts this far apart at most are read as one block */
const NEAR = 8;
/** contiguous pairs needed before the book is said to set its notes single-spaced */
const MIN_PAIRS = 3;
// and at most one spaced pair in 20: a stray blank line inside a note is extraction noise

export interface NoteSpacing {
  contiguous: number;
  spaced: number;
  singleSpaced: boolean;
}

/** `lines`: the book's lines as printed (a leading form feed is read as a space). */
export function measureNoteSpacing(lines: readonly string[]): NoteSpacing {
  let contiguous = 0;
  let spaced = 0;
  let prev: { i: number; n: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.replace('\f', ' ');
    if (!text.trim()) continue;
    const fs = matchFootnoteStart(text, hasResourceLabel(text));
    if (!fs) continue;
    if (prev && fs.n === prev.n + 1 && i - prev.i <= NEAR) {
      let blank = false;
      for (let k = prev.i + 1; k < i; k++) if (!lines[k]!.trim()) blank = true;
      if (blank) spaced++;
      else contiguous++;
    }
    prev = { i, n: fs.n };
  }
  return { contiguous, spaced, singleSpaced: contiguous >= MIN_PAIRS && spaced * 20 <= contiguous };
}

/** The footnote line before a blank line ends a complete reference: a URL (or a path's final `/`), or closing punctuation. */
export function noteEndsComplete(line: string): boolean {
  const t = line.trimEnd();
  if (/(?:https?:\/\/|www\.)\S*[\w\/]$/.test(t) || /\S\/$/.test(t)) return true;
  return /[.!?»"”)\]]$/.test(t) && !/ [-–—]\s*\.?$/.test(t);
}

/** A line that goes on with a URL slug cut at a hyphen (`- predstavit-svoi-potentsial-…`): never body text. */
export function slugLine(t: string): boolean {
  return /^-?\s?[a-z0-9]+(?:-[a-z0-9]+){2,}/.test(t);
}
