/**
 * The language of a block (ISO 639-3, `und` when too short to tell). Clear cases are
 * decided by function words — French or English ones with few of the other
 * language's; franc decides everything else (titles, mixed text, other languages),
 * among the languages these books are written in or quote.
 */
import { franc } from 'franc';

const ONLY = ['fra', 'eng', 'pol', 'deu'];
const FRENCH_WORDS = new Set(['les', 'des', 'est', 'une', 'dans', 'pour', 'qui', 'sur', 'avec', 'du', 'au', 'aux', 'été', 'sont', 'cette', 'leur', 'entre', 'de', 'la', 'le', 'et', 'à', 'par', 'ont', 'ses', 'son', 'sa']);
const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'with', 'for', 'is', 'are', 'from', 'this', 'that', 'by', 'on', 'in', 'to']);

function countWords(s: string, words: Set<string>): number {
  let n = 0;
  for (const w of s.toLowerCase().split(/[^a-zàâçéèêëîïôûùüÿœ]+/)) if (words.has(w)) n++;
  return n;
}

export function detectLanguage(s: string): string {
  if (s.length < 40) return 'und';
  const sample = s.slice(0, 240);
  const fr = countWords(sample, FRENCH_WORDS);
  const en = countWords(sample, ENGLISH_WORDS);
  if (fr >= 3 && en <= fr / 4) return 'fra';
  if (en >= 3 && fr <= en / 4) return 'eng';
  return franc(s.slice(0, 120), { minLength: 40, only: ONLY });
}
