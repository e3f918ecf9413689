// Paragraph boundaries and line-end hyphens in conventions the four books do not use:
// hand-written fixtures with their exact expected output, text re-wrapped by an
// independent renderer (test/support/rewrap.ts, French TeX hyphenation patterns), and
// the calibration read back from renderings of known shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { boundariesOf, calibrate, decide } from '../src/stages/4-unwrap/paragraph-breaks.js';
import { cleanText } from '../src/write/clean-text.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import { CONVENTIONS, onePerLine, render, score, truthParagraphs, type Convention } from './support/rewrap.js';

const rules = loadRules();
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'layouts', name), 'utf8');
const run = (text: string) => processDecoded(text, { path: 'x.txt', rules }).doc;
const body = (text: string) => cleanText(run(text)).split('\n---\n')[0]!.split('\n');

describe('fixtures: one convention each, exact output', () => {
  it('paragraphs marked only by a first-line indent, 62 columns, no trailing spaces', () => {
    const text = fixture('indented-62.txt');
    expect(body(text)).toEqual([
      "Le commerce entre le Belarus et la Chine a atteint cinq milliards de dollars en 2021, selon les données officielles publiées au début de l'année suivante par le ministère de l'économie. Les deux parties prévoient de doubler ce chiffre.",
      "En mars 2022, les deux pays ont signé un accord sur la création d'un centre logistique près de Minsk, qui devrait employer plus de trois cents personnes d'ici la fin de 2024.",
      "Par ailleurs, la région de Gomel a conclu un accord avec la province du Heilongjiang sur l'agriculture.",
      "La coopération dans l'éducation se développe aussi : des programmes d'enseignement conjoints ont été créés dans des domaines tels que la chimie, la mécanique et l'informatique. Les universités échangent chaque année des étudiants.",
      'Le parc industriel a accueilli son centième résident.',
    ]);
    expect(reconstruct(run(text))).toBe(text);
  });

  it('double-spaced, paragraphs ended by a short sentence-final line (no extra blank line)', () => {
    const text = fixture('double-spaced-short-ends.txt');
    const doc = run(text);
    expect(doc.source.layout).toBe('double-spaced');
    expect(body(text)).toEqual([
      "Le commerce entre le Belarus et la Chine a atteint cinq milliards de dollars en 2021, selon les données officielles publiées au début de l'année suivante.",
      "En mars 2022, les deux pays ont signé un accord sur la création d'un centre logistique près de Minsk, qui devrait employer plus de trois cents personnes d'ici la fin de 2024 et traiter des milliers de conteneurs chaque année.",
      'Par ailleurs, la région de Gomel a conclu un accord avec la province du Heilongjiang.',
      "Ce document a défini les principes de base de la coopération interrégionale et transfrontalière dans la Communauté des États indépendants : respect mutuel de la souveraineté des États membres.",
      'Il convient de rappeler que ce concept a été adopté en 2004.',
      'Son émergence a été dictée par la formation de nouveaux États indépendants.',
    ]);
    expect(reconstruct(doc)).toBe(text);
  });

  it('syllabic hyphens: split words joined (proper nouns and foreign words too), compounds kept', () => {
    const text = fixture('syllabic-hyphens.txt');
    const doc = run(text);
    expect(body(text)).toEqual([
      "Les exportations biélorusses vers le Venezuela ont progressé en 2021 : le ministère a confirmé que les livraisons vers le Venezuela de tracteurs et de camions ont doublé, et une usine d'assemblage a ouvert près de Iaroslavl. La région de Iaroslavl accueille aussi la société China Merchants Mining, qui extrait du minerai pour les partenaires biélorusses. La coopération sino-biélorusse concerne également les semi-conducteurs et la micro-électronique, avec des investissements considérables dans le développement des infrastructures logistiques.",
    ]);
    // every hyphen decision is in the audit with its evidence; the one nothing settles is flagged
    const hyphens = doc.audit.filter((a) => a.evidence?.left !== undefined);
    expect(hyphens.map((a) => `${a.evidence!.left}/${a.evidence!.right}`)).toEqual([
      'Vene/zuela', 'as/semblage', 'Iaro/slavl', 'Mi/ning', 'biélo/russes', 'sino/biélorusse', 'semi/conducteurs', 'investisse/ments', 'infrastruc/tures',
    ]);
    expect(hyphens.filter((a) => a.rule === 'layout/join-compound').map((a) => a.evidence!.left)).toEqual(['sino', 'semi']);
    const uncertain = hyphens.filter((a) => a.uncertain).map((a) => `${a.evidence!.left}/${a.evidence!.right}`);
    expect(uncertain).toContain('Mi/ning');
    expect(uncertain).toContain('sino/biélorusse');
    // `Vene` / `zuela` is settled by `Venezuela` written elsewhere in the book
    expect(hyphens.find((a) => a.evidence!.left === 'Vene')).toMatchObject({ rule: 'layout/dehyphenate', evidence: { inBook: { joined: 1 } } });
    expect(hyphens.find((a) => a.evidence!.left === 'Vene')!.uncertain).toBeUndefined();
    expect(reconstruct(doc)).toBe(text);
  });

  it('a word hyphenated across a footnote block is re-joined, the footnote taken out', () => {
    const text = fixture('hyphen-across-footnotes.txt');
    const doc = run(text);
    expect(cleanText(doc).split('\n')).toEqual([
      "Le commerce entre le Belarus et la Chine a atteint cinq milliards de dollars en 2021, selon les données publiées par le ministère de l'économie. Les deux parties prévoient de doubler ce chiffre d'ici à 2025, grâce au parc industriel \"Great Stone\"[^1] et à ses nombreux résidents.",
      "Par ailleurs, la région de Gomel a conclu un accord avec la province du Heilongjiang sur l'agriculture et la transformation du bois.",
      '---',
      '[^1]: Statistiques du commerce extérieur [Ressource électronique]. - 2022. - URL : https://www.belta.by/economics/view/commerce-2022/',
      '',
    ]);
    expect(reconstruct(doc)).toBe(text);
  });
});

