// Bad input, end to end through the compiled CLI: every bad file gets one line on
// stderr naming it (and its line, where one applies), the run exits non-zero, and
// the good files of the same batch are still written. Exit codes: 0 all processed,
// 1 some failed, 2 bad usage (unknown option, broken rule file).
//
// All the runs are started in beforeAll, three at a time (each is mostly start-up
// time); the tests then look at their results.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, removeDir, RULES, runCli, tempDir, type CliResult } from './support/run-cli.js';

const SUMMARY = /^relecteur: (\d+) file\(s\), (\d+) written, (\d+) failed, [\d.]+ MB in [\d.]+ s -> (.+)$/;

const GOOD = [
  "La coopération entre les deux pays s'est renforcée au cours de l'année.",
  '',
  "Les échanges commerciaux ont atteint 3 milliards de dollars, selon le ministère de l'économie.",
  '',
].join('\n');

const RULE_FILE = join('layout', 'book-matter.yaml');
const ENTRY_ID = 'layout/page-number'; // the entry whose pattern the tests break

const USAGE: Array<[string, string[], string]> = [
  ['an unknown option', ['--bogus'], "relecteur: error: unknown option '--bogus'"],
  ['a misspelt option (hint on the same line)', ['--verbos'], "relecteur: error: unknown option '--verbos' (Did you mean --verbose?)"],
  ['--concurrency 0', ['--concurrency', '0'], "relecteur: --concurrency takes a whole number ≥ 1, not '0'"],
  ['--max-bytes abc', ['--max-bytes', 'abc'], "relecteur: --max-bytes takes a whole number ≥ 1, not 'abc'"],
];

interface RuleRun extends CliResult {
  file: string;
  /** 0-based index of the edited line */
  at: number;
  /** 1-based line and column the message must point at (schema and pattern cases) */
  entry?: { line: number; column: number };
  wrote: boolean;
}

/** runCli, at most three at a time */
const limit = pLimit(3);
const cli: typeof runCli = (args, opts) => limit(() => runCli(args, opts));

let dir: string;
const r = {} as {
  batch: CliResult & { work: string };
  cp1252: CliResult & { work: string };
  outBelowFile: CliResult;
  outIsFile: CliResult;
  yaml: RuleRun;
  schema: RuleRun;
  redos: RuleRun;
  usage: Map<string, CliResult & { outExists: boolean }>;
  noOut: CliResult;
};

function workDir(name: string): string {
  const w = join(dir, name);
  mkdirSync(w);
  return w;
}

async function batchRun() {
  const work = workDir('batch');
  const w = (name: string, data: string | Buffer) => writeFileSync(join(work, name), data);
  w('good.txt', GOOD);
  // Windows-1252: é = E9, û = FB, € = 80 and ’ = 92 (these two are not Latin-1); first bad byte on line 2
  w('cp1252.txt', Buffer.concat([Buffer.from('Une ligne en ASCII.\n'), Buffer.from('Le caf\xe9 co\xfbte 5 \x80, c\x92est s\xfbr.\n', 'latin1')]));
  w('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Bonjour le monde\n', 'utf16le')]));
  w('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Bonjour le monde\n', 'utf16le').swap16()]));
  w('binary.txt', Buffer.from('Bonjour\nligne deux\nab\0cd\n', 'latin1')); // NUL on line 3, byte offset 21
  w('empty.txt', '');
  w('blank.txt', '  \n\t\n\n');
  w('big.txt', 'x'.repeat(4999) + '\n');
  symlinkSync(join(work, 'no-such-target.txt'), join(work, 'dangling.txt'));
  mkdirSync(join(work, 'folder.txt'));
  const res = await cli(
    ['run', 'good.txt', 'cp1252.txt', 'utf16le.txt', 'utf16be.txt', 'binary.txt', 'empty.txt', 'blank.txt', 'big.txt', 'dangling.txt', 'folder.txt', '--out', 'out', '--max-bytes', '4096', '--quiet'],
    { cwd: work },
  );
  r.batch = { ...res, work };
}

async function cp1252Run() {
  const work = workDir('cp1252-alone');
  writeFileSync(join(work, 'latin.txt'), Buffer.from('Le r\xe9sum\xe9 du caf\xe9.\n', 'latin1'));
  r.cp1252 = { ...(await cli(['run', 'latin.txt', '--out', 'out', '--quiet'], { cwd: work })), work };
}

