/**
 * `npm run compare -- <reference-dir> [input...]`: run the compiled CLI on the inputs
 * (default corpus/) into a temporary directory and compare every output file byte for
 * byte with the same-named file in <reference-dir>. Prints one line per file
 * (`same` or the first differing byte with some context) and exits 1 when any file
 * differs, is missing, or is extra.
 *
 * Used to show that a refactoring changes no output: make the reference with the
 * code before the change (e.g. `git worktree add /tmp/base <commit>`, build there,
 * `node bin/relecteur.js run corpus --out /tmp/ref-out`), then run this after it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();

/** The first byte where `a` and `b` differ, or -1 when they are equal. */
export function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Compare two directories file by file; one report line per file name found in either. */
export function compareDirs(ref: string, got: string): { lines: string[]; differ: number } {
  const names = [...new Set([...readdirSync(ref), ...readdirSync(got)])].sort();
  const lines: string[] = [];
  let differ = 0;
  for (const name of names) {
    const r = join(ref, name);
    const g = join(got, name);
    if (!existsSync(r) || !existsSync(g)) {
      differ++;
      lines.push(`${name}: ${existsSync(r) ? 'missing from the new outputs' : 'not in the reference'}`);
      continue;
    }
    const a = readFileSync(r);
    const b = readFileSync(g);
    const at = firstDifference(a, b);
    if (at < 0) {
      lines.push(`${name}: same (${a.length} bytes)`);
      continue;
    }
    differ++;
    const ctx = (buf: Buffer) => JSON.stringify(buf.subarray(Math.max(0, at - 40), at + 40).toString('utf8'));
    lines.push(`${name}: DIFFERS at byte ${at} (reference ${a.length} bytes, new ${b.length})\n  reference: ${ctx(a)}\n  new:       ${ctx(b)}`);
  }
  return { lines, differ };
}

function main(argv: string[]): number {
  const [ref, ...inputs] = argv;
  if (!ref || !existsSync(ref)) {
    process.stderr.write('usage: npm run compare -- <reference-dir> [input...]\n');
    return 2;
  }
  const out = mkdtempSync(join(tmpdir(), 'relecteur-compare-'));
  try {
    const run = spawnSync(process.execPath, ['--max-old-space-size=384', join(ROOT, 'bin', 'relecteur.js'), 'run', ...(inputs.length ? inputs : ['corpus']), '--out', out, '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      process.stderr.write(`relecteur exited with ${run.status}:\n${run.stderr}`);
      return 1;
    }
    const { lines, differ } = compareDirs(ref, out);
    for (const l of lines) process.stdout.write(l + '\n');
    process.stdout.write(`${lines.length - differ} same, ${differ} different\n`);
    return differ === 0 ? 0 : 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
