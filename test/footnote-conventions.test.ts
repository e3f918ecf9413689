// Footnote, marker and markup conventions other books use (issue 8): each fixed
// convention with its exact expected output, on short texts written for these tests
// and on layouts under test/fixtures/layouts/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { cleanText } from '../src/write/clean-text.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import { markdownEvidence } from '../src/stages/4-unwrap/strip-markup.js';
import { typeset, type SourceChapter, type TypesetOptions } from './support/typeset-pages.js';
import { matrixCases } from './support/layout-matrix.js';

const rules = loadRules();
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'layouts', name), 'utf8');
const run = (text: string, path = 'x.txt') => {
  const doc = processDecoded(text, { path, rules }).doc;
  expect(reconstruct(doc)).toBe(text);
  return doc;
};

describe('a number is a marker only when a footnote it can link to exists', () => {
  it('a text without footnotes keeps every digit', () => {
    const text = 'La réunion du 01 août 2019 a duré 3km et a réuni 12 délégations, contre 9 en 2016.\n';
    const doc = run(text);
    expect(cleanText(doc)).toBe(text + '---\n');
    expect(doc.stats.markers).toBe(0);
    const dates = doc.facts.filter((f) => f.type === 'date').map((f) => (f as { value: string }).value);
    expect(dates).toContain('2019-08-01');
  });
});

describe('superscripts', () => {
  it('the power of a unit is not a marker, even when a footnote of that number exists', () => {
    const text = [
      "Le parc industriel couvre aujourd'hui 112 km² et ses entrepôts",
      'frigorifiques 40 000 m³ selon le rapport annuel de sa direction¹,',
      "ce que confirme le ministère de l'économie dans sa dernière note",
      'sur les investissements étrangers au Belarus².',
      '',
      '¹ Rapport annuel [Ressource électronique]. - 2020. - URL : https://example.org/a',
      '² Rapport du ministère [Ressource électronique]. - 2021. - URL : https://example.org/b',
      '',
    ].join('\n');
    expect(cleanText(run(text)).split('\n')[0]).toBe(
      "Le parc industriel couvre aujourd'hui 112 km² et ses entrepôts frigorifiques 40 000 m³ selon le rapport annuel de sa direction[^1], ce que confirme le ministère de l'économie dans sa dernière note sur les investissements étrangers au Belarus[^2].",
    );
  });

  it('a superscript with no footnote of its number stays as it is', () => {
    const text = 'La formule E = mc² et le rapport¹ sont cités.\n';
    expect(cleanText(run(text))).toBe(text + '---\n');
  });
});

describe('markup is read only where the file is markdown', () => {
  it('plain text keeps *, _, #, <sup> and glued digits', () => {
    const text = 'La macro dh_* lit les champs (*) du journal 11Apr29, voir *note* et # 3 et <sup>a</sup>.\n';
    const doc = run(text);
    expect(cleanText(doc)).toBe(text + '---\n');
    expect(markdownEvidence(text).markdown).toBe(false);
  });

  it('a markdown file loses its markup, each removal with its rule', () => {
    const text = '## Titre du chapitre\n\nLe **commerce** a crû de 5 % pour la 7^e année, selon le fichier stats\\_2021.\n';
    const doc = run(text, 'x.md');
    expect(markdownEvidence(text).markdown).toBe(true);
    expect(doc.blocks.map((b) => b.text)).toEqual(['Titre du chapitre', 'Le commerce a crû de 5 % pour la 7e année, selon le fichier stats_2021.']);
    expect(doc.audit.filter((a) => a.rule === 'markup/emphasis').map((a) => a.before)).toEqual(['**', '**']);
  });

  it('stars in code outnumbering markdown constructs mean plain text', () => {
    const text = ['**Note** : voir *a* et **b**.', 'x = a * b;', 'y = *p;', 'z = c * d * e;', 'w = (*);', 'v = dh_*;', ''].join('\n');
    const ev = markdownEvidence(text);
    expect(ev.constructs).toBe(2);
    expect(ev.markdown).toBe(false);
  });
});

