/** Money: `17 millions de dollars`, `575 000 USD`, `Br95,4 millions`, `le milliard de dollars`. */
import type { CompiledRule, Lexicons } from '../rules/compile-rules.js';
import { lowerForm, type Candidate } from '../candidate.js';
import { parseFrenchNumber, scaleValue } from '../numbers/parse-french-number.js';

export function buildMoney(m: RegExpExecArray, rule: CompiledRule, lex: Lexicons): Omit<Candidate, 'draft'> & { fields: Record<string, unknown> } | null {
  const g = m.groups ?? {};
  const amount = g.amount !== undefined ? parseFrenchNumber(g.amount, lex.numberWords) : typeof rule.set.value === 'number' ? rule.set.value : 1;
  if (amount === null) return null;
  const whole = g.half !== undefined ? amount + 0.5 : amount;
  const scale = g.scale !== undefined ? (lex.scales.get(lowerForm(g.scale)) ?? 1) : 1;
  const currency = rule.set.currency ?? (g.currency !== undefined ? (lex.currencies.get(lowerForm(g.currency)) ?? null) : null);
  return { priority: rule.priority, scale, fields: { value: scaleValue(whole, scale), currency, qualifier: null } };
}
