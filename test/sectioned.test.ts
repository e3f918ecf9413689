// Large books are processed in sections and streamed to disk (bounded memory). Here a
// real book is cut into small sections so the test stays fast: the streamed JSON must
// follow the contract, rebuild the original exactly, and say the same as a whole run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { reconstruct } from '../src/stages/7-write/reconstruct.js';
import { sectionCuts, writeSectioned } from '../src/stages/7-write/write-sectioned.js';
import { applyPatch } from 'diff';
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
    const patched = applyPatch(text, readFileSync(`${base}.diff`, 'utf8'));
    expect(patched).toBe(clean);
  }, 60_000);
});
