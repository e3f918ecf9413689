/**
 * Stage 1 — read. Bytes become text in `decode.ts` (called by the batch, which
 * reports refused files); this module is the processor's parser: the decoded text
 * becomes the tree every later stage works on.
 */
import type { Processor } from 'unified';
import { LineIndex } from '../../text/lines.js';
import type { RuleSet } from '../../rules/rule-set.js';
import type { TreeBase } from '../stage.js';

export { decode, InputError, type Decoded } from './decode.js';
import type { BreakParams, LineShape } from '../4-unwrap/paragraph-breaks.js';
import type { Vocabulary } from '../4-unwrap/hyphenation.js';
import type { BookLevel } from '../2-layout/book-level.js';
import type { ParagraphPriors } from '../4-unwrap/paragraph-priors.js';

/** Processing one section of a book too large to hold whole: what it inherits from the sections before. */
export interface SectionOptions {
  startFootnote: number;
  startMarker: number;
  /** marker ids seen so far (`footnoteId`) */
  seenMarkers: string[];
  /** numbering run reached (1 unless the numbering restarted) */
  startChapter?: number;
  front: boolean;
  back: boolean;
  /** the whole book's paragraph-boundary parameters (a section decides as the whole book does) */
  breakParams?: BreakParams;
  /** the whole book's vocabulary (line-end hyphens are decided with the whole book's spelling) */
  vocab?: Vocabulary;
  /** the last body line before the section and the blank lines after it (the break before the section's first paragraph) */
  sectionStart?: { line: LineShape; gap: number };
  /** the whole book's layout evidence, regions and markdown evidence (detected once), and the file line where the section starts */
  book?: BookLevel & { firstLine: number };
  /** the document-level fact refinements are left to the writer; `years` is the context year reached so far */
  facts?: { years: { lastYear?: number } };
}

/** The file a document describes (`source` of the JSON, beyond what the text itself says). */
export interface DocumentMeta {
  path: string;
  sha256?: string;
  bytes?: number;
  encoding?: string;
  bom?: boolean;
}

export interface ReadTree extends TreeBase {
  meta: DocumentMeta;
  /** the decoded text */
  source: string;
  index: LineIndex;
  rules: RuleSet;
  section?: SectionOptions;
  /** paragraph-boundary priors fitted on other books (`calibrateParagraphs`), pooled with the book's own */
  paragraphPriors?: ParagraphPriors;
}

export interface ReadOptions {
  meta: DocumentMeta;
  rules: RuleSet;
  section?: SectionOptions;
  paragraphPriors?: ParagraphPriors;
}

/** unified parser plugin: decoded text → the tree. */
export function read(this: Processor, options: ReadOptions): void {
  this.parser = (text: string): ReadTree => ({
    type: 'root',
    meta: options.meta,
    source: text,
    index: new LineIndex(text),
    rules: options.rules,
    section: options.section,
    ...(options.paragraphPriors ? { paragraphPriors: options.paragraphPriors } : {}),
    timings: {},
  });
}
