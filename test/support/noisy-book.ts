/**
 * Noise generator for property-based tests and for the benchmark.
 *
 * A `CleanBook` is the truth (paragraph texts with footnote-marker offsets, footnote texts).
 * `renderNoisy` prints it the way the four real books are printed (see
 * /work/shared/docs/noise-catalog.md §1, §2.3, §3.3, §4.3, §5.3, §6, §8, §9.2):
 *
 * - `hard-wrapped` (like 000): body lines wrapped at ~75 chars, every non-final line of a paragraph
 *   ends with a trailing space, the last line of a paragraph has none. Page break = last body line of
 *   the page (no trailing space) + blank line + footnote block (`N Text`, lines ~120 chars, URLs broken
 *   at `-`/`/` or mid-token) + continuation line starting with ONE space. Markers `"12 .` / `word12 .`.
 * - `double-spaced` (like 003): the same wrapping, with a blank line after every body line; page break =
 *   blank + a line of 46 spaces + single-spaced footnote block + space-led continuation. Markers are glued
 *   to the START of the sentence they cite (`12Cela …`).
 * - `paragraph-per-line` (like 002): one paragraph per line, blank line between paragraphs; page break =
 *   the paragraph cut in two mid-sentence with the footnote paragraphs between the halves. Markers are
 *   Unicode superscripts (`"⁴.` / `word⁴.`).
 * - `markdown` (like 004): as paragraph-per-line, plus a `---` line before the footnotes, `<sup>4</sup>`
 *   markers, `## ` headings, URLs in `<…>`.
 *
 * Guarantees that keep the truth recoverable (they hold for every output, and the self-test checks
 * them with a small reference decoder):
 * - page breaks only fall inside a paragraph (never at a paragraph end) and never right after a
 *   line-final hyphen; every footnote of a page is printed at that page's break (or at the end of the book);
 * - no body line starts with a digit, except a paragraph whose first sentence carries a glued
 *   double-spaced marker (`5L'un …`); numbers such as `3 200` are never split across lines or pages;
 * - no footnote line except a footnote start matches /^\d+ /; URL noise never puts a space next to a digit;
 * - syllabic hyphenations are recorded in `wordSplits` in text order (`left` is printed as `left-`).
 *
 * Generated text never contains NBSP, curly quotes or guillemets (like the real books).
 */
import fc from 'fast-check';

export type NoisyLayout = 'hard-wrapped' | 'double-spaced' | 'paragraph-per-line' | 'markdown';
export const NOISY_LAYOUTS: readonly NoisyLayout[] = ['hard-wrapped', 'double-spaced', 'paragraph-per-line', 'markdown'];

export interface CleanNote {
  n: number;
  /** the marker sits at text[offset] (between text[offset-1] and text[offset]): after a closing quote or before the sentence-final period */
  offset: number;
}
export interface CleanParagraph {
  text: string;
  notes: CleanNote[];
  /** a heading (never carries notes, has no final period); rendered `## …` in markdown, as a one-line paragraph elsewhere */
  heading?: boolean;
}
export interface CleanFootnote {
  n: number;
  text: string;
}
export interface CleanBook {
  paragraphs: CleanParagraph[];
  footnotes: CleanFootnote[];
}
export interface WordSplit {
  /** printed as `left-` at a line end (the hyphen is not part of the word) */
  left: string;
  /** printed at the start of the next line */
  right: string;
}
export interface NoiseOptions {
  /** target width of body lines (hard-wrapped layouts); each line varies by ±5 */
  lineWidth: number;
  /** target width of footnote lines (hard-wrapped layouts); each line varies by ±10 */
  footnoteWidth: number;
  /** body lines per page (hard-wrapped layouts); each page varies by ±20 % */
  pageLines: number;
  /** body characters per page (paragraph layouts); each page varies by ±20 % */
  pageChars: number;
  /** print footnote blocks at page breaks (otherwise every footnote goes to the end of the book) */
  pageBreaks: boolean;
  /** break real compounds at their hyphen at a line end (`sino-` / `biélorusse`) or page cut */
  compoundBreaks: boolean;
  /** probability, per wrapped line end, of a syllabic hyphenation of a long word (`dévelop-` / `pement`); 0 = never (as in the real books) */
  syllabicHyphenation: number;
  /** break URLs across footnote lines (hard-wrapped layouts) */
  urlBreaks: boolean;
  /** insert spaces inside URLs, next to a `-` or `/` (`velikij -kamen- simvoliziruet`) */
  urlSpaces: boolean;
  /** print a stray page number line at some page breaks (the continuation then has no leading space) */
  pageNumbers: boolean;
  /** small layout-specific oddities of the real files: `" .` gaps (double-spaced), no blank line before a
   * marker-led paragraph (double-spaced), `<sup>1</sup> .` (markdown), `12_Text` footnote starts (paragraph-per-line) */
  quirks: boolean;
}
export interface NoisyBook {
  layout: NoisyLayout;
  text: string;
  truth: CleanBook;
  /** syllabic hyphenations inserted, in text order */
  wordSplits: WordSplit[];
  /** the noise settings actually used */
  noise: NoiseOptions;
}

export const DEFAULT_NOISE: NoiseOptions = {
  lineWidth: 75,
  footnoteWidth: 120,
  pageLines: 40,
  pageChars: 3000,
  pageBreaks: true,
  compoundBreaks: true,
  syllabicHyphenation: 0,
  urlBreaks: true,
  urlSpaces: true,
  pageNumbers: true,
  quirks: true,
};

