/**
 * Stage 4 — unwrap: what to put where a line break was. A line-end hyphen is
 * kept (compound) or dropped (a split word) from lexical evidence: the book's
 * own vocabulary first, then the French word list of `an-array-of-french-words`.
 * A hyphen the wrap lost after a known prefix (`semi` + `conducteurs`) is restored.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
let frenchWords: { has(word: string): boolean } | undefined;

/**
 * The maintained French word list (≈336 000 lower-case forms), loaded on first use.
 * The package's JSON is sorted by code unit, so a word is looked up by binary search
 * in the raw text: no JSON.parse and no Set of 336 000 strings (≈ 0.2 s and 40 MB).
 */
export function frenchLexicon(): { has(word: string): boolean } {
  if (!frenchWords) {
    // read as Latin-1: one character per UTF-8 byte, no decoding cost; UTF-8 byte order
    // is code point order, so the list stays sorted and queries are encoded the same way
    const bytes = readFileSync(require.resolve('an-array-of-french-words/index.json'), 'latin1');
    const list = new SortedJsonWords(bytes);
    frenchWords = { has: (w) => list.has(Buffer.from(w, 'utf8').toString('latin1')) };
  }
  return frenchWords;
}

/** Membership in a JSON array of strings sorted by code unit (no quotes or commas inside). */
export class SortedJsonWords {
  constructor(private readonly text: string) {}

  /** The word whose entry holds offset `at`, with where it starts and ends. */
  private entryAt(at: number): { word: string; start: number; end: number } {
    const t = this.text;
    let a = at;
    while (a > 0 && t.charCodeAt(a - 1) !== 44 /* , */ && t.charCodeAt(a - 1) !== 91 /* [ */) a--;
    let z = at;
    while (z < t.length && t.charCodeAt(z) !== 44 && t.charCodeAt(z) !== 93 /* ] */) z++;
    const raw = t.slice(a, z).trim();
    return { word: raw.slice(1, -1), start: a, end: z };
  }

  has(word: string): boolean {
    let lo = 1;
    let hi = this.text.lastIndexOf(']');
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entryAt(mid);
      if (e.word === word) return true;
      if (e.word < word) lo = e.end + 1;
      else hi = e.start - 1 > lo ? e.start - 1 : lo;
      if (e.start - 1 <= lo && e.word > word) return this.entryAt(lo).word === word;
    }
    return lo < this.text.length && this.entryAt(lo).word === word;
  }
}

export interface Vocabulary {
  count(word: string): number;
  /**
   * How the book writes words made with `prefix`: welded (`interrégional`: the rest is a
   * word of the lexicon) or with a hyphen (`inter-régional`), over distinct words written inline.
   */
  prefixUse?(prefix: string): { welded: number; hyphenated: number };
}

// lower-case Latin letters (the books' words); one class test per character, no Unicode property lookups
const WORD = /[a-zß-öø-ÿœæ]+(?:-[a-zß-öø-ÿœæ]+)*/g;

/** `text[a, z)` is the part before a line-end hyphen (`dévelop-⏎`) or the part after one (`-⏎pement`). */
function isLineEndFragment(text: string, a: number, z: number): boolean {
  if (text.charCodeAt(z) === 45 /* - */) {
    let k = z + 1;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 13) k++;
    if (k >= text.length || text.charCodeAt(k) === 10) return true;
  }
  let k = a - 1;
  let newline = false;
  while (k >= 0 && /[ \t\r\n]/.test(text[k]!)) {
    if (text[k] === '\n') newline = true;
    k--;
  }
  return newline && text[k] === '-' && k > 0 && /\p{L}/u.test(text[k - 1]!);
}

/** Counts of lower-cased words and hyphenated compounds, as written inline in the book (line-end fragments left out). */
export function bookVocabulary(text: string): Vocabulary {
  // built on first use: a book whose lines never end in a hyphen or a prefix never pays for it
  let counts: Map<string, number> | undefined;
  const prefixCache = new Map<string, { welded: number; hyphenated: number }>();
  return {
    count: (w) => {
      if (!counts) {
        counts = new Map();
        const lower = text.toLowerCase();
        WORD.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = WORD.exec(lower))) {
          const k = m[0];
          // the two halves of a word hyphenated at a line end are not words written inline
          if (isLineEndFragment(lower, m.index, m.index + k.length)) continue;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      }
      return counts.get(w.toLowerCase()) ?? 0;
    },
    prefixUse(prefix) {
      const pre = prefix.toLowerCase();
      let use = prefixCache.get(pre);
      if (!use) {
        this.count('');
        use = { welded: 0, hyphenated: 0 };
        for (const k of counts!.keys()) {
          if (!k.startsWith(pre) || k.length < pre.length + 3) continue;
          if (k[pre.length] === '-') use.hyphenated++;
          // welded only when the rest is a word (`interrégional`, not `intérieur` or `président`)
          else if (!k.includes('-') && frenchLexicon().has(k.slice(pre.length))) use.welded++;
        }
        prefixCache.set(pre, use);
      }
      return use;
    },
  };
}

