/** Where a rule sits in its file (`file:line:col`), worked out when printed. */
export type Where = { toString(): string };
/**
 * Turns validated rule files into compiled rules: lexicons become lookup tables and the
 * `{macro}` slots of patterns (built from those lexicons); patterns are vetted first.
 */
import type { FactType, Qualifier } from '../../../types.js';
import { DIGIT_NUMBER_SOURCE } from '../numbers/parse-french-number.js';
import { tokenizeWords } from '../tokenize-words.js';
import type { RuleFile } from './read-rule-files.js';
import { RuleFileError } from './read-rule-files.js';
import type { Dimension, EntryData, ExampleData, LexiconRole, RuleData } from './schema.js';
import { CLS, UPPER, hash3 } from '../char-class.js';
import { DIGITS, anchorKey, buildAnchorIndex, normaliseAnchors, type Anchor, type AnchorIndex } from '../anchors.js';
import { PatternError, type Node, leadingAnchors, maxMatchLength, parsePattern, requiredAnchors, vetPattern } from '../../../rules/vet-pattern.js';

export type CounterpartyKind = 'country' | 'region' | 'company' | 'organisation';

export interface Lexicons {
  numberWords: Map<string, number>;
  scales: Map<string, number>;
  qualifiers: Map<string, Exclude<Qualifier, null>>;
  currencies: Map<string, string>;
  units: Map<string, string>;
  months: Map<string, number>;
  dateQualifiers: Map<string, 'start' | 'mid' | 'end'>;
  ordinals: Map<string, number>;
  periods: Map<string, number>;
  nameStopwords: Set<string>;
  yearIntro: Set<string>;
  /** normalised spelling → canonical place name (for names found by patterns) */
  places: Map<string, string>;
}

export interface Entity {
  name: string;
  kind: CounterpartyKind;
  id?: string;
  rule: string;
  notFollowedBy?: RegExp;
}

export interface EntityForm {
  tokens: string[];
  entity: Entity;
}

export interface CompiledRule {
  id: string;
  dimension: Dimension;
  file: string;
  re: RegExp;
  set: NonNullable<RuleData['set']>;
  priority: number;
  context?: 'before';
  appliesTo: FactType[];
  notFollowedBy?: RegExp;
  /** ids (in FactRules.anchors) of literals one of which every match contains; none = scan the whole block */
  anchorIds?: number[];
  /** `re` made sticky, when every match starts at an anchor hit (then only those are tried) */
  sticky?: RegExp;
  /** when set, matches start at these anchors' hits (not at `anchorIds`' ones): `sticky` is tried there */
  leadIds?: number[];
  /** context rules: literals one of which the match ends with, before optional spaces (lowercased unless case-sensitive) */
  tail?: string[];
  caseSensitive?: boolean;
  /** a second anchor every match contains (a run of digits, for a mandatory {year}): hits of
   * `anchorIds` farther than `span` from all its hits are skipped */
  alsoId?: number;
  /** the longest text a match may span (bounds the windows scanned around anchor hits) */
  span: number;
  /** how far before an anchor hit's start, and after its end, a match may reach */
  before: number;
  after: number;
}

export interface RuleSource {
  file: string;
  dimension: Dimension;
  rule: RuleData;
  where(path: (string | number)[]): Where;
}

