/**
 * A batch run: every `.txt`/`.md` file under the given paths, processed with
 * bounded concurrency (p-limit). A file that fails is reported on one line with
 * its name (and line, where one applies); the others still complete. Outputs are
 * written atomically, so a failed or killed run never leaves a half-written file.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat, mkdir, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import { availableParallelism } from 'node:os';
import { WorkerPool } from './worker-pool.js';
import { decode, InputError } from './stages/1-read/decode.js';
import { processDecoded, type RuleSet } from './pipeline.js';
import { cleanText } from './write/clean-text.js';
import { auditDiff } from './write/audit-diff.js';
import { writeFileAtomic } from './write/write-atomic.js';
import { serializeDocument } from './write/serialize.js';
import { SECTION_THRESHOLD, writeSectioned } from './write/write-sectioned.js';
import type { DocumentJson } from './types.js';

export interface BatchOptions {
  out: string;
  concurrency: number;
  rules: RuleSet;
  maxBytes: number;
  /** keep the audit and messages in the result, for --verbose */
  keepMessages?: boolean;
  /** heap limit of each worker thread, in MB */
  heapMb?: number;
  /** worker threads; 1 (default) runs every file in this thread */
  threads?: number;
  onFile?: (r: FileResult) => void;
}

export interface FileResult {
  input: string;
  ok: boolean;
  error?: string;
  warnings: string[];
  bytes: number;
  outputs?: string[];
  /** what the stages reported (vfile messages: rule id, stage, position) */
  messages?: Array<{ reason: string; ruleId?: string; source?: string; place?: { line: number; column: number } }>;
  stats?: DocumentJson['stats'];
  audit?: DocumentJson['audit'];
  timings?: Record<string, number>;
}

export const INPUT_EXTENSIONS = new Set(['.txt', '.md']);

/**
 * Expand files and directories (recursively) into a sorted list of input files.
 * A directory named on the command line that holds no input file is reported in
 * `errors` (and listed in `emptyDirs`), so it is never skipped in silence.
 */
export async function collectInputs(paths: string[]): Promise<{ files: string[]; errors: string[]; emptyDirs: string[] }> {
  const files: string[] = [];
  const errors: string[] = [];
  const emptyDirs: string[] = [];
  const walk = async (p: string): Promise<void> => {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      errors.push(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      return;
    }
    if (st.isDirectory()) {
      const entries = (await readdir(p)).sort();
      for (const e of entries) {
        const child = join(p, e);
        const cst = await stat(child).catch(() => null);
        if (cst?.isDirectory()) await walk(child);
        else if (INPUT_EXTENSIONS.has(extname(e).toLowerCase())) files.push(child);
      }
    } else files.push(p);
  };
  for (const p of paths) {
    const before = files.length;
    const nErrors = errors.length;
    await walk(p);
    if (files.length === before && errors.length === nErrors) {
      errors.push(`${p}: is a directory with no .txt or .md file in it`);
      emptyDirs.push(p);
    }
  }
  return { files: [...new Set(files)], errors, emptyDirs };
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return (rel.startsWith('..') ? p : rel).split(sep).join('/');
}

