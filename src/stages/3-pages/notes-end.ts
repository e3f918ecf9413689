/**
 * Stage 3 — pages: where a footnote block ends at a blank line. In a book whose page
 * continuations are not led by a space (measured in `splitPages`), a blank line after a
 * complete footnote ends the block: what follows is the next page's body
 * (`… /beijing_lures_talant` / blank / `cette période"⁶.`), unless it starts the next
 * footnote or reads as a reference (a URL, a resource label, a slug cut at a hyphen).
 * A footnote cut mid-reference (`[Ressource électronique]. -` / blank / `2019. - URL :`)
 * goes on after the blank line.
 */

/** The footnote line before a blank line ends a complete reference: a URL (or a path's final `/`), or closing punctuation. */
export function noteEndsComplete(line: string): boolean {
  const t = line.trimEnd();
  if (/(?:https?:\/\/|www\.)\S*[\w\/]$/.test(t) || /\S\/$/.test(t)) return true;
  return /[.!?»"”)\]>]$/.test(t) && !/ [-–—]\s*\.?$/.test(t);
}

/** A line that goes on with a URL slug cut at a hyphen (`- predstavit-svoi-potentsial-…`): never body text. */
export function slugLine(t: string): boolean {
  return /^-?\s?[a-z0-9]+(?:-[a-z0-9]+){2,}/.test(t);
}
