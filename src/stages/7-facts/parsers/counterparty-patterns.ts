/**
 * Counterparties found by a pattern: `région de Koursk`, `la ville de Chongqing`,
 * `MAZ-Veichai LLC`, `SARL "Trading House "Minsk Motor Plant""`, ministries.
 * The `name` group is cleaned (quotes, leading capitalised function words) and folded
 * onto a known place or entity when one matches.
 */
import type { CompiledRule, Lexicons, FactRules } from '../rules/compile-rules.js';
import { normaliseName } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';

export interface CounterpartyBuild extends Omit<Candidate, 'draft'> {
  fields: Record<string, unknown>;
  /** narrower span than the whole match (when leading words were trimmed) */
  trimStart?: number;
}

function cleanName(raw: string, lex: Lexicons): { name: string; skipped: number } | null {
  let name = raw;
  let skipped = 0;
  // leading capitalised function words: "En MAZ-Veichai" → "MAZ-Veichai"
  for (;;) {
    const m = /^([\p{L}'’]+)[ \u00A0]+/u.exec(name);
    if (!m || !lex.nameStopwords.has(m[1]!.toLowerCase().replace(/’/g, "'"))) break;
    skipped += m[0].length;
    name = name.slice(m[0].length);
  }
  const bare = name.replace(/^"/, '').replace(/"$/, '').replace(/""$/, '"').trim();
  if (!bare || lex.nameStopwords.has(bare.toLowerCase())) return null;
  return { name: bare.replace(/^"(.*)"$/, '$1'), skipped };
}

export function buildCounterparty(m: RegExpExecArray, rule: CompiledRule, rules: FactRules): CounterpartyBuild | null {
  const g = m.groups ?? {};
  const kind = rule.set.kind ?? 'organisation';
  let raw = g.name ?? m[0];
  if (raw.startsWith('"') && !raw.endsWith('"')) return null;
  const cleaned = cleanName(raw, rules.lex);
  if (!cleaned) return null;
  let { name } = cleaned;
  const trimStart = g.name !== undefined && m[0].startsWith(g.name) ? cleaned.skipped : 0;
  if (rule.set.name) name = rule.set.name;
  const key = normaliseName(name);
  // a known entity (a country behind "République de …", a known company) wins
  const known = rules.entityNames.get(key);
  if (known && (kind === 'region' ? known.kind === 'country' || known.kind === 'region' : true)) {
    return {
      priority: rule.priority,
      fields: { name: known.name, kind: known.kind, ...(known.id ? { id: known.id } : {}) },
      trimStart,
    };
  }
  if (kind === 'region') {
    const place = rules.lex.places.get(key);
    if (place) name = place;
  } else if (kind === 'organisation') {
    name = name.charAt(0).toUpperCase() + name.slice(1);
  }
  raw = name;
  return { priority: rule.priority, fields: { name: raw, kind, ...(rule.set.id ? { id: rule.set.id } : {}) }, trimStart };
}
