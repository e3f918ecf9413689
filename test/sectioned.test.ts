// Large books are processed in sections and streamed to disk (bounded memory). Here a
// real book is cut into small sections so the test stays fast: the streamed JSON must
// follow the contract, rebuild the original exactly, and say the same as a whole run.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import { sectionCuts, writeSectioned } from '../src/write/write-sectioned.js';
import { applyPatch } from 'diff';
import { cleanText } from '../src/write/clean-text.js';
import type { DocumentJson } from '../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'relecteur-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = loadRules();
const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'document.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const BOOKS = ['000_0fdbcb2e0c620327.txt', '002_6350e2ab5efabf7e.txt', '003_061996c0357b2964.txt', '004_c91a1da01ef0a3e1.txt'];

// Cut into small sections, each of the four books gives exactly the whole run's document: same
// blocks, footnotes, removed lines, audit, facts, entities and stats (only the order of the keys
// differs, and stats.sections is added), the same clean text, and a diff that gives it. What only
// the whole book can say (layout, TOC, bibliography and back matter, markdown, paragraph
// calibration, where footnotes carried over pages end) is detected once on the whole text, and
// the facts are refined once for the whole book (acronyms, spelling folds, currencies, entities).
describe.each(BOOKS.flatMap((book) => [60_000, 20_000].map((size) => [book, size] as const)))('%s in sections of %i characters', (book, size) => {
  it('is exactly the whole-run document', async () => {
    const text = readFileSync(join(__dirname, '..', 'corpus', book), 'utf8');
    const meta = { path: `corpus/${book}`, sha256: 'a'.repeat(64), bytes: 1, encoding: 'utf-8', bom: false };
    expect(sectionCuts(text, size).length).toBeGreaterThan(1);
    const base = join(dir, `${book.slice(0, 3)}-${size}`);
    await writeSectioned(text, { ...meta, name: book }, rules, base, size);
    const doc = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as DocumentJson;
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
    expect(reconstruct(doc)).toBe(text);
    expect(doc.stats.sections).toBeGreaterThan(2);
    delete doc.stats.sections;
    const whole = processDecoded(text, { ...meta, rules }).doc;
    expect(doc.blocks).toEqual(whole.blocks);
    expect(doc.footnotes).toEqual(whole.footnotes);
    expect(doc.facts).toEqual(whole.facts);
    expect(doc).toEqual(whole);
    const clean = readFileSync(`${base}.clean.txt`, 'utf8');
    expect(clean).toBe(cleanText(whole));
    // the streamed diff turns the original into the streamed clean text
    expect(applyPatch(text, readFileSync(`${base}.diff`, 'utf8'))).toBe(clean);
  }, 120_000);
});

// The sectioned writer and a whole run build the document with the same code
// (stages/9-document/build-document.ts): one section must give exactly the whole document,
// with no tolerance (only the order of the keys differs, and stats.sections is added).
describe.each(BOOKS)('%s as one streamed section', (book) => {
  it('is exactly the whole-run document', async () => {
    const buf = readFileSync(join(__dirname, '..', 'corpus', book));
    const text = buf.toString('utf8');
    const meta = { path: `corpus/${book}`, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length, encoding: 'utf-8', bom: false };
    const base = join(dir, `one-${book.replace('.txt', '')}`);
    const { stats } = await writeSectioned(text, { ...meta, name: book }, rules, base, text.length * 2);
    expect(stats.sections).toBe(1);
    const streamed = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as DocumentJson;
    delete streamed.stats.sections;
    const whole = processDecoded(text, { ...meta, rules }).doc;
    expect(streamed).toEqual(whole);
    expect(readFileSync(`${base}.clean.txt`, 'utf8')).toBe(cleanText(whole));
  }, 60_000);
});
