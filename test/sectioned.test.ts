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

describe.each(['000_0fdbcb2e0c620327.txt', '003_061996c0357b2964.txt'])('%s in sections of 60 000 characters', (book) => {
  const text = readFileSync(join(__dirname, '..', 'corpus', book), 'utf8');

  it('cuts at paragraph starts and streams a valid, conserving document', async () => {
    const cuts = sectionCuts(text, 60_000);
    expect(cuts.length).toBeGreaterThan(4);
    const base = join(dir, book.replace('.txt', ''));
    await writeSectioned(text, { path: `corpus/${book}`, name: book, sha256: 'x'.repeat(64).replace(/x/g, 'a'), bytes: 1, encoding: 'utf-8', bom: false }, rules, base, 60_000);
    const doc = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as DocumentJson;
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
    expect(reconstruct(doc)).toBe(text);
    // the same story as a run on the whole book
    const whole = processDecoded(text, { path: `corpus/${book}`, rules }).doc;
    const wholeTexts = new Set(whole.blocks.map((b) => b.text));
    const same = doc.blocks.filter((b) => wholeTexts.has(b.text)).length;
    expect(same / whole.blocks.length).toBeGreaterThan(0.97);
    expect(Math.abs(doc.footnotes.length - whole.footnotes.length)).toBeLessThanOrEqual(2);
    // the streamed diff turns the original into the streamed clean text
    const clean = readFileSync(`${base}.clean.txt`, 'utf8');
    const patched = applyPatch(text.endsWith('\n') ? text : text + '\n', readFileSync(`${base}.diff`, 'utf8'));
    expect(patched).toBe(clean);
  }, 60_000);
});

// The sectioned writer and a whole run build the document with the same code
// (stages/9-document/build-document.ts): one section must give exactly the whole document,
// with no tolerance (only the order of the keys differs, and stats.sections is added).
describe.each(['000_0fdbcb2e0c620327.txt', '002_6350e2ab5efabf7e.txt', '003_061996c0357b2964.txt', '004_c91a1da01ef0a3e1.txt'])('%s as one streamed section', (book) => {
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

// Cut into small sections, books 000 (hard-wrapped) and 003 (double-spaced) give the same
// blocks, footnotes, removed lines, audit and marker counts as a whole run, exactly. (Facts
// differ in two counterparty names each: the spelling folding of fold-counterparty-names.ts
// sees one section at a time. Books 002 and 004 differ more: a section's layout and TOC are
// detected on the section, not on the book.)
describe.each(['000_0fdbcb2e0c620327.txt', '003_061996c0357b2964.txt'])('%s in sections of 60 000 characters', (book) => {
  it('has the same blocks, footnotes, removed, audit and stats (facts aside) as a whole run', async () => {
    const text = readFileSync(join(__dirname, '..', 'corpus', book), 'utf8');
    const base = join(dir, `exact-${book.slice(0, 3)}`);
    await writeSectioned(text, { path: `corpus/${book}`, name: book, sha256: 'a'.repeat(64), bytes: 1, encoding: 'utf-8', bom: false }, rules, base, 60_000);
    const doc = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as DocumentJson;
    const whole = processDecoded(text, { path: `corpus/${book}`, rules }).doc;
    expect(doc.stats.sections).toBeGreaterThan(4);
    expect(doc.blocks).toEqual(whole.blocks);
    expect(doc.footnotes).toEqual(whole.footnotes);
    expect(doc.removed).toEqual(whole.removed);
    expect(doc.audit).toEqual(whole.audit);
    expect(doc.language).toBe(whole.language);
    const { sections: _s, facts: _f, ...rest } = doc.stats;
    const { facts: _wf, ...wholeRest } = whole.stats;
    expect(rest).toEqual(wholeRest);
    expect(doc.facts.length).toBe(whole.facts.length);
  }, 60_000);
});
