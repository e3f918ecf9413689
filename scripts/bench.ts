/**
 * End-to-end benchmark of the CLI.
 *
 * Spawns `node bin/relecteur.js run <input> --out <tmpdir> --concurrency <n> --quiet [--timings]` under
 * `/usr/bin/time -f '%e %M %U %S'` (wall s, peak RSS KiB of the main process, user s, sys s) for:
 *   (a) corpus/                    the 4 real books (1.3 MB)
 *   (b) <gen>/books                the generated corpus (≥ 50 MB; generated first when missing)
 *   (c) <gen>/big.txt              one ≥ 20 MB book (bounded-memory check)
 * and prints a table, the share of time per stage when the CLI reports `{"timings":{…}}` on stderr, and a
 * final JSON line.
 *
 * Run: `npm run bench` (= node --expose-gc dist/scripts/bench.js, after `npm run build`)
 *  or: `npx tsx scripts/bench.ts`
 * Options: --concurrency N (default 1; also sets --threads N)  --only a,b,c  --gen DIR (default .bench/corpus)
 *          --mb N (size of a corpus generated here, default 60)  --no-timings  --keep-out  --strict (exit 1 on a missed target)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultGenOptions, generateCorpus, repoRoot } from './gen-corpus.js';

const TIME = '/usr/bin/time';
const TARGETS = { corpusWallS: 2, mbpsPerCore: 5, peakMB: 300 };

export interface RunResult {
  case: string;
  input: string;
  files: number;
  bytes: number;
  ok: boolean;
  exitCode: number | null;
  error?: string;
  wallS: number | null;
  userS: number | null;
  sysS: number | null;
  peakMB: number | null;
  mbps: number | null;
  /** MB/s divided by the number of cores the run could use: min(concurrency, files, cores) */
  mbpsPerCore: number | null;
  coresUsed: number;
  timings: Record<string, number> | null;
  targets: Record<string, { limit: string; pass: boolean }>;
}

function inputFiles(p: string): string[] {
  const st = statSync(p);
  if (st.isFile()) return [p];
  const out: string[] = [];
  for (const e of readdirSync(p, { withFileTypes: true })) {
    const full = join(p, e.name);
    if (e.isDirectory()) out.push(...inputFiles(full));
    else if (/\.(txt|md)$/.test(e.name)) out.push(full);
  }
  return out;
}

function parseTime(file: string): { wall: number; kb: number; user: number; sys: number } | null {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(lines[i]!.trim());
    if (m) return { wall: Number(m[1]), kb: Number(m[2]), user: Number(m[3]), sys: Number(m[4]) };
  }
  return null;
}

function parseTimings(stderr: string): Record<string, number> | null {
  for (const line of stderr.split('\n').reverse()) {
    const t = line.trim();
    if (!t.startsWith('{') || !t.includes('"timings"')) continue;
    try {
      const v = JSON.parse(t) as { timings?: unknown };
      if (v.timings && typeof v.timings === 'object') {
        const out: Record<string, number> = {};
        for (const [k, ms] of Object.entries(v.timings as Record<string, unknown>)) if (typeof ms === 'number') out[k] = ms;
        return out;
      }
    } catch {
      /* not our line */
    }
  }
  return null;
}

interface Spawned { status: number | null; stderr: string; wall: number; kb: number | null; user: number | null; sys: number | null }

