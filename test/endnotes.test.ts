// Endnotes (issue 8): notes collected under a `Notes` / `Références` heading at the end of a
// chapter or of the book, read from the book's own evidence (src/stages/2-layout/endnote-sections.ts):
// the section is the run of numbered entries after the heading, the body resumes where the run
// ends, markers link to the entry of the same numbering run, and a numbered bibliography that
// the text never cites stays a bibliography. Hand-made cases, then corpus text re-rendered as
// endnotes by the independent renderer of scripts/structure/.
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { cleanText } from '../src/write/clean-text.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import { entryLabel, markerNumbers } from '../src/stages/2-layout/endnote-sections.js';
import { LAYOUTS, evaluateLayout, loadBook } from '../scripts/structure/evaluate.js';

const rules = loadRules();
const run = (text: string) => {
  const doc = processDecoded(text, { path: 'x.txt', rules }).doc;
  expect(reconstruct(doc)).toBe(text);
  return doc;
};
const body = (clean: string) => clean.slice(0, clean.indexOf('\n---\n')).split('\n');
const notes = (clean: string) => clean.slice(clean.indexOf('\n---\n') + 5).split('\n').filter(Boolean);

describe('notes at the end of each chapter, chapters titled without `CHAPITRE N`', () => {
  const text = [
    'Le commerce entre les régions',
    '',
    "En 2019, le groupe de travail s'est réuni à Moscou et a \"approuvé le",
    'contenu des quatre premières sections du projet"(1). La cinquième',
    'section devrait être discutée en avril 2019.',
    '',
    'Les objectifs retenus sont les suivants :',
    '',
    '1. Amélioration de la législation des États membres en tenant compte',
    'des normes internationales.',
    '',
    '2. Mobilisation des capacités socio-économiques existantes pour des',
    'projets communs(2).',
    '',
    'Le concept a été adopté en 2004 et "a défini les principes de base de',
    'la coopération"(3).',
    '',
    'Notes',
    '',
    '1. Réunion du groupe de travail [Ressource électronique]. - 2019. -',
    'URL : http://www.e-cis.info/news.php?id=21302',
    '2. Sur les résultats de la réunion du Conseil [Ressource électronique].',
    '- 2018. - URL : http://www.e-cis.info/page.php?id=26493',
    '3. Concept de coopération interrégionale [Ressource électronique]. -',
    '2004. - URL : http://www.cis.minsk.by/page.php?id=13214',
    '',
    "La coopération dans l'espace post-soviétique",
    '',
    'En décembre 2020, le Conseil a approuvé une nouvelle version du',
    "concept(4). Le développement de la Communauté est particulièrement",
    "pertinent aujourd'hui(5).",
    '',
    'Notes',
    '',
    "4. Réunion du Conseil des chefs d'État [Ressource électronique]. -",
    '2020. - URL : http://www.e-cis.info/news.php?id=9999',
    '5. La Moldavie propose un plan [Ressource électronique]. - 2020. -',
    'URL : http://www.e-cis.info/news.php?id=10000',
    '',
  ].join('\n');
  const doc = run(text);
  const clean = cleanText(doc);

  it('the body resumes at the next chapter title, and a numbered list of the body stays body', () => {
    expect(body(clean)).toEqual([
      'Le commerce entre les régions',
      'En 2019, le groupe de travail s\'est réuni à Moscou et a "approuvé le contenu des quatre premières sections du projet"[^1]. La cinquième section devrait être discutée en avril 2019.',
      'Les objectifs retenus sont les suivants :',
      '1. Amélioration de la législation des États membres en tenant compte des normes internationales.',
      '2. Mobilisation des capacités socio-économiques existantes pour des projets communs[^2].',
      'Le concept a été adopté en 2004 et "a défini les principes de base de la coopération"[^3].',
      "La coopération dans l'espace post-soviétique",
      "En décembre 2020, le Conseil a approuvé une nouvelle version du concept[^4]. Le développement de la Communauté est particulièrement pertinent aujourd'hui[^5].",
    ]);
  });

  it('every entry is a footnote with its text, linked from its (N) marker', () => {
    expect(notes(clean)).toEqual([
      '[^1]: Réunion du groupe de travail [Ressource électronique]. - 2019. - URL : http://www.e-cis.info/news.php?id=21302',
      '[^2]: Sur les résultats de la réunion du Conseil [Ressource électronique]. - 2018. - URL : http://www.e-cis.info/page.php?id=26493',
      '[^3]: Concept de coopération interrégionale [Ressource électronique]. - 2004. - URL : http://www.cis.minsk.by/page.php?id=13214',
      "[^4]: Réunion du Conseil des chefs d'État [Ressource électronique]. - 2020. - URL : http://www.e-cis.info/news.php?id=9999",
      '[^5]: La Moldavie propose un plan [Ressource électronique]. - 2020. - URL : http://www.e-cis.info/news.php?id=10000',
    ]);
    expect(doc.footnotes.every((f) => f.refs.length === 1)).toBe(true);
    expect(doc.removed.map((r) => r.rule)).toEqual(['layout/notes-heading', 'layout/notes-heading']);
  });

  it("the next chapter's title printed right under the last entry (no blank line) is not note text", () => {
    const glued = text.replace('id=13214\n\nLa coopération', 'id=13214\nLa coopération');
    const c = cleanText(run(glued));
    expect(body(c)).toContain("La coopération dans l'espace post-soviétique");
    expect(notes(c)[2]).toBe('[^3]: Concept de coopération interrégionale [Ressource électronique]. - 2004. - URL : http://www.cis.minsk.by/page.php?id=13214');
  });
});

