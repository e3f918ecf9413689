/**
 * Cities acting as parties — kind `city`, role `party` — kept apart from cities as places
 * (`à Pékin`, `basée à Minsk`), which are not counterparties at all. A city is a party in:
 *
 * - `entre <A> et <B>` where neither name is preceded by an article (an article makes it a
 *   country: `entre le Belarus et la Chine`), neither is a known country, region or
 *   organisation, and at least one is a known city (rules/counterparty/cities.yaml,
 *   city-aliases.yaml): `entre Minsk et Managua`, `accord entre Pékin et Moscou`;
 * - `<A> et <B>` as the subject of a plural verb, both known cities: `Minsk et Astana
 *   conviennent`, `Minsk et Astana ont mis à jour`.
 */
import type { FactRules } from '../rules/compile-rules.js';
import { normaliseName } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';
import { counterpartyCandidate } from './counterparty-candidate.js';

const NAME = String.raw`\p{Lu}[\p{L}'’]*(?:[ -]\p{Lu}[\p{L}'’]*){0,2}`;
/** the name before " et " (checked on a short window ending there) */
const LEFT = new RegExp(String.raw`(?:^|[^\p{L}\p{N}'’])(${NAME})$`, 'u');
/** the name after " et " */
const RIGHT = new RegExp(NAME, 'uy');
const BETWEEN_BEFORE = /(?:^|[^\p{L}\p{N}])[Ee]ntre\s+$/u;
const PLURAL_VERB = /^\s+(?:ont|sont|étaient|seront|\p{Ll}{2,}ent)(?![\p{L}])/u;
const RULE = 'counterparty/city-party';

export function matchCityParties(blockId: string, text: string, rules: FactRules): Candidate[] {
  const cities = rules.lex.cities;
  if (!cities.size) return [];
  const out: Candidate[] = [];
  const city = (name: string): string | undefined => cities.get(normaliseName(name)) ?? rules.lex.places.get(normaliseName(name));
  const other = (name: string): boolean => {
    const e = rules.entityNames.get(normaliseName(name));
    return !!e && e.kind !== 'city';
  };
  const push = (name: string, start: number, canonical: string): void => {
    out.push(counterpartyCandidate(1, blockId, text, start, start + name.length, RULE, { name: canonical, kind: 'city', role: 'party' }));
  };
  // every " et " between two capitalised names: "entre A et B", or "A et B <plural verb>"
  for (let p = text.indexOf(' et '); p >= 0; p = text.indexOf(' et ', p + 4)) {
    const c = text.charCodeAt(p + 4);
    if (!(c >= 65 && c <= 90) && !(c >= 0xc0 && c <= 0xde)) continue;
    const l = LEFT.exec(text.slice(Math.max(0, p - 60), p));
    if (!l) continue;
    RIGHT.lastIndex = p + 4;
    const r = RIGHT.exec(text);
    if (!r) continue;
    const a = l[1]!;
    const b = r[0];
    const aStart = p - a.length;
    const bStart = p + 4;
    const rest = text.slice(bStart + b.length, bStart + b.length + 20);
    if (/^[\p{L}\p{N}]/u.test(rest)) continue;
    const between = BETWEEN_BEFORE.test(text.slice(Math.max(0, aStart - 8), aStart));
    const subject = !between && PLURAL_VERB.test(rest);
    if (!between && !subject) continue;
    if (other(a) || other(b)) continue;
    const ca = city(a);
    const cb = city(b);
    if (subject ? !(ca && cb) : !(ca || cb)) continue;
    push(a, aStart, ca ?? a);
    push(b, bStart, cb ?? b);
  }
  return out;
}
