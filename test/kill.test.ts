// Atomic outputs: SIGKILL a real run part-way and check that whatever it left in
// the output directory is whole — every .json parses and validates, no .json,
// .clean.txt or .diff is truncated. Leftover *.tmp files are allowed.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanText } from '../src/write/clean-text.js';
import { collect, CORPUS, ensureBuilt, removeDir, ROOT, spawnCli, tempDir } from './support/run-cli.js';

const BOOK = '000_0fdbcb2e0c620327.txt';
const COPIES = 30;
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'document.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);

let dir: string;
let input: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('relecteur-kill-');
  input = join(dir, 'in');
  mkdirSync(input);
  for (let i = 1; i <= COPIES; i++) copyFileSync(join(CORPUS, BOOK), join(input, `book${String(i).padStart(2, '0')}.txt`));
}, 180_000);

afterAll(() => removeDir(dir));

type When = { msAfterFirstOutput: number } | { tmpAfterOutputs: number };

/** Run the batch and SIGKILL it at `when`: a delay after its first whole output file appeared, or as soon as a .tmp file is seen once `n` outputs exist. */
async function killedRun(name: string, when: When): Promise<{ out: string; files: string[]; signal: string | null }> {
  const out = join(dir, name);
  const child = spawnCli(['run', input, '--out', out, '--concurrency', '2', '--quiet']);
  const done = collect(child);
  const t0 = Date.now();
  let firstOutput: number | null = null;
  await new Promise<void>((resolve) => {
    const tick = () => {
      if (child.exitCode !== null) return resolve();
      let fire = false;
      if ('msAfterFirstOutput' in when) {
        if (firstOutput === null && existsSync(out) && readdirSync(out).some((n) => !n.endsWith('.tmp'))) firstOutput = Date.now();
        fire = firstOutput !== null && Date.now() - firstOutput >= when.msAfterFirstOutput;
      } else if (existsSync(out)) {
        const names = readdirSync(out);
        const finals = names.filter((n) => !n.endsWith('.tmp')).length;
        fire = finals >= when.tmpAfterOutputs && names.some((n) => n.endsWith('.tmp'));
      }
      if (fire || Date.now() - t0 > 60_000) {
        child.kill('SIGKILL');
        return resolve();
      }
      setTimeout(tick, 'msAfterFirstOutput' in when ? 20 : 2);
    };
    tick();
  });
  const res = await done;
  return { out, files: existsSync(out) ? readdirSync(out).sort() : [], signal: res.signal };
}

function checkWhole(out: string, files: string[]): { json: number; clean: number; diff: number; tmp: number } {
  const count = { json: 0, clean: 0, diff: 0, tmp: 0 };
  for (const f of files) {
    const p = join(out, f);
    if (f.endsWith('.tmp')) {
      count.tmp++;
      continue;
    }
    const text = readFileSync(p, 'utf8');
    if (f.endsWith('.json')) {
      count.json++;
      let doc;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        throw new Error(`${f} is not whole JSON (${text.length} chars): ${(e as Error).message}`);
      }
      expect(doc.schema, f).toBe('relecteur/document@1');
      expect(validate(doc), `${f}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
      expect(text.endsWith('}\n'), f).toBe(true);
    } else if (f.endsWith('.clean.txt')) {
      count.clean++;
      expect(text.endsWith('\n'), f).toBe(true);
      expect(text.split('\n'), f).toContain('---');
      // the clean text is written after the JSON: it must be exactly what the JSON says
      const json = join(out, f.replace(/\.clean\.txt$/, '.json'));
      expect(existsSync(json), `${f} without its .json`).toBe(true);
      expect(text === cleanText(JSON.parse(readFileSync(json, 'utf8'))), `${f} is not the clean text of its JSON`).toBe(true);
    } else if (f.endsWith('.diff')) {
      count.diff++;
      const base = f.replace(/\.diff$/, '');
      expect(text.startsWith(`--- a/${base}.txt\n+++ b/${base}.clean.txt\n`), f).toBe(true);
      expect(text.endsWith('\n'), f).toBe(true);
    } else {
      throw new Error(`unexpected file in the output directory: ${f}`);
    }
  }
  return count;
}

describe('a run killed with SIGKILL leaves only whole outputs', () => {
  // one run at a time, so that the fixed delays mean the same on a loaded machine
  const cases: Array<[string, When]> = [
    ['1 s after its first whole output file appeared', { msAfterFirstOutput: 1000 }],
    ['while the first file is being written', { tmpAfterOutputs: 0 }],
    ['while a later file is being written', { tmpAfterOutputs: 4 }],
    ['3 s after its first whole output file appeared', { msAfterFirstOutput: 3000 }],
  ];
  it.each(cases)('%s', async (name, when) => {
    const r = await killedRun(name.replace(/\W+/g, '-'), when);
    expect(r.signal, 'the run was still going when killed').toBe('SIGKILL');
    const count = checkWhole(r.out, r.files);
    // every case kills a run that had started writing: a half-written file, or a whole one, is always there to check
    if ('tmpAfterOutputs' in when) expect(count.tmp + count.json + count.clean + count.diff, 'nothing was being written: the kill proved nothing').toBeGreaterThan(0);
    else expect(count.json + count.clean + count.diff, 'no whole output to check: the kill proved nothing').toBeGreaterThan(0);
    console.log(`killed ${name}: ${count.json} .json, ${count.clean} .clean.txt, ${count.diff} .diff, ${count.tmp} .tmp left`);
  }, 90_000);
});
