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
import { dropYearsInNames } from './refiners/drop-years-in-names.js';
import { mergeRanges } from './refiners/merge-ranges.js';
import { applyQualifiers } from './refiners/apply-qualifiers.js';
import { resolveOverlaps } from './refiners/resolve-overlaps.js';
import { inferContextYear, type YearContext } from './refiners/infer-context-year.js';
import { foldCounterpartyNames } from './refiners/fold-counterparty-names.js';

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
  cands = cands.concat(matchEntities(block.id, text, rules, scan.entityStarts));
  cands = dropYearsInNames(cands, text, rules.lex);
  cands = mergeRanges(cands, block.id, text, rules);
  applyQualifiers(cands, text, rules);
  return resolveOverlaps(cands);
}

export function extractFacts(blocks: FactBlock[], rules: FactRules): FactDraft[] {
  const out: FactDraft[] = [];
  const years: YearContext = {};
  for (const block of blocks) {
    if (!READ_KINDS.has(block.kind) || !block.text) continue;
    const cands = inferContextYear(candidatesOf(block, rules), years);
    for (const c of cands) out.push(c.draft);
  }
  foldCounterpartyNames(out, rules);
  return out;
}

/** The stage: facts from the body blocks, each with its position in the original file. */
export const facts = defineStage('facts', (tree: ReadTree & UnwrapAdds): { facts: Fact[] } => {
  if (!tree.rules.facts) return { facts: [] };
  const drafts = extractFacts(
    tree.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.mt.toString() })),
    tree.rules.facts,
  );
  const byId = new Map(tree.blocks.map((b) => [b.id, b]));
  return {
    facts: drafts.map((d) => {
      const b = byId.get(d.block)!;
      return { ...d, source: tree.index.point(b.mt.sourceOffset(d.start)) } as Fact;
    }),
  };
});
