/**
 * Reads rules/<dimension>/*.yaml with the one rule-file loader: each file validated
 * against the fact JSON Schema, every problem as `file:line:column: what is wrong`.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadRuleFile, RuleFileError } from '../../../rules/load-rule-file.js';
import { DIMENSIONS, ruleFileSchema, type RuleFileData } from './schema.js';

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
export function readRuleFile(path: string): RuleFile {
  return loadRuleFile<RuleFileData>(displayPath(path), ruleFileSchema);
}

/** Every rule file of the fact dimensions, in a stable order (dimension, then file name). */
export function readRuleFiles(rulesDir: string): RuleFile[] {
  const out: RuleFile[] = [];
  for (const dim of DIMENSIONS) {
    const dir = join(rulesDir, dim);
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
    for (const n of names) {
      const rf = readRuleFile(join(dir, n));
      if (rf.data.dimension !== dim) {
        throw new RuleFileError(`${rf.where(['dimension'])}: dimension "${rf.data.dimension}" does not match folder "${dim}"`);
      }
      out.push(rf);
    }
  }
  return out;
}
