/**
 * Stage 7 — typed facts (money, percent, quantity, date, counterparty) from the clean body
 * text of the blocks. Parsers (parsers/) find candidates; refiners (refiners/) merge ranges,
 * attach qualifiers, drop years inside names, resolve overlaps, resolve context years and
 * fold counterparty spellings. Every lexicon and pattern lives in rules/<dimension>/*.yaml.
 */
import type { BlockKind, Fact } from '../../types.js';
import { defineStage } from '../stage.js';
import type { ReadTree } from '../1-read/index.js';
import type { UnwrapAdds } from '../4-unwrap/index.js';
import type { FactDraft, Candidate } from './candidate.js';
import { readRuleFiles } from './rules/read-rule-files.js';
import { compileRules, type FactRules } from './rules/compile-rules.js';
import { runPatternRules, scanBlock } from './parsers/run-pattern-rules.js';
import { matchEntities } from './parsers/counterparty-lexicon.js';
import { matchHeads } from './parsers/counterparty-heads.js';
import { matchCityParties } from './parsers/counterparty-cities.js';
import { matchExactLegalForms } from './parsers/counterparty-legal-suffix.js';
import { dropYearsInNames } from './refiners/drop-years-in-names.js';
import { mergeRanges } from './refiners/merge-ranges.js';
import { applyQualifiers } from './refiners/apply-qualifiers.js';
import { resolveOverlaps } from './refiners/resolve-overlaps.js';
import { inferContextYear, type YearContext } from './refiners/infer-context-year.js';
import { foldCounterpartyNames } from './refiners/fold-counterparty-names.js';
import { resolveCurrencies } from './refiners/resolve-currencies.js';
import { dropInUrls } from './refiners/drop-in-urls.js';
import { mergeDateIntervals } from './refiners/merge-date-intervals.js';
import { foldAcronyms } from './refiners/fold-acronyms.js';
import { linkEntities } from './entity-registry.js';

export type { FactDraft } from './candidate.js';
export type { FactRules } from './rules/compile-rules.js';
export { RuleFileError } from './rules/read-rule-files.js';

export interface FactBlock {
  id: string;
  kind: BlockKind;
  text: string;
}

const READ_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'heading', 'list-item']);

/** Loads, validates and compiles rules/<dimension>/*.yaml; throws `file:line:col: what` on a bad file. */
export function loadFactRules(rulesDir: string): FactRules {
  return compileRules(readRuleFiles(rulesDir));
}

function candidatesOf(block: FactBlock, rules: FactRules): Candidate[] {
  const text = block.text;
  const scan = scanBlock(text, rules);
  let cands = runPatternRules(block.id, text, rules, scan);
  cands = cands.concat(matchEntities(block.id, text, rules, scan.entityStarts), matchHeads(block.id, text, rules), matchCityParties(block.id, text, rules),
    matchExactLegalForms(block.id, text, rules),
  );
  cands = dropYearsInNames(cands, text, rules.lex);
  cands = dropInUrls(cands, text);
  cands = mergeRanges(cands, block.id, text, rules);
  applyQualifiers(cands, text, rules);
  return resolveOverlaps(cands);
}

export function extractFacts(blocks: FactBlock[], rules: FactRules): FactDraft[] {
  return refineFacts(blocks, blockFacts(blocks, rules, {}), rules);
}

/** What each block says on its own (dates take the latest year seen before them, carried in `years`). */
export function blockFacts(blocks: FactBlock[], rules: FactRules, years: YearContext): FactDraft[] {
  const out: FactDraft[] = [];
  for (const block of blocks) {
    if (!READ_KINDS.has(block.kind) || !block.text) continue;
    const cands = mergeDateIntervals(inferContextYear(candidatesOf(block, rules), years), block.text);
    for (const c of cands) out.push(c.draft);
  }
  return out;
}

/**
 * What only the whole document settles: acronyms defined anywhere in it, spellings folded
 * onto names seen earlier, currencies named elsewhere, entity ids. A book processed in
 * sections runs this once on all its facts (src/write/write-sectioned.ts).
 */
export function refineFacts(blocks: FactBlock[], drafts: FactDraft[], rules: FactRules): FactDraft[] {
  const out = foldAcronyms(blocks, drafts, rules);
  foldCounterpartyNames(out, rules);
  resolveCurrencies(out);
  linkEntities(out);
  return out;
}

/** The stage: facts from the body blocks, each with its position in the original file. */
export const facts = defineStage('facts', (tree: ReadTree & UnwrapAdds): { facts: Fact[] } => {
  if (!tree.rules.facts) return { facts: [] };
  const blocks = tree.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.mt.toString() }));
  // a section of a larger book: the writer refines the facts of all sections at once (refineFacts)
  const section = tree.section?.facts;
  const drafts = section ? blockFacts(blocks, tree.rules.facts, section.years) : extractFacts(blocks, tree.rules.facts);
  const byId = new Map(tree.blocks.map((b) => [b.id, b]));
  return {
    facts: drafts.map((d) => {
      const b = byId.get(d.block)!;
      return { ...d, source: tree.index.point(b.mt.sourceOffset(d.start)) } as Fact;
    }),
  };
});
