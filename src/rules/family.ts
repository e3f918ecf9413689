/**
 * Rule families. A family is a JSON Schema `rules/<name>.schema.json`, the folder(s) of
 * YAML rule files it validates (`rules/<name>/`, or the folders its schema lists under
 * `x-folders`), and the stage function that applies one example (`RuleFamily.apply`:
 * built in for the stages of `src/`, or the module its schema names under `x-apply`).
 * Nothing else: `families.ts` finds the families of a rules folder from its schema
 * files, the rule set loads them, and test/rule-examples.test.ts runs every example of
 * every family.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuleFile, RuleFileError, type LoadedRuleFile } from './load-rule-file.js';
import type { ExampleCase } from './rule-examples.js';

/** The repository's rules/ folder, found from this module whether it runs from src/ or dist/src/. */
export const DEFAULT_RULES_DIR = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 5; k++) {
    if (existsSync(join(dir, 'rules', 'layout'))) return join(dir, 'rules');
    dir = dirname(dir);
  }
  return resolve('rules');
})();

const SCHEMA_SUFFIX = '.schema.json';

/** What a rules folder says about one family. */
export interface FamilySpec {
  name: string;
  schemaFile: string;
  schema: Record<string, unknown>;
  /** folders (under the rules folder) that hold the family's rule files */
  folders: string[];
  /** `x-apply`: the module (path relative to the schema) whose `apply` runs one example */
  applyModule?: string;
}

/** A family with a stage of its own in src/: how its rules are loaded, and how one example is applied. */
export interface RuleFamily<T> {
  name: string;
  load(dir: string): T;
  /** undefined when the stage gives what the example says, else what it gave instead */
  apply(rules: T, c: ExampleCase): string | undefined;
}

const specs = new Map<string, FamilySpec>();

function readSpec(schemaFile: string): FamilySpec {
  let spec = specs.get(schemaFile);
  if (spec) return spec;
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new RuleFileError(schemaFile, 1, 1, `cannot read the family's JSON Schema: ${(e as Error).message}`);
  }
  const name = schemaFile.slice(dirname(schemaFile).length + 1, -SCHEMA_SUFFIX.length);
  const folders = schema['x-folders'];
  const apply = schema['x-apply'];
  if (folders !== undefined && !(Array.isArray(folders) && folders.every((f) => typeof f === 'string' && /^[\w-]+$/.test(f)))) {
    throw new RuleFileError(schemaFile, 1, 1, '"x-folders" must be a list of folder names');
  }
  if (apply !== undefined && typeof apply !== 'string') throw new RuleFileError(schemaFile, 1, 1, '"x-apply" must be a module path');
  spec = { name, schemaFile, schema, folders: (folders as string[] | undefined) ?? [name], ...(apply !== undefined ? { applyModule: apply } : {}) };
  specs.set(schemaFile, spec);
  return spec;
}

/** Every family declared in a rules folder (one `<name>.schema.json` each), by name. */
export function familySpecs(dir: string): FamilySpec[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith(SCHEMA_SUFFIX))
    .sort()
    .map((n) => readSpec(resolve(dir, n)));
}

/** The family `name` of a rules folder; a folder without that schema falls back on the repository's (a rule set made of YAML files only). */
export function familySpec(dir: string, name: string): FamilySpec {
  for (const d of [dir, DEFAULT_RULES_DIR]) {
    const f = resolve(d, `${name}${SCHEMA_SUFFIX}`);
    if (existsSync(f)) return readSpec(f);
  }
  throw new RuleFileError(resolve(dir, `${name}${SCHEMA_SUFFIX}`), 1, 1, `no JSON Schema for the rule family "${name}"`);
}

/** The rule files of a family: its folders in order, each one's `.yaml`/`.yml` files sorted by name. */
export function familyFiles(dir: string, spec: FamilySpec): string[] {
  const out: string[] = [];
  for (const folder of spec.folders) {
    const d = join(dir, folder);
    if (!existsSync(d)) continue;
    for (const n of readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).sort()) out.push(join(d, n));
  }
  return out;
}

/** Every rule file of a family, loaded and validated against its schema by the one loader. */
export function loadFamilyFiles(dir: string, spec: FamilySpec): Array<LoadedRuleFile<unknown>> {
  return familyFiles(dir, spec).map((f) => loadRuleFile<unknown>(f, spec.schema));
}
