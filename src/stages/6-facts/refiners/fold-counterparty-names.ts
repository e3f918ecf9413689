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
  const known = new Map<string, string[]>(); // kind → canonical names
  const add = (kind: string, name: string): void => {
    const list = known.get(kind) ?? [];
    if (!list.includes(name)) list.push(name);
    known.set(kind, list);
  };
  for (const place of new Set(rules.lex.places.values())) add('region', place);
  const cache = new Map<string, string>();
  for (const f of facts) {
    if (f.type !== 'counterparty') continue;
    if (rules.entityNames.has(normaliseName(f.name)) || f.kind === 'country') {
      add(f.kind, f.name);
      continue;
    }
    const key = `${f.kind}|${f.name}`;
    let folded = cache.get(key);
    if (folded === undefined) {
      folded = f.name;
      const n = normaliseName(f.name);
      if (n.length >= MIN_LENGTH) {
        let best = 0;
        for (const cand of known.get(f.kind) ?? []) {
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
