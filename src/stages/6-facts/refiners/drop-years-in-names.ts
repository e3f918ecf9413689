/**
 * A year-looking number right after a capitalised word is part of a name (`Géorgie 2020`,
 * `Horizon 2030`), after a hyphen it is a model or code (`Euro-2020`), after `n°` a number.
 * Capitalised words that do introduce a year (`En 2021`, `Fin 2020`, months) are listed in
 * rules/date (lexicon role `year-intro`).
 */
import type { Lexicons } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';

const PREV_WORD = /([\p{L}\p{N}][\p{L}\p{N}'’.°-]*)([\s\u00A0\u202F]*)$/u;

export function dropYearsInNames(cands: Candidate[], text: string, lex: Lexicons): Candidate[] {
  return cands.filter((c) => {
    if (c.draft.type !== 'date' || !/^(?:1[89]|20)\d\d/.test(c.draft.text)) return true;
    const before = text.slice(Math.max(0, c.draft.start - 40), c.draft.start);
    if (/[-–/]$/.test(before) && !/\s[-–]$/.test(before)) return false;
    if (/(?:n°|№|nº|numéro|p\.|pp\.)\s*$/iu.test(before)) return false;
    const m = PREV_WORD.exec(before);
    if (!m) return true;
    const word = m[1]!;
    if (!/^\p{Lu}/u.test(word)) return true;
    const lw = word.toLowerCase().replace(/’/g, "'");
    if (lex.yearIntro.has(lw) || lex.months.has(lw)) return true;
    // "L'année 2020", "D'ici 2025": look at the part after the apostrophe
    const tail = lw.split("'").pop()!;
    if (lex.yearIntro.has(tail)) return true;
    return false;
  });
}
