/**
 * What the evaluation scripts share (eval-facts, eval-counterparties): the repository
 * folder (from scripts/ under tsx or dist/scripts/ compiled), `--name value` arguments with
 * their defaults, and the pipeline's processText.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentJson } from '../src/types.js';

const here = dirname(fileURLToPath(import.meta.url));
// works from scripts/ (tsx) and from dist/scripts/ (compiled)
export const repo = existsSync(join(here, '..', 'package.json')) ? join(here, '..') : join(here, '..', '..');

/** The value of `--name value` on the command line, else `def`. */
export function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
}

/** A folder given as `--name dir`, else the repository's `...parts`, as an absolute path. */
export function dirArg(name: string, ...parts: string[]): string {
  return resolve(arg(name, join(repo, ...parts)));
}

export type ProcessText = (text: string, o: { path: string; rulesDir?: string }) => Promise<DocumentJson>;

/** The pipeline's processText, imported when asked for (a script can still run on a tree that does not build). */
export async function loadPipeline(): Promise<ProcessText> {
  const spec = '../src/pipeline.js';
  const mod = (await import(spec)) as { processText: ProcessText };
  return mod.processText;
}

/** The first of each key, in order (distinct entities of a passage). */
export function distinctBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Greedy one-to-one matching: each gold item takes the first prediction not taken yet that is the same; what is left over on each side. */
export function greedyMatch<G, P>(gold: G[], pred: P[], same: (g: G, p: P) => boolean): { tp: number; missed: G[]; extra: P[] } {
  const used = new Set<number>();
  const missed: G[] = [];
  for (const g of gold) {
    const i = pred.findIndex((p, j) => !used.has(j) && same(g, p));
    if (i >= 0) used.add(i);
    else missed.push(g);
  }
  return { tp: used.size, missed, extra: pred.filter((_, j) => !used.has(j)) };
}
