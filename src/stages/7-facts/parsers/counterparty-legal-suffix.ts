/**
 * Companies named before a short legal form that is a French word once lower-cased (`SA`,
 * `SE`: "sa", "se"): the pattern rules find their anchors in lower-case text, where these
 * would hit every "sa"; here the form is looked up as written (`Hupak Intermodal SA`,
 * `BASF SE`). A form followed by another capitalised word is not one ("EXPORTATIONS SE SONT").
 */
import type { FactRules } from '../rules/compile-rules.js';
import { normaliseName } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';
import { counterpartyCandidate } from './counterparty-candidate.js';

const CAP_WORD = String.raw`\p{Lu}[\p{L}\d.&'’-]*`;
const NAME_BEFORE = new RegExp(String.raw`(?<![\p{L}\d])(${CAP_WORD}(?:[ \u00A0](?:${CAP_WORD}|de|du|des|of|and|for|&)){0,8})$`, 'u');
const RULE = 'counterparty/legal-forms';

const forms = new WeakMap<FactRules, RegExp | null>();

export function matchExactLegalForms(blockId: string, text: string, rules: FactRules): Candidate[] {
  let re = forms.get(rules);
  if (re === undefined) {
    const list = [...rules.lex.legalExact].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = list.length ? new RegExp(`[ \u00A0](${list.join('|')})(?![\\p{L}\\p{N}])(?![ \u00A0]+\\p{Lu}{2,})`, 'gu') : null;
    forms.set(rules, re);
  }
  if (!re) return [];
  const out: Candidate[] = [];
  re.lastIndex = 0;
  for (let x = re.exec(text); x; x = re.exec(text)) {
    const p = x.index;
    const form = x[1]!;
    const end = p + x[0].length;
    const m = NAME_BEFORE.exec(text.slice(Math.max(0, p - 120), p));
    if (!m) continue;
    let name = m[1]!;
    let start = p - name.length;
    for (;;) {
      const w = /^([\p{L}'’]+)[ \u00A0]+/u.exec(name);
      if (!w || !rules.lex.nameStopwords.has(w[1]!.toLowerCase().replace(/’/g, "'"))) break;
      name = name.slice(w[0].length);
      start += w[0].length;
    }
    // a lone all-caps word before it is an all-caps sentence, not a name ("IL SE")
    if (!name || (/^\p{Lu}+$/u.test(name) && /\p{Lu}{2,}[ \u00A0]+$/u.test(text.slice(Math.max(0, start - 12), start)))) continue;
    const known = rules.entityNames.get(normaliseName(name));
    out.push(counterpartyCandidate(0, blockId, text, start, end, RULE, { name: known?.kind === 'company' ? known.name : name, kind: 'company', legalForm: form }));
  }
  return out;
}