// ---------------------------------------------------------------------------------------------
// Random numbers

/** Small fast seeded PRNG (mulberry32); returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ri = (rng: () => number, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pickR = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const at = <T>(xs: readonly T[], i: number): T => xs[((i % xs.length) + xs.length) % xs.length]!;

// ---------------------------------------------------------------------------------------------
// Vocabulary (real French words from the books, accented ones and real compounds included)

const OPENERS = [
  '', '', '', 'en 2021,', 'par ailleurs,', 'dans le même temps,', 'en outre,', 'il convient de noter que',
  'au cours des sept premiers mois de 2018,', 'c\'est pourquoi', 'à cet égard,', 'selon les statistiques,',
  'en février 2019,', 'au premier semestre 2021,', 'néanmoins,', 'ainsi,', 'de plus,', 'en effet,',
];
const SUBJECTS = [
  'la coopération', 'le parc industriel', 'la République du Bélarus', 'les entreprises biélorusses',
  'le chiffre d\'affaires du commerce extérieur', 'l\'économie nationale', 'la région de Minsk', 'le gouvernement',
  'les exportations', 'le partenariat stratégique', 'la Chine', 'le Kazakhstan', 'les investisseurs étrangers',
  'la Communauté des États indépendants', 'l\'usine de tracteurs', 'le commerce mutuel', 'la délégation chinoise',
  'les résidents de la Grande Pierre', 'l\'Union économique eurasienne', 'la région de Gomel', 'le ministère de l\'économie',
  'les régions frontalières', 'le volume des échanges', 'la société Gomselmash', 'le technoparc',
];
const VERBS = [
  'a atteint', 'représente', 'développe', 'a signé', 'prévoit', 'renforce', 'soutient', 'élargit', 'a présenté',
  'a accueilli', 'a doublé', 'modernise', 'finance', 'encourage', 'a approuvé', 'améliore', 'a inauguré',
];
const OBJECTS = [
  'un accord de coopération', 'la production de machines agricoles', 'les liens commerciaux', 'un nouveau projet d\'investissement',
  'les livraisons de produits laitiers', 'la compétitivité des économies nationales', 'un programme de développement',
  'les relations interrégionales', 'la modernisation des infrastructures', 'le potentiel d\'exportation',
  'une plateforme de coopération technologique', 'les contacts entre les universités', 'un centre logistique',
  'la coopération industrielle', 'les échanges culturels', 'la création d\'entreprises communes',
];
const COMPLEMENTS = [
  'dans le cadre de la coopération sino-biélorusse', 'dans l\'espace post-soviétique', 'avec les partenaires de Saint-Pétersbourg',
  'dans le domaine socio-économique', 'au sein de la zone de libre-échange', 'du complexe agro-industriel',
  'entre la Chine et le Bélarus', 'dans la région d\'Asie-Pacifique', 'sur la Ceinture et la Route', 'au nord-ouest de Pékin',
  'pour les machines-outils', 'dans le secteur d\'import-export', 'avec le vice-premier ministre', 'sur le marché russe',
  'grâce aux accords-cadres', 'pour les moissonneuses-batteuses', 'dans le parc industriel Chine-Belarus',
  'dans le sous-parc d\'entreprises', 'avec les mesures anti-épidémiques', 'dans le secteur post-industriel',
  'entre les régions frontalières', 'dans le domaine de l\'innovation', 'pour les pays en développement',
];
const SPEAKERS = [
  'le ministre', 'l\'ambassadeur', 'le président du comité exécutif', 'les experts', 'le vice-premier ministre',
  'le directeur général', 'la partie chinoise', 'le gouverneur',
];
const SAY_VERBS = ['a souligné', 'a déclaré', 'a noté', 'estime', 'a rappelé', 'a indiqué'];
const UNITS = ['tonnes', 'entreprises', 'personnes', 'hectares', 'tracteurs', 'projets', 'emplois'];
const MONEY = ['de dollars', 'd\'USD', 'de roubles', 'de yuans'];
const TIME = [
  'en 2019', 'en 2020', 'au premier trimestre 2021', 'en janvier-février 2021', 'à la fin de 2022', 'depuis 2015',
  'pour la période 2021-2025', 'par rapport à l\'année précédente', 'en août 2024', 'd\'ici 2030',
];
const HEADINGS = [
  'Les facettes d\'un partenariat à toute épreuve', 'Le temps des nouvelles opportunités', 'Vecteur de partenariat - Kazakhstan',
  'L\'idéologie du partenariat eurasien', 'Coopération interrégionale et transfrontalière', 'Plans futurs dans la feuille de route',
  'La voie de l\'amitié et de la coopération', 'Développer le potentiel de coopération existant',
];
const TITLE_SUBJECTS = [
  'Le Bélarus et la Chine', 'Minsk et Shanghai', 'La région de Grodno et le Sichuan', 'Le Belarus et le Kazakhstan',
  'Les entreprises biélorusses', 'La Grande Pierre', 'Le technoparc Chine-Belarus', 'Les jeunes scientifiques du Belarus',
];
const TITLE_VERBS = [
  'renforcent la coopération', 'ont signé un accord', 'développent des projets communs', 'présentent un projet',
  'élargissent les livraisons', 'ouvrent un centre commun', 'discutent des perspectives',
];
const SURNAMES = ['Zheng', 'Grishkevich', 'Pivovar', 'Smirnov', 'Xiaoyong', 'Parkhamovich', 'Grigorieva', 'Muench'];
const SLUG_WORDS = [
  'belarus', 'kitaj', 'sotrudnichestvo', 'razvitie', 'proekt', 'investicii', 'promyshlennost', 'eksport', 'torgovlja',
  'region', 'park', 'rezidentov', 'velikogo', 'kamnia', 'minsk', 'gomel', 'postavki', 'zavod', 'vystavka', 'novyj',
  'sovmestnoe', 'proizvodstvo', 'oblast', 'dogovor', 'podpisali', 'uvelichit', 'kazahstan', 'rossii',
];
const SECTIONS = ['economics', 'regions', 'society', 'politics', 'comments', 'interview'];
const PUBLISHERS = ['Palmarium Academic Publishing', 'Éditions académiques LAP LAMBERT', 'Minsk : Biznesofset'];
const BOOK_TITLES = [
  'Vecteur de partenariat - Chine. Recueil d\'articles', 'Avec un œil sur l\'avenir. Recueil d\'articles',
  'Le temps des nouvelles opportunités', 'Les facettes d\'un partenariat à toute épreuve',
];

/** long plain words used for syllabic hyphenation (present in the vocabulary above) */
const VOWELS = new Set('aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÉÈÊËÎÏÔÖÙÛÜŒ');
const INSEPARABLE = new Set(['ch', 'ph', 'th', 'gn', 'bl', 'br', 'cl', 'cr', 'dr', 'fl', 'fr', 'gl', 'gr', 'pl', 'pr', 'tr', 'vr']);
const LETTERS_ONLY = /^\p{L}+$/u;
const COMPOUND = /^(\p{L}+(?:-\p{L}+)*-)(\p{L}+[^\s]*)$/u;