/** What a decision rested on, for its audit entry. */
export interface DecisionNote {
  evidence?: Record<string, unknown>;
  /** neither the lexicon nor the book settles it */
  uncertain?: boolean;
}

export type Glue = DecisionNote &
  (
    | { text: ' '; rule: 'layout/join-wrap'; dropHyphen?: false }
    | { text: ''; rule: 'layout/join-compound'; dropHyphen?: false }
    | { text: ''; rule: 'layout/dehyphenate'; dropHyphen: true }
    | { text: '-'; rule: 'layout/restore-hyphen'; dropHyphen?: false }
  );

const LEADING_LETTERS = /^([\p{L}]+)/u;
/** the token before a line-end hyphen is a word (letters, maybe an elided article, an opening quote, or the last part of a compound: `post-sovié-`) */
const WORD_TOKEN_END = /(?:^|[\s"«“(\[]|\p{L}-)(?:\p{L}+['’])?\p{L}+$/u;
/** a URL opened in the last characters and not closed by a sentence end (slugs wrap at their hyphens) */
const IN_URL = /(?:https?:\/\/|www\.)(?![^]*[.!?]\s)/;
/** the token after it is letters up to a space or punctuation (or a compound or elision going on: `sie-Arménie`, `qu'à`; or a marker: `teurs66.`) */
const WORD_TOKEN_START = /^\p{L}+(?:['’-]\p{L}+)*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?(?:$|[\s,;:.!?»”"')\]’])/u;
const IS_LETTER = /\p{L}/u;

/** The run of letters at the end of s (a backward scan: a `$`-anchored regex retries at every offset). */
function lastWord(s: string): string | undefined {
  let i = s.length;
  while (i > 0 && IS_LETTER.test(s[i - 1]!)) i--;
  return i < s.length ? s.slice(i) : undefined;
}

/** Inline uses of a word in the book, its plural or feminine forms included (`bélarussienne` / `bélarussiennes`). */
function inflected(vocab: Vocabulary, w: string): number {
  let n = vocab.count(w);
  for (const end of ['s', 'e', 'es', 'x']) {
    n += vocab.count(w + end);
    if (w.endsWith(end) && w.length > end.length + 3) n += vocab.count(w.slice(0, -end.length));
  }
  return n;
}

/** Is the fragment `w` a word on its own: written inline in the book, or in the lexicon? */
function isWord(w: string, vocab: Vocabulary, lex: { has(word: string): boolean }): boolean {
  const lc = w.toLowerCase();
  return vocab.count(lc) > 0 || lex.has(lc);
}

/**
 * `xxx-` at a line end, `yyy` on the next line: a split word (drop the hyphen) or a
 * compound (keep it). In order:
 *  1. the book writes `xxx-yyy` inline at least as often as `xxxyyy`: keep;
 *  2. the lexicon knows `xxx-yyy` (keep) or `xxxyyy` (drop);
 *  3. the book writes `xxxyyy` inline (`Venezuela` elsewhere in the book): drop;
 *  (the book's counts take plural and feminine forms in: `bélarussiennes` attests `bélarussienne`)
 *  4. the fragments' shapes, flagged `uncertain`: after a known prefix, the book's own
 *     habit with that prefix (welded `interrégional` vs `inter-régional`); a left part the
 *     book writes as a word of its own, or two words, make a compound; a fragment that is
 *     no word (`Vene` / `zuela`, `Mi` / `ning`) makes a split.
 */
