/**
 * Two dates joined as the ends of one span are one interval (ISO 8601 `start/end`):
 * `du 01/01/2022 au 31/12/2022`, `entre juin 2015 et mai 2018`, `de mars 2019 à juin 2020`.
 * Both ends must carry their own year (not inferred), no qualifier, and come in order;
 * the phrase must open with `du`/`de`/`entre`/`depuis` (or the ends be joined by a dash).
 */
import type { Candidate } from '../candidate.js';

const LEAD = /(?<![\p{L}])(du|de|d['’]|entre|depuis)[\s\u00A0]*$/iu;
const JOIN = /^[\s\u00A0]*(?:au|à|et|jusqu['’]au|jusqu['’]à|(?<dash>-|–))[\s\u00A0]*$/iu;

export function mergeDateIntervals(cands: Candidate[], text: string): Candidate[] {
  const dates = cands.filter((c) => c.draft.type === 'date');
  if (dates.length < 2) return cands;
  dates.sort((a, b) => a.draft.start - b.draft.start);
  const drop = new Set<Candidate>();
  const add: Candidate[] = [];
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i]!;
    const b = dates[i + 1]!;
    const da = a.draft;
    const db = b.draft;
    if (da.type !== 'date' || db.type !== 'date' || drop.has(a)) continue;
    if (da.inferred || db.inferred || da.qualifier || db.qualifier) continue;
    if (da.value.includes('/') || db.value.includes('/') || !(da.value < db.value)) continue;
    const join = JOIN.exec(text.slice(da.end, db.start));
    if (!join) continue;
    const lead = LEAD.exec(text.slice(Math.max(0, da.start - 12), da.start));
    if (!lead && !join.groups?.dash) continue;
    const start = lead ? da.start - (lead[0].length) : da.start;
    drop.add(a).add(b);
    add.push({
      priority: a.priority,
      draft: { ...da, text: text.slice(start, db.end), start, end: db.end, value: `${da.value}/${db.value}`, rule: 'date/interval' },
    });
  }
  if (!add.length) return cands;
  return cands.filter((c) => !drop.has(c)).concat(add).sort((x, y) => x.draft.start - y.draft.start);
}
