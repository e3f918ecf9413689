/**
 * Reading an editable rule file: YAML parsed with positions, validated against a
 * JSON Schema, every regular expression vetted for catastrophic backtracking.
 * Any problem becomes one RuleFileError whose message is `file:line:column: what`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, isScalar, type LineCounter, type Node as YamlNode, type Document } from 'yaml';
import { parseYamlCached } from './yaml-cache.js';
import { readRuleText } from './rule-text.js';

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly what: string,
  ) {
    super(`${file}:${line}:${column}: ${what}`);
    this.name = 'RuleFileError';
  }
}

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

export interface LoadedRuleFile<T> {
  data: T;
  /** position of the node at a JSON-pointer-like path, for later error messages */
  at(path: Array<string | number>): { line: number; column: number };
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
    const pos = at(path);
    throw new RuleFileError(file, pos.line, pos.column, describe(err));
  }
  return { data, at };
}

/** Compile a user pattern, refusing ones that can backtrack catastrophically. */
export function compilePattern(
  source: string,
  flags: string,
  file: string,
  position: { line: number; column: number } | (() => { line: number; column: number }),
): RegExp {
  const where = () => (typeof position === 'function' ? position() : position);
  if (/\\[1-9]|\\k</.test(source)) {
    { const pos = where(); throw new RuleFileError(file, pos.line, pos.column, `pattern /${source}/ uses a backreference, which can take exponential time; rewrite it without`); }
  }
  if (hasNestedRepetition(source)) {
    const pos = where();
    throw new RuleFileError(file, pos.line, pos.column, `pattern /${source}/ can backtrack catastrophically (nested or overlapping repetition); rewrite it`);
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    const pos = where();
    throw new RuleFileError(file, pos.line, pos.column, `invalid regular expression /${source}/: ${(e as Error).message}`);
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

function positionOf(doc: Document, lc: LineCounter, path: Array<string | number>): { line: number; column: number } {
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      last = pair.key ?? pair.value;
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

/**
 * True when a group that contains an unbounded repetition (`+`, `*`, `{n,}`) is
 * itself repeated without bound — the shape of catastrophic backtracking
 * (`(a+)+`, `(\w*\s?)*`). Optional (`?`) and bounded (`{m,n}`) repetition of
 * such a group is allowed. (safe-regex2 also counts `?`, which refuses `(#+)?`.)
 */
export function hasNestedRepetition(source: string): boolean {
  const stack: boolean[] = [false];
  let i = 0;
  const unboundedAt = (k: number): number => {
    const c = source[k];
    if (c === '+' || c === '*') return 1;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(k));
      if (m && m[2] !== undefined && m[3] === '') return m[0].length;
      if (m && m[3] && Number(m[3]) > 1000) return m[0].length;
    }
    return 0;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      i += 2;
      if (unboundedAt(i)) stack[stack.length - 1] = true;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      if (unboundedAt(i)) stack[stack.length - 1] = true;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      i++;
      continue;
    }
    if (c === ')') {
      const inner = stack.pop() ?? false;
      i++;
      if (stack.length === 0) stack.push(false);
      if (unboundedAt(i)) {
        if (inner) return true;
        stack[stack.length - 1] = true;
      } else if (inner) stack[stack.length - 1] = true;
      continue;
    }
    i++;
    if (unboundedAt(i)) stack[stack.length - 1] = true;
  }
  return false;
}
