// Leave-one-book-out for paragraph boundaries (issue 8): what is carried over from other
// books (the sentence openers that open paragraphs) and what stays measured in the book
// itself (how it wraps), on the four real books.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateParagraphs, processDecoded } from '../src/pipeline.js';
import { calibrateText } from '../src/stages/4-unwrap/paragraph-breaks.js';
import { withPriors } from '../src/stages/4-unwrap/paragraph-priors.js';
import { goesOnInLowerCase } from '../src/stages/4-unwrap/assemble-blocks.js';

const BOOKS = ['000_0fdbcb2e0c620327.txt', '002_6350e2ab5efabf7e.txt', '003_061996c0357b2964.txt', '004_c91a1da01ef0a3e1.txt'];
const text = (f: string) => readFileSync(join(process.cwd(), 'corpus', f), 'utf8');

describe('paragraph priors (calibrateParagraphs)', () => {
  it('counts the openers of the training books only, summed', () => {
    const [a, b] = [text(BOOKS[0]!), text(BOOKS[2]!)];
    const priors = calibrateParagraphs([a, b]);
    const [pa, pb] = [calibrateText(a).openers, calibrateText(b).openers];
    expect(priors.texts).toBe(2);
    expect(priors.openers.paragraphTotal).toBe(pa.paragraphTotal + pb.paragraphTotal);
    expect(priors.openers.insideTotal).toBe(pa.insideTotal + pb.insideTotal);
    for (const k of Object.keys(pa.paragraph)) expect(priors.openers.paragraph[k]).toBe((pa.paragraph[k] ?? 0) + (pb.paragraph[k] ?? 0));
    expect(priors.openers.paragraphTotal).toBeGreaterThan(0);
  });

  it('leaves every layout measurement of the book as the book measures it', () => {
    for (const f of BOOKS) {
      const own = calibrateText(text(f));
      const pooled = withPriors(own, calibrateParagraphs(BOOKS.filter((o) => o !== f).map(text)));
      const { openers: _o, ...layout } = own;
      const { openers: po, ...pooledLayout } = pooled;
      expect(pooledLayout).toEqual(layout);
      expect(po.paragraphTotal).toBeGreaterThan(own.openers.paragraphTotal);
    }
  });

  it('no priors: the run is the plain per-book run', () => {
    const t = text(BOOKS[0]!).slice(0, 60_000);
    const plain = processDecoded(t, { path: 'corpus/x.txt' }).doc;
    const none = processDecoded(t, { path: 'corpus/x.txt', paragraphParams: calibrateParagraphs([]) }).doc;
    expect(none.blocks.map((b) => b.text)).toEqual(plain.blocks.map((b) => b.text));
  });
});

describe('one paragraph per line: a line cut in two', () => {
  it('goes on in lower case after no sentence end (002, a page break that left no trace)', () => {
    expect(goesOnInLowerCase('… la production de biens industriels comme étant les', 'domaines les plus prometteurs pour le développement')).toBe(true);
  });
  it('not after a sentence end, a colon, or before a capital or a lettered item', () => {
    expect(goesOnInLowerCase('… les régions russes de Smolensk, Bryansk et Pskov.', 'en particulier, la référence')).toBe(false);
    expect(goesOnInLowerCase('Biélorussie-Hongrie :', 'le chiffre d\'affaires du commerce montre la durabilité')).toBe(false);
    expect(goesOnInLowerCase('… comme étant les', 'Domaines')).toBe(false);
    expect(goesOnInLowerCase('… les objectifs suivants', 'b) protection et gestion conjointes des eaux')).toBe(false);
  });
});
