/** What parsers hand to refiners: a fact draft plus the bits refiners still need. */
import type { Fact } from '../../types.js';

/** A fact without its `source` (the pipeline maps block offsets back to the original file). */
export type FactDraft = Fact extends infer F ? (F extends Fact ? Omit<F, 'source'> : never) : never;

/** The pieces of a date phrase; the value is built once the year is known. */
export interface DateParts {
  year?: number;
  year2?: number;
  month?: number;
  month2?: number;
  day?: number;
  /** semester / quarter: index and months per period */
  ordinal?: number;
  periodMonths?: number;
  /** "les N premiers mois" */
  firstMonths?: number;
  qualifier: 'start' | 'mid' | 'end' | null;
}

export interface Candidate {
  draft: FactDraft;
  priority: number;
  /** the multiplier the amount was scaled by (ranges lend it to their first member) */
  scale?: number;
  date?: DateParts;
}

export const lowerForm = (s: string): string =>
  s.toLowerCase().replace(/[\s\u00A0\u202F]+/g, ' ').replace(/’/g, "'");
