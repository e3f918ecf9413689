/**
 * Builds each date's ISO value. A phrase without a year (`en septembre`, `premier trimestre`,
 * `janvier-juin`) takes the latest explicit year seen before it in reading order (same block
 * first, then earlier blocks) and is marked `inferred: true`; with no such year it is dropped.
 */
import type { Candidate } from '../candidate.js';
import { dateValue } from '../parsers/date.js';

export interface YearContext {
  lastYear?: number;
}

export function inferContextYear(cands: Candidate[], ctx: YearContext): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands) {
    const p = c.date;
    if (!p || c.draft.type !== 'date') {
      out.push(c);
      continue;
    }
    const v = dateValue(p, ctx.lastYear);
    if (!v) continue;
    c.draft.value = v.value;
    c.draft.inferred = v.inferred;
    if (!v.inferred) ctx.lastYear = p.year2 ?? p.year;
    out.push(c);
  }
  return out;
}
