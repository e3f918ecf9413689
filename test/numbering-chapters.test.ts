// Footnote numbering across chapters and pages (issue 8, s2-numbering): chapter files
// whose first footnotes are missing, a chapter file's first footnote in double-spaced
// text, note blocks closed by a blank line. Real
// text cut from corpus/ and small cases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import { chainedLowerBound } from '../src/stages/5-markers/leading-markers.js';
import { noteEndsComplete, slugLine } from '../src/stages/3-pages/notes-end.js';

const rules = loadRules();
const corpus = (name: string) => readFileSync(join(__dirname, '..', 'corpus', name), 'utf8');
const run = (text: string, path = 'x.txt') => {
  const doc = processDecoded(text, { path, rules }).doc;
  expect(reconstruct(doc)).toBe(text);
  return doc;
};
/** lines [from, to) of a text, 1-based as `sed -n from,(to-1)p` prints them */
const lines = (text: string, from: number, to: number) => text.split('\n').slice(from - 1, to - 1).join('\n') + '\n';
const markerIds = (doc: ReturnType<typeof run>) => doc.blocks.flatMap((b) => b.notes.map((n) => n.id));

describe('markers that lead up to a chapter file\'s first footnote', () => {
  it('an unbroken chain up to the first footnote proves the notes before it missing', () => {
    const upTo = Array.from({ length: 18 }, (_, k) => 108 + k); // 108 … 125
    expect(chainedLowerBound(126, [...upTo, 126, 127])).toBe(108);
    expect(chainedLowerBound(126, upTo)).toBe(108);
    // one number right before the first footnote's own marker
    expect(chainedLowerBound(200, [199, 200, 201])).toBe(199);
  });

  it('a broken chain, a chain out of order or a lone number proves nothing beyond itself', () => {
    expect(chainedLowerBound(126, [108, 109, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126])).toBe(111);
    expect(chainedLowerBound(126, [125, 124, 126])).toBe(125);
    expect(chainedLowerBound(126, [124, 125])).toBe(124);
    expect(chainedLowerBound(126, [125])).toBe(126);
    expect(chainedLowerBound(126, [126, 125, 124])).toBe(126);
    expect(chainedLowerBound(1, [1, 2, 3])).toBe(1);
  });

  it('003, article from line 3168: markers 108..125 (no note text in the book) are markers, as in the whole book', () => {
    const book = corpus('003_061996c0357b2964.txt');
    const doc = run(lines(book, 3168, 3933), 'chapters/003-04.txt');
    const ids = markerIds(doc);
    for (let n = 108; n <= 125; n++) expect(ids).toContain(String(n));
    expect(doc.footnotes[0]!.n).toBe(126);
    // the numbers of the body that are no markers stay (`108 stations d'épuration`)
    expect(doc.blocks.some((b) => b.text.includes("108 stations d'épuration"))).toBe(true);
  });

  it("003, article from line 5432: the file's first footnotes (200, 201) are found in double-spaced text, and marker 199 before them", () => {
    const book = corpus('003_061996c0357b2964.txt');
    const doc = run(lines(book, 5432, 6042), 'chapters/003-07.txt');
    expect(doc.footnotes.slice(0, 2).map((f) => f.n)).toEqual([200, 201]);
    expect(doc.footnotes[0]!.text).toMatch(/^BelTA et Kazinform conviennent d'une coopération/);
    expect(markerIds(doc).slice(0, 3)).toEqual(['199', '200', '201']);
    expect(doc.blocks.some((b) => b.text.includes('BelTA et Kazinform'))).toBe(false);
  });
});

describe('a footnote block ends at a blank line after a complete reference', () => {
  it('a complete reference ends with its URL, a path or closing punctuation; a URL slug cut at a hyphen is no body text', () => {
    expect(noteEndsComplete('https://hightech.fm/2018/02/28/beijing_lures_talant')).toBe(true);
    expect(noteEndsComplete('sotrudn ichestva-715 2/')).toBe(true);
    expect(noteEndsComplete('Minsk : Biznesofset, 2017. - С. 202.')).toBe(true);
    expect(noteEndsComplete('[Ressource électronique]. -')).toBe(false);
    expect(noteEndsComplete('en tant qu\'impulsion')).toBe(false);
    expect(slugLine('- predstavit-svoi-potentsial-na-agramom-forume')).toBe(true);
    expect(slugLine('cette période"⁶.')).toBe(false);
  });

  it('after a blank line, the next page resumes: its text is not swallowed into the last footnote', () => {
    // three pages of 000 as the re-layout renderer prints them (scripts/structure/render-layouts.ts,
    // wrapped-trailing): footnotes after a blank line, the next page after another
    const text = readFileSync(join(__dirname, 'fixtures', 'layouts', 'wrapped-trailing-000-pages.txt'), 'utf8');
    const doc = run(text);
    expect(doc.footnotes.map((f) => f.n)).toEqual([23, 24, 25, 26, 27, 28, 29, 30]);
    expect(doc.footnotes.find((f) => f.n === 24)!.text).toMatch(/ad f175824 a\.html$/);
    expect(doc.footnotes.find((f) => f.n === 27)!.text).toMatch(/beijing_lures_talant$/);
    const resumed = doc.blocks.find((b) => b.text.startsWith('nouveaux matériaux.'));
    expect(resumed).toBeUndefined(); // it goes on with the paragraph the page cut
    expect(doc.blocks.some((b) => b.text.includes('des technologies optiques, de la mécanique, de l\'électronique et des nouveaux matériaux.'))).toBe(true);
    const cited = doc.blocks.find((b) => b.text.includes('cette période"'));
    expect(cited?.notes.map((n) => n.n)).toContain(28);
  });
});
