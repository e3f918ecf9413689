// Issue 10, end to end through the compiled CLI: odd folders (symbolic link loops,
// colliding names, the output folder inside the input), a huge file refused before it
// is read, a full disk (a real 12 MB tmpfs when this machine lets us mount one),
// SIGINT/SIGTERM in the middle of a run, leftovers of a killed run, a file over its
// time budget, hostile rule files, UTF-32.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, ftruncateSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, CORPUS, ensureBuilt, lines, removeDir, RULES, runCli, spawnCli, tempDir } from './support/run-cli.js';
import { hostile } from './support/hostile.js';

const SUMMARY = /^relecteur: (\d+) file\(s\), (\d+) written, (\d+) failed, [\d.]+ MB in [\d.]+ s -> (.+)$/;
const BOOKS = readdirSync(CORPUS).sort();
const TMP = /\.tmp$/;

let dir: string;
/** a book over the 3 M-character section threshold (the streamed writer), made of the four books */
let bigBook: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir('relecteur-hardening-');
  const parts = BOOKS.map((b) => readFileSync(join(CORPUS, b), 'utf8'));
  let big = '';
  while (big.length < 3_300_000) big += parts.join('\n');
  bigBook = join(dir, 'big-book.txt');
  writeFileSync(bigBook, big);
}, 180_000);
afterAll(() => removeDir(dir));

/** the first 12 KB of a book (at a line end): the input-folder cases need real text, not a whole book */
function excerpt(book: number, to: string): void {
  const t = readFileSync(join(CORPUS, BOOKS[book]!), 'utf8');
  writeFileSync(to, t.slice(0, t.indexOf('\n', 12_000) + 1));
}

function work(name: string): string {
  const w = join(dir, name);
  mkdirSync(w, { recursive: true });
  return w;
}

function summary(stdout: string): { total: number; written: number; failed: number } {
  const m = lines(stdout).map((l) => SUMMARY.exec(l)).find(Boolean);
  if (!m) throw new Error(`no summary line in: ${stdout}`);
  return { total: Number(m[1]), written: Number(m[2]), failed: Number(m[3]) };
}

