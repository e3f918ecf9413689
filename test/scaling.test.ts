// Issue 10: linear time on hostile input. Each hostile shape runs through the real
// per-file path (read, decode, pipeline — in sections above 3 MB, as in production —
// clean text, diff, atomic writes) at 64 KB and at 4 MB. The CPU time of the 4 MB run
// divided by that of the 64 KB run must stay near 64 (linear), far from 4096
// (quadratic): the bound is 64 × 4, generous for n log n steps and GC. The small
// input is repeated until the repetitions add up to 0.3 s of CPU (a few-millisecond
// sample is all noise), and the best of three such averages is taken.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processFileTask } from '../src/batch.js';
import { loadRules, type RuleSet } from '../src/pipeline.js';
import { hostile, HOSTILE_SHAPES } from './support/hostile.js';
import { removeDir, tempDir } from './support/run-cli.js';

const SMALL = 64 * 1024;
const LARGE = 4 * 1024 * 1024;
const BOUND = (LARGE / SMALL) * 4;

let dir: string;
let rules: RuleSet;
beforeAll(() => {
  dir = tempDir('relecteur-scaling-');
  rules = loadRules();
});
afterAll(() => removeDir(dir));

async function cpuSeconds(name: string, text: string): Promise<number> {
  const input = join(dir, `${name}.txt`);
  writeFileSync(input, text);
  const out = join(dir, `out-${name}`);
  mkdirSync(out, { recursive: true });
  const c0 = process.cpuUsage();
  const r = await processFileTask({ input, shown: `${name}.txt`, outName: name, out, maxBytes: 1 << 30, keepMessages: false }, rules);
  const c = process.cpuUsage(c0);
  expect(r.error).toBeUndefined();
  expect(readdirSync(out).sort()).toEqual([`${name}.clean.txt`, `${name}.diff`, `${name}.json`, `${name}.review.txt`]);
  return (c.user + c.system) / 1e6;
}

describe('time grows linearly with the input on hostile shapes (64 KB -> 4 MB)', () => {
  for (const shape of HOSTILE_SHAPES) {
    it(shape, async () => {
      const small = hostile(shape, SMALL);
      let tSmall = Infinity;
      for (let round = 0; round < 3; round++) {
        let sum = 0;
        let n = 0;
        while (sum < 0.3) sum += await cpuSeconds(`${shape}-small-${round}-${n++}`, small);
        tSmall = Math.min(tSmall, sum / n);
      }
      const tLarge = await cpuSeconds(`${shape}-large`, hostile(shape, LARGE));
      const ratio = tLarge / tSmall;
      console.log(`${shape}: 64 KB ${tSmall.toFixed(3)} s, 4 MB ${tLarge.toFixed(2)} s CPU, ratio ${ratio.toFixed(1)} (linear 64, bound ${BOUND})`);
      expect(ratio).toBeLessThan(BOUND);
    }, 600_000);
  }
});
