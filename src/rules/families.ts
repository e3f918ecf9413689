/**
 * The registry of rule families: the families a rules folder declares (one
 * `<name>.schema.json` each, src/rules/family.ts), each with the stage function that
 * applies one of its examples. The stages of src/ bring theirs (below); any other family
 * names its module in its schema (`"x-apply": "./<module>.mjs"`, which exports
 * `apply(files, example)`), so adding a family takes a schema, a folder and that module —
 * no change here, in the loader or in the test harness.
 */
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { layoutFamily } from '../stages/2-layout/rule-family.js';
import { urlsFamily } from '../stages/6-urls/rule-family.js';
import { factsFamily } from '../stages/7-facts/rule-family.js';
import { familySpecs, loadFamilyFiles, type FamilySpec, type RuleFamily } from './family.js';
import type { LoadedRuleFile } from './load-rule-file.js';
import type { ExampleCase } from './rule-examples.js';

/** The families whose stage is in src/, by name. */
export const STAGE_FAMILIES = { layout: layoutFamily, urls: urlsFamily, facts: factsFamily } as const;

export function isStageFamily(name: string): name is keyof typeof STAGE_FAMILIES {
  return Object.hasOwn(STAGE_FAMILIES, name);
}

/** A family ready to run its examples: its rules loaded, and its stage function. */
export interface FamilyRunner {
  spec: FamilySpec;
  /** the family's rule files, validated and with positions */
  files: Array<LoadedRuleFile<unknown>>;
  apply(c: ExampleCase): string | undefined;
}

/** Every family of a rules folder, loaded, with the function that applies one example. */
export async function familyRunners(dir: string): Promise<FamilyRunner[]> {
  const out: FamilyRunner[] = [];
  for (const spec of familySpecs(dir)) {
    const files = loadFamilyFiles(dir, spec);
    if (isStageFamily(spec.name)) {
      const family = STAGE_FAMILIES[spec.name] as RuleFamily<unknown>;
      const rules = family.load(dir);
      out.push({ spec, files, apply: (c) => family.apply(rules, c) });
    } else {
      if (spec.applyModule === undefined) throw new Error(`${spec.schemaFile}: a rule family outside src/ names the module that applies its examples ("x-apply")`);
      const mod = (await import(pathToFileURL(resolve(dirname(spec.schemaFile), spec.applyModule)).href)) as {
        apply: (files: Array<LoadedRuleFile<unknown>>, c: ExampleCase) => string | undefined;
      };
      out.push({ spec, files, apply: (c) => mod.apply(files, c) });
    }
  }
  return out;
}
