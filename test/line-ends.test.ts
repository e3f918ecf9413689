// Issue 10: the .diff applies with GNU patch for any mix of line ends (CR, CRLF, LF)
// in the original: every removed line is written exactly as it is in the file.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules, processDecoded, type RuleSet } from '../src/pipeline.js';
import { auditDiff } from '../src/write/audit-diff.js';
import { cleanText } from '../src/write/clean-text.js';
import { CORPUS, removeDir, tempDir } from './support/run-cli.js';

let dir: string;
let rules: RuleSet;
beforeAll(() => {
  dir = tempDir('relecteur-line-ends-');
  rules = loadRules();
});
afterAll(() => removeDir(dir));

/** Apply `diff` to `original` with GNU patch; returns the patched text. */
function gnuPatch(original: string, diff: string, k: number): string {
  const orig = join(dir, `orig-${k}.txt`);
  const patchFile = join(dir, `p-${k}.diff`);
  const outFile = join(dir, `out-${k}.txt`);
  writeFileSync(orig, original);
  writeFileSync(patchFile, diff);
  execFileSync('patch', ['--quiet', '--force', '-o', outFile, orig, patchFile], { stdio: 'pipe' });
  return readFileSync(outFile, 'utf8');
}

function run(text: string): { clean: string; diff: string } {
  const clean = cleanText(processDecoded(text, { path: 'x.txt', rules }).doc);
  return { clean, diff: auditDiff('x.txt', text, clean) };
}

/** The book's lines re-joined with line ends drawn from `ends`, in turn. */
function mixLineEnds(text: string, ends: string[]): string {
  const lines = text.split(/\r?\n/);
  let out = '';
  for (let i = 0; i < lines.length; i++) out += lines[i]! + (i + 1 < lines.length ? ends[i % ends.length] : '');
  return out.endsWith('\n') ? out : out + '\n';
}

describe('mixed line ends', () => {
  it('a chapter of book 000 with LF, CRLF and lone CR line ends in turn: patch gives the clean text', () => {
    const book = readFileSync(join(CORPUS, '000_0fdbcb2e0c620327.txt'), 'utf8').slice(0, 60_000);
    const text = mixLineEnds(book, ['\n', '\r\n', '\n', '\r', '\r\n']);
    expect(text).toMatch(/[^\r]\n/);
    expect(text).toContain('\r\n');
    expect(text).toMatch(/\r[^\n]/);
    const { clean, diff } = run(text);
    expect(gnuPatch(text, diff, 0)).toBe(clean);
  });

  it('generated paragraphs with any mix of line ends (200 cases)', () => {
    const word = fc.constantFrom('commerce', 'des', 'échanges', 'la', 'politique', 'Le', 'marché.', '12', 'accord', 'et');
    const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
    const end = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n');
    let k = 1;
    fc.assert(
      fc.property(fc.array(fc.tuple(line, end), { minLength: 1, maxLength: 30 }), (ls) => {
        const text = ls.map(([l, e]) => l + e).join('');
        const { clean, diff } = run(text);
        expect(gnuPatch(text, diff, k++)).toBe(clean);
      }),
      { numRuns: 200, seed: 10 },
    );
  });
});
