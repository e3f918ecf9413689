/**
 * Organisation names found by their head noun (rules/counterparty/heads.yaml), with their
 * full extent decided by the shape of a French noun phrase:
 *
 *   head  (adjective)*  ( (de|du|des|d'|pour|sur|en) (la|le|les|l')? noun (adjective)* )*  …
 *
 * where `et` may join two complements (`des transports et des infrastructures`), a
 * capitalised word or a quoted name is a proper noun, and the phrase stops at punctuation,
 * a number, a legal form or a boundary word (verbs, relative pronouns…). The name ends at
 * the last proper noun (`… du Bélarus`); without one, only a capitalised head makes a name
 * (`Centre cubain de recherche immunologique`). A lower-case head needs a proper noun and a
 * definite article before it (`l'université d'État de Polotsk`, not `un centre de services`).
 * "Apposition" heads take the capitalised name after them (`la société chinoise Beijing
 * Huibaocheng Techbology` → `Beijing Huibaocheng Techbology`). A legal form right after the
 * name joins the span (`… du Belarus OJSC`) and makes it a company.
 */
import type { FactRules, OrgHead } from '../rules/compile-rules.js';
import { escapeRegex, normaliseName } from '../rules/compile-rules.js';
import type { Candidate } from '../candidate.js';

interface Tok {
  t: string;
  s: number;
  e: number;
}

const PREPS = new Set(['de', 'du', 'des', "d'", 'pour', 'sur', 'en']);
const ARTICLES = new Set(['la', 'le', 'les', "l'"]);
/** words spelled with a capital that are common nouns inside names (`Comité d'État pour …`) */
const NOT_PROPER = new Set(['état', 'etat', 'états', 'etats']);
const ADJECTIVE =
  /(?:ique|iques|al|ale|ales|aux|el|elle|elles|els|ien|iens|ienne|iennes|éen|éens|éenne|éennes|ais|aise|aises|ois|oise|oises|ain|aine|ains|aines|if|ifs|ive|ives|é|ée|és|ées|aire|aires|ier|iers|ière|ières|ant|ante|ants|antes|ente|entes|eux|euse|euses|eur|eure|eures|ure|ures|iste|istes|uni|unie|unis|unies|ine|ines|usse|usses|che|ches)$/u;
