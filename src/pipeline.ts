/**
 * The pipeline: one unified processor whose plugins are the stages, in the order
 * they run. Each stage lives in `src/stages/<n>-<name>/index.ts` and states in its
 * type the tree fields it reads and the ones it adds (see `stages/stage.ts`).
 */
import { VFile } from 'vfile';
import type { DocumentJson } from './types.js';
import { Pipeline } from './stages/stage.js';
import { read, type DocumentMeta, type ReadTree, type SectionOptions } from './stages/1-read/index.js';
import { layout } from './stages/2-layout/index.js';
import { pages } from './stages/3-pages/index.js';
import { unwrap } from './stages/4-unwrap/index.js';
import { markers, type SectionCarry } from './stages/5-markers/index.js';
import { urls } from './stages/6-urls/index.js';
import { facts } from './stages/7-facts/index.js';
import { language } from './stages/8-language/index.js';
import { document } from './stages/9-document/index.js';
import { loadRules, type RuleSet } from './rules/rule-set.js';
import { calibratePriors, type ParagraphPriors } from './stages/4-unwrap/paragraph-priors.js';

export { loadRules, DEFAULT_RULES_DIR, type RuleSet } from './rules/rule-set.js';
export type { SectionOptions } from './stages/1-read/index.js';
export type { SectionCarry } from './stages/5-markers/index.js';
export type { BlockState, FootnoteState } from './stages/4-unwrap/index.js';

/** Stages 1–8: the tree of one text, everything but the document. */
export function analyse(rules: RuleSet, meta: DocumentMeta, section?: SectionOptions, paragraphPriors?: ParagraphPriors) {
  return Pipeline.from<ReadTree, Parameters<typeof read>[0]>(read, { rules, meta, section, paragraphPriors })
    .use(layout)
    .use(pages)
    .use(unwrap)
    .use(markers)
    .use(urls)
    .use(facts)
    .use(language);
}

/** Stages 1–9: the document of one whole text. */
export function pipeline(rules: RuleSet, meta: DocumentMeta, paragraphPriors?: ParagraphPriors) {
  return analyse(rules, meta, undefined, paragraphPriors).use(document);
}

export type PipelineTree = ReturnType<ReturnType<typeof pipeline>['run']>;

export interface ProcessOptions extends DocumentMeta {
  rulesDir?: string;
  rules?: RuleSet;
  /** paragraph-boundary priors from other books (`calibrateParagraphs`); by default the book's own evidence alone */
  paragraphParams?: ParagraphPriors;
}

/**
 * Paragraph-boundary priors fitted on these texts (a training set), for `processDecoded(…,
 * { paragraphParams })`: the sentence openings that open paragraphs. Everything else the
 * boundary decision uses is measured in the book being read (`paragraph-priors.ts`).
 */
export function calibrateParagraphs(texts: string[]): ParagraphPriors {
  return calibratePriors(texts);
}

export interface ProcessResult {
  doc: DocumentJson;
  file: VFile;
  timings: Record<string, number>;
}

/** Run the whole pipeline on decoded text. */
export function processDecoded(text: string, options: ProcessOptions): ProcessResult {
  const { rulesDir, rules = loadRules(rulesDir), paragraphParams, ...meta } = options;
  const file = new VFile({ path: options.path, value: text });
  const tree = pipeline(rules, meta, paragraphParams).run(file);
  return { doc: tree.document, file, timings: tree.timings };
}

/** Convenience for tests and the evaluation script. */
export async function processText(text: string, options: { path: string; rulesDir?: string }): Promise<DocumentJson> {
  return processDecoded(text, options).doc;
}
