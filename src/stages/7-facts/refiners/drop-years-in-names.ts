/**
 * A year-looking number right after a capitalised word is part of a name (`Géorgie 2020`,
 * `Horizon 2030`), after a hyphen it is a model or code (`Euro-2020`), after `n°` a number.
 * Capitalised words that do introduce a year (`En 2021`, `Fin 2020`, months) are listed in
 * rules/date (lexicon role `year-intro`).
 */
import type { Lexicons } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';

export function dropYearsInNames(cands: Candidate[], text: string, lex: Lexicons): Candidate[] {
  return cands.filter((c) => {
    if (c.draft.type !== 'date' || !/^(?:1[89]|20)\d\d/.test(c.draft.text)) return true;
    const before = text.slice(Math.max(0, c.draft.start - 40), c.draft.start);
    if (/[-–/]$/.test(before) && !/\s[-–]$/.test(before)) return false;
    if (/(?:n°|№|nº|numéro|p\.|pp\.)\s*$/iu.test(before)) return false;
    // the word before (walking back over spaces, then over the word itself)
    let e = before.length;
    while (e > 0 && /[\s\u00A0\u202F]/.test(before[e - 1]!)) e--;
    let s = e;
    while (s > 0 && /[\p{L}\p{N}'’.°-]/u.test(before[s - 1]!)) s--;
    if (s === e) return true;
    const word = before.slice(s, e).replace(/^[^\p{L}\p{N}]+/u, '');
    if (!word) return true;
    if (!/^\p{Lu}/u.test(word)) return true;
    const lw = word.toLowerCase().replace(/’/g, "'");
    if (lex.yearIntro.has(lw) || lex.months.has(lw)) return true;
    // "L'année 2020", "D'ici 2025": look at the part after the apostrophe
    const tail = lw.split("'").pop()!;
    if (lex.yearIntro.has(tail)) return true;
    return false;
  });
}