function decideHyphen(l: string, r: string, vocab: Vocabulary, prefixes: Set<string>, elided = false): Glue {
  const hy = `${l}-${r}`.toLowerCase();
  const joined = `${l}${r}`.toLowerCase();
  const inBook = { hyphenated: inflected(vocab, hy), joined: inflected(vocab, joined) };
  const keep = (evidence: Record<string, unknown>, uncertain?: boolean): Glue => ({
    text: '',
    rule: 'layout/join-compound',
    evidence: { left: l, right: r, ...evidence },
    ...(uncertain ? { uncertain } : {}),
  });
  const drop = (evidence: Record<string, unknown>, uncertain?: boolean): Glue => ({
    text: '',
    rule: 'layout/dehyphenate',
    dropHyphen: true,
    evidence: { left: l, right: r, ...evidence },
    ...(uncertain ? { uncertain } : {}),
  });
  if (inBook.hyphenated > 0 && inBook.hyphenated >= inBook.joined) return keep({ inBook });
  const lex = frenchLexicon();
  // both spellings are French (`plate-forme` / `plateforme`): the book's own decides
  if (lex.has(hy) && lex.has(joined) && inBook.joined > inBook.hyphenated) return drop({ lexicon: joined, inBook });
  if (lex.has(hy)) return keep({ lexicon: hy, inBook });
  if (lex.has(joined)) return drop({ lexicon: joined, inBook });
  // an elided word (`puis-` / `qu'ils`, `lors-` / `qu'il`): the word before its apostrophe lost an e
  if (elided && lex.has(joined + 'e')) return drop({ lexicon: joined + 'e', inBook });
  const pre = l.toLowerCase();
  const prefix = prefixes.has(pre);
  const leftWord = isWord(l, vocab, lex);
  const rightWord = isWord(r, vocab, lex);
  const fragments = { prefix, leftWord, rightWord };
  if (inBook.joined > 0) return drop({ inBook, fragments });
  if (prefix) {
    const use = vocab.prefixUse?.(pre) ?? { welded: 0, hyphenated: 1 };
    return use.welded > use.hyphenated ? drop({ fragments, prefixUse: use }, true) : keep({ fragments, prefixUse: use }, true);
  }
  // the left part written as a word of its own elsewhere in this text (`biélorusse-` / `omanais`),
  // or two words: a compound nobody else wrote; otherwise a split word
  const leftInBook = vocab.count(l.toLowerCase()) > 0;
  // the left part opens other hyphenated compounds of this text (`scientifico-technique` inline, `scientifico-` / `pédagogique`)
  const compounds = vocab.prefixUse?.(pre);
  if (compounds && compounds.hyphenated > 0 && compounds.welded === 0) return keep({ fragments, compounds }, true);
  if (leftInBook || (leftWord && rightWord)) return keep({ fragments, leftInBook }, true);
  return drop({ fragments }, true);
}

/** A line-end hyphen inside a URL: a split only on the book's own evidence (the joined word written, the hyphenated never). */
function urlHyphen(l: string, r: string, vocab: Vocabulary): Glue {
  const inBook = { hyphenated: inflected(vocab, `${l}-${r}`.toLowerCase()), joined: inflected(vocab, `${l}${r}`.toLowerCase()) };
  if (inBook.joined > 0 && inBook.hyphenated === 0) return { text: '', rule: 'layout/dehyphenate', dropHyphen: true, evidence: { left: l, right: r, inUrl: true, inBook } };
  return { text: '', rule: 'layout/join-compound' };
}

export function decideGlue(prev: string, next: string, vocab: Vocabulary, prefixes: Set<string>): Glue {
  const p = prev.replace(/\*+$/, '');
  const nx = next.replace(/^\*+/, '');
  if (/-$/.test(p)) {
    if (/\s-$/.test(p) || p === '-') return { text: ' ', rule: 'layout/join-wrap' };
    const l = lastWord(p.slice(0, -1));
    const r = LEADING_LETTERS.exec(nx)?.[1];
    if (!l || !r) return { text: '', rule: 'layout/join-compound' };
    // `Saint-` / `Pétersbourg`: a capital after the hyphen starts a name of its own
    // (a word in capitals, `COM-` / `MERCE`, is decided like any other)
    const caps = l.length >= 2 && l === l.toUpperCase() && r === r.toUpperCase();
    if (r[0] !== r[0]!.toLowerCase() && !caps) return { text: '', rule: 'layout/join-compound' };
    // inside a URL, a code or a number (`www.e-` / `cis.info`, `belta.by/velikij-` / `kamen`): a hyphen of the token,
    // unless the book writes the joined word and never the hyphenated one (`www.bel-` / `ta.by` where `belta` is written)
    if (IN_URL.test(p)) return urlHyphen(l, r, vocab);
    if (!WORD_TOKEN_END.test(p.slice(0, -1)) || !WORD_TOKEN_START.test(nx)) return { text: '', rule: 'layout/join-compound' };
    return decideHyphen(l, r, vocab, prefixes, /^['’]/.test(nx.slice(r.length)));
  }
  const l = lastWord(p);
  const r = LEADING_LETTERS.exec(nx)?.[1];
  if (l && r && prefixes.has(l.toLowerCase()) && r[0] === r[0]!.toLowerCase()) {
    const lex = frenchLexicon();
    const lc = l.toLowerCase();
    const hy = `${lc}-${r.toLowerCase()}`;
    if (!lex.has(lc) && vocab.count(lc) <= vocab.count(hy) + 1 && !lex.has(lc + r.toLowerCase())) {
      return { text: '-', rule: 'layout/restore-hyphen' };
    }
  }
  return { text: ' ', rule: 'layout/join-wrap' };
}
