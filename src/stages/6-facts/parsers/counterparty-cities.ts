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

const NAME = String.raw`\p{Lu}[\p{L}'’]*(?:[ -]\p{Lu}[\p{L}'’]*){0,2}`;
const BETWEEN = new RegExp(String.raw`(?<![\p{L}\p{N}])[Ee]ntre\s+(${NAME})\s+et\s+(${NAME})(?![\p{L}\p{N}])`, 'gu');
const SUBJECT = new RegExp(String.raw`(?<![\p{L}\p{N}'’])(${NAME})\s+et\s+(${NAME})\s+(?:ont|sont|étaient|seront|\p{Ll}{2,}ent)(?![\p{L}])`, 'gu');
const RULE = 'counterparty/city-party';

export function matchCityParties(blockId: string, text: string, rules: FactRules): Candidate[] {
  const cities = rules.lex.cities;
  if (!cities.size || text.indexOf(' et ') < 0) return [];
  const out: Candidate[] = [];
  const city = (name: string): string | undefined => cities.get(normaliseName(name)) ?? rules.lex.places.get(normaliseName(name));
  const other = (name: string): boolean => {
    const e = rules.entityNames.get(normaliseName(name));
    return !!e && e.kind !== 'city';
  };
  const push = (name: string, start: number, canonical: string): void => {
    out.push({
      priority: 1,
      draft: { type: 'counterparty', text: name, block: blockId, start, end: start + name.length, rule: RULE, name: canonical, kind: 'city', role: 'party' },
    });
  };
  const take = (m: RegExpExecArray, bothKnown: boolean): void => {
    const a = m[1]!;
    const b = m[2]!;
    if (other(a) || other(b)) return;
    const ca = city(a);
    const cb = city(b);
    if (bothKnown ? !(ca && cb) : !(ca || cb)) return;
    const aStart = m.index + m[0].indexOf(a);
    const bStart = aStart + a.length + m[0].slice(m[0].indexOf(a) + a.length).indexOf(b);
    push(a, aStart, ca ?? a);
    push(b, bStart, cb ?? b);
  };
  BETWEEN.lastIndex = 0;
  for (let m = BETWEEN.exec(text); m; m = BETWEEN.exec(text)) take(m, false);
  SUBJECT.lastIndex = 0;
  for (let m = SUBJECT.exec(text); m; m = SUBJECT.exec(text)) {
    // a capitalised word that opens a sentence is not a city: "Et Minsk …" is fine, "Le Belarus et …" is not a match anyway
    take(m, true);
  }
  return out;
}
