// Same inputs and rules → byte-identical outputs, whatever --concurrency is and
// however many times it runs; no timestamps or absolute paths inside outputs.
// And idempotence: relecteur run on its own .clean.txt changes no word of the body.
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ensureBuilt, removeDir, ROOT, runCli, tempDir, type CliResult } from './support/run-cli.js';

const books = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
let dir: string;
const runs: Array<{ name: string; out: string; res: CliResult }> = [];

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('relecteur-determinism-');
  const plan: Array<[string, string]> = [
    ['c1-a', '1'],
    ['c4-a', '4'],
    ['c1-b', '1'],
    ['c4-b', '4'],
  ];
  // run side by side (two at a time): determinism must not depend on load either
  for (let k = 0; k < plan.length; k += 2) {
    const batch = plan.slice(k, k + 2).map(async ([name, c]) => {
      const out = join(dir, name);
      const res = await runCli(['run', 'corpus', '--out', out, '--concurrency', c, '--quiet']);
      runs.push({ name, out, res });
    });
    await Promise.all(batch);
  }
  runs.sort((a, b) => a.name.localeCompare(b.name));
}, 180_000);

afterAll(() => removeDir(dir));

function outputsOf(out: string): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const f of readdirSync(out).sort()) m.set(f, readFileSync(join(out, f)));
  return m;
}

describe('determinism', () => {
  it('every run succeeds and writes four files per book, and the fact tables', () => {
    expect(runs).toHaveLength(4);
    for (const r of runs) {
      expect(r.res.stderr, r.name).toBe('');
      expect(r.res.code, r.name).toBe(0);
      const names = [...outputsOf(r.out).keys()];
      expect(names).toEqual([...books.flatMap((b) => [b.replace(/\.txt$/, '.clean.txt'), b.replace(/\.txt$/, '.diff'), b.replace(/\.txt$/, '.json'), b.replace(/\.txt$/, '.review.txt')]), 'entities.json', 'facts.csv', 'facts.jsonl'].sort());
    }
  });

  it('outputs are byte-identical across --concurrency 1 and 4, run twice', () => {
    const [ref, ...others] = runs.map((r) => ({ name: r.name, files: outputsOf(r.out) }));
    for (const o of others) {
      expect([...o.files.keys()], o.name).toEqual([...ref!.files.keys()]);
      for (const [f, buf] of ref!.files) {
        expect(o.files.get(f)!.equals(buf), `${o.name}/${f} differs from ${ref!.name}/${f}`).toBe(true);
      }
    }
  });

  it('outputs hold no timestamp and no absolute path', () => {
    const files = outputsOf(runs[0]!.out);
    // the repository, the output and temp directories, and file URLs; not '/home/' and the like, which URLs in the books may hold
    const forbidden = [ROOT, dir, runs[0]!.out, `${tmpdir()}/`, 'file:///'];
    const iso = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?/;
    for (const [f, buf] of files) {
      const text = buf.toString('utf8');
      for (const s of forbidden) expect(text.includes(s), `${f} contains ${s}`).toBe(false);
      expect(iso.exec(text)?.[0] ?? null, `${f} contains a timestamp`).toBeNull();
      if (f.endsWith('.json') && f !== 'entities.json') expect(JSON.parse(text).source.path).toBe(`corpus/${f.replace(/\.json$/, '.txt')}`);
      if (f.endsWith('.diff')) expect(text.split('\n', 2)).toEqual([`--- a/${f.replace(/\.diff$/, '.txt')}`, `+++ b/${f.replace(/\.diff$/, '.clean.txt')}`]);
    }
  });
});

/** Words of the body of a clean text: letter/digit runs before the `---` line, `[^N]` markers left out. */
function bodyWords(clean: string): string[] {
  const ls = clean.split('\n');
  const end = ls.indexOf('---');
  const body = (end >= 0 ? ls.slice(0, end) : ls).join('\n');
  return body.replace(/\[\^\d+\]/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The first place two word sequences part, with some context, or null when they are equal. */
function firstDifference(a: string[], b: string[]): string | null {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return null;
  const ctx = (w: string[]) => w.slice(Math.max(0, i - 6), i + 8).join(' ');
  return `word ${i}: first pass «${ctx(a)}» / second pass «${ctx(b)}» (${a.length} vs ${b.length} words)`;
}

describe('idempotence', () => {
  // SKIPPED until the pipeline reads its own clean-text format (see the report to the
  // lead, issue "Trust: nothing lost, every change explained, bad input handled"):
  // on a second pass (1) the `---` line is taken as a page separator and the
  // `[^N]: text` footnote lines after it become body paragraphs (000, 003: every
  // footnote's words are added to the body); (2) `[^N]` markers are not recognised,
  // so bare numbers of the body are linked as markers and deleted
  // ("environ 1 million de RM" → "environ million de RM" in 000, "la 16ème réunion"
  // → "la ème réunion" in 002, "du 25<sup>e</sup> anniversaire" → "du <sup>e</sup>" in 004);
  // (3) bibliography entries of 002 and 004 are re-read as footnotes and leave the body.
  it('a second run on the .clean.txt files changes no word of the body', async () => {
    const first = runs.find((r) => r.name === 'c4-a')!;
    const work = join(dir, 'idempotence');
    const input = join(work, 'clean');
    mkdirSync(input, { recursive: true });
    for (const b of books) copyFileSync(join(first.out, b.replace(/\.txt$/, '.clean.txt')), join(input, b));
    const res = await runCli(['run', 'clean', '--out', 'out', '--concurrency', '4', '--quiet'], { cwd: work });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const diffs: string[] = [];
    for (const b of books) {
      const c = b.replace(/\.txt$/, '.clean.txt');
      const d = firstDifference(bodyWords(readFileSync(join(first.out, c), 'utf8')), bodyWords(readFileSync(join(work, 'out', c), 'utf8')));
      if (d) diffs.push(`${b}: ${d}`);
    }
    expect(diffs).toEqual([]);
  }, 120_000);
});
