/**
 * The output contract (relecteur/document@1, see README and schema/document.schema.json)
 * and the shared vocabulary of the pipeline's stages.
 */

export const SCHEMA_ID = 'relecteur/document@1';

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

export interface NoteRef {
  n: number;
  /** the marker sits at text[offset] (between text[offset-1] and text[offset]) */
  offset: number;
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
  currency: string | null;
  qualifier: Qualifier;
}
export interface PercentFact extends FactBase {
  type: 'percent';
  value: number;
  qualifier: Qualifier;
}
export interface QuantityFact extends FactBase {
  type: 'quantity';
  value: number;
  unit: string;
  qualifier: Qualifier;
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
  kind: 'country' | 'region' | 'company' | 'organisation';
  id?: string;
}
export type Fact = MoneyFact | PercentFact | QuantityFact | DateFact | CounterpartyFact;

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
  removed: Removed[];
  audit: AuditEntry[];
  stats: Stats;
}
