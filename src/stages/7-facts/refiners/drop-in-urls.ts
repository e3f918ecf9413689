/**
 * Nothing inside URLs, file names with escapes or query strings: a money, percent, quantity
 * or date candidate whose text lies in a run of non-space characters that is a URL
 * (`https://…`, `www.…`, `host.tld/…`) or carries percent-escapes (`Paris_%28France%29`,
 * `rapport%202020.pdf`, `q=taux%20de`) is dropped.
 */
import type { Candidate } from '../candidate.js';

const VALUE_TYPES = new Set(['money', 'percent', 'quantity', 'date']);
const URL_LIKE = /^[("'«[]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.[a-z]{2,}\/)|[^\s%]%[0-9A-Fa-f]{2}|%[0-9A-Fa-f]{2}[^\s]|[?&][\w-]+=/iu;

const isSpace = (c: string): boolean => /\s/.test(c);

export function dropInUrls(cands: Candidate[], text: string): Candidate[] {
  if (!/[/%=]/.test(text)) return cands;
  return cands.filter((c) => {
    if (!VALUE_TYPES.has(c.draft.type)) return true;
    let s = c.draft.start;
    let e = c.draft.end;
    while (s > 0 && !isSpace(text[s - 1]!)) s--;
    while (e < text.length && !isSpace(text[e]!)) e++;
    // a fact spanning several tokens (12 millions USD) is checked token by token
    return !text.slice(s, e).split(/\s+/).some((tok) => URL_LIKE.test(tok));
  });
}
