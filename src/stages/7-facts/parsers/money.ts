/**
 * Money: `17 millions de dollars`, `575 000 USD`, `Br95,4 millions`, `EUR 1000`, `12 M€`,
 * `le milliard de dollars`. A currency form the text alone does not settle (`dollars`, `$`,
 * `roubles`, `francs`) gives `currency: null, ambiguous: true` and its ISO candidates
 * (rules/money/currencies.yaml); refiners/resolve-currencies.ts may settle it from the document.
 */
import type { CompiledRule, Lexicons } from '../rules/compile-rules.js';
import { lowerForm, type Candidate } from '../candidate.js';
import { parseFrenchNumber, scaleValue } from '../numbers/parse-french-number.js';

export function buildMoney(m: RegExpExecArray, rule: CompiledRule, lex: Lexicons): Omit<Candidate, 'draft'> & { fields: Record<string, unknown> } | null {
  const g = m.groups ?? {};
  const amount = g.amount !== undefined ? parseFrenchNumber(g.amount, lex.numberWords) : typeof rule.set.value === 'number' ? rule.set.value : 1;
  if (amount === null) return null;
  const whole = g.half !== undefined ? amount + 0.5 : amount;
  const scale = g.scale !== undefined ? (lex.scales.get(lowerForm(g.scale)) ?? 1) : 1;
  let currency: string | null = rule.set.currency ?? null;
  let candidates: string[] | undefined;
  if (!currency && g.currency !== undefined) {
    const key = lowerForm(g.currency);
    // ISO codes count only in capitals (`gel`, `top`, `cup` are words), and not glued to the amount (`EUR2024`)
    if (lex.currencyCodes.has(key) && (g.currency !== g.currency.toUpperCase() || /^[A-Z]{3}\d/.test(m[0]))) return null;
    currency = lex.currencies.get(key) ?? null;
    if (!currency) candidates = lex.currencyCandidates.get(key);
  }
  const fields: Record<string, unknown> = { value: scaleValue(whole, scale), currency, qualifier: null };
  if (candidates) {
    fields.ambiguous = true;
    fields.candidates = candidates;
  }
  return { priority: rule.priority, scale, fields };
}
