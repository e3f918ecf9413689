/** Physical quantities with a real unit: `58 mille tonnes`, `60 000 mètres carrés`, `40 kilomètres`. */
import type { CompiledRule, Lexicons } from '../rules/compile-rules.js';
import { lowerForm, type Candidate } from '../candidate.js';
import { parseFrenchNumber, scaleValue } from '../numbers/parse-french-number.js';

export function buildQuantity(m: RegExpExecArray, rule: CompiledRule, lex: Lexicons): Omit<Candidate, 'draft'> & { fields: Record<string, unknown> } | null {
  const g = m.groups ?? {};
  const amount = g.amount !== undefined ? parseFrenchNumber(g.amount, lex.numberWords) : null;
  if (amount === null) return null;
  const whole = g.half !== undefined ? amount + 0.5 : amount;
  const scale = g.scale !== undefined ? (lex.scales.get(lowerForm(g.scale)) ?? 1) : 1;
  const unit = rule.set.unit ?? (g.unit !== undefined ? lex.units.get(lowerForm(g.unit)) : undefined);
  if (!unit) return null;
  return { priority: rule.priority, scale, fields: { value: scaleValue(whole, scale), unit, qualifier: null } };
}
