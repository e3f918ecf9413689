/**
 * A batch run: every `.txt`/`.md` file under the given paths, processed with
 * bounded concurrency (p-limit). A file that fails is reported on one line with
 * its name (and line, where one applies); the others still complete. Outputs are
 * written atomically, so a failed or killed run never leaves a half-written file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, mkdir, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, isAbsolute, join, normalize, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import { availableParallelism } from 'node:os';
import { WorkerPool } from './worker-pool.js';
import { decode, InputError } from './stages/1-read/decode.js';
import { processDecoded, type RuleSet } from './pipeline.js';
import { cleanText } from './write/clean-text.js';
import { auditDiffBytes } from './write/audit-diff.js';
import { writeFileAtomic } from './write/write-atomic.js';
import { serializeDocument } from './write/serialize.js';
import { SECTION_THRESHOLD, writeSectioned } from './write/write-sectioned.js';
import type { DocumentJson } from './types.js';
import { plainMessages, type PlainMessage } from './stages/report-changes.js';
import { summarise, type EntitySummary } from './stages/7-facts/entity-registry.js';
import { writeBatchEntities } from './batch-entities.js';
import { writeFactTables } from './review/facts-table.js';
import { changeView, reviewText } from './review/change-view.js';
import { inFlight, removeOutputs } from './outputs.js';
export { collectInputs, outputNames, INPUT_EXTENSIONS } from './inputs.js';
import { outputNames } from './inputs.js';

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
  /** run every file in a worker thread, even with one thread, so the budgets below apply */
  isolate?: boolean;
  /** time budget of one file, in seconds (worker threads only) */
  maxSeconds?: number;
  onFile?: (r: FileResult) => void;
}

export interface FileResult {
  input: string;
  ok: boolean;
  error?: string;
  warnings: string[];
  bytes: number;
  outputs?: string[];
  /** what the stages reported (vfile messages: rule id, stage, position; one per change of the text, as in the audit) */
  messages?: PlainMessage[];
  stats?: DocumentJson['stats'];
  timings?: Record<string, number>;
  /** the document's entity registry, compacted (for out/entities.json) */
  entities?: EntitySummary[];
}

/** The path shown in messages and `source.path`: as given when relative, else relative to the working directory. */
export function displayPath(p: string): string {
  const rel = isAbsolute(p) ? relative(process.cwd(), p) || '.' : normalize(p);
  return rel.split(sep).join('/');
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
  /** return the messages (for --verbose) */
  keepMessages: boolean;
}

/**
 * Read, decode, run the pipeline, write the three outputs atomically. Never throws.
 * A file that fails leaves none of its outputs behind (old or partial).
 */
export async function processFileTask(task: FileTask, rules: RuleSet): Promise<FileResult> {
  const r = await processFileInner(task, rules);
  if (!r.ok) removeOutputs(task.out, task.outName);
  return r;
}

/** One line for a failed system call: `cannot write x.json (ENOSPC: no space left on device)`. */
function systemError(e: NodeJS.ErrnoException, out: string): string | undefined {
  if (!e.code || !e.syscall) return undefined;
  const what = e.path ? relative(out, e.path).split(sep).join('/') : '';
  const why = e.message.startsWith(`${e.code}: `) ? e.message.split(',')[0]! : e.code;
  return `cannot write output${what ? ` ${what}` : ''} (${why})`;
}

