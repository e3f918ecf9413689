/** JSON Schema of one rule file under rules/<dimension>/*.yaml (validated with ajv). */

export const DIMENSIONS = ['money', 'percent', 'quantity', 'date', 'counterparty', 'numbers'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const LEXICON_ROLES = [
  'number-word', // un, deux, … (value = number)
  'scale', // mille, millions, … (value = multiplier)
  'qualifier', // plus de, environ, … (value = Qualifier)
  'currency', // dollars, USD, Br, … (value = ISO 4217; position: prefix allows "Br95,4")
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
] as const;
export type LexiconRole = (typeof LEXICON_ROLES)[number];

const FACT_TYPES = ['money', 'percent', 'quantity', 'date', 'counterparty'];
const scalar = { type: ['string', 'number', 'boolean', 'null'] };

export const ruleFileSchema = {
  $id: 'relecteur/fact-rules',
  type: 'object',
  required: ['dimension', 'rules'],
  additionalProperties: false,
  properties: {
    dimension: { enum: [...DIMENSIONS] },
    description: { type: 'string' },
    generated: { type: 'string' },
    rules: { type: 'array', items: { $ref: '#/definitions/rule' } },
  },
  definitions: {
    rule: {
      type: 'object',
      required: ['id', 'examples'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[a-z]+/[a-z0-9][a-z0-9-]*$' },
        description: { type: 'string' },
        pattern: { type: 'string', minLength: 1 },
        caseSensitive: { type: 'boolean' },
        context: { enum: ['before'] },
        appliesTo: { type: 'array', items: { enum: FACT_TYPES }, minItems: 1 },
        priority: { type: 'integer' },
        set: {
          type: 'object',
          additionalProperties: false,
          properties: {
            currency: { type: 'string' },
            unit: { type: 'string' },
            kind: { enum: ['country', 'region', 'company', 'organisation'] },
            name: { type: 'string' },
            id: { type: 'string' },
            value: { type: ['number', 'string'] },
          },
        },
        notFollowedBy: { type: 'string', minLength: 1 },
        lexicon: { enum: [...LEXICON_ROLES] },
        entries: { type: 'array', minItems: 1, items: { $ref: '#/definitions/entry' } },
        examples: { type: 'array', minItems: 1, items: { $ref: '#/definitions/example' } },
        counterexamples: { type: 'array', items: { type: 'string' } },
      },
    },
    entry: {
      type: 'object',
      required: ['forms'],
      additionalProperties: false,
      properties: {
        forms: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        value: { type: ['string', 'number'] },
        name: { type: 'string' },
        kind: { enum: ['country', 'region', 'company', 'organisation'] },
        id: { type: 'string' },
        position: { enum: ['prefix', 'suffix', 'both'] },
        canonical: { type: 'boolean' },
      },
    },
    example: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: {
        text: { type: 'string', minLength: 1 },
        match: { type: 'string' },
        type: { enum: FACT_TYPES },
        rule: { type: 'string' },
        value: { type: ['number', 'string'] },
        currency: scalar,
        unit: { type: 'string' },
        qualifier: scalar,
        inferred: { type: 'boolean' },
        name: { type: 'string' },
        kind: { type: 'string' },
        id: { type: 'string' },
        count: { type: 'integer' },
      },
    },
  },
} as const;

export interface EntryData {
  forms: string[];
  value?: string | number;
  name?: string;
  kind?: 'country' | 'region' | 'company' | 'organisation';
  id?: string;
  position?: 'prefix' | 'suffix' | 'both';
  canonical?: boolean;
}

export interface ExampleData {
  text: string;
  match?: string;
  type?: string;
  rule?: string;
  value?: number | string;
  currency?: string | null;
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
  counterexamples?: string[];
}

export interface RuleFileData {
  dimension: Dimension;
  description?: string;
  generated?: string;
  rules: RuleData[];
}
