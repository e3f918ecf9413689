/**
 * Types of one rule file under rules/<dimension>/*.yaml. The files are validated (ajv)
 * against rules/facts.schema.json; test/rule-examples.test.ts checks that its lists of
 * dimensions and lexicon roles are these.
 */

export const DIMENSIONS = ['money', 'percent', 'quantity', 'date', 'counterparty', 'numbers'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const LEXICON_ROLES = [
  'number-word', // un, deux, … (value = number)
  'scale', // mille, millions, … (value = multiplier)
  'scale-symbol', // M, Md, k written before a currency sign or code (12 M€), case-sensitive (value = multiplier)
  'qualifier', // plus de, environ, … (value = Qualifier)
  'currency', // dollars, USD, Br, … (value = ISO 4217; position: prefix allows "Br95,4")
  'currency-code', // ISO 4217 codes, matched in capitals only by case-sensitive rules through {currencyCode}
  'unit', // tonnes, hectares, … (value = unit symbol)
  'month', // janvier … (value = 1..12)
  'date-qualifier', // début, mi-, fin (value = start | mid | end)
  'ordinal', // premier, second, … (value = 1..4)
  'period', // semestre, trimestre (value = months per period)
  'legal-form', // LLC, OJSC, … (position: prefix | suffix | both)
  'name-stopword', // capitalised words that never start a company name (En, Selon, …)
  'year-intro', // capitalised words allowed right before a bare year (En 2021, Fin 2020)
  'entity', // countries, organisations, companies: forms → canonical name/kind/id
  'place', // spellings of places, used only to fold names found by region/city patterns
  'org-head', // head nouns of organisation names (Académie, Université, usine…): kind; apposition: the name follows the head
  'name-boundary', // words that end an organisation name (verbs, relative pronouns, clause words)
  'city', // cities, which are counterparties only where the text makes them parties (entre Minsk et Managua)
] as const;
export type LexiconRole = (typeof LEXICON_ROLES)[number];

export interface EntryData {
  forms: string[];
  value?: string | number;
  name?: string;
  kind?: 'country' | 'region' | 'company' | 'organisation' | 'city';
  id?: string;
  position?: 'prefix' | 'suffix' | 'both';
  /** a currency form the text alone does not settle: the ISO codes it may stand for */
  candidates?: string[];
  canonical?: boolean;
  /** org-head: the name is the capitalised words after the head (la société Gomselmash) */
  apposition?: boolean;
  /** legal-form: a word that stays in the name (Holding, Group) */
  inName?: boolean;
  /** legal-form: matched only as written, after a name (SA, SE: lower-cased they are French words) */
  exactCase?: boolean;
}

export interface ExampleData {
  text: string;
  match?: string;
  type?: string;
  rule?: string;
  value?: number | string;
  currency?: string | null;
  ambiguous?: boolean;
  unit?: string;
  qualifier?: string | null;
  inferred?: boolean;
  name?: string;
  kind?: string;
  id?: string;
  /** how many facts of the type the text must give (default: at least one matching) */
  count?: number;
}

export interface RuleData {
  id: string;
  description?: string;
  pattern?: string;
  caseSensitive?: boolean;
  context?: 'before';
  appliesTo?: string[];
  priority?: number;
  set?: { currency?: string; unit?: string; kind?: EntryData['kind']; name?: string; id?: string; value?: number | string };
  notFollowedBy?: string;
  lexicon?: LexiconRole;
  entries?: EntryData[];
  examples: ExampleData[];
  counterexamples?: Array<{ text: string }>;
}

export interface RuleFileData {
  dimension: Dimension;
  description?: string;
  generated?: string;
  rules: RuleData[];
}
