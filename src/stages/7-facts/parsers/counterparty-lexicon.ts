/**
 * Counterparties named by a lexicon form (countries, organisations, known companies):
 * a token-by-token longest match, so hundreds of forms cost one map lookup per word.
 * Case: a form matches as written or in capitals (`BIÉLORUSSIE`); only words that start with a
 * capital letter or a digit are looked up, which keeps this cheap.
 */
import type { FactRules } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';
import { counterpartyCandidate } from './counterparty-candidate.js';
import { CLS, DIGIT, LETTER, LOWER, UPPER, hash3 } from '../char-class.js';

const GAP = /^[ \u00A0\u202F'’(),-]{1,3}$/u;

function sameToken(tok: string, form: string, first: boolean): boolean {
  if (tok === form) return true;
  if (tok.length > 1 && tok === form.toUpperCase()) return true;
  if (first) {
    const swapped = (form[0] === form[0]!.toUpperCase() ? form[0]!.toLowerCase() : form[0]!.toUpperCase()) + form.slice(1);
    if (tok === swapped && form.length > 3) return true;
  }
  return false;
}

const NEXT_WORD = /[\p{L}\p{N}]+/uy;
const GAP_RUN = /[^\p{L}\p{N}]{0,3}/uy;
const WORDISH = LETTER | DIGIT;

/** A form starts with a capital letter or a digit; only words starting with a capital are looked up. */
export function matchEntities(blockId: string, text: string, rules: FactRules, starts: number[] | null = null): Candidate[] {
  const out: Candidate[] = [];
  const n = text.length;
  let next = 0;
  let after = 0;
  for (let i = 0; i < n; i++) {
    if (starts) {
      // only the words the block scan marked (it saw every word start)
      while (next < starts.length && starts[next]! < after) next++;
      if (next >= starts.length) break;
      i = starts[next++]!;
      if (i > 0 && CLS[text.charCodeAt(i - 1)]! & WORDISH) continue;
    }
    const c = text.charCodeAt(i);
    const cls = CLS[c]!;
    if (!(cls & WORDISH)) continue;
    let j = i + 1;
    while (j < n && CLS[text.charCodeAt(j)]! & WORDISH) j++;
    const wordStart = i;
    i = j - 1;
    after = j;
    const lowerStart = !(cls & UPPER);
    if (lowerStart && !(rules.lowerStartChars[c]! & (1 << ((j - wordStart) & 31)))) continue;
    {
      // no key of the lexicon starts like this word: skip the slice, lowercasing and lookup
      const len = j - wordStart;
      const l0 = LOWER[c]!;
      const l1 = len > 1 ? LOWER[text.charCodeAt(wordStart + 1)]! : 0;
      const l2 = len > 2 ? LOWER[text.charCodeAt(wordStart + 2)]! : 0;
      if (l0 !== 0xffff && l1 !== 0xffff && l2 !== 0xffff && !rules.entityPrefixes[hash3(l0, l1, l2)]) continue;
    }
    const key = text.slice(wordStart, j);
    if (lowerStart && !rules.lowerStarts.has(key)) continue;
    const list = rules.entities.get(lowerStart ? key : key.toLowerCase());
    if (!list) continue;
    const first = { text: text.slice(wordStart, j), start: wordStart, end: j };
    let tokens: { text: string; start: number; end: number }[] | null = null;
    for (const form of list) {
      const n = form.tokens.length;
      if (lowerStart && n < 2) continue;
      if (n > 1 && !tokens) {
        tokens = [first];
        let pos = first.end;
        const max = list[0]!.tokens.length;
        while (tokens.length < max) {
          GAP_RUN.lastIndex = pos;
          const g = GAP_RUN.exec(text)!;
          NEXT_WORD.lastIndex = pos + g[0].length;
          const w = NEXT_WORD.exec(text);
          if (!w) break;
          tokens.push({ text: w[0], start: w.index, end: w.index + w[0].length });
          pos = w.index + w[0].length;
        }
      }
      const toks = tokens ?? [first];
      if (n > toks.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const tok = toks[k]!;
        if (!sameToken(tok.text, form.tokens[k]!, lowerStart && k === 0)) ok = false;
        else if (k > 0 && !GAP.test(text.slice(toks[k - 1]!.end, tok.start))) ok = false;
      }
      if (!ok) continue;
      const start = first.start;
      const end = toks[n - 1]!.end;
      const e = form.entity;
      if (e.notFollowedBy && e.notFollowedBy.test(text.slice(end, end + 40))) continue;
      out.push(counterpartyCandidate(10, blockId, text, start, end, e.rule, { name: e.name, kind: e.kind, ...(e.id ? { id: e.id } : {}) }));
      i = end - 1;
      after = end;
      break;
    }
  }
  return out;
}
