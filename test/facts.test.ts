/** Facts from real sentences cut from the books, plus the loader's refusals. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { extractFacts, loadFactRules, type FactDraft } from '../src/stages/7-facts/index.js';

const root = join(import.meta.dirname, '..');
const rules = loadFactRules(join(root, 'rules'));
const fixtures = join(import.meta.dirname, 'fixtures', 'facts');

function facts(text: string, type?: string): FactDraft[] {
  return extractFacts([{ id: 'b1', kind: 'paragraph', text }], rules).filter((f) => !type || f.type === type);
}
const pick = (f: FactDraft): Record<string, unknown> => {
  const { block: _b, start: _s, end: _e, rule: _r, ...rest } = f as FactDraft & Record<string, unknown>;
  return rest;
};

describe('facts from book sentences', () => {
  it('003:44→61 bracketed year, amount, percent', () => {
    const t = "L'année dernière [2017], les échanges ont totalisé 164 milliards de dollars, soit une augmentation de 25 %";
    expect(facts(t).map(pick)).toEqual([
      { type: 'date', text: '[2017]', value: '2017', qualifier: null, inferred: false },
      { type: 'money', text: '164 milliards de dollars', value: 164e9, currency: 'USD', qualifier: null },
      { type: 'percent', text: '25 %', value: 25, qualifier: null },
    ]);
  });
  it('004:124 range of money is two facts', () => {
    const t = 'a plus que quadruplé, passant de 215 à 870 millions de dollars';
    expect(facts(t, 'money').map(pick)).toEqual([
      { type: 'money', text: '215', value: 215e6, currency: 'USD', qualifier: null },
      { type: 'money', text: '870 millions de dollars', value: 870e6, currency: 'USD', qualifier: null },
    ]);
  });
  it('002:229 uppercase duplicate', () => {
    expect(facts("EST ESTIMÉ À 12,2 MILLIONS D'USD EN 2020", 'money').map(pick)).toEqual([
      { type: 'money', text: "12,2 MILLIONS D'USD", value: 12.2e6, currency: 'USD', qualifier: null },
    ]);
  });
  it('000:2059 prefixed Br', () => {
    expect(facts('industriels des résidents - 1,7 fois (Br95,4 millions), l\'exportation', 'money').map(pick)).toEqual([
      { type: 'money', text: 'Br95,4 millions', value: 95.4e6, currency: 'BYN', qualifier: null },
    ]);
  });
  it('000:378 billions de yuans and the dollar equivalent', () => {
    expect(facts('5,43 billions de yuans (environ 779 milliards de dollars)', 'money').map(pick)).toEqual([
      { type: 'money', text: '5,43 billions de yuans', value: 5.43e12, currency: 'CNY', qualifier: null },
      { type: 'money', text: '779 milliards de dollars', value: 779e9, currency: 'USD', qualifier: 'about' },
    ]);
  });
  it('002:113 janvier-février 2021 and 11,9%', () => {
    const f = facts("en janvier-février 2021 a été de 5,3 milliards de dollars, ayant augmenté de 11,9% par rapport à la même période en 2020");
    expect(f.filter((x) => x.type === 'date').map((x) => (x as { value: string }).value)).toEqual(['2021-01/2021-02', '2020']);
    expect(f.filter((x) => x.type === 'percent').map((x) => (x as { value: number }).value)).toEqual([11.9]);
  });
  it('003:61 les sept premiers mois de 2018', () => {
    expect(facts('Au cours des sept premiers mois de 2018, le commerce', 'date').map(pick)).toEqual([
      { type: 'date', text: 'sept premiers mois de 2018', value: '2018-01/2018-07', qualifier: null, inferred: false },
    ]);
  });
  it('a month without year takes the previous explicit year, also from an earlier block', () => {
    const out = extractFacts(
      [
        { id: 'b1', kind: 'paragraph', text: 'En 2019, les échanges ont progressé.' },
        { id: 'b2', kind: 'toc', text: 'Chapitre 2022' },
        { id: 'b3', kind: 'paragraph', text: 'Fin octobre, un accord a été signé.' },
      ],
      rules,
    ).filter((f) => f.type === 'date');
    expect(out.map((f) => [f.block, (f as { value: string }).value, (f as { inferred: boolean }).inferred, (f as { qualifier: unknown }).qualifier])).toEqual([
      ['b1', '2019', false, null],
      ['b3', '2019-10', true, 'end'],
    ]);
  });
  it('003:8926 Belarus 322.1 is a tractor, not the country', () => {
    const f = facts('assemblées en Géorgie : Belarus 322.1, Belarus 321, Belarus 311 et Belarus 622 tracteurs', 'counterparty');
    expect(f.map((x) => (x as { name: string }).name)).toEqual(['Géorgie']);
  });
  it('spelling variants fold to one canonical name', () => {
    const f = facts('Le Belarus, la Biélorussie, la République du Belarus, le parc Veliky Kamen, "Velikiy Kamen" et la Grande Pierre.', 'counterparty');
    expect([...new Set(f.map((x) => (x as { name: string }).name))]).toEqual(['Bélarus', 'Great Stone']);
  });
  it('years inside names are not dates', () => {
    expect(facts('le programme Géorgie 2020, la norme Euro-5 et la COVID-19', 'date')).toEqual([]);
  });
  it('offsets point into the block text', () => {
    const t = 'Selon MAZ-Veichai LLC, près de 38 millions de dollars en mars 2023 dans la région de Koursk.';
    for (const f of facts(t)) expect(t.slice(f.start, f.end)).toBe(f.text);
  });
});

describe('rule loading', () => {
  it('refuses a catastrophic pattern with file:line:col', () => {
    expect(() => loadFactRules(join(fixtures, 'redos'))).toThrow(/redos[\\/]money[\\/]bad\.yaml:4:14: unsafe pattern: nested quantifier/);
  });
  it('reports a broken rule file with file:line:col', () => {
    expect(() => loadFactRules(join(fixtures, 'broken'))).toThrow(/broken[\\/]percent[\\/]bad\.yaml:3:5: rules\.0: missing required property "examples"|bad\.yaml:\d+:\d+: /);
  });
  it('importing the extractor writes nothing to stdout (natural is imported by module, not by root)', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', "await import('./src/stages/7-facts/index.ts').then((m) => m.extractFacts([{ id: 'b', kind: 'paragraph', text: 'Velikiy Kamen et la région de Moguilev' }], m.loadFactRules('rules')))"],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('prefilter (anchors, windows, sticky starts)', () => {
  // the same rules with every shortcut off: each pattern scans the whole block
  const plain = {
    ...rules,
    rules: rules.rules.map((r) => ({ ...r, anchorIds: undefined, sticky: undefined })),
  } as typeof rules;
  const texts = [
    "Les principaux consommateurs sont les entreprises des régions de Koursk, Moscou, Saint-Pétersbourg, Nijni Novgorod et Iaroslavl, de la République du Bachkortostan. En 2020, les ventes ont augmenté de 163 % et dépassé deux millions et demi de dollars.",
    "Au cours des sept premiers mois de 2018, le commerce avec la république populaire de Chine a atteint 5,43 billions de yuans (environ 779 milliards de dollars) ; à la fin de l'année 2020, entre 2005 et 2010, de janvier à novembre 2019.",
    "La SARL \"Trading House \"Minsk Motor Plant\"\" à Noginsk, MAZ-Veichai LLC, le ministère de l'Agriculture et de l'Alimentation, la province chinoise de Hainan et l'union douanière. Mogilevliftmash a livré 58 mille tonnes [2017].",
    'LA VALEUR DE LA RÉGION EST ESTIMÉE À 12,2 MILLIONS D\'USD EN 2020, Br95,4 millions, 70 pour cent, 60 000 mètres carrés.',
  ];
  it.each(texts.map((t, i) => [i, t] as const))('text %i gives the same facts as a whole-block scan', (_i, text) => {
    const block = [{ id: 'b1', kind: 'paragraph' as const, text }];
    expect(extractFacts(block, rules)).toEqual(extractFacts(block, plain));
  });
});
