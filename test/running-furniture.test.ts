// Running headers and footers are found from their repetition across the pages of a
// book (src/stages/2-layout/running-furniture.ts); lines that merely look like them stay.
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/pipeline.js';
import { LineIndex } from '../src/text/lines.js';
import { classifyLines } from '../src/stages/2-layout/classify-lines.js';

const rules = loadRules();
const classes = (text: string) => classifyLines(new LineIndex(text).lines, rules.layout);

/** `pages` pages of `perPage` prose lines, with `top(p)` / `bottom(p)` around each. */
function book(pages: number, perPage: number, bottom?: (p: number) => string, top?: (p: number) => string, ff = false): string {
  const out: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const page: string[] = [];
    if (top) page.push(top(p), '');
    for (let k = 0; k < perPage; k++) page.push(`Ligne ${letters(p * 100 + k)} du texte courant de la page, avec des mots ${'x'.repeat(k % 5)}`);
    if (bottom) page.push('', bottom(p));
    if (ff && p > 1) page[0] = '\f' + page[0];
    out.push(...page);
  }
  return out.join('\n') + '\n';
}

/** a number written in letters (prose lines all differ, as in a real book) */
const letters = (n: number) => [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('');

const removedAs = (text: string) => classes(text).filter((l) => l.cls === 'page-number' || l.cls === 'furniture').map((l) => [l.t, l.rule]);

describe('numbered running lines', () => {
  it.each([
    ['— N —', (p: number) => `— ${p + 36} —`],
    ['- N -', (p: number) => `- ${p} -`],
    ['Page N', (p: number) => `Page ${p}`],
    ['N / total', (p: number) => `${p} / 58`],
    ['title and number', (p: number) => `Le Belarus et la Chine ${p + 4}`],
  ])('%s at the foot of each page', (_name, footer) => {
    const text = book(6, 20, footer);
    expect(removedAs(text)).toEqual([1, 2, 3, 4, 5, 6].map((p) => [footer(p), 'layout/running-page-number']));
  });

  it('a numbered shape seen twice, or without a page rhythm, is text', () => {
    expect(removedAs(book(2, 20, (p) => `Page ${p}`))).toEqual([]);
    const text = ['Article 1', 'Le texte.', 'Article 2', ...Array(30).fill('Un texte long.'), 'Article 3', 'Fin.', ''].join('\n');
    expect(removedAs(text)).toEqual([]);
  });
});

describe('repeated title lines', () => {
  it('a running header on each page next to the page number and form feed', () => {
    const text = book(5, 20, (p) => `${p} / 58`, () => 'Le Belarus et la Chine', true);
    const got = removedAs(text);
    expect(got.filter(([, r]) => r === 'layout/running-title')).toHaveLength(5);
    expect(got.filter(([, r]) => r === 'layout/running-page-number')).toHaveLength(5);
  });

  it('a heading repeated inside the text (articles of a collection) stays', () => {
    // articles of different lengths: no page rhythm
    const part = (k: number) => ['Résumé', '', ...Array([6, 25, 11, 40][k - 1]!).fill(`Texte de l'article ${k} qui se poursuit ici.`), ''];
    const text = [...part(1), ...part(2), ...part(3), ...part(4)].join('\n');
    expect(removedAs(text)).toEqual([]);
  });
});

describe('a running title with no other page signal', () => {
  it('is found from the page rhythm of its repetitions', () => {
    const text = book(6, 20, undefined, () => 'Le Belarus et la Chine');
    expect(removedAs(text)).toEqual(Array(6).fill(['Le Belarus et la Chine', 'layout/running-title']));
  });
});

describe('numbered listings are not page numbers', () => {
  it('a lone number between code lines numbered n-1 and n+1 stays', () => {
    const text = ['Le programme suivant :', '', '11 int main() {', '12', '13   return 0;', '14 }', '', 'fin du texte.', '', '37', ''].join('\n');
    const ls = classes(text);
    expect(ls.find((l) => l.t === '12')!.cls).toBe('text');
    expect(ls.find((l) => l.t === '37')!.cls).toBe('page-number');
  });
});

describe('form feeds', () => {
  it('mark page starts; a line holding only a form feed is a page break', () => {
    const ls = classes('Fin de page.\n\f\nDébut\n\fSuite de la page.\n');
    expect(ls.map((l) => [l.cls, l.rule ?? null, !!l.formFeed])).toEqual([
      ['text', null, false],
      ['separator', 'layout/form-feed', true],
      ['text', null, false],
      ['text', null, true],
      ['blank', null, false],
    ]);
  });
});