describe('a word hyphenated across a page break', () => {
  it('double-spaced, separator line, footnotes, space-led continuation: the word comes back whole', () => {
    const text = fixture('double-spaced-page-break.txt');
    const doc = run(text);
    expect(cleanText(doc).split('\n')).toEqual([
      "Le commerce entre le Belarus et la Chine a atteint cinq milliards de dollars en 2021, selon les données publiées par le ministère biélorusse de l'économie. Les deux parties prévoient de doubler ce chiffre d'ici à 2025, grâce au parc industriel \"Great Stone\"[^1] et à ses nombreux résidents venus de Chine.",
      'Par ailleurs, la région de Gomel a conclu un accord avec la province du Heilongjiang.',
      '---',
      '[^1]: Statistiques du commerce extérieur [Ressource électronique]. - 2022. - URL : https://www.belta.by/economics/view/commerce-2022/',
      '',
    ]);
    expect(doc.audit.find((a) => a.rule === 'layout/dehyphenate' && a.evidence?.left === 'écono')).toMatchObject({ evidence: { lexicon: 'économie' } });
    // the page-break decision is in the audit with its evidence too
    expect(doc.audit.find((a) => a.rule === 'footnotes/rejoin-page-break' && a.evidence)).toMatchObject({ evidence: { decision: 'continues-after-page-break', endsWithHyphen: true } });
    expect(reconstruct(doc)).toBe(text);
  });
});

describe('boundary decisions in the audit', () => {
  it('every break and every join of a wrapped text is an audit entry with the evidence it used', () => {
    const text = fixture('double-spaced-short-ends.txt');
    const doc = run(text);
    const breaks = doc.audit.filter((a) => a.rule === 'layout/paragraph-break');
    const joins = doc.audit.filter((a) => a.rule === 'layout/join-wrap');
    // 12 lines in 6 paragraphs: 5 breaks, 6 joins
    expect(breaks.length).toBe(5);
    expect(joins.length).toBe(6);
    for (const a of [...breaks, ...joins]) {
      expect(a.evidence).toMatchObject({ wrapGap: 1, gap: 1 });
      expect(typeof a.evidence!.lineLength).toBe('number');
      expect(typeof a.evidence!.fitLimit).toBe('number');
      expect(typeof a.evidence!.endsSentence).toBe('boolean');
    }
    // each break sits at the end of a paragraph's last line
    for (const a of breaks) expect(a.from).toBe(a.to);
    expect(breaks.every((a) => a.evidence!.endsSentence === true)).toBe(true);
  });

  it('a full line ending a sentence before a capital, with no other mark, is decided by the book\'s paragraph openers and flagged uncertain', () => {
    const params = calibrate(boundariesOf(render(truthParagraphs(process.cwd()).slice(0, 60), CONVENTIONS.find((c) => c.name.startsWith('no mark'))!).text));
    expect(params.openers.paragraphTotal).toBeGreaterThan(10);
    expect(params.openers.insideTotal).toBeGreaterThan(params.openers.paragraphTotal);
    const full = 'x'.repeat(params.fitLimit - 8) + ' fin.';
    const at = (next: string) => decide(params, { line: { text: full, lead: 0, trailing: false }, next: { text: next, lead: 0, trailing: false }, gap: params.wrapGap }, 500);
    for (const next of ['Le reste suit', 'Il convient de noter', 'Par ailleurs, la région']) {
      const d = at(next);
      expect(d.uncertain).toBe(true);
      expect(d.evidence.opener).toBeDefined();
      expect(d.decision).toBe(d.evidence.openerRatio! * params.fullLineEndOdds > 1 ? 'break' : 'join');
    }
    // a sentence that ends on an initial (`A.` / `Lukashenka`) is no sentence end at all
    const initial = decide(params, { line: { text: 'x'.repeat(40) + ' A.', lead: 0, trailing: false }, next: { text: 'Lukashenka a signé', lead: 0, trailing: false }, gap: params.wrapGap }, 500);
    expect(initial.evidence.endsSentence).toBe(false);
    const short = decide(params, { line: { text: 'fin.', lead: 0, trailing: false }, next: { text: 'Le reste', lead: 0, trailing: false }, gap: params.wrapGap }, 500);
    expect(short).toMatchObject({ decision: 'break', reason: 'short-last-line' });
    expect(short.uncertain).toBeUndefined();
  });
});

