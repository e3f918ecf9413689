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
import { counterpartyCandidate } from './counterparty-candidate.js';

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

/** Tokens after `pos`, made on demand (most names stop after a few words). */
class Tokens {
  private readonly list: Tok[] = [];
  private pos: number;
  private done = false;
  constructor(
    private readonly text: string,
    pos: number,
  ) {
    this.pos = pos;
  }
  at(i: number): Tok | undefined {
    while (!this.done && this.list.length <= i) this.next();
    return this.list[i];
  }
  get length(): number {
    return this.list.length;
  }
  private next(): void {
    const text = this.text;
    if (this.list.length >= MAX_TOKENS) {
      this.done = true;
      return;
    }
    SPACES.lastIndex = this.pos;
    SPACES.exec(text);
    const at = SPACES.lastIndex;
    if (at >= text.length || text.charCodeAt(at) === 10) {
      this.done = true;
      return;
    }
    WORD.lastIndex = at;
    const m = WORD.exec(text);
    if (!m) {
      this.done = true;
      return;
    }
    let t = m[0];
    let e = at + t.length;
    // elision: d' l' qu' as one token
    if (t.length <= 2 && /^(?:d|l|qu|D|L)$/u.test(t) && /['’]/u.test(text[e] ?? '')) {
      t = `${t.toLowerCase()}'`;
      e++;
    }
    this.list.push({ t, s: at, e });
    this.pos = e;
  }
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
  const toks = new Tokens(text, he);
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
    while (toks.at(j) !== undefined && isLowerWord(toks.at(j)!.t) && !boundary(toks.at(j)!.t) && ADJECTIVE.test(toks.at(j)!.t)) j++;
    if (toks.at(j) !== undefined && proper(toks.at(j)!.t)) {
      const start = toks.at(j)!.s;
      let end = toks.at(j)!.e;
      j++;
      while (toks.at(j) !== undefined) {
        const t = toks.at(j)!.t;
        if (proper(t) || /^\d/.test(t)) end = toks.at(j++)!.e;
        else if ((t === 'of' || t === 'and' || t === 'for' || t === '&') && toks.at(j + 1) !== undefined && proper(toks.at(j + 1)!.t)) j++;
        else break;
      }
      return { start, nameEnd: end };
    }
  }
  let afterNoun = true;
  while (toks.at(i) !== undefined) {
    const tok = toks.at(i)!;
    const lw = tok.t.toLowerCase();
    if (tok.t === '"') {
      // a quoted proper name: "Minsk"
      let close = -1;
      for (let k = i + 1; k <= i + 7 && toks.at(k); k++) if (toks.at(k)!.t === '"') {
        close = k;
        break;
      }
      if (close > i + 1 && close - i <= 7 && isCap(toks.at(i + 1)!.t)) {
        lastEnd = lastProperEnd = toks.at(close)!.e;
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
      if (toks.at(j) !== undefined && ARTICLES.has(toks.at(j)!.t)) j++;
      const next = toks.at(j)?.t;
      if (!noun(next)) break;
      if (lw === 'en' && !isLowerWord(next!)) break;
      // after a proper noun the name goes on only with another proper noun (du Bélarus, de Minsk):
      // "la communauté des affaires de la région de Briansk des avantages du mécanisme …" stops at Briansk
      if (sawProper && !isCap(next!)) break;
      i = j;
      continue;
    }
    if (tok.t === 'et') {
      const n1 = toks.at(i + 1)?.t;
      if (sawProper) {
        // after a proper noun, only "et de <Proper>" goes on
        const n2 = toks.at(i + 2)?.t;
        if (n1 && PREPS.has(n1) && n1 !== 'en' && n2 && proper(n2) && !rules.lex.orgHeads.has(n2.toLowerCase())) {
          i += 1;
          continue;
        }
        break;
      }
      if (n1 && PREPS.has(n1)) {
        // "de l'Union douanière et de l'Espace économique commun": a second organisation, not one name
        const n2 = toks.at(i + 2)?.t;
        const n3 = n2 && ARTICLES.has(n2) ? toks.at(i + 3)?.t : n2;
        if (n3 && isCap(n3) && rules.lex.orgHeads.has(n3.toLowerCase())) break;
        i += 1;
        continue;
      }
      if (n1 && ARTICLES.has(n1) && isLowerWord(toks.at(i + 2)?.t ?? '') && noun(toks.at(i + 2)?.t)) {
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
      const prev = toks.at(i - 1)?.t;
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
    let k = 0;
    while (toks.at(k) && toks.at(k)!.e !== lastProperEnd) k++;
    for (let j = k + 1; toks.at(j) !== undefined && isLowerWord(toks.at(j)!.t) && !boundary(toks.at(j)!.t) && ADJECTIVE.test(toks.at(j)!.t) && !PARTICIPLE.test(toks.at(j)!.t) && toks.at(j)!.e <= lastEnd; j++) end = toks.at(j)!.e;
    if (head.apposition) {
      // "la société de gestion Shannrak", "l'usine d'assemblage de Hyundai Trans Auto": the name is the
      // capitalised run at the end — unless it is a place ("l'usine de tracteurs de Minsk")
      let r = k;
      while (r > 0 && proper(toks.at(r - 1)!.t)) r--;
      const words: string[] = [];
      for (let q = r; q <= k; q++) words.push(toks.at(q)!.t);
      const run = words.join(' ');
      const before = toks.at(r - 1)?.t;
      const place = rules.lex.places.has(normaliseName(run)) || rules.lex.cities.has(normaliseName(run)) || rules.entityNames.get(normaliseName(run))?.kind === 'country';
      if (r > 0 && !(before && PREPS.has(before) && place)) return { start: toks.at(r)!.s, nameEnd: end };
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
    out.push(
      counterpartyCandidate(-1, blockId, text, p.start, end, head.rule, {
        name: known ? known.name : name,
        kind: known ? known.kind : legalForm ? 'company' : head.kind,
        ...(known?.id ? { id: known.id } : {}),
        ...(legalForm ? { legalForm } : {}),
      }),
    );
    after = p.nameEnd;
  }
  return out;
}
