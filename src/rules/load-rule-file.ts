/**
 * The one rule-file loader of every rule family (layout, URLs, facts): YAML parsed
 * with positions (the parsed data cached by content hash, `yaml-cache.ts`), validated
 * against the family's JSON Schema, every regular expression vetted by the one
 * pattern-safety policy (`vet-pattern.ts`), every example in the one format
 * (`rule-examples.ts`). Any problem becomes one RuleFileError
 * whose message is `file:line:column: what`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, isScalar, type LineCounter, type Node as YamlNode, type Document } from 'yaml';
import { parseYamlCached } from './yaml-cache.js';
import { readRuleText } from './rule-text.js';
import { PatternError, vetPattern } from './vet-pattern.js';
import { badExample } from './rule-examples.js';

/** A broken rule file: `file:line:column: what`. */
export class RuleFileError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly what: string;
  /** `new RuleFileError(file, line, column, what)`, or `new RuleFileError('file:line:column: what')` */
  constructor(file: string, line?: number, column?: number, what?: string) {
    if (line === undefined) {
      const m = /^(.*?):(\d+):(\d+): ([^]*)$/.exec(file);
      super(file);
      [this.file, this.line, this.column, this.what] = m ? [m[1]!, Number(m[2]), Number(m[3]), m[4]!] : [file, 1, 1, file];
    } else {
      super(`${file}:${line}:${column}: ${what}`);
      [this.file, this.line, this.column, this.what] = [file, line, column ?? 1, what ?? ''];
    }
    this.name = 'RuleFileError';
  }
}

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

export interface LoadedRuleFile<T> {
  file: string;
  data: T;
  /** position of the node at a JSON-pointer-like path, for later error messages */
  at(path: Array<string | number>): { line: number; column: number };
  /** `file:line:column` of that node (worked out only when printed) */
  where(path: Array<string | number>): { toString(): string };
}

export function loadRuleFile<T>(file: string, schema: object): LoadedRuleFile<T> {
  let text: string;
  try {
    text = readRuleText(file);
  } catch (e) {
    if (!(e as NodeJS.ErrnoException).code) throw e;
    throw new RuleFileError(file, 1, 1, `cannot read rule file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const parsed = parseYamlCached(text);
  if (parsed.errors.length > 0) {
    const err = parsed.errors[0]!;
    const pos = parsed.doc().lc.linePos(err.offset);
    throw new RuleFileError(file, pos.line, pos.col, `YAML syntax: ${err.message}`);
  }
  const data = parsed.data as T;
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const at = (path: Array<string | number>) => {
    const { doc, lc } = parsed.doc();
    return positionOf(doc, lc, path);
  };
  if (!validate(data)) {
    const err = validate.errors![0]!;
    const path = pointerToPath(err.instancePath);
    const extra = err.keyword === 'additionalProperties' ? (err.params as { additionalProperty: string }).additionalProperty : undefined;
    const pos = extra === undefined ? at(path) : (() => { const { doc, lc } = parsed.doc(); return positionOf(doc, lc, [...path, extra], true); })();
    throw new RuleFileError(file, pos.line, pos.column, describe(err));
  }
  // one example format for every family, whatever its schema says
  const bad = badExample(data);
  if (bad) {
    const pos = at(bad.path);
    throw new RuleFileError(file, pos.line, pos.column, bad.what);
  }
  const where = (path: Array<string | number>) => ({
    toString: () => {
      const p = at(path);
      return `${file}:${p.line}:${p.column}`;
    },
  });
  return { file, data, at, where };
}

/** Compile a rule pattern, refusing (by the one policy of `vet-pattern.ts`) ones that can backtrack catastrophically. */
export function compilePattern(
  source: string,
  flags: string,
  file: string,
  position: { line: number; column: number } | (() => { line: number; column: number }),
): RegExp {
  const where = () => (typeof position === 'function' ? position() : position);
  try {
    vetPattern(source);
  } catch (e) {
    if (!(e instanceof PatternError)) throw e;
    const pos = where();
    throw new RuleFileError(file, pos.line, pos.column, `${e.message} in /${source}/`);
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    const pos = where();
    throw new RuleFileError(file, pos.line, pos.column, `invalid pattern /${source}/: ${(e as Error).message}`);
  }
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function positionOf(doc: Document, lc: LineCounter, path: Array<string | number>, wantKey = false): { line: number; column: number } {
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      last = pair.key ?? pair.value;
      if (wantKey && i === path.length - 1) break;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[key as number];
    } else break;
    if (node) last = node;
  }
  const range = (last as YamlNode | undefined)?.range;
  const p = lc.linePos(range ? range[0] : 0);
  return { line: p.line, column: p.col };
}

function describe(err: ErrorObject): string {
  const where = err.instancePath || '(top level)';
  switch (err.keyword) {
    case 'required':
      return `${where}: missing required field "${(err.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties':
      return `${where}: unknown field "${(err.params as { additionalProperty: string }).additionalProperty}"`;
    case 'type':
      return `${where}: must be ${(err.params as { type: string }).type}`;
    case 'enum':
      return `${where}: must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    default:
      return `${where}: ${err.message ?? err.keyword}`;
  }
}
