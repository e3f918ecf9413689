/**
 * The anchor prefilter (anchors.ts) must never hide a match: digit runs, number words that
 * start a match near its anchor, whole-word lexicon forms, and the tail check of range starts.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { extractFacts, loadFactRules, type FactDraft } from '../src/stages/7-facts/index.js';
import { normaliseAnchors } from '../src/stages/7-facts/anchors.js';

const rules = loadFactRules(join(import.meta.dirname, '..', 'rules'));
const texts = (text: string, type: string): string[] =>
  extractFacts([{ id: 'b1', kind: 'paragraph', text }], rules)
    .filter((f: FactDraft) => f.type === type)
    .map((f) => f.text);

describe('anchor prefilter', () => {
  it('finds years at runs of digits only', () => {
    expect(texts('En 2021, puis en 2019 et 12019 ou 2020,5', 'date')).toEqual(['2021', '2019']);
  });
  it('tries amounts in digits or words near their currency, unit or sign', () => {
    expect(texts('deux millions de dollars et 3 200 USD', 'money')).toEqual(['deux millions de dollars', '3 200 USD']);
    expect(texts('une quarantaine d’hectares', 'quantity')).toEqual(['une quarantaine d’hectares']);
    expect(texts('soit 11,9% puis quinze pour cent', 'percent')).toEqual(['11,9%', 'quinze pour cent']);
  });
  it('a whole-word form does not match the start of a longer word', () => {
    expect(texts('Agrokombinat AG et agriculture Holding', 'counterparty')).toContain('Agrokombinat AG');
    expect(texts('un milliard de dollars, une centaine de tonnes', 'money')).toEqual(['un milliard de dollars']);
  });
  it('range starts are looked for only before à, et, - or –', () => {
    expect(texts('de 10 à 15 %, entre 3 et 4 %, de 5 15 %', 'percent')).toEqual(['10', '15 %', '3', '4 %', '15 %']);
  });
  it('normalises anchors: later pieces start words, a whole-word anchor subsumes nothing longer', () => {
    expect(normaliseAnchors([{ s: 'au cours du début de', word: true }])).toEqual([{ s: 'cours', word: true, whole: true }]);
    expect(normaliseAnchors([{ s: 'eur', word: true, whole: true }, { s: 'euros', word: true, whole: true }])).toEqual([
      { s: 'eur', word: true },
    ]);
  });
});
