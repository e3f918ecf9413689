// `relecteur check`: a deliberately damaged book makes it exit 1 with the GitHub
// annotation naming the figure and the line; thresholds come from
// relecteur.config.json (validated); --from reads an output directory.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, removeDir, runCli, tempDir } from './support/run-cli.js';
import type { DocumentJson } from '../src/types.js';

const BOOK = '002_6350e2ab5efabf7e.txt';
let dir: string;
beforeAll(() => {
  dir = tempDir('relecteur-check-');
});
afterAll(() => removeDir(dir));

const original = readFileSync(join(CORPUS, BOOK), 'utf8');
const lines = original.split('\n');

describe('a damaged book', () => {
  it('a word split by a hyphen in the body: exit 1, ::error at that line', async () => {
    // the first long body line holding " développement ": split the word as a bad OCR would
    const at = lines.findIndex((l) => l.length > 300 && l.includes(' développement '));
    expect(at).toBeGreaterThan(0);
    const damaged = [...lines];
    damaged[at] = damaged[at]!.replace(' développement ', ' déve- loppement ');
    const file = join(dir, 'hyphen.txt');
    writeFileSync(file, damaged.join('\n'));
    const ok = await runCli(['check', join(CORPUS, BOOK), '--format', 'github'], { cwd: dir });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const r = await runCli(['check', file, '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(
      `::error file=${file},line=${at + 1},title=relecteur check%3A leftover noise in the body::leftover noise in the body: 1 over the limit 0 by 1 — hyphen fragment "déve- loppement"`,
    );
    // the text format says the same, with file:line
    const t = await runCli(['check', file], { cwd: dir });
    expect(t.code).toBe(1);
    expect(t.stdout).toContain(`✗ leftover noise in the body: 1, limit 0, over by 1\n      ${file}:${at + 1}: hyphen fragment "déve- loppement"`);
  }, 300_000);

  it('footnote texts deleted: markers without footnote text, at the first marker that lost its note', async () => {
    // footnote lines 13..29 ("13 Les entreprises …") are removed
    const gone = new Set<number>();
    const damaged = lines.filter((l, i) => {
      const m = /^(\d+) \S/.exec(l);
      if (i > 100 && m && Number(m[1]) >= 13 && Number(m[1]) <= 29) {
        gone.add(Number(m[1]));
        return false;
      }
      return true;
    });
    expect(gone.size).toBeGreaterThan(10);
    const file = join(dir, 'notes.txt');
    writeFileSync(file, damaged.join('\n'));
    const r = await runCli(['check', file, '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    const err = r.stdout.split('\n').find((l) => l.includes('title=relecteur check%3A markers without footnote text'));
    expect(err, r.stdout).toBeDefined();
    const line = Number(/,line=(\d+),/.exec(err!)![1]);
    const n = Number(/marker (\d+) in b/.exec(err!)![1]);
    expect(gone.has(n)).toBe(true);
    // the annotated line holds that marker's number (plain or superscript)
    const sup = String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
    expect(damaged[line - 1]).toMatch(new RegExp(`\\D${n}(\\D|$)|${sup}`));
  }, 300_000);
});

describe('thresholds', () => {
  it('relecteur.config.json raises a limit; a bad value or an unknown key is refused (exit 2)', async () => {
    const cwd = join(dir, 'cfg');
    mkdirSync(cwd);
    const at = lines.findIndex((l) => l.length > 300 && l.includes(' développement '));
    const damaged = [...lines];
    damaged[at] = damaged[at]!.replace(' développement ', ' déve- loppement ');
    writeFileSync(join(cwd, 'b.txt'), damaged.join('\n'));
    writeFileSync(join(cwd, 'relecteur.config.json'), JSON.stringify({ leftoverNoise: 1 }));
    const r = await runCli(['check', 'b.txt', '--format', 'json'], { cwd });
    expect(r.code, r.stdout).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.thresholdsFrom).toBe('relecteur.config.json');
    expect(j.books[0].figures.find((f: { key: string }) => f.key === 'leftoverNoise')).toMatchObject({ count: 1, limit: 1, over: false });
    writeFileSync(join(cwd, 'relecteur.config.json'), JSON.stringify({ leftoverNoise: -1 }));
    const bad = await runCli(['check', 'b.txt'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/relecteur\.config\.json: leftoverNoise: must be >= 0/);
    writeFileSync(join(cwd, 'relecteur.config.json'), JSON.stringify({ unlinkedMarkers: 1 }));
    const unknown = await runCli(['check', 'b.txt'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unlinkedMarkers: must NOT have additional properties \(known: unlinkedMarkersPercent/);
    // the "relecteur" key of package.json, when there is no relecteur.config.json
    const cwd2 = join(dir, 'pkg');
    mkdirSync(cwd2);
    writeFileSync(join(cwd2, 'package.json'), JSON.stringify({ name: 'x', relecteur: { leftoverNoise: 3 } }));
    const p = await runCli(['check', join(cwd, 'b.txt'), '--format', 'json'], { cwd: cwd2 });
    expect(JSON.parse(p.stdout).thresholdsFrom).toBe('package.json "relecteur"');
  }, 300_000);
});

it('--from an output directory: the figures are those of the JSON', async () => {
  const out = join(dir, 'out');
  const run = await runCli(['run', join(CORPUS, '004_c91a1da01ef0a3e1.txt'), join(CORPUS, BOOK), '--out', out, '-q']);
  expect(run.code).toBe(0);
  const r = await runCli(['check', '--from', out, '--format', 'json'], { cwd: dir });
  const j = JSON.parse(r.stdout) as { ok: boolean; books: Array<{ book: string; facts: Record<string, number>; figures: Array<{ key: string; count: number; of: number }> }> };
  expect(j.books.map((b) => b.book)).toEqual([`corpus/004_c91a1da01ef0a3e1.txt`, `corpus/${BOOK}`].sort());
  for (const b of j.books) {
    const doc = JSON.parse(readFileSync(join(out, b.book.replace('corpus/', '').replace('.txt', '.json')), 'utf8')) as DocumentJson;
    const fig = (k: string) => b.figures.find((f) => f.key === k)!;
    expect(fig('urlsUnrecoverablePercent')).toMatchObject({ count: doc.stats.urlsUnrecoverable, of: doc.stats.urls });
    expect(fig('orphanFootnotesPercent')).toMatchObject({ count: doc.stats.orphanFootnotes, of: doc.stats.footnotes });
    expect(b.facts).toEqual(doc.stats.facts);
  }
  expect(r.code).toBe(j.ok ? 0 : 1);
}, 300_000);
