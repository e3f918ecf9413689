/**
 * The rule set: every rule file under one directory (default: the repository's
 * `rules/`), loaded and validated once per directory.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLayoutRules, type LayoutRules } from '../stages/2-layout/layout-rules.js';
import { loadUrlRules, type UrlRules } from '../stages/6-urls/repair-urls.js';
import { loadFactRules, type FactRules } from '../stages/7-facts/index.js';

/** The repository's rules/ folder, found from this module whether it runs from src/ or dist/src/. */
export const DEFAULT_RULES_DIR = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 5; k++) {
    if (existsSync(join(dir, 'rules', 'layout'))) return join(dir, 'rules');
    dir = dirname(dir);
  }
  return resolve('rules');
})();

export interface RuleSet {
  dir: string;
  layout: LayoutRules;
  urls: UrlRules;
  facts: FactRules;
}

const ruleCache = new Map<string, RuleSet>();

/** Load (once per directory) and validate every rule file. Throws RuleFileError. */
export function loadRules(dir: string = DEFAULT_RULES_DIR): RuleSet {
  const key = resolve(dir);
  let r = ruleCache.get(key);
  if (!r) {
    r = { dir: key, layout: loadLayoutRules(key), urls: loadUrlRules(key), facts: loadFactRules(key) };
    ruleCache.set(key, r);
  }
  return r;
}