async function outRun(name: string, out: string): Promise<CliResult> {
  const work = workDir(name);
  writeFileSync(join(work, 'good.txt'), GOOD);
  writeFileSync(join(work, 'blocker'), 'a regular file\n');
  return cli(['run', 'good.txt', '--out', out, '--quiet'], { cwd: work });
}

/** Copy rules/ to a temp dir, edit layout/book-matter.yaml, run with --rules. */
async function ruleRun(name: string, edit: (lines: string[], at: number) => RuleRun['entry'] | void): Promise<RuleRun> {
  const work = workDir(name);
  cpSync(RULES, join(work, 'rules'), { recursive: true });
  const file = join(work, 'rules', RULE_FILE);
  const src = readFileSync(file, 'utf8').split('\n');
  const id = src.findIndex((l) => l.trim() === `- id: ${ENTRY_ID}`);
  const at = src.findIndex((l, i) => i > id && /^\s+pattern: '.*'$/.test(l));
  if (id < 0 || at < 0 || at > id + 3) throw new Error(`${RULE_FILE}: no single-quoted pattern line found for ${ENTRY_ID}`);
  const entry = edit(src, at) ?? undefined;
  writeFileSync(file, src.join('\n'));
  writeFileSync(join(work, 'good.txt'), GOOD);
  const res = await cli(['run', 'good.txt', '--out', 'out', '--rules', 'rules', '--quiet'], { cwd: work });
  return { ...res, file, at, entry, wrote: existsSync(join(work, 'out', 'good.json')) };
}

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir('relecteur-bad-');
  r.usage = new Map();
  await Promise.all([
    batchRun(),
    cp1252Run(),
    outRun('out-below-file', 'blocker/out').then((x) => (r.outBelowFile = x)),
    outRun('out-is-file', 'blocker').then((x) => (r.outIsFile = x)),
    ruleRun('rules-yaml', (l, at) => void (l[at] = l[at]!.slice(0, -1))).then((x) => (r.yaml = x)), // closing quote gone
    ruleRun('rules-schema', (l, at) => {
      l.splice(at, 1);
      const open = l.findIndex((x) => x.trim() === `- id: ${ENTRY_ID}`); // the line that opens the entry
      return { line: open + 1, column: l[open]!.indexOf('id:') + 1 };
    }).then((x) => (r.schema = x)),
    ruleRun('rules-redos', (l, at) => {
      l[at] = l[at]!.replace(/'.*'$/, () => "'(a+)+$'"); // (a function: "$'" is special in a replacement string)
      return { line: at + 1, column: l[at]!.indexOf("'") + 1 };
    }).then((x) => (r.redos = x)),
    ...USAGE.map(async ([name, extra], k) => {
      const out = join(dir, `usage-${k}`);
      const res = await cli(['run', 'corpus', '--out', out, ...extra]);
      r.usage.set(name, { ...res, outExists: existsSync(out) });
    }),
    cli(['run', 'corpus']).then((x) => (r.noOut = x)),
  ]);
}, 240_000);

afterAll(() => removeDir(dir));

