/**
 * The output contract (relecteur/document@2, see README and schema/document.schema.json)
 * and the shared vocabulary of the pipeline's stages.
 */

export const SCHEMA_ID = 'relecteur/document@2';

/** 1-based line and column in the decoded original file. */
export interface Point {
  line: number;
  column: number;
}

export interface Span {
  start: Point;
  end: Point;
}

export type Layout = 'hard-wrapped' | 'double-spaced' | 'paragraph-per-line' | 'markdown';

export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'front-matter'
  | 'back-matter'
  | 'toc'
  | 'bibliography';

export type UrlStatus = 'clean' | 'repaired' | 'unrecoverable';

export interface UrlRecord {
  raw: string;
  url: string | null;
  status: UrlStatus;
  /** ids of the repair rules that were applied, in order */
  rules?: string[];
}

/**
 * A footnote is identified by (chapter, n): `n` is its printed number, `chapter` the
 * numbering run it belongs to (1 for the first; each restart of the numbering, at a
 * chapter heading or a return to 1, opens the next). `id` writes the pair: `"14"` in
 * the first run, `"2.14"` in run 2 — the label of `[^…]` in the clean text.
 */
export interface NoteRef {
  n: number;
  /** the marker sits at text[offset] (between text[offset-1] and text[offset]) */
  offset: number;
  chapter: number;
  /** the id of the footnote it links to */
  id: string;
}

export function footnoteId(chapter: number, n: number): string {
  return chapter <= 1 ? String(n) : `${chapter}.${n}`;
}

export interface Block {
  id: string;
  kind: BlockKind;
  text: string;
  lang: string;
  notes: NoteRef[];
  urls?: UrlRecord[];
  source: Span[];
  /** verbatim runs: [source offset, text offset, length]; everything else is in `audit` */
  map?: Array<[number, number, number]>;
}

export interface Footnote {
  n: number;
  /** numbering run (see NoteRef) */
  chapter: number;
  /** `n`, or `chapter.n` after a restart of the numbering */
  id: string;
  text: string;
  lang: string;
  urls: UrlRecord[];
  refs: string[];
  source: Span[];
  map?: Array<[number, number, number]>;
}

export type FactType = 'money' | 'percent' | 'quantity' | 'date' | 'counterparty';

export type Qualifier = 'more_than' | 'about' | 'less_than' | 'at_least' | 'up_to' | null;

export interface FactBase {
  type: FactType;
  text: string;
  block: string;
  start: number;
  end: number;
  source: Point;
  rule: string;
}

export interface MoneyFact extends FactBase {
  type: 'money';
  value: number;
  /** ISO 4217; null when the text does not settle it (then `ambiguous` and `candidates`) */
  currency: string | null;
  qualifier: Qualifier;
  ambiguous?: true;
  /** the ISO codes an ambiguous form (`dollars`, `roubles`, `francs`) may stand for */
  candidates?: string[];
  /** the currency was settled from the rest of the document, not from the phrase itself */
  inferred?: true;
}
export interface PercentFact extends FactBase {
  type: 'percent';
  value: number;
  qualifier: Qualifier;
  /** `pp` for percentage points (points de pourcentage); absent for a percentage */
  unit?: 'pp';
  /** the first member of a range (de 10 à 15 %): its unit comes from the second */
  inferred?: true;
}
export interface QuantityFact extends FactBase {
  type: 'quantity';
  value: number;
  unit: string;
  qualifier: Qualifier;
  /** the first member of a range (de 10 à 15 tonnes): its unit and scale come from the second */
  inferred?: true;
}
export interface DateFact extends FactBase {
  type: 'date';
  value: string;
  qualifier: 'start' | 'mid' | 'end' | null;
  inferred: boolean;
}
export interface CounterpartyFact extends FactBase {
  type: 'counterparty';
  name: string;
  kind: 'country' | 'region' | 'company' | 'organisation' | 'city';
  id?: string;
  /** the entity of the document's registry (`entities[].id`) this mention belongs to */
  entity?: string;
  /** `party` for a city that acts as a party (kind `city`); cities as mere places are not facts */
  role?: 'party';
  /** the legal form printed with a company name (OJSC, LLC, SA, …) */
  legalForm?: string;
}
export type Fact = MoneyFact | PercentFact | QuantityFact | DateFact | CounterpartyFact;

/** One entity of the document's registry: every counterparty fact is one of its mentions. */
export interface EntityRecord {
  /** `<kind>:<rule id>` (`country:BY`) or `<kind>:<folded name>`; the same in every document */
  id: string;
  name: string;
  kind: CounterpartyFact['kind'];
  /** ids given by the rules (ISO 3166-1 alpha-2 for countries) */
  ids: string[];
  /** every distinct spelling printed in the text, in order of first appearance */
  surfaces: string[];
  mentions: { block: string; start: number; end: number; source: Point }[];
}

export interface Removed {
  kind: string;
  text: string;
  source: Span;
  rule: string;
  /** offsets (UTF-16 code units) into the decoded original */
  from: number;
  to: number;
}

/** One change of the text, with where it happened in the original. */
export interface AuditEntry {
  rule: string;
  stage: string;
  before: string;
  after: string;
  /** offsets (UTF-16 code units) into the decoded original */
  from: number;
  to: number;
  source: Span;
  /** the block (`b12`) or footnote (`fn3`) whose text holds the change; absent for white space between them */
  in?: string;
  /** the evidence a decision rested on (paragraph breaks and joins, line-end hyphens) */
  evidence?: Record<string, unknown>;
  /** the evidence did not settle the decision: a reviewer should look */
  uncertain?: boolean;
}

export interface Stats {
  blocks: number;
  footnotes: number;
  markers: number;
  unlinkedMarkers: number;
  missingFootnotes: number;
  orphanFootnotes: number;
  urls: number;
  urlsRepaired: number;
  urlsUnrecoverable: number;
  facts: Record<FactType, number>;
  [extra: string]: unknown;
}

export interface SourceInfo {
  path: string;
  sha256: string;
  bytes: number;
  encoding: string;
  layout: Layout;
  /** a second layout seen in part of the file, when the evidence shows a mix */
  layouts?: Layout[];
  /** a UTF-8 file's bytes that are not UTF-8: [offset in the decoded text, byte]; each is its Windows-1252 character in the text */
  invalidBytes?: Array<[number, number]>;
}

export interface DocumentJson {
  schema: typeof SCHEMA_ID;
  source: SourceInfo;
  language: string;
  blocks: Block[];
  footnotes: Footnote[];
  facts: Fact[];
  /** the entity registry (contract @2) */
  entities: EntityRecord[];
  removed: Removed[];
  audit: AuditEntry[];
  stats: Stats;
}
