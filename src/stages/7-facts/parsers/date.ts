/**
 * Dates: the pieces of `le 17 janvier 1996`, `fin octobre 2019`, `janvier-février 2021`,
 * `premier semestre 2021`, `les sept premiers mois de 2018`, `2024-2025`, `[2017]`, `En 2021`.
 * The ISO value is built later (refiners/infer-context-year.ts), once a missing year is known.
 */
import type { CompiledRule, Lexicons } from '../rules/compile-rules.js';
import { lowerForm, type Candidate, type DateParts } from '../candidate.js';
import { parseFrenchNumber } from '../numbers/parse-french-number.js';

export function buildDate(m: RegExpExecArray, rule: CompiledRule, lex: Lexicons): Omit<Candidate, 'draft'> & { fields: Record<string, unknown> } | null {
  const g = m.groups ?? {};
  const parts: DateParts = { qualifier: null };
  if (g.year !== undefined) parts.year = Number(g.year);
  if (g.year2 !== undefined) parts.year2 = Number(g.year2);
  if (g.month !== undefined) parts.month = lex.months.get(lowerForm(g.month));
  if (g.month2 !== undefined) parts.month2 = lex.months.get(lowerForm(g.month2));
  if (g.day !== undefined) {
    const d = /^(?:1er|premier)$/i.test(g.day) ? 1 : Number(g.day);
    if (!(d >= 1 && d <= 31)) return null;
    parts.day = d;
  }
  if (g.dateQual !== undefined) parts.qualifier = lex.dateQualifiers.get(lowerForm(g.dateQual).trim()) ?? null;
  if (g.ordinal !== undefined && g.period !== undefined) {
    parts.ordinal = lex.ordinals.get(lowerForm(g.ordinal));
    parts.periodMonths = lex.periods.get(lowerForm(g.period));
    if (!parts.ordinal || !parts.periodMonths || parts.ordinal * parts.periodMonths > 12) return null;
  }
  if (g.count !== undefined) {
    const n = parseFrenchNumber(g.count, lex.numberWords);
    if (n === null || !Number.isInteger(n) || n < 1 || n > 12) return null;
    parts.firstMonths = n;
  }
  if (parts.year !== undefined && parts.year2 !== undefined && parts.month === undefined && parts.month2 === undefined) {
    if (!(parts.year2 > parts.year && parts.year2 - parts.year <= 50)) return null;
  }
  if (
    parts.year === undefined && parts.year2 === undefined && parts.month === undefined &&
    parts.firstMonths === undefined && parts.ordinal === undefined
  ) return null;
  return { priority: rule.priority, date: parts, fields: { value: '', qualifier: parts.qualifier, inferred: false } };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The ISO 8601 value of the parts, with `year` for the parts that lack one. */
export function dateValue(p: DateParts, contextYear: number | undefined): { value: string; inferred: boolean } | null {
  const own = p.year ?? p.year2;
  const y = own ?? contextYear;
  const inferred = own === undefined;
  if (p.ordinal !== undefined && p.periodMonths !== undefined) {
    if (y === undefined) return null;
    const m1 = (p.ordinal - 1) * p.periodMonths + 1;
    const m2 = p.ordinal * p.periodMonths;
    return { value: `${y}-${pad(m1)}/${y}-${pad(m2)}`, inferred };
  }
  if (p.firstMonths !== undefined) {
    if (y === undefined) return null;
    return { value: p.firstMonths === 1 ? `${y}-01` : `${y}-01/${y}-${pad(p.firstMonths)}`, inferred };
  }
  if (p.month !== undefined && p.month2 !== undefined) {
    const y1 = p.year ?? p.year2 ?? contextYear;
    const y2 = p.year2 ?? p.year ?? contextYear;
    if (y1 === undefined || y2 === undefined) return null;
    return { value: `${y1}-${pad(p.month)}/${y2}-${pad(p.month2)}`, inferred };
  }
  if (p.month !== undefined) {
    if (y === undefined) return null;
    return { value: p.day !== undefined ? `${y}-${pad(p.month)}-${pad(p.day)}` : `${y}-${pad(p.month)}`, inferred };
  }
  if (p.year !== undefined && p.year2 !== undefined) return { value: `${p.year}/${p.year2}`, inferred: false };
  if (own !== undefined) return { value: String(own), inferred: false };
  return null;
}
