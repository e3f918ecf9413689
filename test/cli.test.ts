// The CLI's streams: --verbose prints every change the way vfile-reporter does
// (position, rule id, stage); stdout carries nothing but the program's own lines.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, removeDir, runCli, tempDir, type CliResult } from './support/run-cli.js';
import type { DocumentJson } from '../src/types.js';

const BOOK = 'corpus/004_c91a1da01ef0a3e1.txt';
const summary = (out: string) => new RegExp(`^relecteur: 1 file\\(s\\), 1 written, 0 failed, \\d+\\.\\d\\d MB in \\d+\\.\\d\\d s -> ${out}$`);
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('relecteur-cli-');
}, 180_000);

afterAll(() => removeDir(dir));

let res: CliResult;
let quiet: CliResult;
let timings: CliResult;
let plain: CliResult;

// all four runs side by side; the tests look at their results
beforeAll(async () => {
  const work = join(dir, 'small');
  mkdirSync(work);
  writeFileSync(join(work, 'petit.txt'), "La coopération entre les deux pays s'est renforcée en 2021.\n\nLes échanges ont atteint 3 milliards de dollars.\n");
  [res, quiet, timings, plain] = await Promise.all([
    runCli(['run', BOOK, '--out', join(dir, 'verbose'), '--verbose']),
    runCli(['run', 'petit.txt', '--out', 'out-q', '--quiet'], { cwd: work }),
    runCli(['run', 'petit.txt', '--out', 'out-t', '--quiet', '--timings'], { cwd: work }),
    runCli(['run', 'petit.txt', '--out', 'out'], { cwd: work }),
  ]);
}, 90_000);

describe('--verbose', () => {

  it('exits 0', () => expect(res.code).toBe(0));

  it('prints each change with its line:column position, rule id and stage', () => {
    const err = lines(res.stderr);
    expect(err[0]).toBe(BOOK);
    // "  12:5-12:7   info   "3 " → ""   footnotes/link-marker   footnotes"
    const change = /^\s*(\d+):(\d+)-(\d+):(\d+)\s+info\s+.+\s(\S+\/\S+)\s+(\S+)$/;
    const changes = err.filter((l) => change.test(l)).map((l) => change.exec(l)!);
    expect(changes.length).toBeGreaterThan(100);
    const rules = new Set(changes.map((m) => m[5]));
    for (const r of ['footnotes/link-marker', 'markup/emphasis']) expect(rules, `rule ${r}`).toContain(r);
    const marker = changes.find((m) => m[5] === 'footnotes/link-marker')!;
    expect(marker[6]).toBe('footnotes');
    expect(Number(marker[1])).toBeGreaterThan(0);
    expect(Number(marker[2])).toBeGreaterThan(0);
  });

  it('lists exactly the changes of the audit (white space between blocks aside), from the stages\' messages', () => {
    const change = /^\s*(\d+:\d+-\d+:\d+)\s+info\s+.+\s(\S+\/\S+)\s+(\S+)$/;
    const printed = lines(res.stderr).filter((l) => change.test(l)).map((l) => change.exec(l)!.slice(1).join(' ')).sort();
    const doc = JSON.parse(readFileSync(join(dir, 'verbose', '004_c91a1da01ef0a3e1.json'), 'utf8')) as DocumentJson;
    const audit = doc.audit.filter((a) => a.rule !== 'layout/separator').map((a) => `${a.source.start.line}:${a.source.start.column}-${a.source.end.line}:${a.source.end.column} ${a.rule} ${a.stage}`).sort();
    expect(printed).toEqual(audit);
  });

  it('keeps stdout to the per-file line and the summary', () => {
    const out = lines(res.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^corpus\/004_c91a1da01ef0a3e1\.txt: \d+ blocks, \d+ footnotes, \d+ markers /);
    expect(out[1]).toMatch(/^relecteur: 1 file\(s\), 1 written, 0 failed, /);
  });
});

describe('stdout', () => {
  it('--quiet: exactly the one summary line on stdout, nothing on stderr', () => {
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.endsWith('\n')).toBe(true);
    expect(lines(quiet.stdout)).toHaveLength(1);
    expect(quiet.stdout.trimEnd()).toMatch(summary('out-q'));
    expect(quiet.stderr).toBe('');
  });

  it('--quiet --timings: the timings go to stderr as one JSON line', () => {
    expect(timings.code).toBe(0);
    expect(lines(timings.stdout)).toHaveLength(1);
    expect(timings.stdout.trimEnd()).toMatch(summary('out-t'));
    const err = lines(timings.stderr);
    expect(err).toHaveLength(1);
    const t = JSON.parse(err[0]!) as { timings: Record<string, number> };
    expect(Object.keys(t.timings)).toEqual(expect.arrayContaining(['layout', 'pages', 'facts']));
  });

  it('default: one line per file, then the summary', () => {
    expect(plain.code).toBe(0);
    const out = lines(plain.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^petit\.txt: \d+ blocks, 0 footnotes, 0 markers \(0 unlinked, 0 missing\), 0 URLs \(0 repaired, 0 unrecoverable\), \d+ facts$/);
    expect(out[1]).toMatch(summary('out'));
    expect(plain.stderr).toBe('');
  });
});