async function processFileInner(task: FileTask, rules: RuleSet): Promise<FileResult> {
  const { input, shown } = task;
  let buf: Buffer;
  try {
    // the size limit and the file type are checked before reading: a 2 GB file is never loaded
    const st = await stat(input);
    if (!st.isFile()) return { input: shown, ok: false, error: 'not a regular file', warnings: [], bytes: 0 };
    if (st.size > task.maxBytes) {
      return { input: shown, ok: false, error: `file is ${st.size} bytes, over the size limit of ${task.maxBytes} bytes (--max-bytes)`, warnings: [], bytes: 0 };
    }
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
      const { stats, timings, entities } = await writeSectioned(
        dec.text,
        { path: shown, name: basename(input), sha256, bytes, encoding: dec.encoding, bom: dec.bom, ...(dec.invalidBytes ? { invalidBytes: dec.invalidBytes } : {}) },
        rules,
        base,
      );
      return { input: shown, ok: true, warnings: dec.warnings, bytes, outputs: [`${base}.json`, `${base}.clean.txt`, `${base}.diff`, `${base}.review.txt`], stats, timings, entities: summarise(entities) };
    }
    const { doc, file, timings } = processDecoded(dec.text, {
      path: shown,
      rules,
      bytes: buf.length,
      sha256,
      encoding: dec.encoding,
      bom: dec.bom,
    });
    if (dec.invalidBytes) doc.source.invalidBytes = dec.invalidBytes;
    const t0 = performance.now();
    const clean = cleanText(doc);
    const diff = auditDiffBytes(basename(input), dec.text, clean, dec);
    timings.diff = performance.now() - t0;
    const base = join(task.out, task.outName);
    const outputs = [`${base}.json`, `${base}.clean.txt`, `${base}.diff`];
    const t1 = performance.now();
    await writeFileAtomic(outputs[0]!, serializeDocument(doc));
    await writeFileAtomic(outputs[1]!, clean);
    await writeFileAtomic(outputs[2]!, diff);
    // the review view: word-level edits per block, wrapping not shown (src/review/change-view.ts)
    outputs.push(`${base}.review.txt`);
    await writeFileAtomic(outputs[3]!, reviewText(doc, changeView(doc, dec.text)));
    timings.write = performance.now() - t1;
    return {
      input: shown,
      ok: true,
      warnings: dec.warnings,
      bytes: buf.length,
      outputs,
      stats: doc.stats,
      timings,
      entities: summarise(doc.entities),
      ...(task.keepMessages ? { messages: plainMessages(file.messages) } : {}),
    };
  } catch (e) {
    const err = e as Error;
    const where = e instanceof InputError && e.line ? `:${e.line}` : '';
    const msg = e instanceof InputError ? err.message : (systemError(e as NodeJS.ErrnoException, task.out) ?? `internal error: ${err.message}`);
    return { input: shown + where, ok: false, error: msg, warnings: [], bytes: buf.length };
  }
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
  const pool = threads > 1 || opts.isolate ? new WorkerPool(Math.max(1, threads), { rulesDir: opts.rules.dir }, opts.heapMb ?? 1024, undefined, opts.maxSeconds) : null;
  if (pool) activePools.add(pool);
  try {
    const results = await Promise.all(
      files.map((f, i) =>
        limit(async () => {
          const task: FileTask = { input: f, shown: displayPath(f), outName: names[i]!, out: opts.out, maxBytes: opts.maxBytes, keepMessages: Boolean(opts.keepMessages) };
          inFlight.set(task.outName, { out: task.out, outName: task.outName, shown: task.shown });
          const r = pool ? await pool.run(task) : await processFileTask(task, opts.rules);
          // a worker that was stopped (time or memory budget) left its files: none of them stays
          if (!r.ok) removeOutputs(task.out, task.outName);
          inFlight.delete(task.outName);
          opts.onFile?.(r);
          return r;
        }),
      ),
    );
    await writeBatchEntities(opts.out, results, names);
    // every fact of every book written, with its book and place: out/facts.jsonl and out/facts.csv
    await writeFactTables(opts.out, results.filter((r) => r.ok && r.outputs).map((r) => ({ book: r.input, json: r.outputs![0]! })));
    return results;
  } finally {
    if (pool) activePools.delete(pool);
    await pool?.close();
  }
}

const activePools = new Set<WorkerPool>();

/** Stop every worker thread now (files in flight are abandoned; see `inFlight`). */
export async function stopWorkers(): Promise<void> {
  await Promise.all([...activePools].map((p) => p.close()));
}