const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

// ---------------------------------------------------------------------------------------------
// Specs: small integer records (shrinkable) turned into text by pure builders

export interface SentenceSpec {
  t: number;
  p: number[];
  note: boolean;
  quote: boolean;
}
export interface FootnoteSpec {
  k: number;
  p: number[];
  year: number;
  id: number;
}
export interface ParagraphSpec {
  heading: boolean;
  sentences: SentenceSpec[];
}
export interface CleanBookOptions {
  /** number of paragraphs (default 1..12) */
  minParagraphs?: number;
  maxParagraphs?: number;
  /** sentences per paragraph (default 1..6) */
  maxSentences?: number;
  /** at most this many footnotes (default 30); at least 1 footnote is always present */
  maxFootnotes?: number;
  /** include headings (default true) */
  headings?: boolean;
  /** number of the first footnote (default 1) */
  firstNote?: number;
}

const P = 8;

function numberPhrase(a: number, b: number, c: number): string {
  switch (a % 7) {
    case 0: return `${1 + (b % 98)} ${String(c % 1000).padStart(3, '0')} ${at(UNITS, a + c)}`;
    case 1: { const m = 1 + (b % 9); return `${m},${c % 10} ${m < 2 ? 'milliard' : 'milliards'} ${at(MONEY, c)}`; }
    case 2: return `${1 + (b % 99)} %`;
    case 3: return `${1 + (b % 99)},${c % 10} %`;
    case 4: return `plus de ${2 + (b % 998)} ${at(UNITS, c)}`;
    case 5: { const m = 2 + (b % 97); return `${m},${c % 10} millions ${at(MONEY, b)}`; }
    default: return `près de ${2 + (b % 98)} millions ${at(MONEY, c)}`;
  }
}

/** Builds one sentence; returns its text and the note offset (inside the sentence) it would carry. */
export function buildSentence(s: SentenceSpec): { text: string; noteAt: number } {
  const p = s.p;
  const g = (i: number): number => p[i] ?? 0;
  const opener = at(OPENERS, g(0));
  const subj = at(SUBJECTS, g(1));
  const verb = at(VERBS, g(2));
  const obj = at(OBJECTS, g(3));
  const compl = at(COMPLEMENTS, g(4));
  const num = numberPhrase(g(5), g(6), g(7));
  const time = at(TIME, g(6) + g(7));
  const lead = (x: string): string => cap(opener ? `${opener} ${x}` : x);
  let text: string;
  let noteAt: number;
  if (s.quote) {
    const q = `${at(SUBJECTS, g(3) + 1)} ${at(VERBS, g(4) + 2)} ${at(OBJECTS, g(5))} ${at(COMPLEMENTS, g(6))}`;
    switch (s.t % 3) {
      case 0:
        text = `${lead(subj)} ${at(SAY_VERBS, g(2))} que "${q}, soit ${num}".`;
        noteAt = text.length - 1;
        break;
      case 1:
        text = `${cap(at(['ainsi,', 'en effet,', 'de plus,'], g(0)))} "${q}".`;
        noteAt = text.length - 1;
        break;
      default: {
        const head = `Selon ${at(SPEAKERS, g(0))}, "${q}"`;
        text = `${head}, ${subj} ${verb} ${obj} ${time}.`;
        noteAt = head.length;
      }
    }
  } else {
    switch (s.t % 4) {
      case 0: text = `${lead(subj)} ${verb} ${obj} ${compl}.`; break;
      case 1: text = `${lead(subj)} ${verb} ${num} ${time}.`; break;
      case 2: text = `${lead(subj)} ${verb} ${obj} - ${num}.`; break;
      default: text = `${lead(subj)} ${verb} ${obj} ${compl} ${time}, soit ${num}.`;
    }
    noteAt = text.length - 1;
  }
  return { text, noteAt };
}

