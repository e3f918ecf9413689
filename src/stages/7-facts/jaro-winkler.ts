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