describe('notes at the end of the book', () => {
  const chapters = [
    'CHAPITRE 1',
    '',
    "Le parc industriel couvre aujourd'hui 112 km² et accueille des",
    'résidents de quinze pays [1]. Ses exportations ont doublé en 2020 [2].',
    '',
    'CHAPITRE 2',
    '',
    "La coopération régionale s'est renforcée avec la Chine [3], en",
    'particulier dans les provinces du Henan et du Jiangsu [4].',
    '',
  ];

  it('under `Références`, entries cited by [N] markers are endnotes, not a bibliography', () => {
    const text = [
      ...chapters,
      'Références',
      '',
      '1. Rapport annuel du parc [Ressource électronique]. - 2020. - URL :',
      'https://example.org/rapport',
      '2. Exportations du parc industriel [Ressource électronique]. - 2021. -',
      'URL : https://example.org/export',
      '3. Zalessky B. La coopération régionale. - Minsk, 2019. - 188 p.',
      '4. Les provinces chinoises et le Belarus [Ressource électronique]. -',
      '2022. - URL : https://example.org/provinces',
      '',
    ].join('\n');
    const doc = run(text);
    expect(doc.blocks.map((b) => b.kind)).not.toContain('bibliography');
    expect(doc.footnotes.map((f) => f.n)).toEqual([1, 2, 3, 4]);
    expect(body(cleanText(doc))[3]).toBe("La coopération régionale s'est renforcée avec la Chine[^3], en particulier dans les provinces du Henan et du Jiangsu[^4].");
    expect(doc.footnotes[2]!.text).toBe('Zalessky B. La coopération régionale. - Minsk, 2019. - 188 p.');
  });

  it('a numbered bibliography under `Références` that the text never cites stays a bibliography', () => {
    const text = [
      ...chapters.map((l) => l.replace(/ \[\d\]/g, '')),
      'Références',
      '',
      '1. Dupont J. Le commerce extérieur du Belarus. - Paris : Economica,',
      '2018. - 240 p.',
      '2. Martin P. Les zones économiques spéciales. - Lyon, 2019. - 188 p.',
      '3. Zalessky B. La coopération régionale. - Minsk, 2019. - 188 p.',
      '',
    ].join('\n');
    const doc = run(text);
    expect(doc.footnotes).toEqual([]);
    expect(doc.blocks.filter((b) => b.kind === 'bibliography').map((b) => b.text)).toEqual([
      '1. Dupont J. Le commerce extérieur du Belarus. - Paris : Economica, 2018. - 240 p.',
      '2. Martin P. Les zones économiques spéciales. - Lyon, 2019. - 188 p.',
      '3. Zalessky B. La coopération régionale. - Minsk, 2019. - 188 p.',
    ]);
  });

  const grouped = (second: [number, number]) =>
    [
      'Le parc industriel',
      '',
      'Le parc industriel accueille des résidents de quinze pays(1). Ses',
      'exportations ont doublé en 2020(2).',
      '',
      'La coopération régionale',
      '',
      `La coopération s'est renforcée avec la Chine(${second[0]}), en particulier dans`,
      `les provinces du Henan et du Jiangsu(${second[1]}).`,
      '',
      'Notes',
      '',
      'Le parc industriel',
      '',
      '1. Rapport annuel du parc [Ressource électronique]. - 2020. - URL :',
      'https://example.org/rapport',
      '2. Exportations du parc [Ressource électronique]. - 2021. - URL :',
      'https://example.org/export',
      '',
      'La coopération régionale',
      '',
      `${second[0]}. La coopération régionale [Ressource électronique]. - 2019. - URL :`,
      'https://example.org/coop',
      `${second[1]}. Les provinces chinoises [Ressource électronique]. - 2022. - URL :`,
      'https://example.org/provinces',
      '',
    ].join('\n');

  it('grouped under chapter titles: the titles are removed with their rule, the numbering goes on', () => {
    const doc = run(grouped([3, 4]));
    expect(doc.footnotes.map((f) => [f.id, f.text.slice(0, 24)])).toEqual([
      ['1', 'Rapport annuel du parc ['],
      ['2', 'Exportations du parc [Re'],
      ['3', 'La coopération régionale'],
      ['4', 'Les provinces chinoises '],
    ]);
    expect(doc.removed.map((r) => r.rule)).toEqual(['layout/notes-heading', 'layout/notes-subheading', 'layout/notes-subheading']);
    expect(doc.blocks.flatMap((b) => b.notes.map((n) => n.id))).toEqual(['1', '2', '3', '4']);
  });

  it('grouped under chapter titles with the numbering restarting: each chapter links to its own run', () => {
    const doc = run(grouped([1, 2]));
    expect(doc.footnotes.map((f) => f.id)).toEqual(['1', '2', '2.1', '2.2']);
    const second = doc.blocks.find((b) => b.text.startsWith("La coopération s'est"))!;
    expect(second.notes.map((n) => n.id)).toEqual(['2.1', '2.2']);
    expect(second.text).toBe("La coopération s'est renforcée avec la Chine, en particulier dans les provinces du Henan et du Jiangsu.");
  });
});

