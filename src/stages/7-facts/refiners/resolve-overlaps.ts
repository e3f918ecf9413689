/** Overlapping candidates: the longest wins, then the higher priority, then the earlier one. */
import type { Candidate } from '../candidate.js';

export function resolveOverlaps(cands: Candidate[]): Candidate[] {
  if (cands.length < 2) return cands;
  const order = [...cands].sort(
    (a, b) =>
      b.draft.end - b.draft.start - (a.draft.end - a.draft.start) ||
      b.priority - a.priority ||
      a.draft.start - b.draft.start,
  );
  const kept: Candidate[] = [];
  for (const c of order) {
    const { start, end } = c.draft;
    if (kept.some((k) => k.draft.start < end && start < k.draft.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.draft.start - b.draft.start || a.draft.end - b.draft.end);
}
