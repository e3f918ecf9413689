/**
 * `npm run fuzz`: fast-check over the whole pipeline for a fixed time (default 10
 * minutes; `--seconds N`, `--seed N`). A worker thread runs the cases; this thread is
 * the watchdog: a case that takes longer than the hang limit is a hang — the worker
 * is stopped and the case is saved. A crash, a conservation failure, an invalid JSON
 * or a case over its time budget stops the run with fast-check's counterexample.
 * Failing inputs go to fuzz-failures/. Exit 0 when nothing was found.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const seconds = arg('seconds', 600);
const seed = arg('seed', 1);
/** a case (≤ ~0.5 MB) must finish within this, pipeline + diff */
const budgetMs = arg('budget-ms', 20_000);
/** no sign of life for this long: a hang */
const hangMs = arg('hang-ms', 120_000);

const t0 = Date.now();
const worker = new Worker(new URL('./fuzz/worker.js', import.meta.url), { workerData: { seconds, seed, budgetMs }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
let last = '';
let seen = 0;
let timer: NodeJS.Timeout | undefined;
const save = (kind: string, text: string) => {
  mkdirSync('fuzz-failures', { recursive: true });
  const f = join('fuzz-failures', `${kind}-${Date.now()}.txt`);
  writeFileSync(f, text);
  return f;
};
const watchdog = () => {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    const f = save('hang', last);
    console.log(`fuzz: HANG — case ${seen} ran over ${hangMs / 1000} s; input saved to ${f}`);
    void worker.terminate().then(() => process.exit(1));
  }, hangMs);
};
watchdog();
worker.on('message', (m: { type: string; text?: string; seed?: number; message?: string; cases?: number; chars?: number; maxMs?: number; maxLen?: number }) => {
  if (m.type === 'case') {
    last = m.text!;
    seen++;
    watchdog();
  } else if (m.type === 'progress' && m.seed! % 20 === 0) {
    process.stderr.write(`fuzz: seed ${m.seed}: ${m.cases} cases, ${(m.chars! / 1e6).toFixed(1)} M characters, slowest case ${m.maxMs!.toFixed(0)} ms, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  } else if (m.type === 'fail') {
    const f = save('fail', last);
    console.log(`fuzz: FAILURE with seed ${m.seed} (last input tried saved to ${f}):\n${m.message}`);
    clearTimeout(timer);
    void worker.terminate().then(() => process.exit(1));
  } else if (m.type === 'done') {
    clearTimeout(timer);
    console.log(
      `fuzz: ${m.cases} cases (seeds ${seed}..), ${(m.chars! / 1e6).toFixed(1)} M characters in ${((Date.now() - t0) / 1000).toFixed(0)} s; largest case ${m.maxLen} characters, slowest ${m.maxMs!.toFixed(0)} ms (budget ${budgetMs} ms, hang limit ${hangMs / 1000} s); no crash, hang, invalid JSON or conservation failure`,
    );
    void worker.terminate().then(() => process.exit(0));
  }
});
worker.on('error', (e) => {
  const f = save('crash', last);
  console.log(`fuzz: worker crashed (${e.message}); last input saved to ${f}`);
  process.exit(1);
});
