/**
 * One canonical name per entity. Lexicon matches already carry their canonical name; names
 * found by patterns (regions, companies) that no alias list knows are folded, by Jaro-Winkler
 * similarity (natural), onto a known name of the same kind or onto a name seen earlier in the
 * document (`Zaleskii`/`Zalessky`, `Moguilev`/`Mogilev`, `Velikiy Kamen`/`Veliky Kamen`).
 */
import type { FactRules } from '../rules/compile-rules.js';
import { normaliseName } from '../rules/compile-rules.js';
import type { FactDraft } from '../candidate.js';
import { similarity } from '../jaro-winkler.js';

const THRESHOLD = 0.93;
const MIN_LENGTH = 5;

export function foldCounterpartyNames(facts: FactDraft[], rules: FactRules): void {
  // kind + first letter → canonical names (Jaro-Winkler rewards a common prefix anyway)
  const known = new Map<string, Set<string>>();
  const bucket = (kind: string, name: string): string => `${kind}|${normaliseName(name).charAt(0)}`;
  const add = (kind: string, name: string): void => {
    const k = bucket(kind, name);
    const set = known.get(k) ?? new Set<string>();
    set.add(name);
    known.set(k, set);
  };
  for (const place of new Set(rules.lex.places.values())) add('region', place);
  for (const e of rules.entityNames.values()) if (e.kind !== 'country') add(e.kind, e.name);
  const cache = new Map<string, string>();
  for (const f of facts) {
    if (f.type !== 'counterparty') continue;
    if (f.kind === 'country' || f.rule === undefined || rules.entityNames.has(normaliseName(f.name))) continue;
    const key = `${f.kind}|${f.name}`;
    let folded = cache.get(key);
    if (folded === undefined) {
      folded = f.name;
      const n = normaliseName(f.name);
      if (n.length >= MIN_LENGTH) {
        let best = 0;
        for (const cand of known.get(bucket(f.kind, f.name)) ?? []) {
          if (Math.abs(cand.length - f.name.length) > 4) continue;
          const s = similarity(n, normaliseName(cand));
          if (s >= THRESHOLD && s > best) {
            best = s;
            folded = cand;
          }
        }
      }
      cache.set(key, folded);
      add(f.kind, folded);
    }
    f.name = folded;
  }
}
