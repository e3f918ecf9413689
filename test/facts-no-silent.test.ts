/**
 * No silent wrong values (issue 9):
 *  - every money, percent, quantity or date fact that does not say it took something from
 *    its context (`inferred`) gives the same value when its own text is parsed alone — on the
 *    four books (paragraphs of the raw text, read as one document) and on the external set;
 *  - phrases whose currency the text does not settle come out ambiguous, with candidates,
 *    never with a default currency;
 *  - phrases that name no absolute date (relative dates, dates without a year, ambiguous
 *    centuries) give no date value.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFacts, loadFactRules, type FactBlock, type FactDraft } from '../src/stages/7-facts/index.js';
import { loadExternalSet } from '../scripts/facts-external.js';

const root = join(import.meta.dirname, '..');
const rules = loadFactRules(join(root, 'rules'));
const VALUE = new Set(['money', 'percent', 'quantity', 'date']);
type F = FactDraft & Record<string, unknown>;

const alone = (text: string): F[] => extractFacts([{ id: 'b1', kind: 'paragraph', text }], rules) as F[];
const key = (f: F): string => JSON.stringify([f.type, f.value, f.currency ?? null, f.unit ?? null, f.ambiguous ?? false]);

/** facts of the document that claim a context-free value but read differently alone */
function silentChanges(blocks: FactBlock[]): { fact: F; alone: F[] }[] {
  const bad: { fact: F; alone: F[] }[] = [];
  for (const f of extractFacts(blocks, rules) as F[]) {
    if (!VALUE.has(f.type) || f.inferred) continue;
    const got = alone(f.text).filter((g) => g.type === f.type);
    if (!got.some((g) => g.start === 0 && g.end === f.text.length && key(g) === key(f))) bad.push({ fact: f, alone: got });
  }
  return bad;
}

const books = readdirSync(join(root, 'corpus')).filter((n) => n.endsWith('.txt')).sort();

describe('a value that does not depend on its context is the same when its text is read alone', () => {
  it.each(books)('%s', (book) => {
    const text = readFileSync(join(root, 'corpus', book), 'utf8');
    const blocks: FactBlock[] = text
      .split(/\r?\n[ \t]*\r?\n/)
      .map((p, i) => ({ id: `b${i}`, kind: 'paragraph' as const, text: p.replace(/\s*\r?\n\s*/g, ' ').trim() }))
      .filter((b) => b.text);
    const facts = extractFacts(blocks, rules).filter((f) => VALUE.has(f.type));
    expect(facts.length).toBeGreaterThan(100);
    const bad = silentChanges(blocks);
    expect(bad.map((b) => `${b.fact.text} → ${key(b.fact)} alone: ${b.alone.map(key).join(' ')}`)).toEqual([]);
  });

  it('the external and held-out sets, every case as one document', () => {
    const sets = ['facts-external', 'facts-heldout'].flatMap((d) => loadExternalSet(join(root, 'test', 'fixtures', d)));
    const bad = sets.flatMap((c) =>
      silentChanges([{ id: 'b1', kind: 'paragraph', text: c.text }]),
    );
    expect(bad.map((b) => `${b.fact.text} → ${key(b.fact)}`)).toEqual([]);
  });

  it('a fact that took its currency or unit from context says so', () => {
    const f = alone('Le contrat prévoit 40 millions de dollars américains, puis de 10 à 15 millions de dollars.');
    const money = f.filter((x) => x.type === 'money');
    expect(money.map((x) => [x.text, x.value, x.currency, x.inferred ?? false])).toEqual([
      ['40 millions de dollars américains', 40e6, 'USD', false],
      ['10', 10e6, 'USD', true],
      ['15 millions de dollars', 15e6, 'USD', true],
    ]);
  });
});

/** currency forms the text alone does not settle, with a candidate each must list */
const AMBIGUOUS: [string, string][] = [
  ['Le projet coûtera 125 millions de dollars.', 'AUD'],
  ['Le Canada a versé 40 millions de dollars.', 'CAD'],
  ['Un prix de 10.000 $.', 'USD'],
  ['Une prime de 10K$ par recrue.', 'CAD'],
  ['Une dette de 500 millions de roubles.', 'BYN'],
  ['En 1995, la commune a versé 40 000 francs.', 'FRF'],
  ['Un salaire de 5 000 francs CFA.', 'XAF'],
  ['Le billet coûte 300 couronnes.', 'SEK'],
  ['Un salaire de 20 000 pesos.', 'MXN'],
  ['Une taxe de 500 dinars.', 'TND'],
  ['Le loyer est de 2 000 dirhams.', 'MAD'],
  ['Une aide de 3 millions de roupies.', 'PKR'],
  ['Le repas coûte 40 000 rials.', 'IRR'],
  ['La course coûte 15 000 ¥.', 'CNY'],
  ['Le salaire mensuel est de 900 manats.', 'TMT'],
  ['Un salaire de 3 000 lei.', 'MDL'],
  ['Un budget de 5 milliards de wons.', 'KPW'],
];

describe('a currency the text does not settle is marked ambiguous, never defaulted', () => {
  it.each(AMBIGUOUS)('%s', (text, candidate) => {
    const money = alone(text).filter((f) => f.type === 'money');
    expect(money).toHaveLength(1);
    expect(money[0]).toMatchObject({ currency: null, ambiguous: true });
    expect(money[0]!.candidates).toContain(candidate);
  });

  it('is settled only when the document names exactly one candidate', () => {
    const one = alone('Le prêt de 30 millions USD a été suivi de 12 millions de dollars.').filter((f) => f.type === 'money');
    expect(one.map((f) => [f.currency, f.inferred ?? false])).toEqual([['USD', false], ['USD', true]]);
    const two = alone('Il a reçu 30 millions USD et 5 millions CAD, puis 12 millions de dollars.').filter((f) => f.type === 'money');
    expect(two.at(-1)).toMatchObject({ currency: null, ambiguous: true });
  });
});

describe('no absolute date from a phrase that does not name one', () => {
  it.each([
    "L'année dernière, les ventes ont baissé.",
    'En mars, les prix ont augmenté.',
    'Au premier trimestre, les ventes ont reculé.',
    'Le contrat signé le 12/03/15 a été résilié.',
    'Les années 20 ont été folles.',
    'Au S1, les ventes ont progressé.',
    'Le score final est de 12/03 après prolongations.',
    'Le modèle Peugeot 2008 est fabriqué en Espagne.',
    'La directive 2009/28/CE promeut les renouvelables.',
  ])('%s', (text) => {
    expect(alone(text).filter((f) => f.type === 'date')).toEqual([]);
  });
});
