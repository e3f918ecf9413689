/**
 * Counterparties named by a lexicon form (countries, organisations, known companies):
 * a token-by-token longest match, so hundreds of forms cost one map lookup per word.
 * Case: a form matches as written, in capitals (`BIÉLORUSSIE`), or with its first letter's
 * case swapped (`république populaire de Chine`).
 */
import type { FactRules } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';
import { tokenizeWords } from '../tokenize-words.js';

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

export function matchEntities(blockId: string, text: string, rules: FactRules): Candidate[] {
  const out: Candidate[] = [];
  const tokens = tokenizeWords(text);
  for (let i = 0; i < tokens.length; i++) {
    const list = rules.entities.get(tokens[i]!.text.toLowerCase());
    if (!list) continue;
    for (const form of list) {
      const n = form.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const tok = tokens[i + k]!;
        if (!sameToken(tok.text, form.tokens[k]!, k === 0 && form.tokens.length > 1)) ok = false;
        else if (k > 0 && !GAP.test(text.slice(tokens[i + k - 1]!.end, tok.start))) ok = false;
      }
      if (!ok) continue;
      const start = tokens[i]!.start;
      const end = tokens[i + n - 1]!.end;
      // a form must not be the start or end of a longer hyphen/letter word ("MAZ" in "MAZ-Veichai" is fine)
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
      i += n - 1;
      break;
    }
  }
  return out;
}