export interface FactRules {
  rules: CompiledRule[];
  contextRules: CompiledRule[];
  lex: Lexicons;
  /** first token (lowercased) → forms starting with it, longest first */
  entities: Map<string, EntityForm[]>;
  /** first words (lowercase) of multi-word forms that may also be written in lower case ("l'union douanière") */
  lowerStarts: Set<string>;
  /** by first code unit: bit (length & 31) set when one of `lowerStarts` has that start and length */
  lowerStartChars: Uint32Array;
  /** code units that may start a lexicon form: capitals and the starts of `lowerStarts` */
  entityStartChars: Uint8Array;
  /** set at hash3 of the first three code units of every key of `entities` */
  entityPrefixes: Uint8Array;
  /** canonical entities by normalised name, for folding spelling variants */
  entityNames: Map<string, Entity>;
  qualifierRe: RegExp | null;
  sources: RuleSource[];
  /** the anchors of all pattern rules, found once per block (anchors.ts) */
  anchors: AnchorIndex;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** a lexicon form as a regex: spaces match any run of spaces, apostrophes match ' or ’ */
function formSource(form: string): string {
  return escapeRegex(form)
    .replace(/ +/g, '[\\s\\u00A0\\u202F]+')
    .replace(/['’]/g, "['’]");
}

function alternation(forms: Iterable<string>): string {
  const list = [...new Set(forms)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return list.length ? list.map(formSource).join('|') : '(?!)';
}

const normalised = new Map<string, string>();

/** Accents, case, quotes, apostrophes and dashes folded (memoised: names repeat a lot). */
export function normaliseName(s: string): string {
  let v = normalised.get(s);
  if (v === undefined) {
    v = normaliseNameUncached(s);
    if (normalised.size > 50_000) normalised.clear();
    normalised.set(s, v);
  }
  return v;
}

function normaliseNameUncached(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/["«»“”„]/g, '')
    .replace(/[’']/g, "'")
    .replace(/[\s-]+/g, ' ')
    .trim();
}

const L = '\\p{L}';

function buildMacros(
  lex: Lexicons,
  legal: { prefix: string[]; suffix: string[] },
  prefixCurrencies: string[],
  raw: Partial<Record<LexiconRole, string[]>>,
): Record<string, string> {
  const forms = (role: LexiconRole): string[] => raw[role] ?? [];
  const words = alternation(forms('number-word'));
  const wordNumber = `(?<![${L}\\d])(?:${words})(?:[\\s-]+(?:et[\\s-]+)?(?:${words}))*(?![${L}])`;
  const number = `${DIGIT_NUMBER_SOURCE}|${wordNumber}`;
  const after = `(?![${L}\\d])`;
  const before = `(?<![${L}\\d])`;
  const month = `${before}(?:${alternation(forms('month'))})(?![${L}])`;
  const year = `(?<![\\d${L},.])(?:1[89]|20)\\d\\d(?![\\d]|,\\d)`;
  const capWord = `\\p{Lu}[${L}\\d.&'’-]*`;
  const quoted = `"(?:[^"\\n]{1,60}"[^"\\n]{1,40}""|[^"\\n]{1,60}")`;
  return {
    amount: `(?<amount>${number})`,
    count: `(?<count>${number})`,
    // "deux millions et demi": half a unit of the scale (or of the amount) more
    half: `(?<half>\\s+et\\s+demie?${after})`,
    scale: `(?<scale>${before}(?:${alternation(forms('scale'))})${after})`,
    currency: `(?<currency>${alternation(forms('currency'))})(?![${L}])`,
    prefixCurrency: `(?<currency>${alternation(prefixCurrencies)})`,
    unit: `(?<unit>${before}(?:${alternation(forms('unit'))})${after})`,
    month: `(?<month>${month})`,
    month2: `(?<month2>${month})`,
    day: `(?<day>(?<![\\d,])(?:1er|premier|[12]\\d|3[01]|0?[1-9])(?!\\d))`,
    year: `(?<year>${year})`,
    year2: `(?<year2>${year})`,
    dateQual: `(?<dateQual>${before}(?:${alternation(forms('date-qualifier'))}))`,
    ordinal: `(?<ordinal>${before}(?:${alternation(forms('ordinal'))})${after})`,
    period: `(?<period>${before}(?:${alternation(forms('period'))})${after})`,
    legalFormPrefix: `(?<legalForm>${before}(?:${alternation(legal.prefix)})${after})`,
    legalFormSuffix: `(?<legalForm>${before}(?:${alternation(legal.suffix)})${after})`,
    companyName: `(?<name>${quoted}|${capWord}(?:[ \\u00A0](?:${capWord}|№ ?\\d+|No\\. ?\\d+|de|du|des|of|and)){0,5})`,
    // "Kazakhstan du Nord", "Kazakhstan de l'Est": a cardinal point belongs to the name
    placeName: `(?<name>\\p{Lu}[${L}'’-]*(?:[ -]\\p{Lu}[${L}'’-]*){0,2}(?:\\s+(?:du|de\\s+l['’])\\s*(?:Nord|Sud|Est|Ouest)(?![${L}]))?)`,
  };
}

function expand(pattern: string, macros: Record<string, string>, where: Where): string {
  return pattern.replace(/\\[pPu]\{[^}]*\}|\\.|\{([A-Za-z][A-Za-z0-9]*)\}/gs, (all: string, name?: string) => {
    if (name === undefined) return all;
    const m = macros[name];
    if (m === undefined) {
      throw new RuleFileError(`${where}: unknown macro {${name}} (known: ${Object.keys(macros).join(', ')})`);
    }
    return m;
  });
}

function compileUserRegex(source: string, where: Where): RegExp {
  try {
    vetPattern(source);
  } catch (e) {
    if (e instanceof PatternError) throw new RuleFileError(`${where}: ${e.message}`);
    throw e;
  }
  try {
    return new RegExp(source, 'u');
  } catch (e) {
    throw new RuleFileError(`${where}: invalid pattern: ${(e as Error).message}`);
  }
}

const MACRO_ROLE: Record<string, LexiconRole | undefined> = {
  scale: 'scale',
  currency: 'currency',
  unit: 'unit',
  month: 'month',
  month2: 'month',
  dateQual: 'date-qualifier',
  ordinal: 'ordinal',
  period: 'period',
};

/**
 * How far a match may reach before an anchor hit's start and after its end, when the anchors
 * come from one item of a sequence (looked for inside groups and lookbehinds too); null = unknown.
 */
function reach(
  node: Node,
  anchors: string[],
  formsOf: (name: string) => string[] | null,
  macroLength: (name: string) => number | null,
): { before: number; after: number } | null {
  const len = (n: Node): number => maxMatchLength(n, macroLength, 1e6);
  if (node.t === 'group' && (node.open === '(?:' || node.open === '(' || node.open === '(?<=')) {
    return reach(node.body, anchors, formsOf, macroLength) ?? { before: len(node.body), after: len(node.body) };
  }
  if (node.t !== 'seq') return null;
  const same = (a: string[] | null): boolean => !!a && a.length === anchors.length && a.every((x, k) => x === anchors[k]);
  const i = node.items.findIndex((it) => same(requiredAnchors(it, formsOf)));
  if (i < 0) return null;
  const item = node.items[i]!;
  const inner = reach(item, anchors, formsOf, macroLength) ?? { before: len(item), after: len(item) };
  const pre = node.items.slice(0, i).reduce((a, it) => a + len(it), 0);
  const post = node.items.slice(i + 1).reduce((a, it) => a + len(it), 0);
  return { before: pre + inner.before, after: post + inner.after };
}

const YEAR_MACROS = new Set(['year', 'year2']);
/** macros whose forms are followed by `(?![\p{L}…])`: a form ending with a letter ends a word */
const WHOLE_MACROS = new Set(['scale', 'currency', 'unit', 'month', 'month2', 'ordinal', 'period', 'legalFormPrefix', 'legalFormSuffix']);

/** Literals one of which every match ends with, after dropping trailing `\s*`; null = unknown. */
function trailingLiterals(node: Node): string[] | null {
  switch (node.t) {
    case 'group':
      return node.open === '(' || node.open === '(?:' ? trailingLiterals(node.body) : null;
    case 'alt': {
      const out: string[] = [];
      for (const o of node.options) {
        const t = trailingLiterals(o);
        if (!t) return null;
        out.push(...t);
      }
      return out;
    }
    case 'seq': {
      let i = node.items.length - 1;
      const isSpaces = (it: Node): boolean => it.t === 'repeat' && it.min === 0 && it.body.t === 'atom' && it.body.src === '\\s';
      while (i >= 0 && isSpaces(node.items[i]!)) i--;
      let run = '';
      for (; i >= 0; i--) {
        const it = node.items[i]!;
        if (it.t !== 'atom') break;
        const a = requiredAnchors(it, () => null);
        if (!a || a.length !== 1 || /\s/.test(a[0]!)) break;
        run = a[0]! + run;
      }
      if (run) return [run];
      return i >= 0 ? trailingLiterals(node.items[i]!) : null;
    }
    default:
      return null;
  }
}

/** Whether every match of the pattern contains one of these macros. */
function mandatoryMacro(node: Node, names: Set<string>): boolean {
  switch (node.t) {
    case 'macro':
      return names.has(node.name);
    case 'atom':
      return false;
    case 'group':
      return (node.open === '(' || node.open === '(?:') && mandatoryMacro(node.body, names);
    case 'repeat':
      return node.min >= 1 && mandatoryMacro(node.body, names);
    case 'alt':
      return node.options.every((o) => mandatoryMacro(o, names));
    case 'seq':
      return node.items.some((it) => mandatoryMacro(it, names));
  }
}

/** a match is never looked for further than this from its anchor */
const MAX_SPAN = 100;
const FIXED_MACRO_LENGTH: Record<string, number> = { year: 4, year2: 4, day: 7, amount: 45, count: 45, placeName: 60, half: 14 };

const DEFAULT_APPLIES: Record<Dimension, FactType[]> = {
  money: ['money'],
  percent: ['percent'],
  quantity: ['quantity'],
  date: ['date'],
  counterparty: ['counterparty'],
  numbers: ['money', 'percent', 'quantity'],
};

export function compileRules(files: RuleFile[]): FactRules {
  const lex: Lexicons = {
    numberWords: new Map(),
    scales: new Map(),
    qualifiers: new Map(),
    currencies: new Map(),
    units: new Map(),
    months: new Map(),
    dateQualifiers: new Map(),
    ordinals: new Map(),
    periods: new Map(),
    nameStopwords: new Set(),
    yearIntro: new Set(),
    places: new Map(),
  };
  const legal = { prefix: [] as string[], suffix: [] as string[] };
  const prefixCurrencies: string[] = [];
  const raw: Partial<Record<LexiconRole, string[]>> = {};
  const sources: RuleSource[] = [];
  const seenIds = new Map<string, Where>();
  // entities: merged by kind+id (countries) or kind+name
  const entityByKey = new Map<string, { entity: Entity; forms: Set<string>; canonical: boolean }>();
  const formsOut: { form: string; entityKey: string; target: Entity }[] = [];

  const lower = (s: string): string => s.toLowerCase().replace(/[\s\u00A0\u202F]+/g, ' ').replace(/’/g, "'");

  for (const rf of files) {
    rf.data.rules.forEach((rule, ri) => {
      const where = rf.where(['rules', ri, 'id']);
      const prev = seenIds.get(rule.id);
      if (prev) throw new RuleFileError(`${where}: duplicate rule id "${rule.id}" (first defined at ${prev})`);
      seenIds.set(rule.id, where);
      sources.push({ file: rf.file, dimension: rf.data.dimension, rule, where: rf.where });
      if (!rule.pattern && !rule.lexicon) {
        throw new RuleFileError(`${where}: a rule needs a "pattern" or a "lexicon" with "entries"`);
      }
      if (rule.pattern && rule.lexicon) {
        throw new RuleFileError(`${rf.where(['rules', ri, 'lexicon'])}: a rule has either a "pattern" or a "lexicon", not both`);
      }
      if (rule.lexicon && !rule.entries) {
        throw new RuleFileError(`${where}: lexicon rule "${rule.id}" has no "entries"`);
      }
      if (!rule.lexicon) return;
      const role: LexiconRole = rule.lexicon;
      const notFollowedBy = rule.notFollowedBy
        ? compileUserRegex(`^(?:${rule.notFollowedBy})`, rf.where(['rules', ri, 'notFollowedBy']))
        : undefined;
      rule.entries!.forEach((e: EntryData, ei) => {
        const ewhere = rf.where(['rules', ri, 'entries', ei]);
        const needValue = (kind: 'number' | 'string'): number | string => {
          if (typeof e.value !== kind) throw new RuleFileError(`${ewhere}: a "${role}" entry needs a ${kind} "value"`);
          return e.value!;
        };
        for (const form of e.forms) {
          const f = lower(form);
          (raw[role] ??= []).push(form);
          switch (role) {
            case 'number-word':
              lex.numberWords.set(f, needValue('number') as number);
              break;
            case 'scale':
              lex.scales.set(f, needValue('number') as number);
              break;
            case 'qualifier': {
              const v = needValue('string') as string;
              if (!['more_than', 'about', 'less_than', 'at_least', 'up_to'].includes(v)) {
                throw new RuleFileError(`${ewhere}: qualifier must be more_than, about, less_than, at_least or up_to`);
              }
              lex.qualifiers.set(f, v as Exclude<Qualifier, null>);
              break;
            }
            case 'currency':
              lex.currencies.set(f, needValue('string') as string);
              if (e.position === 'prefix' || e.position === 'both') prefixCurrencies.push(form);
              break;
            case 'unit':
              lex.units.set(f, needValue('string') as string);
              break;
            case 'month':
              lex.months.set(f, needValue('number') as number);
              break;
            case 'date-qualifier': {
              const v = needValue('string') as string;
              if (!['start', 'mid', 'end'].includes(v)) throw new RuleFileError(`${ewhere}: date qualifier must be start, mid or end`);
              lex.dateQualifiers.set(f, v as 'start' | 'mid' | 'end');
              break;
            }
            case 'ordinal':
              lex.ordinals.set(f, needValue('number') as number);
              break;
            case 'period':
              lex.periods.set(f, needValue('number') as number);
              break;
            case 'legal-form': {
              const pos = e.position ?? 'both';
              if (pos !== 'suffix') legal.prefix.push(form);
              if (pos !== 'prefix') legal.suffix.push(form);
              break;
            }
            case 'name-stopword':
              lex.nameStopwords.add(f);
              break;
            case 'year-intro':
              lex.yearIntro.add(f);
              break;
            case 'place':
              lex.places.set(normaliseName(form), e.name ?? e.forms[0]!);
              break;
            case 'entity':
              break;
          }
        }
        if (role === 'place' && e.name) lex.places.set(normaliseName(e.name), e.name);
        if (role === 'entity') {
          const kind = e.kind ?? rule.set?.kind;
          if (!kind) throw new RuleFileError(`${ewhere}: an entity entry needs a "kind"`);
          const name = e.name ?? e.forms[0]!;
          const key = e.id ? `${kind}#${e.id}` : `${kind}:${normaliseName(name)}`;
          let slot = entityByKey.get(key);
          if (!slot) {
            slot = { entity: { name, kind, rule: rule.id, ...(e.id ? { id: e.id } : {}) }, forms: new Set(), canonical: false };
            entityByKey.set(key, slot);
          }
          if (e.canonical && !slot.canonical) {
            slot.entity.name = name;
            slot.canonical = true;
          }
          const target: Entity = { ...slot.entity, rule: rule.id, ...(notFollowedBy ? { notFollowedBy } : {}) };
          for (const form of [...e.forms, ...(e.name ? [e.name] : [])]) {
            slot.forms.add(form);
            formsOut.push({ form, entityKey: key, target });
          }
        }
      });
    });
  }

  // Entity index: a form points at the shared canonical entity (so an alias file can rename it),
  // but keeps its own rule's notFollowedBy.
  const entities = new Map<string, EntityForm[]>();
  const entityNames = new Map<string, Entity>();
  for (const slot of entityByKey.values()) entityNames.set(normaliseName(slot.entity.name), slot.entity);
  const seenForm = new Set<string>();
  for (const { form, entityKey, target } of formsOut) {
    const slot = entityByKey.get(entityKey)!;
    const entity: Entity = {
      ...slot.entity,
      rule: target.rule,
      ...(target.notFollowedBy ? { notFollowedBy: target.notFollowedBy } : {}),
    };
    const tokens = tokenizeWords(form).map((t) => t.text);
    if (!tokens.length) continue;
    const dedupe = `${tokens.join(' ')}|${entityKey}`;
    if (seenForm.has(dedupe)) continue;
    seenForm.add(dedupe);
    const first = tokens[0]!.toLowerCase();
    const list = entities.get(first) ?? [];
    list.push({ tokens, entity });
    entities.set(first, list);
    entityNames.set(normaliseName(form), slot.entity);
  }
  for (const list of entities.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const lowerStarts = new Set<string>();
  const lowerStartChars = new Uint32Array(65536);
  for (const [first, list] of entities) {
    if (!/^\p{L}{4,}$/u.test(first) || !list.some((f) => f.tokens.length > 1)) continue;
    lowerStarts.add(first);
    lowerStartChars[first.charCodeAt(0)]! |= 1 << (first.length & 31);
  }
  const entityPrefixes = new Uint8Array(65536);
  for (const first of entities.keys()) {
    const at = (k: number): number => (k < first.length ? first.charCodeAt(k) : 0);
    entityPrefixes[hash3(at(0), at(1), at(2))] = 1;
  }
  const entityStartChars = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) if (CLS[c]! & UPPER || lowerStartChars[c]) entityStartChars[c] = 1;

  const macros = buildMacros(lex, legal, prefixCurrencies, raw);
  /** longest text of a macro: lexicon forms (a space may be a short run), or a known bound */
  const macroLength = (name: string): number | null => {
    const role = MACRO_ROLE[name];
    const forms = name === 'legalFormPrefix' ? legal.prefix : name === 'legalFormSuffix' ? legal.suffix : name === 'prefixCurrency' ? prefixCurrencies : role ? raw[role] : undefined;
    if (forms) return Math.max(0, ...forms.map((f) => f.length + 3 * (f.split(' ').length - 1)));
    return FIXED_MACRO_LENGTH[name] ?? null;
  };
  const anchorIndex = buildAnchorIndex();
  const rules: CompiledRule[] = [];
  const contextRules: CompiledRule[] = [];
  const leadSets = new Map<string, number[]>();
  for (const src of sources) {
    const { rule } = src;
    if (!rule.pattern) continue;
    const idx = files.find((f) => f.file === src.file)!.data.rules.indexOf(rule);
    const where = src.where(['rules', idx, 'pattern']);
    try {
      vetPattern(rule.pattern);
    } catch (e) {
      if (e instanceof PatternError) throw new RuleFileError(`${where}: ${e.message}`);
      throw e;
    }
    let source = expand(rule.pattern, macros, where);
    if (rule.context === 'before') source = `(?:${source})$`;
    let re: RegExp;
    try {
      re = new RegExp(source, (rule.caseSensitive ? 'gu' : 'giu') + (rule.context ? 'd' : ''));
    } catch (e) {
      throw new RuleFileError(`${where}: invalid pattern: ${(e as Error).message}`);
    }
    const compiled: CompiledRule = {
      id: rule.id,
      dimension: src.dimension,
      file: src.file,
      re,
      set: rule.set ?? {},
      priority: rule.priority ?? 0,
      span: MAX_SPAN,
      before: MAX_SPAN,
      after: MAX_SPAN,
      appliesTo: (rule.appliesTo as FactType[] | undefined) ?? DEFAULT_APPLIES[src.dimension],
      ...(rule.context ? { context: rule.context } : {}),
      ...(rule.notFollowedBy
        ? { notFollowedBy: compileUserRegex(`^(?:${rule.notFollowedBy})`, src.where(['rules', idx, 'notFollowedBy'])) }
        : {}),
    };
    const tree = parsePattern(rule.pattern);
    compiled.span = maxMatchLength(tree, (name) => macroLength(name), MAX_SPAN);
    const formsOf = (name: string): string[] | null => {
      // a year is four digits: it starts a run of digits
      if (name === 'year' || name === 'year2') return [DIGITS];
      const role = MACRO_ROLE[name];
      const forms = name === 'legalFormPrefix' ? legal.prefix : name === 'legalFormSuffix' ? legal.suffix : name === 'prefixCurrency' ? prefixCurrencies : role ? raw[role] : undefined;
      // lexicon forms are whole words: mark them so the prefilter can require a word start
      // (\u0002 after: and a word end, when the macro requires no letter after the form)
      const end = WHOLE_MACROS.has(name) ? '\u0002' : '';
      return forms ? forms.map((f) => (/^\p{L}/u.test(f) ? `\u0000${f}${/\p{L}$/u.test(f) ? end : ''}` : f)) : null;
    };
    /** what a macro's match starts with: also numbers (a run of digits, or a number word) and days */
    const leadFormsOf = (name: string): string[] | null => {
      // the first word of a number in words is followed by a space, a hyphen or a non-letter
      if (name === 'amount' || name === 'count') return [DIGITS, ...(raw['number-word'] ?? []).map((f) => `\u0000${f}\u0002`)];
      if (name === 'day') return [DIGITS, '\u0000premier'];
      // an ordinal (`(?<![\p{L}\d])` first) written with digits starts a run of digits
      if (name === 'ordinal') return [...new Set(formsOf(name)?.map((f) => (/^\d/.test(f) ? DIGITS : f)))];
      return formsOf(name);
    };
    const asAnchors = (list: string[]): { s: string; word: boolean }[] =>
      list.map((a) => {
        const whole = a.endsWith('\u0002');
        const s = whole ? a.slice(0, -1) : a;
        return s.startsWith('\u0000') ? { s: s.slice(1), word: true, whole } : { s, word: false };
      });
    const anchors = requiredAnchors(tree, formsOf);
    if (!rule.context && anchors && anchors.length) {
      const norm = normaliseAnchors(asAnchors(anchors));
      if (norm && norm.length) {
        compiled.anchorIds = norm.map((a) => anchorIndex.idOf(a));
        compiled.before = compiled.after = compiled.span;
        // the anchors come from one item of a sequence: what precedes and follows it is bounded
        const r = reach(tree, anchors, formsOf, macroLength);
        if (r) {
          compiled.before = Math.min(compiled.span, r.before);
          compiled.after = Math.min(compiled.span, r.after);
        }
        // when every match starts at one of these anchors, run the pattern only there
        // a mandatory year: anchor hits with no digits near them cannot match
        if (mandatoryMacro(tree, YEAR_MACROS) && !norm.some((a) => a.s === DIGITS)) {
          compiled.alsoId = anchorIndex.idOf({ s: DIGITS, word: false });
        }
        const lead = leadingAnchors(tree, leadFormsOf);
        const leadNorm = lead ? normaliseAnchors(asAnchors(lead), true) : null;
        const key = (l: Anchor[]): string => l.map(anchorKey).sort().join('|');
        if (leadNorm && leadNorm.length) {
          compiled.sticky = new RegExp(source, rule.caseSensitive ? 'yu' : 'yiu');
          // every match starts at a lead hit and contains an anchor hit: try the lead hits near anchor hits
          if (key(leadNorm) !== key(norm)) {
            const ids = leadNorm.map((a) => anchorIndex.idOf(a));
            const k = ids.join(',');
            // one array per set of lead anchors: their merged hits are shared per block
            compiled.leadIds = leadSets.get(k) ?? ids;
            leadSets.set(k, compiled.leadIds);
          }
        }
      }
    }
    if (rule.context) {
      const tail = trailingLiterals(tree);
      if (tail && tail.length) compiled.tail = rule.caseSensitive ? tail : tail.map((t) => t.toLowerCase());
      if (rule.caseSensitive) compiled.caseSensitive = true;
    }
    (rule.context ? contextRules : rules).push(compiled);
  }

  const qualifierRe = lex.qualifiers.size
    ? new RegExp(`(?<![${L}])(${alternation(lex.qualifiers.keys())})[\\s\\u00A0]*$`, 'iu')
    : null;

  return { rules, contextRules, lex, entities, lowerStarts, lowerStartChars, entityStartChars, entityPrefixes, entityNames, qualifierRe, sources, anchors: anchorIndex.index };
}

export type { ExampleData };