export async function checkOutputDir(out: string): Promise<string | null> {
  try {
    await mkdir(out, { recursive: true });
    await access(out, constants.W_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // mkdir -p on an existing regular file says EEXIST; what is wrong is that it is not a directory
    return `cannot write to output directory '${out}' (${code === 'EEXIST' ? 'ENOTDIR' : (code ?? String(e))})`;
  }
}

/** One file to process: everything a worker thread needs, as plain data. */
export interface FileTask {
  input: string;
  shown: string;
  outName: string;
  out: string;
  maxBytes: number;
  /** return the audit entries and messages (for --verbose) */
  keepAudit: boolean;
}

/** Read, decode, run the pipeline, write the three outputs atomically. Never throws. */
export async function processFileTask(task: FileTask, rules: RuleSet): Promise<FileResult> {
  const { input, shown } = task;
  let buf: Buffer;
  try {
    buf = await readFile(input);
  } catch (e) {
    return { input: shown, ok: false, error: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, warnings: [], bytes: 0 };
  }
  try {
    const dec = decode(buf, task.maxBytes);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const bytes = buf.length;
    if (dec.text.length > SECTION_THRESHOLD) {
      // a large book: sections, streamed to disk, so memory does not grow with the book
      buf = Buffer.alloc(0);
      const base = join(task.out, task.outName);
      const { stats, timings } = await writeSectioned(dec.text, { path: shown, name: basename(input), sha256, bytes, encoding: dec.encoding, bom: dec.bom }, rules, base);
      return { input: shown, ok: true, warnings: dec.warnings, bytes, outputs: [`${base}.json`, `${base}.clean.txt`, `${base}.diff`], stats, timings };
    }
    const { doc, file, timings } = processDecoded(dec.text, {
      path: shown,
      rules,
      bytes: buf.length,
      sha256,
      encoding: dec.encoding,
      bom: dec.bom,
    });
    const t0 = performance.now();
    const clean = cleanText(doc);
    const diff = auditDiff(basename(input), dec.text, clean);
    timings.diff = performance.now() - t0;
    const base = join(task.out, task.outName);
    const outputs = [`${base}.json`, `${base}.clean.txt`, `${base}.diff`];
    const t1 = performance.now();
    await writeFileAtomic(outputs[0]!, serializeDocument(doc));
    await writeFileAtomic(outputs[1]!, clean);
    await writeFileAtomic(outputs[2]!, diff);
    timings.write = performance.now() - t1;
    return {
      input: shown,
      ok: true,
      warnings: dec.warnings,
      bytes: buf.length,
      outputs,
      stats: doc.stats,
      timings,
      ...(task.keepAudit ? { audit: doc.audit, messages: file.messages.map((m) => ({ reason: m.reason, ruleId: m.ruleId ?? undefined, source: m.source ?? undefined, place: m.line ? { line: m.line, column: m.column ?? 1 } : undefined })) } : {}),
    };
  } catch (e) {
    const err = e as Error;
    const where = e instanceof InputError && e.line ? `:${e.line}` : '';
    const msg = e instanceof InputError ? err.message : `internal error: ${err.message}`;
    return { input: shown + where, ok: false, error: msg, warnings: [], bytes: buf.length };
  }
}

/** Output base names, unique even when two inputs share a file name. */
export function outputNames(files: string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const b = basename(f, extname(f));
    const k = seen.get(b) ?? 0;
    seen.set(b, k + 1);
    return k === 0 ? b : `${b}~${k + 1}`;
  });
}

/**
 * Process the files with at most `concurrency` at once. With `threads` > 1 (and more
 * than one file), files go to a pool of worker threads (one per core at most), each
 * with a capped heap; otherwise they run in this thread (the default: least memory). Outputs do not depend
 * on which: each file is processed on its own, from the same rules.
 */
export async function runBatch(files: string[], opts: BatchOptions): Promise<FileResult[]> {
  const limit = pLimit(Math.max(1, opts.concurrency));
  const names = outputNames(files);
  const threads = Math.min(opts.threads ?? 1, opts.concurrency, files.length, availableParallelism());
  const pool = threads > 1 ? new WorkerPool(threads, { rulesDir: opts.rules.dir }, opts.heapMb ?? 1024) : null;
  try {
    return await Promise.all(
      files.map((f, i) =>
        limit(async () => {
          const task: FileTask = { input: f, shown: displayPath(f), outName: names[i]!, out: opts.out, maxBytes: opts.maxBytes, keepAudit: Boolean(opts.keepMessages) };
          const r = pool ? await pool.run(task) : await processFileTask(task, opts.rules);
          opts.onFile?.(r);
          return r;
        }),
      ),
    );
  } finally {
    await pool?.close();
  }
}
