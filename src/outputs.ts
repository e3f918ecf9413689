/**
 * The outputs of one input file, as a unit (issue 10: hardening). A file either
 * has all three of its outputs from this run, or none: when it fails (a write
 * error, a budget exceeded, a signal), its temporary files and any outputs it
 * already had — from this run or an earlier one — are removed, so a stale
 * `.json` can never be mixed with a fresh `.diff`.
 *
 * Temporary files are named `<output>.<pid>.<n>.tmp`; the next run removes those
 * a killed run left behind (their process is gone).
 */
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export const OUTPUT_SUFFIXES = ['.json', '.clean.txt', '.diff'] as const;
/** Temporary files of writeFileAtomic and writeSectioned: `<base>.<kind>.<pid>.<n>.tmp`. */
const TMP = /^(.*)\.(?:json|clean\.txt|diff|facts|removed|audit)\.(\d+)\.\d+\.tmp$/;

export function outputPaths(out: string, outName: string): string[] {
  return OUTPUT_SUFFIXES.map((s) => join(out, outName + s));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // alive: but pids are reused; a process that is not relecteur did not write the file
  try {
    return /relecteur/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

/** Remove `.tmp` files left in `out` by runs that no longer exist. Returns their names. */
export function sweepStaleTmp(out: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = TMP.exec(n);
    if (!m || processAlive(Number(m[2]))) continue;
    try {
      unlinkSync(join(out, n));
      removed.push(n);
    } catch {
      /* already gone */
    }
  }
  return removed;
}

/**
 * Remove every output of `outName` in `out` and its temporary files of this
 * process (synchronous: also used from a signal handler just before exit).
 */
export function removeOutputs(out: string, outName: string): void {
  for (const p of outputPaths(out, outName)) {
    try {
      unlinkSync(p);
    } catch {
      /* not there */
    }
  }
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return;
  }
  for (const n of names) {
    const m = TMP.exec(n);
    if (m && m[1] === outName && Number(m[2]) === process.pid) {
      try {
        unlinkSync(join(out, n));
      } catch {
        /* already gone */
      }
    }
  }
}

/** Files being processed now, by output base (for the signal handler). */
export const inFlight = new Map<string, { out: string; outName: string; shown: string }>();