// two chapters of book 000 typeset by test/support/typeset-pages.ts in other publishers' conventions
const chapters = (JSON.parse(fixture('source-000-ch3.json')) as { chapters: SourceChapter[] }).chapters;
const base: TypesetOptions = { width: 62, pageLines: 30, markers: 'glued', numbering: 1, notes: 'page-foot', separator: '', noteLabel: (n) => `${n} ` };
const layouts: Array<[string, Partial<TypesetOptions>, Record<string, number>]> = [
  ['62 columns, footnotes after a ____ rule, footer — N —', { separator: '____', footer: (p) => `— ${p} —` }, { 'layout/running-page-number': 6, 'layout/page-separator': 6 }],
  ['62 columns, footnotes with no rule, footer - N -', { footer: (p) => `- ${p} -` }, { 'layout/running-page-number': 6 }],
  ['a chapter file numbered from 65, 70 columns, footer Page N', { width: 70, pageLines: 34, numbering: 65, footer: (p) => `Page ${p}` }, { 'layout/running-page-number': 5 }],
  ['numbering restarting at 1 in each chapter, ____ rule, bare page numbers', { numbering: 'per-chapter', separator: '____', footer: (p) => `${p}` }, { 'layout/page-number': 6, 'layout/page-separator': 6 }],
  [
    'PDF extraction: form feeds, running title and N / total on every page, notes `N. text` restarting per chapter, superscript markers',
    { width: 66, pageLines: 32, markers: 'superscript', numbering: 'per-chapter', noteLabel: (n) => `${n}. `, header: 'Le Belarus et la Chine', footer: (p, t) => `${p} / ${t}`, formFeed: true },
    { 'layout/running-title': 5, 'layout/running-page-number': 6 },
  ],
  [
    'endnotes under Notes at each chapter end, (N) markers and (N) notes, numbering per chapter',
    { width: 64, pageLines: 40, markers: 'paren', numbering: 'per-chapter', notes: 'endnotes', noteLabel: (n) => `(${n}) `, footer: (p) => `${p}` },
    { 'layout/page-number': 6, 'layout/notes-heading': 2 },
  ],
  [
    'endnotes under Notes et références, [N] markers, N. notes, continuous numbering',
    { width: 64, pageLines: 40, markers: 'bracket', notes: 'endnotes', notesHeading: 'Notes et références', noteLabel: (n) => `${n}. ` },
    { 'layout/notes-heading': 2 },
  ],
  [
    'PDF extraction: superscripts rendered partly as plain digits (1⁴ = 14)',
    { width: 66, pageLines: 32, markers: 'split-superscript', noteLabel: (n) => `${n}. `, header: 'Le Belarus et la Chine', footer: (p, t) => `${p} / ${t}`, formFeed: true },
    { 'layout/running-title': 5, 'layout/running-page-number': 6 },
  ],
];

describe.each(layouts)('typeset: %s', (_name, options, removedRules) => {
  const { text, expected } = typeset(chapters, { ...base, ...options });
  const doc = run(text);

  it('gives back every paragraph, footnote and marker exactly', () => {
    expect(cleanText(doc)).toBe(expected);
  });

  it('removes the page furniture, each line with its rule', () => {
    const counts: Record<string, number> = {};
    for (const r of doc.removed) counts[r.rule] = (counts[r.rule] ?? 0) + 1;
    expect(counts).toEqual(removedRules);
  });
});

describe('numbering from any start', () => {
  it('a chapter file whose footnotes start at 65 reports no gap before 65', () => {
    const doc = run(typeset(chapters, { ...base, numbering: 65 }).text);
    expect(doc.stats.numbering).toMatchObject({ first: 65, last: 78, gaps: [], missing: [], orphans: [] });
    expect(doc.stats.markers).toBe(14);
  });
});

describe('footnote identity is (chapter, number)', () => {
  const { text } = typeset(chapters, { ...base, numbering: 'per-chapter', separator: '____', footer: (p) => `${p}` });
  const doc = run(text);

  it('a restarted numbering opens chapter 2: ids 1…8 then 2.1…2.6, each linked from its block', () => {
    expect(doc.footnotes.map((f) => [f.chapter, f.n, f.id])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [1, n, String(n)]),
      ...[1, 2, 3, 4, 5, 6].map((n) => [2, n, `2.${n}`]),
    ]);
    const byId = new Map(doc.blocks.map((b) => [b.id, b]));
    for (const f of doc.footnotes) {
      expect(f.refs).toHaveLength(1);
      expect(byId.get(f.refs[0]!)!.notes.filter((x) => x.id === f.id).map((x) => [x.chapter, x.n])).toEqual([[f.chapter, f.n]]);
    }
    expect(doc.stats.numbering).toMatchObject({ gaps: [], duplicates: [], missing: [], orphans: [], chapters: 2 });
  });

  it("relecteur's own clean text with [^2.N] ids reads back the same", () => {
    const clean = cleanText(doc);
    const again = run(clean);
    expect(cleanText(again)).toBe(clean);
    expect(again.footnotes.map((f) => f.id)).toEqual(doc.footnotes.map((f) => f.id));
  });
});

describe('a sample of every convention combined (test/support/layout-matrix.ts; npx tsx test/support/layout-matrix.ts runs them all)', () => {
  const sample = matrixCases()
    .filter((c) => c.pageSignal)
    .filter((_, k) => k % 40 === 0);
  it.each(sample.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { text, expected } = typeset(chapters, c.options);
    expect(cleanText(run(text))).toBe(expected);
  });
});
