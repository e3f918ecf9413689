// A bibliography told from footnotes by evidence, wherever it stands in the file
// (src/stages/2-layout/reference-list.ts), and the other book-level decisions a file
// cut from a book must make as the whole book does. Texts cut from corpus/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { markdownEvidence } from '../src/stages/4-unwrap/strip-markup.js';

const rules = loadRules();
const corpus = (book: string) => readFileSync(join(__dirname, '..', 'corpus', book), 'utf8');
/** lines a..b (1-based, inclusive) of a corpus book */
const cut = (book: string, a: number, b?: number) => corpus(book).split('\n').slice(a - 1, b).join('\n');
const run = (text: string, path = 'chapter.txt') => processDecoded(text, { path, rules }).doc;
const kinds = (doc: ReturnType<typeof run>) => {
  const k: Record<string, number> = {};
  for (const b of doc.blocks) k[b.kind] = (k[b.kind] ?? 0) + 1;
  return k;
};

describe('a file that is its bibliography', () => {
  // 002 from its `Littérature` heading to the end (the last file of the book cut at chapters)
  const bib002 = cut('002_6350e2ab5efabf7e.txt', 1343);
  const whole002 = run(corpus('002_6350e2ab5efabf7e.txt'), 'corpus/002.txt');

  it('is a bibliography with the whole book\'s entries, not footnotes', () => {
    const doc = run(bib002);
    expect(doc.footnotes).toHaveLength(0);
    const entries = doc.blocks.filter((b) => b.kind === 'bibliography').map((b) => b.text);
    expect(entries).toEqual(whole002.blocks.filter((b) => b.kind === 'bibliography').map((b) => b.text));
    expect(entries.length).toBeGreaterThan(200);
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', text: 'Littérature' });
  });

  it('in markdown too (004 from `## Littérature`)', () => {
    const doc = run(cut('004_c91a1da01ef0a3e1.txt', 798), 'chapter.md');
    expect(doc.footnotes).toHaveLength(0);
    expect(kinds(doc).bibliography).toBeGreaterThan(100);
  });

  it('but not when prose comes before the heading: the numbered lines after it may be the notes of that prose', () => {
    // the last paragraph of 002's last article, then its `Littérature`: the heading is not the file's first body line
    const text = 'Le BUTB prend désormais des mesures actives pour actualiser la coopération avec les régions russes.\n\n' + bib002;
    const doc = run(text);
    expect(kinds(doc).bibliography ?? 0).toBe(0);
  });

  it('nor when the list does not start at 1 (numbering that continues notes)', () => {
    const text = bib002.replace(/^1\. /m, '7. ');
    expect(kinds(run(text)).bibliography ?? 0).toBe(0);
  });

  it('nor under a notes heading (endnotes)', () => {
    const text = bib002.replace(/^Littérature$/m, 'Notes');
    expect(kinds(run(text)).bibliography ?? 0).toBe(0);
  });
});

describe('a file of front matter only (the matter before the first chapter)', () => {
  it('keeps its closing TOC as TOC and has no back matter (002 lines 1–108)', () => {
    const doc = run(cut('002_6350e2ab5efabf7e.txt', 1, 108));
    const k = kinds(doc);
    expect(k['back-matter'] ?? 0).toBe(0);
    expect(k.toc).toBe(12);
    expect(doc.blocks.every((b) => b.kind === 'front-matter' || b.kind === 'toc')).toBe(true);
  });
});

describe('markdown evidence', () => {
  it('two constructs and no stray star: markdown (a chapter of 002 with `10^e` and `1^{ère}`)', () => {
    const text = cut('002_6350e2ab5efabf7e.txt', 265, 485);
    const ev = markdownEvidence(text);
    expect(ev).toMatchObject({ constructs: 2, strayStars: 0, markdown: true });
    expect(run(text).blocks.some((b) => b.text.includes('10e réunion'))).toBe(true);
  });

  it('two constructs with a stray star: plain text', () => {
    expect(markdownEvidence('La 7^e et la 8^e année, voir (*).\n').markdown).toBe(false);
  });
});
