/** The fuzzing worker: runs the property with fast-check, one seed after another, until its time is up. */
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { checkCase, fuzzText } from './property.js';

const { seconds, seed, budgetMs } = workerData as { seconds: number; seed: number; budgetMs: number };
const end = Date.now() + seconds * 1000;
let cases = 0;
let chars = 0;
let maxMs = 0;
let maxLen = 0;
for (let s = seed; Date.now() < end; s++) {
  try {
    fc.assert(
      fc.property(fuzzText, (text) => {
        parentPort!.postMessage({ type: 'case', text });
        const ms = checkCase(text, budgetMs);
        cases++;
        chars += text.length;
        maxMs = Math.max(maxMs, ms);
        maxLen = Math.max(maxLen, text.length);
      }),
      { seed: s, numRuns: 50, endOnFailure: false },
    );
  } catch (e) {
    parentPort!.postMessage({ type: 'fail', seed: s, message: (e as Error).message });
    break;
  }
  parentPort!.postMessage({ type: 'progress', seed: s, cases, chars, maxMs, maxLen });
}
parentPort!.postMessage({ type: 'done', cases, chars, maxMs, maxLen });
