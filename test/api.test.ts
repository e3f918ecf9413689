// The library API as an outside project uses it: a temporary package with
// node_modules/relecteur linked to this repository imports 'relecteur' by name, is
// type-checked by tsc against the published declarations (package.json exports/types),
// and runs under node. What it gets must be what the command line writes. Also:
// out/facts.jsonl and facts.csv, and `relecteur --version`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, ROOT, removeDir, runCli, tempDir } from './support/run-cli.js';
import type { DocumentJson } from '../src/types.js';

const BOOK = '004_c91a1da01ef0a3e1.txt';
let dir: string;
let out: string;
beforeAll(async () => {
  dir = tempDir('relecteur-api-');
  out = join(dir, 'out');
  const r = await runCli(['run', CORPUS, '--out', out, '-q']);
  expect(r.code, r.stderr).toBe(0);
}, 180_000);
afterAll(() => removeDir(dir));

const CONSUMER = `
import { processFile, processString, processBuffer, version, InputError, type DocumentJson, type Fact } from 'relecteur';

const book = process.argv[2]!;
const r = await processFile(book, { path: process.argv[3]! });
const doc: DocumentJson = r.document;
// the union of fact types narrows on 'type'
const money = doc.facts.filter((f): f is Extract<Fact, { type: 'money' }> => f.type === 'money');
const currencies: Array<string | null> = money.map((f) => f.currency);
// @ts-expect-error: a field the contract does not have is a type error (the API is typed, not any)
doc.nonsense;
const s = await processString('Le commerce a crû de 12 % en 2021.\\n');
let refused = '';
try {
  await processBuffer(new Uint8Array(0));
} catch (e) {
  if (e instanceof InputError) refused = e.message;
}
process.stdout.write(JSON.stringify({ version, document: doc, clean: r.clean, diff: r.diff.toString('utf8'), currencies, small: s.document.facts, refused }));
`;

describe('library API (import from "relecteur")', () => {
  it('type-checks in an outside project and gives what the CLI writes', () => {
    const proj = join(dir, 'consumer');
    mkdirSync(join(proj, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(proj, 'node_modules', 'relecteur'), 'dir');
    writeFileSync(join(proj, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(join(proj, 'main.ts'), CONSUMER);
    writeFileSync(
      join(proj, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, outDir: 'dist', typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'] },
        files: ['main.ts'],
      }),
    );
    // type-check and compile the caller: fails if the exports/types of package.json do not resolve
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', proj], { cwd: proj, stdio: 'pipe' });
    const stdout = execFileSync(process.execPath, [join(proj, 'dist', 'main.js'), join(CORPUS, BOOK), `corpus/${BOOK}`], { cwd: proj, maxBuffer: 1 << 28 }).toString('utf8');
    const got = JSON.parse(stdout) as { version: string; document: DocumentJson; clean: string; diff: string; currencies: string[]; small: DocumentJson['facts']; refused: string };
    const name = BOOK.replace('.txt', '');
    // the same document, clean text and diff as `relecteur run`
    expect(got.document).toEqual(JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')));
    expect(got.clean).toBe(readFileSync(join(out, `${name}.clean.txt`), 'utf8'));
    expect(got.diff).toBe(readFileSync(join(out, `${name}.diff`), 'utf8'));
    expect(got.currencies.length).toBe(got.document.stats.facts.money);
    expect(got.small.map((f) => [f.type, f.text])).toEqual([
      ['percent', '12 %'],
      ['date', '2021'],
    ]);
    expect(got.refused).toMatch(/empty/);
    expect(got.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  }, 180_000);
});

describe('out/facts.jsonl and out/facts.csv', () => {
  it('hold every fact of every book, each pointing at its first character in the original', () => {
    const rows = readFileSync(join(out, 'facts.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { book: string; line: number; column: number; text: string });
    let total = 0;
    for (const book of ['000_0fdbcb2e0c620327', '002_6350e2ab5efabf7e', '003_061996c0357b2964', '004_c91a1da01ef0a3e1']) {
      const doc = JSON.parse(readFileSync(join(out, `${book}.json`), 'utf8')) as DocumentJson;
      const mine = rows.filter((r) => r.book === doc.source.path);
      expect(mine.length).toBe(doc.facts.length);
      expect(mine.map(({ book: _b, line, column, ...f }) => ({ ...f, source: { line, column } }))).toEqual(doc.facts);
      total += doc.facts.length;
    }
    expect(rows.length).toBe(total);
    const lines = new Map<string, string[]>();
    for (const r of rows) {
      if (!lines.has(r.book)) lines.set(r.book, readFileSync(join(ROOT, r.book), 'utf8').split('\n'));
      expect(lines.get(r.book)![r.line - 1]![r.column - 1], JSON.stringify(r)).toBe(r.text[0]);
    }
    const csv = readFileSync(join(out, 'facts.csv'), 'utf8');
    const records = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(records[0]).toBe('book,line,column,type,text,value,currency,unit,qualifier,inferred,name,kind,id,block,start,end,rule');
    expect(records.length - 1).toBe(total);
    // a text holding a comma or a quote is quoted (RFC 4180)
    const withComma = rows.findIndex((r) => /[",]/.test(r.text));
    if (withComma >= 0) expect(records[withComma + 1]).toContain(`"${rows[withComma]!.text.replace(/"/g, '""')}"`);
  });
});

it('relecteur --version prints the package version', async () => {
  const r = await runCli(['--version']);
  expect(r.code).toBe(0);
  expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});
