// Double-spaced books (issue 8): real corpus text rendered double-spaced by the independent
// renderer of the structure measurement (scripts/structure/render-layouts.ts: a blank line
// after every body line, two between paragraphs, footnotes single-spaced at the foot of the
// page with no separator line), and short texts that only look double-spaced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook, type Book } from '../scripts/structure/evaluate.js';
import { runPipeline } from '../scripts/structure/pipeline.js';
import { LAYOUTS, render, type Rendering } from '../scripts/structure/render-layouts.js';
import { compare, expectedStructure, structureOf } from '../scripts/structure/score.js';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { classifyLines } from '../src/stages/2-layout/classify-lines.js';
import { doubleSpacingEvidence } from '../src/stages/2-layout/double-spacing.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import { LineIndex } from '../src/text/lines.js';

const rules = loadRules();
const run = (text: string) => processDecoded(text, { path: 'x.txt', rules }).doc;
const evidence = (text: string) => doubleSpacingEvidence(classifyLines(new LineIndex(text).lines, rules.layout));
const corpus = (f: string) => readFileSync(join(process.cwd(), 'corpus', f), 'utf8');
const TIMEOUT = 240_000;
const DOUBLE = LAYOUTS.find((l) => l.name === 'double-spaced')!;

const books = new Map<string, Book>();
const book = (f: string) => {
  let b = books.get(f);
  if (!b) books.set(f, (b = loadBook(f)));
  return b;
};

/** the book's first chapters (front matter, chapters 1-2) rendered double-spaced; footnote lines double-spaced too when asked */
function rendering(f: string, notesDoubleSpaced = false): { r: Rendering; text: string } {
  const b = book(f);
  const r = render({ ...b.model, blocks: b.model.blocks.filter((x) => x.chapter <= 2) }, DOUBLE);
  const records = r.files[0]!.records;
  const text = notesDoubleSpaced
    ? records.flatMap((x, i) => (x.role === 'note' && records[i + 1]?.role === 'note' ? [x.text, ''] : [x.text])).join('\n') + '\n'
    : r.files[0]!.text;
  return { r, text };
}

describe('a book rendered double-spaced, footnote blocks single-spaced without a separator line', () => {
  for (const f of ['000_0fdbcb2e0c620327.txt', '003_061996c0357b2964.txt']) {
    it(`${f.slice(0, 3)}: every footnote with its exact text, every marker linked, paragraphs ≥ 95 %, body CER ≤ 0.5 %, nothing lost`, async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const { r, text } = rendering(f);
      const doc = runPipeline(text, `double-spaced/${f}`);
      expect((doc as unknown as { source: { layout: string } }).source.layout).toBe('double-spaced');
      const s = compare(expectedStructure(r.expected), structureOf([doc]));
      expect(s.footnotes).toBeGreaterThan(40);
      expect(s.footnotesExact).toBe(s.footnotes);
      expect(s.footnotesOut).toBe(s.footnotes);
      expect(s.markersLinked).toBeGreaterThanOrEqual(Math.floor(0.98 * s.markers));
      expect(s.paragraphsExact).toBeGreaterThanOrEqual(0.95 * s.paragraphs);
      expect(s.cer).toBeLessThanOrEqual(0.005);
      expect(reconstruct(run(text))).toBe(text);
    }, TIMEOUT);
  }

  it('each footnote line is out of the body: no paragraph holds a footnote label followed by its text', async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const { r, text } = rendering('000_0fdbcb2e0c620327.txt');
    const doc = run(text);
    const body = doc.blocks.map((b) => b.text).join('\n');
    for (const fn of r.expected.footnotes) expect(body).not.toContain(`${fn.label} ${fn.text.slice(0, 30)}`);
  }, TIMEOUT);
});

describe('footnote blocks double-spaced like the body', () => {
  it('000: footnotes found with their text (≥ 90 %), paragraphs ≥ 90 %', async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const { r, text } = rendering('000_0fdbcb2e0c620327.txt', true);
    const s = compare(expectedStructure(r.expected), structureOf([runPipeline(text, 'double-spaced-notes/000.txt')]));
    expect(s.footnotesExact).toBeGreaterThanOrEqual(0.9 * s.footnotes);
    expect(s.paragraphsExact).toBeGreaterThanOrEqual(0.9 * s.paragraphs);
  }, TIMEOUT);
});

describe('double spacing is read from wrapped prose across the blank lines, never from the blank lines alone', () => {
  it('corpus/003 (double-spaced) is; 000 (hard-wrapped) and the renderings of other layouts are not', () => {
    const e003 = evidence(corpus('003_061996c0357b2964.txt'));
    expect(e003.doubleSpaced).toBe(true);
    // most of its lines that run on into the next do so across one blank line
    expect(e003.wraps[1]).toBeGreaterThan(5 * e003.wraps[0]);
    expect(evidence(corpus('000_0fdbcb2e0c620327.txt')).doubleSpaced).toBe(false);
  });

  it('a title page and imprint, one line each with blank lines between (002 before its first chapter), is not double-spaced', () => {
    const text = corpus('002_6350e2ab5efabf7e.txt').split('\n').slice(0, 108).join('\n') + '\n';
    const e = evidence(text);
    expect(e.pairs[1]).toBeGreaterThan(20);
    expect(e.wraps).toEqual([0, 0]);
    expect(e.doubleSpaced).toBe(false);
    const doc = run(text);
    expect(doc.source.layout).not.toBe('double-spaced');
    // no two imprint lines glued into one block
    expect(doc.blocks.some((b) => /Publishing group str\./.test(b.text))).toBe(false);
    expect(reconstruct(doc)).toBe(text);
  });

  it('a few sentences, one per line with a blank line between: each its own paragraph, every digit kept', () => {
    const text = [
      'La réunion du 01 août 2019 a duré 3 heures.',
      '',
      'Elle a réuni 12 délégations venues de 4 continents.',
      '',
      'Le budget est de 5 millions, contre 3 en 2016.',
      '',
      'Le prochain sommet aura lieu à Minsk.',
      '',
    ].join('\n');
    const doc = run(text);
    expect(doc.source.layout).not.toBe('double-spaced');
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'La réunion du 01 août 2019 a duré 3 heures.',
      'Elle a réuni 12 délégations venues de 4 continents.',
      'Le budget est de 5 millions, contre 3 en 2016.',
      'Le prochain sommet aura lieu à Minsk.',
    ]);
    expect(doc.footnotes).toEqual([]);
    expect(reconstruct(doc)).toBe(text);
  });

  it('a short double-spaced text with lines filled to the width and running on is double-spaced', () => {
    const text = readFileSync(join(process.cwd(), 'test', 'fixtures', 'layouts', 'double-spaced-short-ends.txt'), 'utf8');
    const e = evidence(text);
    expect(e.wraps[0]).toBe(0);
    expect(e.wraps[1]).toBeGreaterThanOrEqual(3);
    expect(run(text).source.layout).toBe('double-spaced');
  });
});
