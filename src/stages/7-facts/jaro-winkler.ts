/**
 * Jaro-Winkler similarity from `natural`, imported from its own module: the package root
 * prints to stdout and loads database drivers.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type JW = (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as JW;

export function similarity(a: string, b: string): number {
  return jaroWinkler(a, b, { ignoreCase: true });
}

/**
 * Whether two folded names are spellings of one name: Jaro-Winkler ≥ threshold overall and,
 * for names of several words, word by word (≥ 0.9 each). Jaro-Winkler alone rewards a long
 * common prefix: `universite d'etat de polotsk` / `… de mogilev` score 0.93 as whole strings.
 */
export function similarNames(a: string, b: string, threshold: number): boolean {
  if (a === b) return true;
  if (similarity(a, b) < threshold) return false;
  const ta = a.split(' ');
  const tb = b.split(' ');
  if (ta.length === 1 && tb.length === 1) return true;
  if (ta.length !== tb.length) return false;
  return ta.every((t, i) => t === tb[i] || similarity(t, tb[i]!) >= 0.9);
}
