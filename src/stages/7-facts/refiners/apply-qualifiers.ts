/** Qualifiers just before an amount: `plus de`, `près de`, `environ`, `au moins`, `jusqu'à`, … (rules/numbers/qualifiers.yaml). */
import type { FactRules } from '../rules/compile-rules.js';
import { lowerForm, type Candidate } from '../candidate.js';

export function applyQualifiers(cands: Candidate[], text: string, rules: FactRules): void {
  const re = rules.qualifierRe;
  if (!re) return;
  for (const c of cands) {
    const d = c.draft;
    if (d.type !== 'money' && d.type !== 'percent' && d.type !== 'quantity') continue;
    if (d.qualifier) continue;
    const m = re.exec(text.slice(Math.max(0, d.start - 40), d.start));
    if (m) d.qualifier = rules.lex.qualifiers.get(lowerForm(m[1]!)) ?? null;
  }
}