describe.concurrent('input folders', () => {
  it('a symbolic link loop: each real folder visited once, each real file processed once', async () => {
    const w = work('loops');
    mkdirSync(join(w, 'in', 'sub'), { recursive: true });
    excerpt(1, join(w, 'in', 'one.txt'));
    excerpt(3, join(w, 'in', 'sub', 'two.txt'));
    symlinkSync('..', join(w, 'in', 'sub', 'up'));
    symlinkSync('.', join(w, 'in', 'self'));
    symlinkSync('one.txt', join(w, 'in', 'alias.txt'));
    const r = await runCli(['run', 'in', '--out', 'out', '--quiet'], { cwd: w });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(summary(r.stdout)).toEqual({ total: 2, written: 2, failed: 0 });
    expect(readdirSync(join(w, 'out')).sort()).toEqual(['entities.json', 'facts.csv', 'facts.jsonl', 'one.clean.txt', 'one.diff', 'one.json', 'one.review.txt', 'two.clean.txt', 'two.diff', 'two.json', 'two.review.txt']);
  });

  it('output names stay unique whatever the input names: a/x.txt, b/x.txt and a real c/x~2.txt', async () => {
    const w = work('names');
    for (const [d, book] of [['a', 0], ['b', 1], ['c', 2]] as const) {
      mkdirSync(join(w, 'in', d), { recursive: true });
      excerpt(book, join(w, 'in', d, d === 'c' ? 'x~2.txt' : 'x.txt'));
    }
    const r = await runCli(['run', 'in', '--out', 'out', '--quiet'], { cwd: w });
    expect(r.code).toBe(0);
    expect(summary(r.stdout)).toEqual({ total: 3, written: 3, failed: 0 });
    const byInput = new Map<string, string>();
    for (const f of readdirSync(join(w, 'out')).filter((f) => f.endsWith('.json') && f !== 'entities.json')) {
      const doc = JSON.parse(readFileSync(join(w, 'out', f), 'utf8'));
      byInput.set(doc.source.path, f);
      // each output is the document of its own input
      expect(doc.source.sha256).toBe(createHash('sha256').update(readFileSync(join(w, doc.source.path))).digest('hex'));
    }
    expect(Object.fromEntries(byInput)).toEqual({ 'in/a/x.txt': 'x.json', 'in/c/x~2.txt': 'x~2.json', 'in/b/x.txt': 'x~3.json' });
  });

  it('the output folder inside the input folder is never read: a second run finds the same files', async () => {
    const w = work('out-inside');
    mkdirSync(join(w, 'in'));
    excerpt(3, join(w, 'in', 'book.txt'));
    const first = await runCli(['run', 'in', '--out', 'in/out', '--quiet'], { cwd: w });
    const second = await runCli(['run', 'in', '--out', 'in/out', '--quiet'], { cwd: w });
    expect(summary(first.stdout)).toEqual({ total: 1, written: 1, failed: 0 });
    expect(summary(second.stdout)).toEqual({ total: 1, written: 1, failed: 0 });
    expect(readdirSync(join(w, 'in', 'out')).sort()).toEqual(['book.clean.txt', 'book.diff', 'book.json', 'book.review.txt', 'entities.json', 'facts.csv', 'facts.jsonl']);
  });

  it('--max-bytes is checked on the file size before reading: a 3 GB (sparse) file is refused at once', async () => {
    const w = work('huge');
    // a sparse file: 3 GB on stat, no disk used
    const fd = openSync(join(w, 'huge.txt'), 'w');
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    writeFileSync(join(w, 'ok.txt'), "La coopération entre les deux pays s'est renforcée.\n");
    const r = await runCli(['run', 'huge.txt', 'ok.txt', '--out', 'out', '--quiet'], { cwd: w });
    expect(r.code).toBe(1);
    // reading it would have failed otherwise (Node refuses files over 2 GB: "cannot read")
    expect(lines(r.stderr)).toEqual([`relecteur: huge.txt: file is ${3 * 1024 ** 3} bytes, over the size limit of ${64 * 1024 * 1024} bytes (--max-bytes)`]);
    expect(summary(r.stdout)).toEqual({ total: 2, written: 1, failed: 1 });
  });

  it('source.path is relative when the input is given as an absolute path', async () => {
    const w = work('abs');
    excerpt(3, join(w, 'b.txt'));
    const r = await runCli(['run', join(w, 'b.txt'), '--out', 'out', '--quiet'], { cwd: w });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(w, 'out', 'b.json'), 'utf8')).source.path).toBe('b.txt');
  });
});


describe('a full disk (a real 12 MB tmpfs)', () => {
  for (const threads of ['1', '2']) {
    it.skipIf(!canMountCached())(`-t ${threads}: the book that does not fit fails with one line and leaves nothing, old or partial; the others are written`, async () => {
      const w = work(`full-${threads}`);
      mkdirSync(join(w, 'in'));
      cpSync(bigBook, join(w, 'in', 'a-big.txt'));
      cpSync(join(CORPUS, BOOKS[1]!), join(w, 'in', 'b-small.txt'));
      cpSync(join(CORPUS, BOOKS[3]!), join(w, 'in', 'c-small.txt'));
      const out = join(w, 'out');
      mkdirSync(out);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', out]);
      try {
        // stale outputs of the big book from an "earlier run"
        writeFileSync(join(out, 'a-big.json'), '{"old": true}\n');
        writeFileSync(join(out, 'a-big.diff'), 'old\n');
        const r = await runCli(['run', 'in', '--out', out, '--quiet', '-t', threads], { cwd: w });
        expect(r.code).toBe(1);
        const err = lines(r.stderr);
        expect(err).toHaveLength(1);
        expect(err[0]).toMatch(/^relecteur: in\/a-big\.txt: cannot write output a-big\.[a-z.]+ \(ENOSPC: no space left on device\)$/);
        expect(summary(r.stdout)).toEqual({ total: 3, written: 2, failed: 1 });
        expect(readdirSync(out).sort()).toEqual(['b-small.clean.txt', 'b-small.diff', 'b-small.json', 'b-small.review.txt', 'c-small.clean.txt', 'c-small.diff', 'c-small.json', 'c-small.review.txt', 'entities.json', 'facts.csv', 'facts.jsonl']);
      } finally {
        execFileSync('umount', [out]);
      }
    }, 300_000);
  }
});