function slug(p: number[], id: number, year: number): string {
  const n = 3 + ((p[1] ?? 0) % 6);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(at(SLUG_WORDS, (p[i % P] ?? 0) * 7 + i * 13 + id));
  return `${words.join('-')}-${100000 + (id % 900000)}-${year}`;
}

/** Builds a GOST-style footnote text. */
export function buildFootnote(f: FootnoteSpec, n: number): string {
  const p = f.p;
  const g = (i: number): number => p[i] ?? 0;
  const year = 2009 + (f.year % 16);
  const id = f.id + n * 7919;
  const title = `${at(TITLE_SUBJECTS, g(0))} ${at(TITLE_VERBS, g(1))} ${at(COMPLEMENTS, g(2))}`;
  const urlKind = g(3) % 5;
  const url =
    urlKind === 0 ? `http://www.government.by/ru/content/${1000 + (id % 9000)}`
    : urlKind === 1 ? `https://www.sb.by/articles/${slug(p, id, year)}.html`
    : `https://www.belta.by/${at(SECTIONS, g(4))}/view/${slug(p, id, year)}/`;
  switch (f.k % 7) {
    case 0: {
      const s = at(SURNAMES, g(5));
      const i = 'ABEKMRSVX'[g(6) % 9]!;
      return `${s}, ${i}. ${title} / ${i}. ${s} // [Ressource électronique]. - ${year}. - URL : ${url}`;
    }
    case 1:
      return `Zaleskii, B. ${at(BOOK_TITLES, g(5))} / B. Zalessky. - ${at(PUBLISHERS, g(6))}, ${year}. - C. ${5 + (g(7) % 300)}.`;
    default:
      return `${title} [Ressource électronique]. - ${year}. - URL : ${url}`;
  }
}

/** Pure: specs → CleanBook (continuous note numbering in reading order, at least one footnote). */
export function buildCleanBook(paras: ParagraphSpec[], fns: FootnoteSpec[], opts: CleanBookOptions = {}): CleanBook {
  const maxFootnotes = Math.max(1, opts.maxFootnotes ?? 30);
  const first = opts.firstNote ?? 1;
  const headings = opts.headings ?? true;
  const specs = paras.length ? paras : [{ heading: false, sentences: [] }];
  const built: { text: string; cands: number[]; flags: boolean[]; heading: boolean }[] = [];
  for (const ps of specs) {
    if (ps.heading && headings) {
      const s0 = ps.sentences[0];
      built.push({ text: at(HEADINGS, (s0?.p[0] ?? 0) + (s0?.t ?? 0)), cands: [], flags: [], heading: true });
      continue;
    }
    const sentences = ps.sentences.length ? ps.sentences : [{ t: 0, p: [], note: false, quote: false }];
    let text = '';
    const cands: number[] = [];
    const flags: boolean[] = [];
    for (const ss of sentences) {
      if (text) text += ' ';
      const { text: st, noteAt } = buildSentence(ss);
      // a marker glued to a number (`en 20191 .`) would be ambiguous: no note right after a digit
      cands.push(/\d/.test(st[noteAt - 1] ?? '') ? -1 : text.length + noteAt);
      flags.push(ss.note);
      text += st;
    }
    built.push({ text, cands, flags, heading: false });
  }
  if (built.every((b) => b.heading)) {
    const { text, noteAt } = buildSentence({ t: 0, p: [], note: true, quote: false });
    built[0] = { text, cands: [noteAt], flags: [true], heading: false };
  }
  if (!built.some((b) => b.flags.some((f, i) => f && b.cands[i]! >= 0))) {
    const b = built.find((x) => !x.heading && x.cands.some((c) => c >= 0));
    if (b) b.flags[b.cands.findIndex((c) => c >= 0)] = true;
    else {
      const { text, noteAt } = buildSentence({ t: 0, p: [], note: true, quote: false });
      const i = built.findIndex((x) => !x.heading);
      built[i] = { text: `${built[i]!.text} ${text}`, cands: [...built[i]!.cands, built[i]!.text.length + 1 + noteAt], flags: [...built[i]!.flags, true], heading: false };
    }
  }
  let n = first;
  const paragraphs: CleanParagraph[] = [];
  const footnotes: CleanFootnote[] = [];
  for (const b of built) {
    const notes: CleanNote[] = [];
    b.cands.forEach((off, i) => {
      if (b.flags[i] && off >= 0 && n - first < maxFootnotes) {
        const spec = fns.length ? fns[(n - first) % fns.length]! : { k: n, p: [n], year: n, id: n };
        notes.push({ n, offset: off });
        footnotes.push({ n, text: buildFootnote(spec, n) });
        n++;
      }
    });
    paragraphs.push(b.heading ? { text: b.text, notes, heading: true } : { text: b.text, notes });
  }
  return { paragraphs, footnotes };
}

// --- fast-check arbitraries --------------------------------------------------------------------

