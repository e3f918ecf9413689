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
}

// lower-case Latin letters (the books' words); one class test per character, no Unicode property lookups
const WORD = /[a-zß-öø-ÿœæ]+(?:-[a-zß-öø-ÿœæ]+)*/g;

/** Counts of lower-cased words and hyphenated compounds, as written inline in the book. */
export function bookVocabulary(text: string): Vocabulary {
  // built on first use: a book whose lines never end in a hyphen or a prefix never pays for it
  let counts: Map<string, number> | undefined;
  return {
    count: (w) => {
      if (!counts) {
        counts = new Map();
        const lower = text.toLowerCase();
        WORD.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = WORD.exec(lower))) {
          const k = m[0];
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      }
      return counts.get(w.toLowerCase()) ?? 0;
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
/** the token before a line-end hyphen is a word (letters, maybe an elided article or an opening quote) */
const WORD_TOKEN_END = /(?:^|[\s"«“(])(?:\p{L}['’])?\p{L}+$/u;
/** a URL opened in the last characters and not closed by a sentence end (slugs wrap at their hyphens) */
const IN_URL = /(?:https?:\/\/|www\.)(?![^]*[.!?]\s)/;
/** the token after it is letters up to a space or punctuation */
const WORD_TOKEN_START = /^\p{L}+(?:$|[\s,;:.!?»”")\]])/u;
const IS_LETTER = /\p{L}/u;

/** The run of letters at the end of s (a backward scan: a `$`-anchored regex retries at every offset). */
function lastWord(s: string): string | undefined {
  let i = s.length;
  while (i > 0 && IS_LETTER.test(s[i - 1]!)) i--;
  return i < s.length ? s.slice(i) : undefined;
}

/**
 * Is the fragment `w` a word on its own? The lexicon only: the book's counts include
 * the fragments of its own splits (`Vene` / `zuela` are counted where they were cut).
 */
function isWord(w: string, lex: { has(word: string): boolean }): boolean {
  return lex.has(w.toLowerCase());
}

/**
 * `xxx-` at a line end, `yyy` on the next line: a split word (drop the hyphen) or a
 * compound (keep it). In order: the book's own spelling (`xxx-yyy` or `xxxyyy` written
 * inline elsewhere; the more frequent wins), then the lexicon, then the fragments' shapes:
 * a compound is made of words (`sino` is a known prefix, `biélorusse` a word), a syllabic
 * split leaves at least one fragment that is no word (`Vene` / `zuela`, `Mi` / `ning`).
 * A decision taken on the shapes alone is flagged `uncertain`.
 */
function decideHyphen(l: string, r: string, vocab: Vocabulary, prefixes: Set<string>): Glue {
  const hy = `${l}-${r}`.toLowerCase();
  const joined = `${l}${r}`.toLowerCase();
  const inBook = { hyphenated: vocab.count(hy), joined: vocab.count(joined) };
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
  if (inBook.hyphenated > 0 || inBook.joined > 0) {
    return inBook.hyphenated >= inBook.joined ? keep({ inBook }) : drop({ inBook });
  }
  const lex = frenchLexicon();
  if (lex.has(hy)) return keep({ lexicon: hy });
  if (lex.has(joined)) return drop({ lexicon: joined });
  const prefix = prefixes.has(l.toLowerCase());
  const leftWord = isWord(l, lex);
  const rightWord = isWord(r, lex);
  const fragments = { prefix, leftWord, rightWord };
  // a prefix, or two words: a compound nobody else wrote; otherwise a split word
  return prefix || (leftWord && rightWord) ? keep({ fragments }, true) : drop({ fragments }, true);
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
    if (r[0] !== r[0]!.toLowerCase()) return { text: '', rule: 'layout/join-compound' };
    // inside a URL, a code or a number (`www.e-` / `cis.info`, `belta.by/velikij-` / `kamen`): a hyphen of the token
    if (!WORD_TOKEN_END.test(p.slice(0, -1)) || !WORD_TOKEN_START.test(nx) || IN_URL.test(p)) return { text: '', rule: 'layout/join-compound' };
    return decideHyphen(l, r, vocab, prefixes);
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
