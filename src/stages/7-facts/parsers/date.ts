/**
 * Dates: the pieces of `le 17 janvier 1996`, `fin octobre 2019`, `janvier-février 2021`,
 * `premier semestre 2021`, `les sept premiers mois de 2018`, `2024-2025`, `[2017]`, `En 2021`,
 * `12/03/2015`, `2015-03-12`, `du 3 au 5 mai 2021`, `les années 1970`, `T3 2020`, `S1 2019`,
 * `l'été 2016`, `exercice 2019-20`.
 * The ISO value is built later (refiners/infer-context-year.ts), once a missing year is known.
 */
import type { CompiledRule, Lexicons } from '../rules/compile-rules.js';
import { lowerForm, type Candidate, type DateParts } from '../candidate.js';
import { parseFrenchNumber } from '../numbers/parse-french-number.js';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const validDay = (d: number, m: number | undefined, y: number | undefined): boolean =>
  d >= 1 && (m === undefined || (d <= DAYS_IN_MONTH[m - 1]! && !(m === 2 && d === 29 && y !== undefined && !isLeap(y))));

function dayOf(s: string): number {
  return /^(?:1er|premier)$/i.test(s) ? 1 : Number(s);
}

export function buildDate(m: RegExpExecArray, rule: CompiledRule, lex: Lexicons): Omit<Candidate, 'draft'> & { fields: Record<string, unknown> } | null {
  const g = m.groups ?? {};
  const parts: DateParts = { qualifier: null };
  if (g.year !== undefined) parts.year = Number(g.year);
  if (g.year2 !== undefined) parts.year2 = Number(g.year2);
  if (g.month !== undefined) parts.month = lex.months.get(lowerForm(g.month));
  if (g.month2 !== undefined) parts.month2 = lex.months.get(lowerForm(g.month2));
  if (g.nmonth !== undefined) {
    parts.month = Number(g.nmonth);
    if (!(parts.month >= 1 && parts.month <= 12)) return null;
  }
  if (g.yy !== undefined) parts.yy = Number(g.yy);
  // 2019-20: the short second year is the next one, or the phrase is something else (n° 2015-99)
  if (g.yy2 !== undefined) {
    if (parts.year === undefined || (parts.year + 1) % 100 !== Number(g.yy2)) return null;
    parts.year2 = parts.year + 1;
  }
  if (g.day !== undefined) {
    const d = dayOf(g.day);
    if (!(d >= 1 && d <= 31) || !validDay(d, parts.month, parts.year)) return null;
    parts.day = d;
  }
  if (g.day2 !== undefined) {
    const d = dayOf(g.day2);
    if (!(d >= 1 && d <= 31) || !validDay(d, parts.month2, parts.year2)) return null;
    parts.day2 = d;
  }
  if (g.dateQual !== undefined) parts.qualifier = lex.dateQualifiers.get(lowerForm(g.dateQual).trim()) ?? null;
  if (g.ordinal !== undefined && g.period !== undefined) {
    parts.ordinal = lex.ordinals.get(lowerForm(g.ordinal));
    parts.periodMonths = lex.periods.get(lowerForm(g.period));
    if (!parts.ordinal || !parts.periodMonths || parts.ordinal * parts.periodMonths > 12) return null;
  }
  // T3 / Q3 (quarters), S1 / H1 (half-years)
  if (g.qnum !== undefined) {
    parts.ordinal = Number(g.qnum);
    parts.periodMonths = 3;
  }
  if (g.hnum !== undefined) {
    parts.ordinal = Number(g.hnum);
    parts.periodMonths = 6;
  }
  if (g.count !== undefined) {
    const n = parseFrenchNumber(g.count, lex.numberWords);
    if (n === null || !Number.isInteger(n) || n < 1 || n > 12) return null;
    parts.firstMonths = n;
  }
  if (g.decade !== undefined || g.decadeWords !== undefined) {
    const n = g.decade !== undefined ? Number(g.decade) : parseFrenchNumber(g.decadeWords!, lex.numberWords);
    if (n === null || n % 10 !== 0) return null;
    // two digits fix the century only where no other century is plausible: années 30…90 (not 00, 10, 20)
    if (n >= 1800) parts.decade = n;
    else if (n >= 30 && n <= 90) parts.decade = 1900 + n;
    else return null;
  }
  // seasons: the rule says which months (rules/date/dates.yaml, set.value "MM/MM")
  if (typeof rule.set.value === 'string' && /^\d\d\/\d\d$/.test(rule.set.value)) {
    const [from, to] = rule.set.value.split('/').map(Number) as [number, number];
    parts.seasonFrom = from;
    parts.seasonTo = to;
  }
  if (parts.year !== undefined && parts.year2 !== undefined && parts.month === undefined && parts.month2 === undefined) {
    if (!(parts.year2 > parts.year && parts.year2 - parts.year <= 50)) return null;
  }
  if (
    parts.year === undefined && parts.year2 === undefined && parts.month === undefined && parts.month2 === undefined &&
    parts.firstMonths === undefined && parts.ordinal === undefined && parts.decade === undefined
  ) return null;
  return { priority: rule.priority, date: parts, fields: { value: '', qualifier: parts.qualifier, inferred: false } };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The year of a two-digit year: the one of its two centuries nearest the context year. */
function century(yy: number, contextYear: number): number {
  const a = 1900 + yy;
  const b = 2000 + yy;
  return Math.abs(a - contextYear) <= Math.abs(b - contextYear) ? a : b;
}

/** The ISO 8601 value of the parts, with `year` for the parts that lack one. */
export function dateValue(p: DateParts, contextYear: number | undefined): { value: string; inferred: boolean } | null {
  if (p.decade !== undefined) return { value: `${p.decade}/${p.decade + 9}`, inferred: false };
  if (p.yy !== undefined) {
    if (contextYear === undefined || p.month === undefined || p.day === undefined) return null;
    const y = century(p.yy, contextYear);
    if (!validDay(p.day, p.month, y)) return null;
    return { value: `${y}-${pad(p.month)}-${pad(p.day)}`, inferred: true };
  }
  const own = p.year ?? p.year2;
  const y = own ?? contextYear;
  const inferred = own === undefined;
  if (p.seasonFrom !== undefined && p.seasonTo !== undefined) {
    if (p.year === undefined) return null;
    if (p.seasonFrom <= p.seasonTo) return { value: `${p.year}-${pad(p.seasonFrom)}/${p.year}-${pad(p.seasonTo)}`, inferred: false };
    // across the new year: hiver 2016-2017 = 2016-12/2017-02; hiver 2012 = 2011-12/2012-02
    const [y1, y2] = p.year2 !== undefined ? [p.year, p.year2] : [p.year - 1, p.year];
    if (y2 !== y1 + 1) return null;
    return { value: `${y1}-${pad(p.seasonFrom)}/${y2}-${pad(p.seasonTo)}`, inferred: false };
  }
  if (p.day2 !== undefined && p.day !== undefined) {
    // du 3 au 5 mai 2021, du 28 février au 3 mars 2020, du 30 décembre 2019 au 2 janvier 2020
    const m2 = p.month2;
    const m1 = p.month ?? m2;
    const y2 = p.year2 ?? p.year ?? contextYear;
    if (m1 === undefined || m2 === undefined || y2 === undefined) return null;
    const y1 = p.year ?? (m1 > m2 ? y2 - 1 : y2);
    const a = `${y1}-${pad(m1)}-${pad(p.day)}`;
    const b = `${y2}-${pad(m2)}-${pad(p.day2)}`;
    if (!(a < b) || !validDay(p.day, m1, y1) || !validDay(p.day2, m2, y2)) return null;
    return { value: `${a}/${b}`, inferred: p.year2 === undefined && p.year === undefined };
  }
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
    if (p.day !== undefined && !validDay(p.day, p.month, y)) return null;
    return { value: p.day !== undefined ? `${y}-${pad(p.month)}-${pad(p.day)}` : `${y}-${pad(p.month)}`, inferred };
  }
  if (p.year !== undefined && p.year2 !== undefined) return { value: `${p.year}/${p.year2}`, inferred: false };
  if (own !== undefined) return { value: String(own), inferred: false };
  return null;
}
