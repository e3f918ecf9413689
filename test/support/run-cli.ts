/**
 * Shared helpers for the tests that spawn the compiled CLI (`bin/relecteur.js`).
 *
 * The CLI runs from dist/, so it must be built first. `test/support/build.ts` is a
 * vitest globalSetup that builds once per run; when it is not configured,
 * `ensureBuilt()` builds from the test file itself, at most once across vitest's
 * workers (a lock directory serialises them, and a fresh dist/ is not rebuilt).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'relecteur.js');
export const CORPUS = join(ROOT, 'corpus');
export const RULES = join(ROOT, 'rules');
const CLI_JS = join(ROOT, 'dist', 'src', 'cli.js');

/** Set by the globalSetup once it has built dist/. */
export const BUILT_ENV = 'RELECTEUR_TEST_BUILT';

/** Run the TypeScript build (tsc -p tsconfig.build.json). Type errors are reported, not fatal, as long as dist/ was emitted. */
export function build(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    if (!existsSync(CLI_JS)) throw e;
    const out = String((e as { stdout?: Buffer }).stdout ?? '');
    console.warn(`tsc reported errors (dist/ was still emitted):\n${out.slice(0, 2000)}`);
  }
}

function newestMtime(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newestMtime(p));
    else if (e.name.endsWith('.ts')) max = Math.max(max, statSync(p).mtimeMs);
  }
  return max;
}

function distIsFresh(): boolean {
  if (!existsSync(CLI_JS)) return false;
  const built = statSync(CLI_JS).mtimeMs;
  return newestMtime(join(ROOT, 'src')) <= built;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Build dist/ unless the globalSetup did, or it is already newer than every src/ file. */
export function ensureBuilt(): void {
  if (process.env[BUILT_ENV]) return;
  const key = createHash('sha1').update(ROOT).digest('hex').slice(0, 12);
  const lock = join(tmpdir(), `relecteur-test-build-${key}.lock`);
  const t0 = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // a lock left by a killed run goes stale after two minutes
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - t0 > 180_000) throw new Error(`timed out waiting for build lock ${lock}`);
      sleep(200);
    }
  }
  try {
    if (!distIsFresh()) build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  process.env[BUILT_ENV] = '1';
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Spawn `node bin/relecteur.js ...args` and collect its output (stdout/stderr are pipes, so never a TTY). */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, opts);
  return collect(child);
}

export function spawnCli(args: string[], opts: RunOptions = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A fresh temporary directory under os.tmpdir(). */
export function tempDir(prefix = 'relecteur-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Non-empty lines of a stream's output. */
export function lines(s: string): string[] {
  return s.split('\n').filter((l) => l.length > 0);
}