let mountable: boolean | undefined;
function canMountCached(): boolean {
  mountable ??= (() => {
    const d = tempDir('relecteur-mount-');
    try {
      mkdirSync(join(d, 'p'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', join(d, 'p')], { stdio: 'ignore' });
      execFileSync('umount', [join(d, 'p')], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    } finally {
      removeDir(d);
    }
  })();
  return mountable;
}

describe('signals', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} mid-run: files in flight removed, a summary printed, exit ${code}`, async () => {
      const w = work(`signal-${signal}`);
      mkdirSync(join(w, 'in'));
      cpSync(bigBook, join(w, 'in', 'a-big.txt'));
      for (const b of BOOKS) cpSync(join(CORPUS, b), join(w, 'in', b));
      const out = join(w, 'out');
      const child = spawnCli(['run', 'in', '--out', out, '--quiet', '-c', '2'], { cwd: w });
      const done = collect(child);
      // wait until a file is being written (a .tmp exists), then signal
      await new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const tick = () => {
          if (child.exitCode !== null) return reject(new Error('finished before the signal'));
          if (existsSync(out) && readdirSync(out).some((f) => TMP.test(f))) return resolve();
          if (Date.now() - t0 > 240_000) return reject(new Error('no .tmp file seen'));
          setTimeout(tick, 5);
        };
        tick();
      });
      child.kill(signal);
      const r = await done;
      expect(r.code).toBe(code);
      const last = lines(r.stdout).at(-1)!;
      expect(last).toMatch(new RegExp(`^relecteur: interrupted by ${signal}: 5 file\\(s\\), (\\d+) written, 0 failed, ([1-9]\\d*) stopped, (\\d+) not started, in [\\d.]+ s -> `));
      const left = readdirSync(out);
      expect(left.filter((f) => TMP.test(f))).toEqual([]);
      // every file has all three outputs or none
      const bases = new Set(left.map((f) => f.replace(/\.(json|clean\.txt|diff)$/, '')));
      for (const b of bases) expect(left.filter((f) => f.startsWith(`${b}.`)).sort()).toEqual([`${b}.clean.txt`, `${b}.diff`, `${b}.json`, `${b}.review.txt`]);
      const stopped = lines(r.stderr).filter((l) => l.includes(`interrupted by ${signal}; its outputs were removed`));
      expect(stopped.length).toBe(Number(/(\d+) stopped/.exec(last)![1]));
    }, 300_000);
  }

  it('the next run removes the .tmp files a killed run left (their process is gone)', async () => {
    const w = work('stale');
    writeFileSync(join(w, 'ok.txt'), "La coopération entre les deux pays s'est renforcée.\n");
    mkdirSync(join(w, 'out'));
    // pid 4194304 is over Linux's pid_max: no such process can exist
    const stale = ['ok.json.4194304.1.tmp', 'big.clean.txt.4194304.7.tmp', 'big.audit.4194304.99.tmp'];
    for (const f of stale) writeFileSync(join(w, 'out', f), 'partial');
    writeFileSync(join(w, 'out', 'notes.tmp'), 'not ours'); // not a relecteur temporary file: kept
    const r = await runCli(['run', 'ok.txt', '--out', 'out', '--quiet'], { cwd: w });
    expect(r.code).toBe(0);
    expect(readdirSync(join(w, 'out')).sort()).toEqual(['entities.json', 'facts.csv', 'facts.jsonl', 'notes.tmp', 'ok.clean.txt', 'ok.diff', 'ok.json', 'ok.review.txt']);
  });
});

describe('per-file budgets', () => {
  it('--max-seconds: a file over its time budget fails alone with one line, and leaves nothing', async () => {
    const w = work('budget');
    writeFileSync(join(w, 'a-slow.txt'), hostile('footnote-lines', 3 * 1024 * 1024));
    writeFileSync(join(w, 'b-ok.txt'), "La coopération entre les deux pays s'est renforcée.\n");
    const r = await runCli(['run', 'a-slow.txt', 'b-ok.txt', '--out', 'out', '--quiet', '--max-seconds', '3'], { cwd: w });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['relecteur: a-slow.txt: used more than 3 s of CPU time (--max-seconds); stopped']);
    expect(summary(r.stdout)).toEqual({ total: 2, written: 1, failed: 1 });
    expect(readdirSync(join(w, 'out')).sort()).toEqual(['b-ok.clean.txt', 'b-ok.diff', 'b-ok.json', 'b-ok.review.txt', 'entities.json', 'facts.csv', 'facts.jsonl']);
  }, 120_000);
});

describe('per-file memory budget', () => {
  it('--max-heap-mb: a file that needs more heap fails alone with one line, and leaves nothing', async () => {
    const w = work('heap');
    writeFileSync(join(w, 'a-heavy.txt'), hostile('footnote-lines', 1_500_000));
    excerpt(3, join(w, 'b-ok.txt'));
    const r = await runCli(['run', 'a-heavy.txt', 'b-ok.txt', '--out', 'out', '--quiet', '--max-heap-mb', '80'], { cwd: w });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['relecteur: a-heavy.txt: needs more than 80 MB of memory to process (--max-heap-mb); split the file or raise the limit']);
    expect(summary(r.stdout)).toEqual({ total: 2, written: 1, failed: 1 });
    expect(readdirSync(join(w, 'out')).sort()).toEqual(['b-ok.clean.txt', 'b-ok.diff', 'b-ok.json', 'b-ok.review.txt', 'entities.json', 'facts.csv', 'facts.jsonl']);
  }, 300_000);
});

describe.concurrent('hostile rule files: one line file:line:col, exit 2', () => {
  const bomb = ['x: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${i === 0 ? 'a' : 'bcdef'[i - 1]}`).join(',')}]`), ''].join('\n');
  for (const file of [join('layout', 'book-matter.yaml'), join('urls', 'repairs.yaml'), join('money', readdirSync(join(RULES, 'money')).find((f) => f.endsWith('.yaml'))!)]) {
    it(`a YAML alias bomb in ${file}`, async () => {
      const w = work(`bomb-${file.replace(/\W/g, '-')}`);
      cpSync(RULES, join(w, 'rules'), { recursive: true });
      const before = readFileSync(join(w, 'rules', file), 'utf8');
      writeFileSync(join(w, 'rules', file), before + (before.endsWith('\n') ? '' : '\n') + bomb);
      writeFileSync(join(w, 'ok.txt'), 'Une phrase.\n');
      const r = await runCli(['run', 'ok.txt', '--out', 'out', '--rules', 'rules', '--quiet'], { cwd: w });
      expect(r.code).toBe(2);
      const firstAlias = before.split('\n').length + (before.endsWith('\n') ? 0 : 1) + 1; // line of `b: &b [*a,…`
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^relecteur: (?:.*/)?${file.replace(/[.]/g, '\\.')}:${firstAlias}:\\d+: .*alias`));
    });
  }

  it('a rule file over the size limit is refused before it is read', async () => {
    const w = work('big-rule');
    cpSync(RULES, join(w, 'rules'), { recursive: true });
    const file = join(w, 'rules', 'layout', 'book-matter.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + `# ${'x'.repeat(70)}\n`.repeat(70_000));
    writeFileSync(join(w, 'ok.txt'), 'Une phrase.\n');
    const r = await runCli(['run', 'ok.txt', '--out', 'out', '--rules', 'rules', '--quiet'], { cwd: w });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^relecteur: .*rules\/layout\/book-matter\.yaml:1:1: rule file is \d+ bytes, over the limit of 4194304 bytes for a rule file\n$/);
  });
});

describe('encodings', () => {
  it('UTF-32 is named as such', async () => {
    const w = work('utf32');
    writeFileSync(join(w, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('B\0\0\0o\0\0\0n\0\0\0')]));
    writeFileSync(join(w, 'be.txt'), Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), Buffer.from('\0\0\0B\0\0\0o\0\0\0n')]));
    const r = await runCli(['run', 'le.txt', 'be.txt', '--out', 'out', '--quiet'], { cwd: w });
    expect(r.code).toBe(1);
    expect(lines(r.stderr).sort()).toEqual([
      'relecteur: be.txt: UTF-32 text (byte-order mark found); convert it to UTF-8 first',
      'relecteur: le.txt: UTF-32 text (byte-order mark found); convert it to UTF-8 first',
    ]);
  });
});
