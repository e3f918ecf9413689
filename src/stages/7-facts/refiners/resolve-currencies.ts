/**
 * Ambiguous currencies (`dollars`, `$`, `roubles`, `francs`: `currency: null, ambiguous: true`
 * with ISO `candidates`) are settled only by the document itself: when exactly one of the
 * candidates is named unambiguously elsewhere in it (`USD`, `dollars américains`, `roubles
 * russes`), the fact takes that currency and says so (`inferred: true`, candidates kept).
 * Otherwise it stays ambiguous: never a silent default.
 */
import type { FactDraft } from '../candidate.js';

export function resolveCurrencies(facts: FactDraft[]): void {
  const named = new Set<string>();
  for (const f of facts) if (f.type === 'money' && f.currency) named.add(f.currency);
  if (!named.size) return;
  for (const f of facts) {
    if (f.type !== 'money' || !f.ambiguous || !f.candidates) continue;
    const seen = f.candidates.filter((c) => named.has(c));
    if (seen.length !== 1) continue;
    f.currency = seen[0]!;
    delete f.ambiguous;
    f.inferred = true;
  }
}
