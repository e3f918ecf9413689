/**
 * The `relecteur` command line. `relecteur run <file|dir>... --out <dir>`.
 * Exit codes: 0 every file processed, 1 some failed (the others are written),
 * 2 bad usage (unknown option, missing argument, broken rule file).
 */
import { Command, CommanderError } from 'commander';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { collectInputs, checkOutputDir, runBatch, type FileResult } from './batch.js';
import { loadRules, DEFAULT_RULES_DIR } from './pipeline.js';
import { packageVersion } from './version.js';
import { registerReviewCommands } from './review/commands.js';
import { onStopSignal, type RunProgress } from './signals.js';
import { sweepStaleTmp } from './outputs.js';

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** a file's time budget: ten times what the largest accepted file takes on a slow machine */
const DEFAULT_MAX_SECONDS = 600;
/**
 * The worker's heap: 512 MB, or the heap limit node was started with (the launcher's
 * --max-old-space-size=384), since the file is processed in the worker, not here.
 */
const DEFAULT_HEAP_MB = (() => {
  const flag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => /^--max-old-space-size=(\d+)$/.exec(a)).find(Boolean);
  return flag ? Number(flag[1]) : 512;
})();

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('relecteur')
    .description('Turn OCR-noisy French book translations into clean, auditable JSON')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      // one line per error: commander's "(Did you mean --x?)" hint goes on the same line
      writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `relecteur: ${s.trimEnd().replace(/\n+/g, ' ')}\n` : s),
    });
  program
    .command('run')
    .description('process every .txt/.md file under the given paths')
    .argument('<paths...>', 'files or directories (searched recursively)')
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('-c, --concurrency <n>', 'files processed at once', (v) => positiveInt(v, '--concurrency'), 2)
    .option('-r, --rules <dir>', 'rule set directory', DEFAULT_RULES_DIR)
    .option('--max-bytes <n>', 'refuse input files larger than this', (v) => positiveInt(v, '--max-bytes'), DEFAULT_MAX_BYTES)
    .option('-t, --threads <n>', 'worker threads (one per core at most), one file each', (v) => positiveInt(v, '--threads'), 1)
    .option('--max-heap-mb <n>', 'heap limit of each worker thread; a file that needs more fails alone', (v) => positiveInt(v, '--max-heap-mb'), DEFAULT_HEAP_MB)
    .option('--max-seconds <n>', 'time budget of one file, in CPU seconds of its worker; a file that needs more fails alone', (v) => positiveInt(v, '--max-seconds'), DEFAULT_MAX_SECONDS)
    .option('-v, --verbose', 'print every change with its rule, position and stage')
    .option('-q, --quiet', 'no progress bar, no per-file lines (errors and the summary still print)')
    .option('--timings', 'print per-stage timings as a JSON line on stderr')
    .action(async (paths: string[], o: { out: string; concurrency: number; rules: string; maxBytes: number; maxHeapMb: number; maxSeconds: number; threads: number; verbose?: boolean; quiet?: boolean; timings?: boolean }) => {
      code = await run(paths, o);
    });
  registerReviewCommands(program, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2;
    }
    process.stderr.write(`relecteur: ${(e as Error).message}\n`);
    return 2;
  }
  return code;
}

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`relecteur: ${name} takes a whole number ≥ 1, not '${v}'\n`);
    throw new CommanderError(2, 'relecteur.badOption', `${name}`);
  }
  return n;
}