const pArb = fc.array(fc.nat({ max: 9999 }), { minLength: P, maxLength: P });
export const sentenceSpecArb: fc.Arbitrary<SentenceSpec> = fc.record({
  t: fc.nat({ max: 11 }),
  p: pArb,
  note: fc.nat({ max: 2 }).map((x) => x === 0),
  quote: fc.nat({ max: 2 }).map((x) => x === 0),
});
export const footnoteSpecArb: fc.Arbitrary<FootnoteSpec> = fc.record({
  k: fc.nat({ max: 13 }),
  p: pArb,
  year: fc.nat({ max: 15 }),
  id: fc.nat({ max: 899999 }),
});

export function cleanBookArb(opts: CleanBookOptions = {}): fc.Arbitrary<CleanBook> {
  const para: fc.Arbitrary<ParagraphSpec> = fc.record({
    heading: fc.nat({ max: 9 }).map((x) => x === 0),
    sentences: fc.array(sentenceSpecArb, { minLength: 1, maxLength: Math.max(1, opts.maxSentences ?? 6) }),
  });
  return fc
    .tuple(
      fc.array(para, { minLength: Math.max(1, opts.minParagraphs ?? 1), maxLength: Math.max(1, opts.maxParagraphs ?? 12) }),
      fc.array(footnoteSpecArb, { minLength: 1, maxLength: 8 }),
    )
    .map(([ps, fs]) => buildCleanBook(ps, fs, opts));
}

/** Same distribution as cleanBookArb but driven by a plain PRNG (fast, for the benchmark/corpus). */
export function randomCleanBook(rng: () => number, opts: CleanBookOptions & { paragraphs?: number } = {}): CleanBook {
  const np = opts.paragraphs ?? ri(rng, opts.minParagraphs ?? 1, opts.maxParagraphs ?? 12);
  const maxS = Math.max(1, opts.maxSentences ?? 6);
  const rp = (): number[] => Array.from({ length: P }, () => Math.floor(rng() * 10000));
  const paras: ParagraphSpec[] = [];
  for (let i = 0; i < np; i++) {
    const ns = ri(rng, 1, maxS);
    const sentences: SentenceSpec[] = [];
    for (let j = 0; j < ns; j++) sentences.push({ t: ri(rng, 0, 11), p: rp(), note: rng() < 0.33, quote: rng() < 0.33 });
    paras.push({ heading: rng() < 0.05, sentences });
  }
  const fns: FootnoteSpec[] = [];
  for (let i = 0; i < 16; i++) fns.push({ k: ri(rng, 0, 13), p: rp(), year: ri(rng, 0, 15), id: ri(rng, 0, 899999) });
  return buildCleanBook(paras, fns, { maxFootnotes: 1_000_000, ...opts });
}

// ---------------------------------------------------------------------------------------------
// Rendering

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export const toSuperscript = (n: number): string => String(n).replace(/\d/g, (d) => SUP[Number(d)]!);
const PUNCT = /[.,;:!?]/;
const SEP46 = ' '.repeat(46);

/** Start of the sentence containing `offset`: just after the last `[.!?] ` before it, else 0. */
export function sentenceStart(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 2; i--) {
    if (text[i - 1] === ' ' && '.!?'.includes(text[i - 2]!)) return i;
  }
  return 0;
}

interface Rendered {
  s: string;
  /** note number and char position of its marker in s, in order */
  markers: { n: number; pos: number }[];
}

function renderMarkers(p: CleanParagraph, layout: NoisyLayout, rng: () => number, o: NoiseOptions): Rendered {
  const ins: { pos: number; str: string; n?: number }[] = [];
  for (const note of p.notes) {
    const next = p.text[note.offset] ?? '';
    switch (layout) {
      case 'hard-wrapped':
        ins.push({ pos: note.offset, str: `${note.n}${PUNCT.test(next) ? ' ' : ''}`, n: note.n });
        break;
      case 'double-spaced': {
        const st = sentenceStart(p.text, note.offset);
        ins.push({ pos: st, str: String(note.n), n: note.n });
        if (o.quirks && p.text[note.offset - 1] === '"' && PUNCT.test(next) && rng() < 0.4) ins.push({ pos: note.offset, str: ' ' });
        break;
      }
      case 'paragraph-per-line':
        ins.push({ pos: note.offset, str: toSuperscript(note.n), n: note.n });
        break;
      case 'markdown':
        ins.push({ pos: note.offset, str: `<sup>${note.n}</sup>${o.quirks && PUNCT.test(next) && rng() < 0.3 ? ' ' : ''}`, n: note.n });
        break;
    }
  }
  ins.sort((a, b) => a.pos - b.pos);
  let s = '';
  let last = 0;
  const markers: { n: number; pos: number }[] = [];
  for (let i = 0; i < ins.length; i++) {
    const x = ins[i]!;
    s += p.text.slice(last, x.pos);
    last = x.pos;
    // two glued markers at the same sentence start: `20 21Le`
    if (x.n !== undefined && i > 0 && ins[i - 1]!.pos === x.pos && ins[i - 1]!.n !== undefined) s += ' ';
    if (x.n !== undefined) markers.push({ n: x.n, pos: s.length });
    s += x.str;
  }
  s += p.text.slice(last);
  return { s, markers };
}

