/**
 * The rule set: every rule family under one directory (default: the repository's
 * `rules/`), loaded and validated once per directory. The families are those of the
 * registry (src/rules/families.ts): the stages' own, and any other the folder declares
 * with a schema, kept as validated data.
 */
import { resolve } from 'node:path';
import type { LayoutRules } from '../stages/2-layout/layout-rules.js';
import type { UrlRules } from '../stages/6-urls/repair-urls.js';
import type { FactRules } from '../stages/7-facts/index.js';
import { DEFAULT_RULES_DIR, familySpecs, loadFamilyFiles } from './family.js';
import { isStageFamily, STAGE_FAMILIES } from './families.js';

export { DEFAULT_RULES_DIR };

export interface RuleSet {
  dir: string;
  layout: LayoutRules;
  urls: UrlRules;
  facts: FactRules;
  /** the files (validated data) of every other family the folder declares, by family name */
  families: Record<string, Array<{ file: string; data: unknown }>>;
}

const ruleCache = new Map<string, RuleSet>();

/** Load (once per directory) and validate every rule file. Throws RuleFileError. */
export function loadRules(dir: string = DEFAULT_RULES_DIR): RuleSet {
  const key = resolve(dir);
  let r = ruleCache.get(key);
  if (!r) {
    const families: RuleSet['families'] = {};
    for (const spec of familySpecs(key)) {
      if (!isStageFamily(spec.name)) families[spec.name] = loadFamilyFiles(key, spec).map(({ file, data }) => ({ file, data }));
    }
    const { layout, urls, facts } = STAGE_FAMILIES;
    r = { dir: key, layout: layout.load(key), urls: urls.load(key), facts: facts.load(key), families };
    ruleCache.set(key, r);
  }
  return r;
}