async function run(
  paths: string[],
  o: { out: string; concurrency: number; rules: string; maxBytes: number; maxHeapMb: number; maxSeconds: number; threads: number; verbose?: boolean; quiet?: boolean; timings?: boolean },
): Promise<number> {
  const t0 = performance.now();
  let rules;
  try {
    rules = loadRules(o.rules);
  } catch (e) {
    process.stderr.write(`relecteur: ${(e as Error).message}\n`);
    return 2;
  }
  // the output directory is never read as input (a second run would re-read the first one's .clean.txt)
  const { files, errors, emptyDirs } = await collectInputs(paths, o.out);
  for (const e of errors) process.stderr.write(`relecteur: ${e}\n`);
  if (files.length === 0) {
    process.stderr.write(`relecteur: no .txt or .md files found in ${paths.join(', ')}\n`);
    // nothing to do at all is bad usage (2) unless a path could not be read (1)
    return errors.length > emptyDirs.length ? 1 : 2;
  }
  const outErr = await checkOutputDir(o.out);
  if (outErr) {
    process.stderr.write(`relecteur: ${outErr}\n`);
    return 1;
  }
  // .tmp files of a run that was killed (SIGKILL, power loss) go now
  sweepStaleTmp(o.out);
  const tty = process.stderr.isTTY && !o.quiet;
  let bar: { increment: () => void; stop: () => void } | undefined;
  if (tty) {
    const { SingleBar, Presets } = await import('cli-progress');
    const b = new SingleBar({ format: 'relecteur {bar} {value}/{total} files', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    b.start(files.length, 0);
    bar = b;
  }
  const progress: RunProgress = { total: files.length + errors.length, written: 0, failed: errors.length, out: o.out, t0 };
  const stopSignals = onStopSignal(progress, () => bar?.stop());
  const results = await runBatch(files, {
    out: o.out,
    concurrency: o.concurrency,
    rules,
    maxBytes: o.maxBytes,
    heapMb: o.maxHeapMb,
    maxSeconds: o.maxSeconds,
    threads: o.threads,
    isolate: true,
    keepMessages: Boolean(o.verbose),
    onFile: (r) => {
      if (r.ok) progress.written++;
      else progress.failed++;
      bar?.increment();
      if (!r.ok) process.stderr.write(`${tty ? '\n' : ''}relecteur: ${r.input}: ${r.error}\n`);
      for (const w of r.warnings) process.stderr.write(`relecteur: ${r.input}: warning: ${w}\n`);
    },
  });
  stopSignals();
  bar?.stop();
  if (o.verbose) printVerbose(results);
  const ok = results.filter((r) => r.ok);
  const failed = results.length - ok.length + errors.length;
  const bytes = results.reduce((s, r) => s + r.bytes, 0);
  const secs = (performance.now() - t0) / 1000;
  if (!o.quiet) {
    for (const r of ok) {
      const s = r.stats!;
      process.stdout.write(
        `${r.input}: ${s.blocks} blocks, ${s.footnotes} footnotes, ${s.markers} markers (${s.unlinkedMarkers} unlinked, ${s.missingFootnotes} missing), ${s.urls} URLs (${s.urlsRepaired} repaired, ${s.urlsUnrecoverable} unrecoverable), ${Object.values(s.facts).reduce((a, b) => a + b, 0)} facts\n`,
      );
    }
  }
  if (o.timings) {
    const sum: Record<string, number> = {};
    for (const r of ok) for (const [k, v] of Object.entries(r.timings ?? {})) sum[k] = Math.round(((sum[k] ?? 0) + v) * 10) / 10;
    process.stderr.write(JSON.stringify({ timings: sum }) + '\n');
  }
  process.stdout.write(
    `relecteur: ${results.length + errors.length} file(s), ${ok.length} written, ${failed} failed, ${(bytes / 1e6).toFixed(2)} MB in ${secs.toFixed(2)} s -> ${o.out}\n`,
  );
  return failed > 0 ? 1 : 0;
}

/** Every message of every file (one per change of the text, and the stages' warnings), as vfile-reporter prints them. */
function printVerbose(results: FileResult[]): void {
  const files: VFile[] = [];
  for (const r of results) {
    if (!r.messages) continue;
    const f = new VFile({ path: r.input });
    for (const m of r.messages) {
      const msg = f.message(m.reason, { ruleId: m.ruleId, source: m.source, place: m.place });
      msg.fatal = m.fatal;
      if (m.superseded) msg.note = 'replaced by a later change (not in the audit)';
    }
    files.push(f);
  }
  process.stderr.write(reporter(files, { verbose: true }) + '\n');
}
