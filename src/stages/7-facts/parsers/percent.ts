/** Percentages: `3,5 %`, `11,9%`, `70 pour cent`. */
import type { CompiledRule, Lexicons } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';
import { parseFrenchNumber } from '../numbers/parse-french-number.js';

export function buildPercent(m: RegExpExecArray, rule: CompiledRule, lex: Lexicons): Omit<Candidate, 'draft'> & { fields: Record<string, unknown> } | null {
  const g = m.groups ?? {};
  if (g.amount === undefined) return null;
  const value = parseFrenchNumber(g.amount, lex.numberWords);
  if (value === null) return null;
  return { priority: rule.priority, scale: 1, fields: { value, qualifier: null } };
}