describe('calibration reads the convention from the text itself', () => {
  const paragraphs = truthParagraphs(process.cwd()).slice(0, 40);
  it('wrap width, blank-line rhythm, trailing spaces and indent come back from renderings of any width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 45, max: 110 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(0, 1),
        (width, trailing, indent, lineGap) => {
          const c: Convention = { name: 'p', width, trailing, indent, lineGap, paragraphGap: 0, hyphenate: false };
          const p = calibrate(boundariesOf(render(paragraphs, c).text));
          expect(p.wrapGap).toBe(lineGap);
          expect(p.wrapWidth).toBeLessThanOrEqual(width);
          expect(p.wrapWidth).toBeGreaterThanOrEqual(width - 4);
          expect(p.trailingMarksWrap).toBe(trailing);
          expect(p.indentMarksParagraph).toBe(indent > 0);
          if (indent > 0) expect(p.indent).toBe(indent);
        },
      ),
      { numRuns: 25, seed: 8 },
    );
  });
});

describe('re-wrapped text (independent renderer, French syllabic hyphenation)', () => {
  const all = truthParagraphs(process.cwd());
  const sets = [0, 1].map((k) => all.filter((_, i) => i % 2 === k));
  const expected = sets.map((ps) => run(onePerLine(ps)).blocks.map((b) => b.text));

  it('has enough truth to measure', () => {
    expect(all.length).toBeGreaterThanOrEqual(100);
    sets.forEach((ps, k) => expect(expected[k]!.length).toBe(ps.length));
  });

  for (const c of CONVENTIONS) {
    // with no mark but the short last line, a paragraph that ends on a full line cannot be told
    // from a wrap (it is joined and flagged uncertain): a floor is checked there, not the target
    const marked = !c.name.startsWith('no mark') && !c.name.includes('no mark');
    it(`${c.name}: paragraphs exact ≥ ${marked ? '98' : '75'} %, splits joined ≥ 98 %, compounds kept, nothing lost`, () => {
      let n = 0;
      let exact = 0;
      let splits = 0;
      let joined = 0;
      let compounds = 0;
      let kept = 0;
      sets.forEach((ps, k) => {
        const r = render(ps, c);
        const doc = run(r.text);
        expect(reconstruct(doc)).toBe(r.text);
        const s = score(r, doc.blocks.map((b) => b.text), expected[k]);
        n += s.paragraphs;
        exact += s.exact;
        splits += s.splits;
        joined += s.joined;
        compounds += s.compounds;
        kept += s.compoundsKept;
      });
      expect(exact / n).toBeGreaterThanOrEqual(marked ? 0.98 : 0.75);
      if (c.hyphenate) {
        expect(splits).toBeGreaterThan(100);
        expect(joined / splits).toBeGreaterThanOrEqual(0.98);
      }
      if (compounds > 0) expect(kept / compounds).toBeGreaterThanOrEqual(marked ? 0.85 : 0.6);
    });
  }
});

describe('corpus/003 (double-spaced, no mark but line lengths): hand-read paragraph starts', () => {
  it('lines 1-1500: at least 90 % of the 63 blocks come out exactly (41 % before per-book calibration)', () => {
    const f = join(process.cwd(), 'corpus', '003_061996c0357b2964.txt');
    const doc = run(readFileSync(f, 'utf8'));
    const starts = new Set(doc.blocks.map((b) => b.source[0]!.start.line));
    const gold = fixture('../paragraph-starts/003-lines-1-1500.txt')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => Number(l.split('\t')[0]));
    expect(gold.length).toBe(63);
    let exact = 0;
    gold.forEach((g, i) => {
      const next = gold[i + 1] ?? 1500;
      const inside = [...starts].some((s) => s > g && s < next);
      if (starts.has(g) && !inside && (i + 1 === gold.length || starts.has(next))) exact++;
    });
    expect(exact / gold.length).toBeGreaterThanOrEqual(0.9);
  });
});