describe('a batch with bad files', () => {
  it('exits 1 (some failed) and says so in the summary', () => {
    expect(r.batch.code).toBe(1);
    const out = lines(r.batch.stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(SUMMARY);
    const [, total, written, failed] = SUMMARY.exec(out[0]!)!;
    expect([total, written, failed]).toEqual(['10', '2', '8']);
  });

  it('gives each bad file exactly one line naming it, and nothing else', () => {
    expect(lines(r.batch.stderr).sort()).toEqual(
      [
        'relecteur: dangling.txt: cannot read (ENOENT)',
        'relecteur: folder.txt: is a directory with no .txt or .md file in it',
        'relecteur: utf16le.txt: UTF-16 text (byte-order mark found); convert it to UTF-8 first',
        'relecteur: utf16be.txt: UTF-16 text (byte-order mark found); convert it to UTF-8 first',
        'relecteur: binary.txt:3: binary content (NUL byte at offset 21)',
        'relecteur: empty.txt: empty file (0 bytes)',
        'relecteur: blank.txt: no text (the file holds only white space)',
        'relecteur: big.txt: file is 5000 bytes, over the size limit of 4096 bytes (--max-bytes)',
        'relecteur: cp1252.txt: warning: not valid UTF-8 (first bad byte at line 2); decoded as Windows-1252',
      ].sort(),
    );
  });

  it('still writes the good files, and nothing for the bad ones', () => {
    const out = join(r.batch.work, 'out');
    expect(readdirSync(out).sort()).toEqual(['cp1252.clean.txt', 'cp1252.diff', 'cp1252.json', 'good.clean.txt', 'good.diff', 'good.json']);
    expect(JSON.parse(readFileSync(join(out, 'good.json'), 'utf8')).source.encoding).toBe('utf-8');
    expect(readFileSync(join(out, 'good.clean.txt'), 'utf8')).toContain('3 milliards de dollars');
  });

  it('decodes Windows-1252 (a warning, not an error) and records it in source.encoding', () => {
    const out = join(r.batch.work, 'out');
    expect(JSON.parse(readFileSync(join(out, 'cp1252.json'), 'utf8')).source.encoding).toBe('windows-1252');
    const clean = readFileSync(join(out, 'cp1252.clean.txt'), 'utf8');
    expect(clean).toContain('Le café coûte 5 €, c’est sûr.');
    expect(clean).not.toMatch(/[\u0080-\u009f\ufffd]/);
  });
});

describe('a Windows-1252 file alone', () => {
  it('exits 0 with a one-line warning, é decoded', () => {
    expect(r.cp1252.code).toBe(0);
    expect(lines(r.cp1252.stderr)).toEqual(['relecteur: latin.txt: warning: not valid UTF-8 (first bad byte at line 1); decoded as Windows-1252']);
    const out = join(r.cp1252.work, 'out');
    expect(JSON.parse(readFileSync(join(out, 'latin.json'), 'utf8')).source.encoding).toBe('windows-1252');
    expect(readFileSync(join(out, 'latin.clean.txt'), 'utf8')).toContain('Le résumé du café.');
  });
});

describe('an output directory that cannot be written', () => {
  it('below a regular file: one line, exit 1, nothing on stdout', () => {
    expect(r.outBelowFile.code).toBe(1);
    expect(lines(r.outBelowFile.stderr)).toEqual(["relecteur: cannot write to output directory 'blocker/out' (ENOTDIR)"]);
    expect(r.outBelowFile.stdout).toBe('');
  });

  it('that is a regular file: one line, exit 1', () => {
    expect(r.outIsFile.code).toBe(1);
    expect(lines(r.outIsFile.stderr)).toEqual(["relecteur: cannot write to output directory 'blocker' (ENOTDIR)"]);
  });
});

describe('a broken rule file: one line file:line:col, exit 2, nothing processed', () => {
  it('YAML syntax error', () => {
    expect(r.yaml.code).toBe(2);
    expect(r.yaml.wrote).toBe(false);
    const err = lines(r.yaml.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^relecteur: ${escape(r.yaml.file)}:${r.yaml.at + 1}:\\d+: YAML syntax: Missing closing 'quote$`));
  });

  it('schema violation (an entry without pattern)', () => {
    expect(r.schema.code).toBe(2);
    expect(r.schema.wrote).toBe(false);
    const { line, column } = r.schema.entry!;
    expect(lines(r.schema.stderr)).toEqual([`relecteur: ${r.schema.file}:${line}:${column}: /pageNumber/0: missing required field "pattern"`]);
  });

  it('catastrophic pattern (a+)+$', () => {
    expect(r.redos.code).toBe(2);
    expect(r.redos.wrote).toBe(false);
    expect(lines(r.redos.stderr)).toEqual([
      `relecteur: ${r.redos.file}:${r.redos.entry!.line}:${r.redos.entry!.column}: unsafe pattern: nested quantifier: "+" applied to something that already repeats (catastrophic backtracking) in /(a+)+$/`,
    ]);
  });
});

describe('bad usage: one line, exit 2, nothing run', () => {
  it.each(USAGE)('%s', (name, _extra, message) => {
    const res = r.usage.get(name)!;
    expect(res.code).toBe(2);
    expect(lines(res.stderr)).toEqual([message]);
    expect(res.stdout).toBe('');
    expect(res.outExists).toBe(false);
  });

  it('no --out', () => {
    expect(r.noOut.code).toBe(2);
    expect(lines(r.noOut.stderr)).toEqual(["relecteur: error: required option '-o, --out <dir>' not specified"]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
