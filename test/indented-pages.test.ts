// Indented, hyphenated and paged layouts (issue 8, lane s2-indent): the body resumes after a
// footnote block at the book's own first-line indent, a page's first line opens a paragraph
// only on its own evidence, running titles that repeat a chapter heading are furniture, and
// line-end hyphens inside compounds, elisions and before a marker are decided like any other.
// Text: sentences of corpus/003 wrapped by the independent renderer of scripts/structure/.
import { describe, expect, it } from 'vitest';
import { wrap } from '../scripts/structure/render-layouts.js';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { LineIndex } from '../src/text/lines.js';
import { classifyLines } from '../src/stages/2-layout/classify-lines.js';
import { bookVocabulary, decideGlue } from '../src/stages/4-unwrap/hyphenation.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';

const rules = loadRules();
const run = (text: string) => processDecoded(text, { path: 'x.txt', rules }).doc;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

// corpus/003, chapter 1 (the paragraphs as the book's clean output gives them)
const P = [
  "En février 2019, le groupe de travail sur la préparation du projet de stratégie de développement économique de la Communauté des États indépendants pour la période allant jusqu'à 2030 s'est réuni à Moscou et a \"approuvé le contenu des quatre premières sections du projet de stratégie\"1. La cinquième section devrait être discutée en avril 2019.",
  "Il convient de noter que la nécessité d'actualiser le concept a été discutée en septembre 2018 lors d'une réunion du Conseil des chefs d'État de la Communauté des États indépendants à Douchanbé, où il a également été déclaré que \"le potentiel de la CEI pour le développement de la coopération régionale n'est pas épuisé\".",
  'Les zones frontalières des États membres de la CEI ;',
  "La République du Bélarus a toujours plaidé en faveur du renforcement du potentiel économique de cette association de pays post-soviétiques et de l'élargissement de leurs liens commerciaux et productifs afin de consolider la dynamique positive observée dans la CEI : \"Le commerce mutuel au sein de la CEI continue de croître\"2. Au cours des sept premiers mois de 2018, la valeur du commerce mutuel a augmenté de 15 %.",
  "L'un des leviers efficaces pour résoudre les tâches fixées par le Commonwealth est l'intensification de la coopération interrégionale entre ses États membres, qui, au cours de l'existence de cette organisation internationale, est devenue un outil efficace de dialogue interétatique et une partie intégrante de l'interaction économique.",
];
const NOTES = [
  "1 Une réunion du groupe de travail sur la préparation d'un projet de stratégie s'est tenue à Moscou [Ressource électronique]. - 2019. - URL : http://www.e-cis.info/news.php?id=21302",
  "2 Sur les résultats de la réunion du Conseil des chefs d'État de la Communauté des États indépendants [Ressource électronique]. - 2018. - URL : http://www.e-cis.info/page.php?id=26493",
];
const lines = (p: string) => wrap(p, 62, '    ', false).map((l) => l.text);
const noteLines = (n: string) => wrap(n, 62, '', false).map((l) => l.text);

describe('indented paragraphs across pages', () => {
  // page 1: paragraphs 0-1 and the first lines of 3, its two footnotes after a rule; page 2 (after a
  // blank line) goes on with the rest of paragraph 3 unindented, then paragraph 4 indented
  const p3 = lines(P[3]!);
  const page1 = [...lines(P[0]!), ...lines(P[1]!), ...lines(P[2]!), ...p3.slice(0, 3), '', '____________', ...noteLines(NOTES[0]!), ...noteLines(NOTES[1]!)];
  const page2 = [...p3.slice(3), ...lines(P[4]!)];
  const text = [...page1, '', ...page2, ''].join('\n');
  const doc = run(text);
  const markerFree = (p: string) => norm(p.replace(/"(\d)\./g, '".').replace(/"(\d) /g, '" '));

  it('every paragraph comes back whole: the unindented page top goes on, the one-line paragraph stands alone', () => {
    expect(doc.blocks.map((b) => norm(b.text))).toEqual(P.map(markerFree));
  });

  it('the footnote block ends where the page ends: both footnotes exact, no body text in them', () => {
    expect(doc.footnotes.map((f) => `${f.n} ${norm(f.text)}`)).toEqual(NOTES);
    expect(doc.blocks.flatMap((b) => b.notes.map((n) => n.n))).toEqual([1, 2]);
  });

  it('the page-break decision is an audit entry with the indent evidence, and the original is rebuilt', () => {
    const rejoin = doc.audit.find((a) => a.rule === 'footnotes/rejoin-page-break');
    expect(rejoin?.evidence).toMatchObject({ decision: 'continues-after-page-break', boundary: 'not-indented' });
    expect(reconstruct(doc)).toBe(text);
  });

  it('a page that ends without footnotes: the blank line before an unindented full line is a page break, a title between blank lines is not', () => {
    const pages = [...lines(P[0]!), ...lines(P[1]!).slice(0, 3), '', ...lines(P[1]!).slice(3), '', 'Communauté des États indépendants : la clé du succès réside', 'dans une coopération innovante', '', ...lines(P[4]!), ''];
    const d = run(pages.join('\n'));
    // (no footnotes here: the digits after the quote are text)
    expect(d.blocks.map((b) => norm(b.text))).toEqual([P[0], P[1], 'Communauté des États indépendants : la clé du succès réside dans une coopération innovante', P[4]]);
  });
});

describe('line-end hyphens inside compounds, elisions and before markers', () => {
  const vocab = bookVocabulary('La Russie et le Kazakhstan. Lorsque le commerce augmente.');
  it.each([
    ["l'espace post-sovié-", 'tique. Ce faisant', 'layout/dehyphenate'],
    ['les rencontres Rus-', 'sie-Arménie et', 'layout/dehyphenate'],
    ['plus puis-', "qu'ils ne font", 'layout/dehyphenate'],
    ['des ventes de trac-', 'teurs66. Les parties', 'layout/dehyphenate'],
    ['électronique] [Res-', 'source électronique]', 'layout/dehyphenate'],
    ['les relations russo-', 'biélorusses', 'layout/join-compound'],
  ])('%s / %s → %s', (left, right, rule) => {
    expect(decideGlue(left, right, vocab, rules.layout.hyphenPrefixes).rule).toBe(rule);
  });

  it('inside a URL the hyphen stays unless the book writes the joined word and never the hyphenated one', () => {
    const book = bookVocabulary('Voir https://www.belta.by/ et https://www.belta.by/economics.');
    expect(decideGlue('URL : https://www.bel-', 'ta.by/economics', book, rules.layout.hyphenPrefixes).rule).toBe('layout/dehyphenate');
    expect(decideGlue('URL : https://www.belta.by/velikij-', 'kamen-2019', book, rules.layout.hyphenPrefixes).rule).toBe('layout/join-compound');
  });
});

describe('a chapter heading repeated as a running title', () => {
  it('is furniture at each page top; the heading itself stays', () => {
    const out: string[] = ['CHAPITRE 1', '', ''];
    for (let p = 1; p <= 5; p++) {
      if (p > 1) out.push('CHAPITRE 1', '');
      for (let k = 0; k < 30; k++) out.push(`Ligne ${'abcdefghij'[(p * 31 + k) % 10]}${p}${k} du texte courant de la page, avec des mots`);
      out.push('', `— ${p} —`, '');
    }
    const cls = classifyLines(new LineIndex(out.join('\n')).lines, rules.layout);
    const chapter = cls.filter((l) => l.t === 'CHAPITRE 1');
    expect(chapter.map((l) => l.cls)).toEqual(['chapter', 'furniture', 'furniture', 'furniture', 'furniture']);
  });
});
