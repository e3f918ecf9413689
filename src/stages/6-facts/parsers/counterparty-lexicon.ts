/**
 * Counterparties named by a lexicon form (countries, organisations, known companies):
 * a token-by-token longest match, so hundreds of forms cost one map lookup per word.
 * Case: a form matches as written or in capitals (`BIÉLORUSSIE`); only words that start with a
 * capital letter or a digit are looked up, which keeps this cheap.
 */
import type { FactRules } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';

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

/** A form starts with a capital letter or a digit; only such words are looked up. */
const START = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*/gu;
const NEXT_WORD = /[\p{L}\p{N}]+/uy;

export function matchEntities(blockId: string, text: string, rules: FactRules): Candidate[] {
  const out: Candidate[] = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m; m = START.exec(text)) {
    const list = rules.entities.get(m[0].toLowerCase());
    if (!list) continue;
    const first = { text: m[0], start: m.index, end: m.index + m[0].length };
    let tokens: { text: string; start: number; end: number }[] | null = null;
    for (const form of list) {
      const n = form.tokens.length;
      if (n > 1 && !tokens) {
        tokens = [first];
        let pos = first.end;
        const max = Math.max(...list.map((f) => f.tokens.length));
        while (tokens.length < max) {
          const gap = /[^\p{L}\p{N}]{0,3}/uy;
          gap.lastIndex = pos;
          const g = gap.exec(text)!;
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
        if (!sameToken(tok.text, form.tokens[k]!, false)) ok = false;
        else if (k > 0 && !GAP.test(text.slice(toks[k - 1]!.end, tok.start))) ok = false;
      }
      if (!ok) continue;
      const start = first.start;
      const end = toks[n - 1]!.end;
      const e = form.entity;
      if (e.notFollowedBy && e.notFollowedBy.test(text.slice(end, end + 40))) continue;
      out.push({
        priority: 10,
        draft: {
          type: 'counterparty',
          text: text.slice(start, end),
          block: blockId,
          start,
          end,
          rule: e.rule,
          name: e.name,
          kind: e.kind,
          ...(e.id ? { id: e.id } : {}),
        },
      });
      START.lastIndex = end;
      break;
    }
  }
  return out;
}
