// The --threads worker pool: a worker that crashes, throws or runs out of its capped heap
// fails its own file with a one-line reason; a new worker takes its place and every other
// file of the batch is still processed, in the order asked. Then the real pool, end to end.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/worker-pool.js';
import type { FileTask } from '../src/batch.js';
import { CORPUS, ensureBuilt, removeDir, runCli, tempDir } from './support/run-cli.js';

const task = (name: string): FileTask => ({ input: `in/${name}`, shown: name, outName: name, out: 'out', maxBytes: 1e6, keepMessages: false });

describe('WorkerPool', () => {
  it('a crashed, throwing or out-of-memory worker fails its file alone; the batch goes on', async () => {
    const pool = new WorkerPool(2, { rulesDir: 'unused' }, 32, new URL('./fixtures/workers/crashing-worker.mjs', import.meta.url));
    const names = ['a.txt', 'crash.txt', 'b.txt', 'throw.txt', 'c.txt', 'oom.txt', 'd.txt', 'e.txt'];
    try {
      const results = await Promise.all(names.map((n) => pool.run(task(n))));
      expect(results.map((r) => r.input)).toEqual(names);
      const byName = new Map(results.map((r) => [r.input, r]));
      for (const n of ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']) expect(byName.get(n)).toMatchObject({ ok: true, bytes: n.length });
      expect(byName.get('crash.txt')).toMatchObject({ ok: false, error: 'worker exited with code 3' });
      expect(byName.get('throw.txt')).toMatchObject({ ok: false, error: 'internal error: cannot process throw.txt' });
      expect(byName.get('oom.txt')!.ok).toBe(false);
      expect(byName.get('oom.txt')!.error).toMatch(/needs more than 32 MB of memory/);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('relecteur run --threads 2', () => {
  const dir = tempDir('relecteur-threads-');
  afterAll(() => removeDir(dir));

  it('gives the same outputs as one thread', async () => {
    ensureBuilt();
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    const a = await runCli(['run', CORPUS, '--out', one, '--quiet']);
    const b = await runCli(['run', CORPUS, '--out', two, '--quiet', '--threads', '2', '--concurrency', '2']);
    expect([a.code, b.code]).toEqual([0, 0]);
    const files = readdirSync(one).sort();
    expect(files).toHaveLength(4 * 4 + 3); // .json .clean.txt .diff .review.txt per book, entities.json, facts.jsonl, facts.csv
    expect(readdirSync(two).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(two, f)).equals(readFileSync(join(one, f))), f).toBe(true);
  }, 120_000);
});