/** present participles: "portant le nom de", never part of the name */
const PARTICIPLE = /ant$/u;
const WORD = /(?:\p{Lu}\.){1,3}(?=\s*\p{Lu})|[\p{L}\p{N}]+(?:[-–][\p{L}\p{N}]+)*|['’]|\S/uy;
const SPACES = /[ \t\u00A0\u202F]*/y;
const MAX_TOKENS = 30;

function tokensFrom(text: string, pos: number): Tok[] {
  const out: Tok[] = [];
  while (out.length < MAX_TOKENS) {
    SPACES.lastIndex = pos;
    SPACES.exec(text);
    const at = SPACES.lastIndex;
    if (at >= text.length || text[at] === '\n') break;
    WORD.lastIndex = at;
    const m = WORD.exec(text);
    if (!m) break;
    let t = m[0];
    let e = at + t.length;
    // elision: d' l' qu' as one token
    if (/^(?:d|l|qu|D|L)$/u.test(t) && /['’]/u.test(text[e] ?? '')) {
      t = `${t.toLowerCase()}'`;
      e++;
    }
    out.push({ t, s: at, e });
    pos = e;
  }
  return out;
}

const isCap = (t: string): boolean => /^\p{Lu}/u.test(t) && /\p{L}/u.test(t);
const isLowerWord = (t: string): boolean => /^\p{Ll}[\p{L}\p{N}-]*$/u.test(t);

interface Compiled {
  heads: RegExp;
  legal: RegExp | null;
  legalWords: Set<string>;
}
const compiledFor = new WeakMap<FactRules, Compiled>();

function compiled(rules: FactRules): Compiled {
  let c = compiledFor.get(rules);
  if (!c) {
    const forms = [...rules.lex.orgHeads.keys()].sort((a, b) => b.length - a.length);
    const alt = forms.map((f) => `${escapeRegex(f.charAt(0).toUpperCase() + f.slice(1))}|${escapeRegex(f)}`).join('|');
    const legal = [...rules.lex.legalSuffixes].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
    const legalWords = new Set<string>();
    for (const src of rules.sources) {
      if (src.rule.lexicon !== 'legal-form') continue;
      for (const e of src.rule.entries ?? []) for (const f of e.forms) legalWords.add(f.replace(/\.$/, ''));
    }
    c = {
      heads: new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alt || '(?!)'})(?![\\p{L}\\p{N}-])`, 'gu'),
      legal: legal ? new RegExp(`^,?[ \\u00A0]+(${legal})(?![\\p{L}\\p{N}])`, 'u') : null,
      legalWords,
    };
    compiledFor.set(rules, c);
  }
  return c;
}

const DEFINITE_BEFORE = /(?:^|[\s("])(?:[lL]['’]|[lL]a\s+|[lL]e\s+|[dD]u\s+|[aA]u\s+)$/u;

interface Parsed {
  start: number;
  nameEnd: number;
}

/** The extent of the name that starts with the head at [hs, he). */
function parseName(text: string, hs: number, he: number, head: OrgHead, capital: boolean, rules: FactRules, c: Compiled): Parsed | null {
  const toks = tokensFrom(text, he);
  const boundary = (t: string): boolean => rules.lex.nameBoundaries.has(t.toLowerCase()) || c.legalWords.has(t);
  const proper = (t: string): boolean => isCap(t) && !boundary(t) && !NOT_PROPER.has(t.toLowerCase());
  const noun = (t: string | undefined): boolean => !!t && ((isCap(t) && !boundary(t)) || (isLowerWord(t) && !boundary(t) && !PREPS.has(t) && !ARTICLES.has(t) && t !== 'et'));
  let i = 0;
  let lastEnd = -1;
  let lastProperEnd = -1;
  let sawProper = false;
  // apposition: adjectives, then the capitalised name
  if (head.apposition) {
    let j = 0;
    while (j < toks.length && isLowerWord(toks[j]!.t) && !boundary(toks[j]!.t) && ADJECTIVE.test(toks[j]!.t)) j++;
    if (j < toks.length && proper(toks[j]!.t)) {
      const start = toks[j]!.s;
      let end = toks[j]!.e;
      j++;
      while (j < toks.length) {
        const t = toks[j]!.t;
        if (proper(t) || /^\d/.test(t)) end = toks[j++]!.e;
        else if ((t === 'of' || t === 'and' || t === 'for' || t === '&') && j + 1 < toks.length && proper(toks[j + 1]!.t)) j++;
        else break;
      }
      return { start, nameEnd: end };
    }
  }
  let afterNoun = true;
  while (i < toks.length) {
    const tok = toks[i]!;
    const lw = tok.t.toLowerCase();
    if (tok.t === '"') {
      // a quoted proper name: "Minsk"
      const close = toks.findIndex((x, k) => k > i && x.t === '"');
      if (close > i + 1 && close - i <= 7 && isCap(toks[i + 1]!.t)) {
        lastEnd = lastProperEnd = toks[close]!.e;
        sawProper = true;
        i = close + 1;
        afterNoun = true;
        continue;
      }
      break;
    }
    if (isCap(tok.t)) {
      if (boundary(tok.t)) break;
      lastEnd = tok.e;
      if (proper(tok.t)) {
        lastProperEnd = tok.e;
        sawProper = true;
      }
      i++;
      afterNoun = true;
      continue;
    }
    if (PREPS.has(lw) && tok.t === lw) {
      let j = i + 1;
      if (j < toks.length && ARTICLES.has(toks[j]!.t)) j++;
      const next = toks[j]?.t;
      if (!noun(next)) break;
      if (lw === 'en' && !isLowerWord(next!)) break;
      // after a proper noun the name goes on only with another proper noun (du Bélarus, de Minsk):
      // "la communauté des affaires de la région de Briansk des avantages du mécanisme …" stops at Briansk
      if (sawProper && !isCap(next!)) break;
      i = j;
      continue;
    }
    if (tok.t === 'et') {
      const n1 = toks[i + 1]?.t;
      if (sawProper) {
        // after a proper noun, only "et de <Proper>" goes on
        const n2 = toks[i + 2]?.t;
        if (n1 && PREPS.has(n1) && n1 !== 'en' && n2 && proper(n2) && !rules.lex.orgHeads.has(n2.toLowerCase())) {
          i += 1;
          continue;
        }
        break;
      }
      if (n1 && PREPS.has(n1)) {
        // "de l'Union douanière et de l'Espace économique commun": a second organisation, not one name
        const n2 = toks[i + 2]?.t;
        const n3 = n2 && ARTICLES.has(n2) ? toks[i + 3]?.t : n2;
        if (n3 && isCap(n3) && rules.lex.orgHeads.has(n3.toLowerCase())) break;
        i += 1;
        continue;
      }
      if (n1 && ARTICLES.has(n1) && isLowerWord(toks[i + 2]?.t ?? '') && noun(toks[i + 2]?.t)) {
        i += 2;
        continue;
      }
      if (n1 && isLowerWord(n1) && noun(n1)) {
        i += 1;
        continue;
      }
      break;
    }
    if (isLowerWord(tok.t) && !boundary(tok.t)) {
      const prev = toks[i - 1]?.t;
      const afterPrep = prev !== undefined && (PREPS.has(prev) || ARTICLES.has(prev) || prev === 'et');
      if (afterPrep || (afterNoun && ADJECTIVE.test(lw.split(/[-–]/).pop()!))) {
        lastEnd = tok.e;
        i++;
        continue;
      }
    }
    break;
  }
  if (sawProper) {
    // adjectives right after the last proper noun belong to it (Nations unies)
    let end = lastProperEnd;
    const k = toks.findIndex((x) => x.e === lastProperEnd);
    for (let j = k + 1; j < toks.length && isLowerWord(toks[j]!.t) && !boundary(toks[j]!.t) && ADJECTIVE.test(toks[j]!.t) && !PARTICIPLE.test(toks[j]!.t) && toks[j]!.e <= lastEnd; j++) end = toks[j]!.e;
    if (head.apposition) {
      // "la société de gestion Shannrak", "l'usine d'assemblage de Hyundai Trans Auto": the name is the
      // capitalised run at the end — unless it is a place ("l'usine de tracteurs de Minsk")
      let r = k;
      while (r > 0 && proper(toks[r - 1]!.t)) r--;
      const run = toks.slice(r, k + 1).map((x) => x.t).join(' ');
      const before = toks[r - 1]?.t;
      const place = rules.lex.places.has(normaliseName(run)) || rules.lex.cities.has(normaliseName(run)) || rules.entityNames.get(normaliseName(run))?.kind === 'country';
      if (r > 0 && !(before && PREPS.has(before) && place)) return { start: toks[r]!.s, nameEnd: end };
    }
    return { start: hs, nameEnd: end };
  }
  if (!capital || lastEnd < 0) return null;
  return { start: hs, nameEnd: lastEnd };
}

export function matchHeads(blockId: string, text: string, rules: FactRules): Candidate[] {
  if (!rules.lex.orgHeads.size) return [];
  const c = compiled(rules);
  const out: Candidate[] = [];
  c.heads.lastIndex = 0;
  let after = 0;
  for (let m = c.heads.exec(text); m; m = c.heads.exec(text)) {
    const hs = m.index;
    if (hs < after) continue;
    const he = hs + m[0].length;
    const head = rules.lex.orgHeads.get(m[0].toLowerCase());
    if (!head) continue;
    const capital = isCap(m[0]);
    if (!capital && !DEFINITE_BEFORE.test(text.slice(Math.max(0, hs - 8), hs))) continue;
    const p = parseName(text, hs, he, head, capital, rules, c);
    if (!p) continue;
    // a lower-case head needs a proper noun (checked in parseName) — and a capital head alone is no name
    let end = p.nameEnd;
    let legalForm: string | undefined;
    const lm = c.legal?.exec(text.slice(end, end + 20));
    if (lm) {
      legalForm = lm[1]!;
      end += lm[0].length;
    }
    let name = text.slice(p.start, p.nameEnd).replace(/\s+/g, ' ');
    name = name.charAt(0).toUpperCase() + name.slice(1);
    const known = rules.entityNames.get(normaliseName(name));
    out.push({
      priority: -1,
      draft: {
        type: 'counterparty',
        text: text.slice(p.start, end),
        block: blockId,
        start: p.start,
        end,
        rule: head.rule,
        name: known ? known.name : name,
        kind: known ? known.kind : legalForm ? 'company' : head.kind,
        ...(known?.id ? { id: known.id } : {}),
        ...(legalForm ? { legalForm } : {}),
      },
    });
    after = p.nameEnd;
  }
  return out;
}
