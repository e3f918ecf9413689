/**
 * Reads rules/<dimension>/*.yaml, validates each file against the JSON Schema and
 * turns every problem into `file:line:column: what is wrong`.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { parseYamlCached } from '../../../rules/yaml-cache.js';
import { readRuleText } from '../../../rules/rule-text.js';
import { DIMENSIONS, ruleFileSchema, type RuleFileData } from './schema.js';

export interface RuleFile {
  /** path as shown in messages (relative to the working directory when possible) */
  file: string;
  data: RuleFileData;
  /** `file:line:col` of the node at a path inside the file */
  where(path: (string | number)[]): { toString(): string };
}

export class RuleFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleFileError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    validator = ajv.compile(ruleFileSchema);
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function nodeAt(doc: Document, path: (string | number)[]): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (node && typeof node === 'object' && 'items' in node) {
      const items = (node as { items: unknown[] }).items;
      if (isMap(node)) {
        const pair = items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair || !isPair(pair)) return node as YamlNode;
        node = pair.value ?? pair.key;
      } else {
        const item = items[Number(key)];
        if (item === undefined) return node as YamlNode;
        node = item;
      }
    } else break;
  }
  return node as YamlNode | undefined;
}

function keyNodeAt(doc: Document, path: (string | number)[], key: string): YamlNode | undefined {
  const parent = nodeAt(doc, path);
  if (parent && isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) return pair.key;
  }
  return parent;
}

function describe(err: ErrorObject): string {
  const at = err.instancePath ? `${err.instancePath.slice(1).replace(/\//g, '.')}` : 'file';
  switch (err.keyword) {
    case 'required':
      return `${at}: missing required property "${(err.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `${at}: unknown property "${(err.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${at}: must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at}: ${err.message ?? err.keyword}`;
  }
}

export function readRuleFile(path: string): RuleFile {
  const file = displayPath(path);
  const src = readRuleText(path, file);
  // parsed data cached by content hash; the document with positions only when an error needs one
  const parsed = parseYamlCached(src);
  const at = (offset: number): string => {
    const p = parsed.doc().lc.linePos(offset);
    return `${file}:${p.line}:${p.col}`;
  };
  if (parsed.errors.length) {
    const e = parsed.errors[0]!;
    throw new RuleFileError(`${at(e.offset)}: ${e.message}`);
  }
  const data = parsed.data;
  const errors = validate(data);
  if (errors.length) {
    const err = errors[0]!;
    const path = err.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const doc = parsed.doc().doc;
    const node =
      err.keyword === 'additionalProperties'
        ? keyNodeAt(doc, path, (err.params as { additionalProperty: string }).additionalProperty)
        : nodeAt(doc, path);
    const offset = node?.range?.[0] ?? 0;
    throw new RuleFileError(`${at(offset)}: ${describe(err)}`);
  }
  return {
    file,
    data: data as RuleFileData,
    // lazy: the position is worked out (and the document parsed) only if a message prints it
    where: (p) => ({ toString: () => at(nodeAt(parsed.doc().doc, p)?.range?.[0] ?? 0) }),
  };
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
