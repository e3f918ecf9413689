/**
 * Reads rules/<dimension>/*.yaml with the one rule-file loader: each file validated
 * against the fact JSON Schema (rules/facts.schema.json), every problem as `file:line:column: what is wrong`.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { familySpec, type FamilySpec } from '../../../rules/family.js';
import { loadRuleFile, RuleFileError } from '../../../rules/load-rule-file.js';
import type { RuleFileData } from './schema.js';

export { RuleFileError };

export interface RuleFile {
  /** path as shown in messages (relative to the working directory when possible) */
  file: string;
  data: RuleFileData;
  /** `file:line:col` of the node at a path inside the file */
  where(path: (string | number)[]): { toString(): string };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** One fact rule file, through the one rule-file loader (src/rules/load-rule-file.ts). */
function readRuleFile(path: string, spec: FamilySpec): RuleFile {
  return loadRuleFile<RuleFileData>(displayPath(path), spec.schema);
}

/** Every rule file of the fact dimensions (the folders of rules/facts.schema.json), in a stable order (dimension, then file name). */
export function readRuleFiles(rulesDir: string): RuleFile[] {
  const spec = familySpec(rulesDir, 'facts');
  const out: RuleFile[] = [];
  for (const dim of spec.folders) {
    const dir = join(rulesDir, dim);
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
    for (const n of names) {
      const rf = readRuleFile(join(dir, n), spec);
      if (rf.data.dimension !== dim) {
        throw new RuleFileError(`${rf.where(['dimension'])}: dimension "${rf.data.dimension}" does not match folder "${dim}"`);
      }
      out.push(rf);
    }
  }
  return out;
}