describe('entry labels and markers, as measured by the section finder', () => {
  it('reads the label shapes of entries', () => {
    expect(['1. Texte', '(12) Texte', '[3] Texte', '4) Texte', '¹² Texte', '6. 8ème réunion', '15.', '2018. - URL'].map((t) => entryLabel(t)?.shape ?? null)).toEqual([
      'dotted', 'paren', 'bracket', 'closing', 'superscript', 'dotted', null, null,
    ]);
  });

  it('finds the marker numbers of every form, and not the numbers of the text', () => {
    const lines = ['le projet"(1). La (2) cinquième [3] section³ et <sup>5</sup>', 'Minsk6. En 2019, 12 délégations'].map((text, i) => ({ i, text, t: text.trim(), cls: 'text' as const, start: 0, trailing: false, lead: 0 }));
    expect([...markerNumbers(lines as never, 0, 2)].sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 6]);
  });
});

describe('corpus text rendered as endnotes (scripts/structure/render-layouts.ts: `Notes` after each chapter, `(N)` markers)', () => {
  const spec = LAYOUTS.find((l) => l.name === 'endnotes')!;
  it.each(['003_061996c0357b2964.txt', '004_c91a1da01ef0a3e1.txt'])('%s: body, notes and markers come back', (file) => {
    const r = evaluateLayout(loadBook(file), spec);
    // figures measured on this branch: 003 97.1 % paragraphs, 217/227 footnotes, 226/227 markers;
    // 004 93.1 %, 116/116, 116/116 (the rest: paragraph breaks lost at page ends, URL repairs)
    expect(r.paragraphsExact / r.paragraphs).toBeGreaterThanOrEqual(0.93);
    expect(r.footnotesExact / r.footnotes).toBeGreaterThanOrEqual(0.95);
    expect(r.markersLinked / r.markers).toBeGreaterThanOrEqual(0.99);
    expect(r.cer).toBeLessThanOrEqual(0.005);
  }, 240_000);
});
