// Layouts none of the four books uses, written for these tests: the pipeline must read
// them from evidence (build for the patterns, not for the sample files).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { cleanText } from '../src/write/clean-text.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';

const rules = loadRules();
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'layouts', name), 'utf8');

describe('hard-wrapped, no trailing spaces, blank line between paragraphs, continuation not space-led', () => {
  const text = fixture('wrapped-no-trailing-space.txt');
  const doc = processDecoded(text, { path: 'x.txt', rules }).doc;

  it('joins wraps, keeps paragraphs, takes the footnote out and re-joins the page-cut paragraph', () => {
    expect(doc.source.layout).toBe('hard-wrapped');
    expect(cleanText(doc)).toBe(
      [
        "Le commerce entre le Belarus et la Chine a atteint 5 milliards de dollars en 2021, selon les données officielles publiées au début de l'année suivante par le ministère de l'économie.",
        'En mars 2022, les deux pays ont signé un accord sur la création d\'un centre logistique près de Minsk, qui devrait employer plus de 300 personnes d\'ici la fin de 2024 et traiter "des milliers de conteneurs"[^1]. Ce projet fait suite à plusieurs années de négociations entre les deux parties, qui ont toutes deux souligné l\'importance de la Route de la soie pour le développement de leurs échanges commerciaux.',
        "Par ailleurs, la région de Gomel a conclu en 2023 un accord avec la province du Heilongjiang sur l'agriculture et la transformation du bois.",
        '---',
        '[^1]: Accord de coopération logistique [Ressource électronique]. - 2022. - URL : https://www.belta.by/economics/view/logistika-123456-2022/',
        '',
      ].join('\n'),
    );
    expect(reconstruct(doc)).toBe(text);
  });
});

describe('converted document: paragraph per line, [N] markers and [N] notes at the end', () => {
  const text = fixture('bracket-notes.txt');
  const doc = processDecoded(text, { path: 'x.txt', rules }).doc;

  it('links [N] markers to [N] notes and keeps real numbers', () => {
    expect(cleanText(doc)).toBe(
      [
        'Le Belarus et la Chine ont signé en 2019 un accord sur le parc industriel "Great Stone"[^1]. Depuis, plus de 60 entreprises s\'y sont installées[^2], dont la société MAZ-Veichai LLC.',
        'En 2021, les exportations ont atteint 1,5 milliard de dollars, soit une hausse de 12,5 % par rapport à 2020[^3].',
        '---',
        '[^1]: Accord intergouvernemental [Ressource électronique]. - 2019. - URL : https://www.belta.by/economics/view/accord-2019/',
        '[^2]: Les résidents du parc [Ressource électronique]. - 2020. - URL : https://www.belta.by/economics/view/residents-2020/',
        '[^3]: Commerce extérieur du Belarus [Ressource électronique]. - 2021. - URL : https://www.belta.by/economics/view/commerce-2021/',
        '',
      ].join('\n'),
    );
    expect(doc.footnotes.map((f) => f.refs)).toEqual([['b1'], ['b1'], ['b2']]);
    expect(doc.facts.filter((f) => f.type === 'money').map((f) => (f as { value: number }).value)).toEqual([1_500_000_000]);
    expect(reconstruct(doc)).toBe(text);
  });
});