/** Splits at spaces into unbreakable groups: a token starting with a digit stays glued to the previous one. */
function groups(s: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let i = 0;
  for (const tok of s.split(' ')) {
    if (tok === '') { i += 1; continue; }
    const prev = out[out.length - 1];
    if (prev && /^\d/.test(tok) && prev.start + prev.text.length === i - 1) prev.text += ' ' + tok;
    else out.push({ text: tok, start: i });
    i += tok.length + 1;
  }
  return out;
}

/** Syllabic split point of a plain word so that word.slice(0, k) fits in `room` chars (hyphen excluded); -1 if none. */
function syllableSplit(word: string, room: number): number {
  const isV = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);
  for (let k = Math.min(word.length - 3, room); k >= 3; k--) {
    const a = word[k - 1]!, b = word[k]!, c = word[k + 1];
    if (!isV(b) && isV(a) && isV(c)) return k; // V-CV
    if (!isV(a) && !isV(b) && isV(word[k - 2]) && isV(c) && !INSEPARABLE.has((a + b).toLowerCase())) return k; // VC-CV
  }
  return -1;
}

interface Line {
  text: string;
  /** char range [start, end) of the paragraph string this line covers (for marker → page mapping) */
  start: number;
  end: number;
}

function wrapBody(s: string, rng: () => number, o: NoiseOptions, splits: WordSplit[]): Line[] {
  const lines: Line[] = [];
  const width = (): number => o.lineWidth - 5 + Math.floor(rng() * 11);
  let w = width();
  let cur = '';
  let curStart = 0;
  let pos = 0; // paragraph position of the end of `cur`
  for (const g of groups(s)) {
    if (cur === '') { cur = g.text; curStart = g.start; pos = g.start + g.text.length; continue; }
    if (cur.length + 1 + g.text.length <= w) { cur += ' ' + g.text; pos = g.start + g.text.length; continue; }
    const room = w - cur.length - 1;
    const m = o.compoundBreaks && !g.text.includes(' ') ? COMPOUND.exec(g.text) : null;
    if (m && m[1]!.length <= room && rng() < 0.85) {
      lines.push({ text: `${cur} ${m[1]}`, start: curStart, end: g.start + m[1]!.length });
      cur = m[2]!;
      curStart = g.start + m[1]!.length;
    } else if (o.syllabicHyphenation > 0 && g.text.length >= 8 && LETTERS_ONLY.test(g.text) && rng() < o.syllabicHyphenation) {
      const k = syllableSplit(g.text, room - 1);
      if (k > 0) {
        splits.push({ left: g.text.slice(0, k), right: g.text.slice(k) });
        lines.push({ text: `${cur} ${g.text.slice(0, k)}-`, start: curStart, end: g.start + k });
        cur = g.text.slice(k);
        curStart = g.start + k;
      } else {
        lines.push({ text: cur, start: curStart, end: pos });
        cur = g.text;
        curStart = g.start;
      }
    } else {
      lines.push({ text: cur, start: curStart, end: pos });
      cur = g.text;
      curStart = g.start;
    }
    pos = g.start + g.text.length;
    w = width();
  }
  if (cur !== '') lines.push({ text: cur, start: curStart, end: s.length });
  return lines;
}

const URL_RE = /https?:\/\/\S+/;

/** Inserts 1–3 spaces next to `-` or `/` in the path, only where the other side is a letter. */
function spaceUrl(url: string, rng: () => number): string {
  const hostEnd = url.indexOf('/', url.indexOf('//') + 2);
  if (hostEnd < 0) return url;
  const cands: number[] = [];
  for (let i = hostEnd + 1; i < url.length - 1; i++) {
    const c = url[i]!;
    if (c !== '-' && c !== '/') continue;
    if (/\p{L}/u.test(url[i - 1]!) || /\p{L}/u.test(url[i + 1]!)) cands.push(i);
  }
  if (!cands.length) return url;
  const chosen = new Set<number>();
  const k = ri(rng, 1, 3);
  for (let j = 0; j < k; j++) chosen.add(pickR(rng, cands));
  let out = '';
  for (let i = 0; i < url.length; i++) {
    const c = url[i]!;
    if (chosen.has(i)) {
      const before = /\p{L}/u.test(url[i - 1]!) && (!/\p{L}/u.test(url[i + 1]!) || rng() < 0.5);
      out += before ? ' ' + c : c + ' ';
    } else out += c;
  }
  return out;
}

/** Footnote text with URL noise applied; returns pieces so the wrapper knows which tokens belong to the URL. */
function footnotePieces(text: string, rng: () => number, o: NoiseOptions, brackets: boolean): { pre: string; url: string; post: string } {
  const m = URL_RE.exec(text);
  if (!m) return { pre: text, url: '', post: '' };
  let url = m[0];
  if (o.urlSpaces && rng() < 0.5) url = spaceUrl(url, rng);
  if (brackets) url = `<${url}>`;
  return { pre: text.slice(0, m.index), url, post: text.slice(m.index + m[0].length) };
}