function spawnCli(root: string, input: string, outDir: string, tmp: string, concurrency: number, timings: boolean): Spawned {
  // --threads = --concurrency: files really run in parallel, one worker thread per core
  const cli = ['--max-old-space-size=384', join(root, 'bin', 'relecteur.js'), 'run', input, '--out', outDir, '--concurrency', String(concurrency), '--threads', String(concurrency), '--quiet'];
  if (timings) cli.push('--timings');
  const timeFile = join(tmp, `time-${Date.now()}.txt`);
  const haveTime = existsSync(TIME);
  const t0 = performance.now();
  const r = haveTime
    ? spawnSync(TIME, ['-o', timeFile, '-f', '%e %M %U %S', process.execPath, ...cli], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(process.execPath, cli, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  const t = haveTime ? parseTime(timeFile) : null;
  return {
    status: r.status,
    stderr: (r.stderr ?? '') + (r.error ? String(r.error) : ''),
    wall: t?.wall ?? wall,
    kb: t?.kb ?? null,
    user: t?.user ?? null,
    sys: t?.sys ?? null,
  };
}

export function runCase(root: string, name: string, input: string, concurrency: number, opts: { timings: boolean; keep: boolean }): RunResult {
  const files = inputFiles(input);
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const tmp = mkdtempSync(join(tmpdir(), 'relecteur-bench-'));
  const outDir = join(tmp, 'out');
  (globalThis as { gc?: () => void }).gc?.();
  let r = spawnCli(root, input, outDir, tmp, concurrency, opts.timings);
  if (opts.timings && r.status !== 0 && /timings/i.test(r.stderr)) {
    // the CLI does not know --timings (yet): measure without it
    rmSync(outDir, { recursive: true, force: true });
    r = spawnCli(root, input, outDir, tmp, concurrency, false);
  }
  if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  else process.stderr.write(`bench: kept ${outDir}\n`);
  const ok = r.status === 0;
  const coresUsed = Math.max(1, Math.min(concurrency, files.length, availableParallelism()));
  const mb = bytes / 1e6;
  const mbps = ok && r.wall > 0 ? mb / r.wall : null;
  const peakMB = r.kb === null ? null : r.kb / 1024;
  const res: RunResult = {
    case: name,
    input,
    files: files.length,
    bytes,
    ok,
    exitCode: r.status,
    wallS: r.wall,
    userS: r.user,
    sysS: r.sys,
    peakMB,
    mbps,
    mbpsPerCore: mbps === null ? null : mbps / coresUsed,
    coresUsed,
    timings: parseTimings(r.stderr),
    targets: {},
  };
  if (!ok) res.error = r.stderr.trim().split('\n').filter((l) => !l.startsWith('{"timings"')).slice(-3).join(' | ') || `exit ${r.status}`;
  if (peakMB !== null) res.targets.peakMB = { limit: `< ${TARGETS.peakMB} MB`, pass: ok && peakMB < TARGETS.peakMB };
  if (name === 'corpus') res.targets.wallS = { limit: `< ${TARGETS.corpusWallS} s`, pass: ok && r.wall < TARGETS.corpusWallS };
  if (name === 'generated') res.targets.mbpsPerCore = { limit: `≥ ${TARGETS.mbpsPerCore} MB/s/core`, pass: ok && (res.mbpsPerCore ?? 0) >= TARGETS.mbpsPerCore };
  return res;
}

const f = (v: number | null, d = 2): string => (v === null ? '–' : v.toFixed(d));
const mark = (r: RunResult, k: string): string => (r.targets[k] ? (r.targets[k]!.pass ? ' ✓' : ' ✗') : '');

export function formatTable(rs: RunResult[], concurrency: number, timingsAsked = true): string {
  const head = ['case', 'files', 'MB', 'wall s', 'MB/s', 'MB/s/core', 'cpu s', 'peak MB', 'status'];
  const rows = rs.map((r) => [
    r.case,
    String(r.files),
    (r.bytes / 1e6).toFixed(1),
    f(r.wallS) + mark(r, 'wallS'),
    f(r.mbps),
    f(r.mbpsPerCore) + mark(r, 'mbpsPerCore'),
    r.userS === null ? '–' : (r.userS + (r.sysS ?? 0)).toFixed(2),
    f(r.peakMB, 0) + mark(r, 'peakMB'),
    r.ok ? 'ok' : `FAILED (${r.exitCode})`,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const out = [
    `relecteur bench — concurrency ${concurrency}, ${availableParallelism()} cores, node ${process.version}`,
    line(head),
    w.map((n) => '-'.repeat(n)).join('  '),
    ...rows.map(line),
    '',
    `targets: corpus/ wall < ${TARGETS.corpusWallS} s · generated corpus ≥ ${TARGETS.mbpsPerCore} MB/s per core · peak memory < ${TARGETS.peakMB} MB (✓ met, ✗ missed)`,
  ];
  for (const r of rs) {
    if (!r.ok) out.push(`${r.case}: ${r.error ?? 'failed'}`);
    if (r.timings) {
      const total = Object.values(r.timings).reduce((a, b) => a + b, 0) || 1;
      const parts = Object.entries(r.timings)
        .sort((a, b) => b[1] - a[1])
        .map(([k, ms]) => `${k} ${((100 * ms) / total).toFixed(0)}% (${(ms / 1000).toFixed(2)} s)`);
      out.push(`${r.case} stages: ${parts.join(' · ')}`);
    }
  }
  if (timingsAsked && rs.length && rs.every((r) => r.ok && !r.timings)) out.push('(no per-stage timings: the CLI printed no {"timings":…} line for --timings)');
  return out.join('\n');
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      concurrency: { type: 'string' },
      only: { type: 'string' },
      gen: { type: 'string' },
      mb: { type: 'string' },
      'no-timings': { type: 'boolean' },
      'keep-out': { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('usage: bench [--concurrency N] [--only corpus,generated,big] [--gen .bench/corpus] [--mb 60] [--no-timings] [--keep-out] [--strict]\n');
    return 0;
  }
  const root = repoRoot();
  // default 1: one thread, so MB/s is per core as measured and the memory is the least
  const concurrency = values.concurrency ? Number(values.concurrency) : 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`bad --concurrency: ${values.concurrency}`);
  const only = new Set((values.only ?? 'corpus,generated,big').split(',').map((s) => s.trim()));
  for (const o of only) if (!['corpus', 'generated', 'big', 'a', 'b', 'c'].includes(o)) throw new Error(`bad --only: ${o}`);
  const want = (name: string, letter: string): boolean => only.has(name) || only.has(letter);
  const gen = values.gen ? resolve(values.gen) : defaultGenOptions().out;
  const books = join(gen, 'books');
  const big = join(gen, 'big.txt');
  if ((want('generated', 'b') || want('big', 'c')) && !(existsSync(books) && existsSync(big) && existsSync(join(gen, 'manifest.json')))) {
    process.stderr.write(`bench: generating the corpus in ${gen} …\n`);
    generateCorpus({ ...defaultGenOptions(), out: gen, mb: values.mb ? Number(values.mb) : 60 });
  }
  const opts = { timings: !values['no-timings'], keep: values['keep-out'] ?? false };
  const cases: [string, string, string][] = [
    ['corpus', 'a', join(root, 'corpus')],
    ['generated', 'b', books],
    ['big', 'c', big],
  ];
  const results: RunResult[] = [];
  for (const [name, letter, input] of cases) {
    if (!want(name, letter)) continue;
    process.stderr.write(`bench: ${name} (${input}) …\n`);
    results.push(runCase(root, name, input, concurrency, opts));
  }
  process.stdout.write(formatTable(results, concurrency, opts.timings) + '\n');
  const targetsMet = results.every((r) => Object.values(r.targets).every((t) => t.pass));
  const allOk = results.every((r) => r.ok);
  process.stdout.write(
    JSON.stringify({
      bench: {
        node: process.version,
        cores: availableParallelism(),
        concurrency,
        targets: TARGETS,
        results: results.map((r) => ({ ...r, input: r.input.startsWith(root) ? r.input.slice(root.length + 1) : r.input })),
        ok: allOk,
        targetsMet,
      },
    }) + '\n',
  );
  if (!allOk) return 1;
  return values.strict && !targetsMet ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
