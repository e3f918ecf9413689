// The audit diff applies with the real tools: GNU patch and git apply, run on the
// original exactly as on disk, give the .clean.txt byte for byte — on every book and
// on generated noisy books written with CRLF, a BOM, no final newline, blank lines at
// the end, or in Windows-1252. `.ci/run` installs patch when the machine lacks it;
// a missing tool fails these tests.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../src/batch.js';
import { loadRules } from '../src/pipeline.js';
import { encode1252 } from '../src/write/encode-1252.js';
import { writeSectioned } from '../src/write/write-sectioned.js';
import { NOISY_LAYOUTS, mulberry32, randomCleanBook, renderNoisy } from './support/noisy-book.js';

const CORPUS = join(__dirname, '..', 'corpus');
const rules = loadRules();
const dir = mkdtempSync(join(tmpdir(), 'relecteur-patch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

/** Apply `diff` to `original` (a file on disk) with GNU patch and with git apply; return both results. */
function applyBoth(original: string, diff: string): { patch: Buffer; git: Buffer } {
  const work = join(dir, `apply-${++seq}`);
  mkdirSync(work);
  const name = basename(original);
  copyFileSync(original, join(work, name));
  execFileSync('patch', ['--quiet', '--force', '-o', 'patched', name, diff], { cwd: work, stdio: 'pipe' });
  // git apply patches the file named on the +++ line: the clean text's name, holding the original
  const cleanName = name.replace(/\.[^.]+$/, '') + '.clean.txt';
  copyFileSync(original, join(work, cleanName));
  execFileSync('git', ['apply', '--whitespace=nowarn', diff], { cwd: work, stdio: 'pipe' });
  return { patch: readFileSync(join(work, 'patched')), git: readFileSync(join(work, cleanName)) };
}

async function runOne(input: string): Promise<{ diff: string; clean: Buffer }> {
  const out = join(dir, `out-${++seq}`);
  mkdirSync(out);
  const [r] = await runBatch([input], { out, concurrency: 1, rules, maxBytes: 64 << 20 });
  expect(r!.ok, r!.error).toBe(true);
  const base = join(out, basename(input).replace(/\.[^.]+$/, ''));
  return { diff: `${base}.diff`, clean: readFileSync(`${base}.clean.txt`) };
}

describe.each(readdirSync(CORPUS).sort())('%s', (book) => {
  it('patch and git apply turn the original into the .clean.txt byte for byte', async () => {
    const { diff, clean } = await runOne(join(CORPUS, book));
    const text = readFileSync(diff, 'utf8');
    // the books end without a newline: the diff must say so
    expect(text).toContain('\n\\ No newline at end of file\n');
    const got = applyBoth(join(CORPUS, book), diff);
    expect(got.patch.equals(clean)).toBe(true);
    expect(got.git.equals(clean)).toBe(true);
  }, 120_000);
});

type Disk = { crlf: boolean; bom: boolean; finalNewlines: number; cp1252: boolean };

function onDisk(text: string, d: Disk): Buffer {
  let t = text.replace(/\n+$/, '') + '\n'.repeat(d.finalNewlines);
  if (d.crlf) t = t.replace(/\n/g, '\r\n');
  if (d.cp1252) {
    // characters Windows-1252 cannot hold become '?', then at least one byte over 0x7F makes it invalid UTF-8
    const safe = [...t].map((c) => { try { encode1252(c); return c; } catch { return '?'; } }).join('');
    return Buffer.from(encode1252(safe.replace(/ e /, ' é ')));
  }
  const body = Buffer.from(t, 'utf8');
  return d.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

it('generated books: CRLF, BOM, no final newline, blank lines at the end, Windows-1252', async () => {
  const disk = fc.record({ crlf: fc.boolean(), bom: fc.boolean(), finalNewlines: fc.integer({ min: 0, max: 3 }), cp1252: fc.boolean() });
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 1 << 30 }), fc.constantFrom(...NOISY_LAYOUTS), disk, async (seed, layout, d) => {
      const rng = mulberry32(seed);
      const book = renderNoisy(randomCleanBook(rng, { paragraphs: 6 }), layout, rng);
      const input = join(dir, `gen-${++seq}.txt`);
      const bytes = onDisk(book.text, d);
      writeFileSync(input, bytes);
      const { diff, clean } = await runOne(input);
      const got = applyBoth(input, diff);
      expect(got.patch.equals(clean)).toBe(true);
      expect(got.git.equals(clean)).toBe(true);
    }),
    { numRuns: 24, seed: 11 },
  );
}, 300_000);

it('a book written in sections: the streamed diff applies too (BOM, CRLF, no final newline)', async () => {
  const book = '000_0fdbcb2e0c620327.txt';
  const text = readFileSync(join(CORPUS, book), 'utf8').slice(0, 200_000).replace(/\n/g, '\r\n').replace(/\s+$/, '');
  const input = join(dir, book);
  writeFileSync(input, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  const base = join(dir, 'sectioned');
  await writeSectioned(text, { path: input, name: book, sha256: 'a'.repeat(64), bytes: 1, encoding: 'utf-8', bom: true }, rules, base, 60_000);
  const got = applyBoth(input, `${base}.diff`);
  const clean = readFileSync(`${base}.clean.txt`);
  expect(got.patch.equals(clean)).toBe(true);
  expect(got.git.equals(clean)).toBe(true);
}, 120_000);

it('a Windows-1252 book written in sections: the streamed diff applies too', async () => {
  const book = '003_061996c0357b2964.txt';
  const utf8 = readFileSync(join(CORPUS, book), 'utf8').slice(0, 200_000);
  const bytes = onDisk(utf8, { crlf: false, bom: false, finalNewlines: 0, cp1252: true });
  const input = join(dir, `cp-${book}`);
  writeFileSync(input, bytes);
  const { decode } = await import('../src/stages/1-read/decode.js');
  const dec = decode(bytes, 1 << 30);
  expect(dec.encoding).toBe('windows-1252');
  const base = join(dir, 'sectioned-cp1252');
  await writeSectioned(dec.text, { path: input, name: basename(input), sha256: 'a'.repeat(64), bytes: bytes.length, encoding: dec.encoding, bom: false }, rules, base, 60_000);
  const got = applyBoth(input, `${base}.diff`);
  const clean = readFileSync(`${base}.clean.txt`);
  expect(got.patch.equals(clean)).toBe(true);
  expect(got.git.equals(clean)).toBe(true);
}, 120_000);
