/**
 * The language of a block (ISO 639-3, `und` when too short to tell). Clear cases are
 * decided by function words — French or English ones with few of the other
 * language's; franc decides everything else (titles, mixed text, other languages),
 * among the languages these books are written in or quote.
 */
import { franc } from 'franc';
import * as fr from '../../lang/fr/index.js';
import * as en from '../../lang/en/index.js';

const ONLY = ['fra', 'eng', 'pol', 'deu'];

function countWords(s: string, words: ReadonlySet<string>): number {
  let n = 0;
  for (const w of s.toLowerCase().split(fr.WORD_SPLIT)) if (words.has(w)) n++;
  return n;
}

export function detectLanguage(s: string): string {
  if (s.length < 40) return 'und';
  const sample = s.slice(0, 240);
  const nFr = countWords(sample, fr.FUNCTION_WORDS);
  const nEn = countWords(sample, en.FUNCTION_WORDS);
  if (nFr >= 3 && nEn <= nFr / 4) return 'fra';
  if (nEn >= 3 && nFr <= nEn / 4) return 'eng';
  return franc(s.slice(0, 120), { minLength: 40, only: ONLY });
}