function wrapFootnote(n: number, text: string, rng: () => number, o: NoiseOptions): string[] {
  const { pre, url, post } = footnotePieces(text, rng, o, false);
  type Tok = { t: string; url: boolean };
  const toks: Tok[] = [];
  for (const g of groups(`${n} ${pre}`.trimEnd())) toks.push({ t: g.text, url: false });
  if (url) {
    for (const part of url.split(' ')) if (part) toks.push({ t: part, url: true });
  }
  for (const g of groups(post.trim())) toks.push({ t: g.text, url: false });
  const width = (): number => o.footnoteWidth - 10 + Math.floor(rng() * 21);
  const lines: string[] = [];
  let w = width();
  let cur = '';
  for (const tok of toks) {
    let t = tok.t;
    for (;;) {
      const sep = cur === '' ? '' : ' ';
      if (cur.length + sep.length + t.length <= w) { cur += sep + t; break; }
      const room = w - cur.length - sep.length;
      if (tok.url && o.urlBreaks && room >= 15) {
        let k = -1;
        if (rng() >= 0.1) {
          for (let i = room - 1; i >= 8; i--) if (t[i] === '-' || t[i] === '/') { k = i + 1; break; }
        }
        if (k < 0) k = room; // mid-token
        if (k >= t.length) { cur += sep + t; break; }
        // a tail of bare digits would look like a page number: cut earlier
        while (k > 8 && /^\d+$/.test(t.slice(k))) k--;
        if (/^\d+$/.test(t.slice(k))) {
          if (cur === '') { cur = t; break; }
          lines.push(cur);
          cur = '';
          w = width();
          continue;
        }
        lines.push(cur + sep + t.slice(0, k));
        cur = '';
        t = t.slice(k);
        w = width();
        continue;
      }
      if (cur === '') { cur = t; break; } // a too-long token on its own line
      lines.push(cur);
      cur = '';
      w = width();
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

function noteLinesHard(ns: number[], fn: Map<number, string>, rng: () => number, o: NoiseOptions, trailingAll: boolean): string[] {
  const out: string[] = [];
  for (const n of ns) {
    const ls = wrapFootnote(n, fn.get(n) ?? '', rng, o);
    ls.forEach((l, i) => out.push(trailingAll || (i < ls.length - 1 && rng() < 0.8) ? l + ' ' : l));
  }
  return out;
}

function renderWrapped(book: CleanBook, layout: 'hard-wrapped' | 'double-spaced', rng: () => number, o: NoiseOptions, splits: WordSplit[]): string {
  const ds = layout === 'double-spaced';
  const fn = new Map(book.footnotes.map((f) => [f.n, f.text] as const));
  type L = { text: string; last: boolean; notes: number[]; markerLed: boolean };
  const body: L[] = [];
  for (const p of book.paragraphs) {
    const r = renderMarkers(p, layout, rng, o);
    const lines = wrapBody(r.s, rng, o, splits);
    lines.forEach((ln, i) => {
      const notes = r.markers.filter((m) => m.pos >= ln.start && m.pos < ln.end).map((m) => m.n);
      body.push({ text: ln.text, last: i === lines.length - 1, notes, markerLed: i === 0 && /^\d/.test(ln.text) });
    });
  }
  const out: string[] = [];
  let pending: number[] = [];
  let pageNo = 1 + Math.floor(rng() * 20);
  const pageLen = (): number => Math.max(2, Math.round(o.pageLines * (0.8 + 0.4 * rng())));
  let limit = pageLen();
  let onPage = 0;
  let lead = '';
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    pending.push(...l.notes);
    onPage++;
    const canBreak = o.pageBreaks && onPage >= limit && !l.last && i + 1 < body.length && !l.text.endsWith('-');
    if (canBreak && pending.length === 0) { onPage = 0; limit = pageLen(); pageNo++; }
    if (canBreak && pending.length > 0) {
      if (ds) {
        out.push(lead + l.text + ' ', '', SEP46);
        out.push(...noteLinesHard(pending, fn, rng, o, true));
      } else {
        out.push(lead + l.text, '');
        out.push(...noteLinesHard(pending, fn, rng, o, false));
      }
      pending = [];
      onPage = 0;
      limit = pageLen();
      pageNo++;
      if (o.pageNumbers && rng() < 0.1) {
        if (ds) out.push(`${pageNo} `, ' ', '');
        else out.push('', String(pageNo), '');
        lead = '';
      } else lead = ' ';
      continue;
    }
    const text = lead + l.text + (l.last ? '' : ' ');
    lead = '';
    if (ds) {
      const nx = body[i + 1];
      // quirk: a paragraph that starts with a displaced marker loses its preceding blank line
      if (l.last && nx && nx.markerLed && o.quirks && rng() < 0.5) out.push(text);
      else out.push(text, '');
    } else out.push(text);
  }
  if (pending.length) {
    if (ds) {
      if (out[out.length - 1] !== '') out.push('');
      out.push(SEP46, ...noteLinesHard(pending, fn, rng, o, true));
    } else out.push('', ...noteLinesHard(pending, fn, rng, o, false));
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Where a paragraph string may be cut mid-sentence at or after `from`: a space (dropped), or just after a compound's hyphen. */
function findCut(s: string, from: number, rng: () => number, o: NoiseOptions): { at: number; keepHyphen: boolean } {
  const cands: number[] = [];
  const comp: number[] = [];
  const end = s.length - 20;
  for (let i = Math.max(from, 20); i < end && cands.length < 3; i++) {
    const c = s[i];
    if (c === ' ') {
      const prev = s[i - 1]!;
      const next = s[i + 1]!;
      if ('.!?:;'.includes(prev) || (prev === '"' && '.!?'.includes(s[i - 2]!))) continue;
      if (/[\d<⁰¹²³⁴⁵⁶⁷⁸⁹ ]/.test(next) || next === '-' || prev === '-') continue;
      cands.push(i);
    } else if (c === '-' && o.compoundBreaks && comp.length < 1 && /\p{L}/u.test(s[i - 1]!) && /\p{L}/u.test(s[i + 1]!)) comp.push(i + 1);
  }
  if (comp.length && rng() < 0.5) return { at: comp[0]!, keepHyphen: true };
  if (!cands.length) return { at: -1, keepHyphen: false };
  return { at: pickR(rng, cands), keepHyphen: false };
}

function renderParagraphs(book: CleanBook, layout: 'paragraph-per-line' | 'markdown', rng: () => number, o: NoiseOptions): string {
  const md = layout === 'markdown';
  const fn = new Map(book.footnotes.map((f) => [f.n, f.text] as const));
  const out: string[] = [];
  let pending: number[] = [];
  let pageNo = 1 + Math.floor(rng() * 20);
  const pageLen = (): number => Math.max(100, Math.round(o.pageChars * (0.8 + 0.4 * rng())));
  let limit = pageLen();
  let onPage = 0;
  const footBlock = (): void => {
    if (md) out.push('---');
    for (const n of pending) {
      const { pre, url, post } = footnotePieces(fn.get(n) ?? '', rng, o, md);
      const sep = !md && o.quirks && rng() < 0.1 ? '_' : ' ';
      out.push(`${n}${sep}${pre}${url}${post}`);
    }
    pending = [];
  };
  for (const p of book.paragraphs) {
    if (p.heading) {
      out.push(md ? `## ${p.text}` : p.text);
      onPage += p.text.length;
      continue;
    }
    const r = renderMarkers(p, layout, rng, o);
    let s = r.s;
    let base = 0; // position of s[0] in r.s
    let mi = 0;
    for (;;) {
      // page break inside this paragraph?
      const room = limit - onPage;
      if (o.pageBreaks && room < s.length) {
        const c = findCut(s, Math.max(0, room), rng, o);
        if (c.at > 0) {
          while (mi < r.markers.length && r.markers[mi]!.pos < base + c.at) pending.push(r.markers[mi++]!.n);
          if (pending.length) {
            out.push(s.slice(0, c.at));
            footBlock();
            if (o.pageNumbers && rng() < 0.1) out.push(String(pageNo));
            pageNo++;
            const skip = c.keepHyphen ? 0 : 1;
            s = s.slice(c.at + skip);
            base += c.at + skip;
            onPage = 0;
            limit = pageLen();
            continue;
          }
        }
      }
      break;
    }
    while (mi < r.markers.length) pending.push(r.markers[mi++]!.n);
    out.push(s);
    onPage += s.length;
    if (onPage >= limit && !pending.length) { onPage = 0; limit = pageLen(); pageNo++; }
  }
  if (pending.length) footBlock();
  return out.join('\n\n');
}

/** Renders a CleanBook in a layout with noise; deterministic given `rng`. */
export function renderNoisy(book: CleanBook, layout: NoisyLayout, rng: () => number, noise: Partial<NoiseOptions> = {}): NoisyBook {
  const o: NoiseOptions = { ...DEFAULT_NOISE, ...noise };
  const splits: WordSplit[] = [];
  const text =
    layout === 'hard-wrapped' || layout === 'double-spaced'
      ? renderWrapped(book, layout, rng, o, splits)
      : renderParagraphs(book, layout, rng, o);
  return { layout, text, truth: book, wordSplits: splits, noise: o };
}

export interface NoisyBookArbOptions extends CleanBookOptions {
  /** layouts to draw from (default all four) */
  layouts?: NoisyLayout[];
  /** fixed noise settings; every setting left out is drawn at random for each case */
  noise?: Partial<NoiseOptions>;
}

export function noisyBookArb(opts: NoisyBookArbOptions = {}): fc.Arbitrary<NoisyBook> {
  const fixed = opts.noise ?? {};
  const draw = <K extends keyof NoiseOptions>(k: K, arb: fc.Arbitrary<NoiseOptions[K]>): fc.Arbitrary<NoiseOptions[K]> =>
    fixed[k] !== undefined ? fc.constant(fixed[k] as NoiseOptions[K]) : arb;
  const noiseArb: fc.Arbitrary<NoiseOptions> = fc.record({
    lineWidth: draw('lineWidth', fc.integer({ min: 60, max: 85 })),
    footnoteWidth: draw('footnoteWidth', fc.integer({ min: 90, max: 130 })),
    pageLines: draw('pageLines', fc.integer({ min: 4, max: 40 })),
    pageChars: draw('pageChars', fc.integer({ min: 200, max: 3000 })),
    pageBreaks: draw('pageBreaks', fc.boolean()),
    compoundBreaks: draw('compoundBreaks', fc.boolean()),
    syllabicHyphenation: draw('syllabicHyphenation', fc.constantFrom(0, 0, 0.3)),
    urlBreaks: draw('urlBreaks', fc.boolean()),
    urlSpaces: draw('urlSpaces', fc.boolean()),
    pageNumbers: draw('pageNumbers', fc.boolean()),
    quirks: draw('quirks', fc.boolean()),
  });
  const layouts = opts.layouts?.length ? opts.layouts : NOISY_LAYOUTS;
  return fc
    .tuple(cleanBookArb(opts), fc.constantFrom(...layouts), noiseArb, fc.integer())
    .map(([book, layout, noise, seed]) => renderNoisy(book, layout, mulberry32(seed), noise));
}
