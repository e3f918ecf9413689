/**
 * Ranges: `de 215 à 870 millions de dollars`, `passant de 2,1 à 3 milliards`, `de 10 à 15 %`.
 * The second member is already a fact; a `context: before` rule (rules/numbers/ranges.yaml)
 * finds the first member just before it, which takes the second's scale (unless it has its
 * own), currency and unit. A range is two facts.
 */
import type { FactRules } from '../rules/compile-rules.js';
import { lowerForm, type Candidate, type FactDraft } from '../candidate.js';
import { parseFrenchNumber, scaleValue } from '../numbers/parse-french-number.js';
import { CLS, SPACE } from '../char-class.js';

const WINDOW = 100;

function endsWithOne(text: string, from: number, end: number, tails: string[], fold: boolean): boolean {
  for (const t of tails) {
    const s = end - t.length;
    if (s < from) continue;
    if (fold ? text.slice(s, end).toLowerCase() === t : text.startsWith(t, s)) return true;
  }
  return false;
}

export function mergeRanges(cands: Candidate[], blockId: string, text: string, rules: FactRules): Candidate[] {
  const added: Candidate[] = [];
  for (const c of cands) {
    const d = c.draft;
    if (d.type !== 'money' && d.type !== 'percent' && d.type !== 'quantity') continue;
    const from = Math.max(0, d.start - WINDOW);
    let before: string | null = null;
    // the text before the fact without its trailing spaces (where a rule's last literal ends)
    let e = d.start;
    while (e > from && CLS[text.charCodeAt(e - 1)]! & SPACE) e--;
    for (const rule of rules.contextRules) {
      if (!rule.appliesTo.includes(d.type)) continue;
      if (rule.tail && !endsWithOne(text, from, e, rule.tail, !rule.caseSensitive)) continue;
      before ??= text.slice(from, d.start);
      rule.re.lastIndex = 0;
      const m = rule.re.exec(before);
      if (!m || !m.groups?.amount || !m.indices?.groups?.amount) continue;
      const amount = parseFrenchNumber(m.groups.amount, rules.lex.numberWords);
      if (amount === null) continue;
      const ownScale = m.groups.scale ? rules.lex.scales.get(lowerForm(m.groups.scale)) : undefined;
      const scale = ownScale ?? c.scale ?? 1;
      const [aStart] = m.indices.groups.amount;
      const aEnd = (m.indices.groups.scale ?? m.indices.groups.amount)[1];
      const start = from + aStart;
      const end = from + aEnd;
      const draft = {
        ...d,
        text: text.slice(start, end),
        block: blockId,
        start,
        end,
        rule: rule.id,
        value: d.type === 'percent' ? amount : scaleValue(amount, scale),
        qualifier: null,
      } as FactDraft;
      added.push({ draft, priority: c.priority, scale });
      break;
    }
  }
  return added.length ? cands.concat(added) : cands;
}
