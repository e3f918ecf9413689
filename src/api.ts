/**
 * The library API (package.json `exports`): run the pipeline in-process on a string,
 * a buffer or a file, with the command line's options, and get the typed document,
 * its clean text and its audit diff.
 *
 * ```ts
 * import { processFile, processString } from 'relecteur';
 * const { document } = await processFile('book.txt');
 * for (const f of document.facts) if (f.type === 'money') console.log(f.value, f.currency);
 * ```
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { decode } from './stages/1-read/decode.js';
import { loadRules, processDecoded, DEFAULT_RULES_DIR, type RuleSet } from './pipeline.js';
import { cleanText } from './write/clean-text.js';
import { auditDiffBytes } from './write/audit-diff.js';
import { runBatch, collectInputs, checkOutputDir, type FileResult } from './batch.js';
import { packageVersion } from './version.js';

export type * from './types.js';
export { SCHEMA_ID } from './types.js';
export { InputError } from './stages/1-read/decode.js';
export type { FileResult, RuleSet };
export { DEFAULT_RULES_DIR };

export const version: string = packageVersion();

/** The options of `relecteur run` that apply to one text. */
export interface ProcessOptions {
  /** rule set directory (`--rules`); default: the package's rules/ */
  rules?: string;
  /** refuse inputs larger than this many bytes (`--max-bytes`; default 64 MiB) */
  maxBytes?: number;
  /** the path recorded in `document.source.path` (default: the file's path, or `input.txt`) */
  path?: string;
}

export interface ProcessResult {
  /** the document of the contract (`<name>.json`) */
  document: import('./types.js').DocumentJson;
  /** the clean text (`<name>.clean.txt`) */
  clean: string;
  /** the audit diff (`<name>.diff`), as bytes: a Windows-1252 original's lines are in Windows-1252 */
  diff: Buffer;
  /** e.g. "not valid UTF-8 …; decoded as Windows-1252" */
  warnings: string[];
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const ruleCache = new Map<string, RuleSet>();

function rulesFor(dir: string | undefined): RuleSet {
  const key = dir ?? DEFAULT_RULES_DIR;
  let r = ruleCache.get(key);
  if (!r) ruleCache.set(key, (r = loadRules(key)));
  return r;
}

/** Process the bytes of a file (decoded as the command line does: UTF-8, BOM, Windows-1252). Throws `InputError` for a refused input. */
export async function processBuffer(input: Uint8Array, options: ProcessOptions = {}): Promise<ProcessResult> {
  const dec = decode(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const path = options.path ?? 'input.txt';
  const { doc } = processDecoded(dec.text, {
    path,
    rules: rulesFor(options.rules),
    bytes: input.length,
    sha256: createHash('sha256').update(input).digest('hex'),
    encoding: dec.encoding,
    bom: dec.bom,
  });
  const clean = cleanText(doc);
  return { document: doc, clean, diff: auditDiffBytes(basename(path), dec.text, clean, dec), warnings: dec.warnings };
}

/** Process a text already in memory (as if it were a UTF-8 file). */
export async function processString(text: string, options: ProcessOptions = {}): Promise<ProcessResult> {
  return processBuffer(Buffer.from(text, 'utf8'), options);
}

/** Process one file. */
export async function processFile(file: string, options: ProcessOptions = {}): Promise<ProcessResult> {
  return processBuffer(await readFile(file), { path: file, ...options });
}

/** `relecteur run`: every .txt/.md file under `paths`, outputs written to `out` (plus facts.jsonl/facts.csv). */
export async function run(
  paths: string[],
  options: ProcessOptions & { out: string; concurrency?: number; threads?: number; maxHeapMb?: number },
): Promise<FileResult[]> {
  const { files, errors } = await collectInputs(paths);
  if (errors.length && files.length === 0) throw new Error(errors.join('; '));
  const outErr = await checkOutputDir(options.out);
  if (outErr) throw new Error(outErr);
  return runBatch(files, {
    out: options.out,
    concurrency: options.concurrency ?? 2,
    rules: rulesFor(options.rules),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    threads: options.threads ?? 1,
    heapMb: options.maxHeapMb ?? 512,
  });
}
