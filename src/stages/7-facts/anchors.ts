/**
 * Cheap prefilter shared by all pattern rules. Each rule carries the literal strings one of
 * which every match must contain (derived from its pattern, see requiredAnchors). A block is
 * lowercased once; anchors that start a word (lexicon forms) are looked up by the first two
 * code units of each word of the block, the others (`%`, `[`, `inist`) by indexOf. The hits of
 * one anchor are shared by every rule that needs it (months serve four date rules).
 */
import { CLS, LETTER, UPPER } from './char-class.js';

export interface Anchor {
  /** lowercased literal, no space or apostrophe inside */
  s: string;
  /** must start a word (the character before it is not a letter) */
  word: boolean;
  /** (word anchors) must also end one: the character after it is not a letter */
  whole?: boolean;
}

export interface AnchorIndex {
  /** every distinct anchor, by id */
  list: Anchor[];
  /** code units that start a word anchor */
  first: Uint8Array;
  /** word anchors by a hash of their first two code units (one-character anchors: of the first) */
  buckets: (number[] | undefined)[];
  /** ids of anchors found by indexOf */
  plain: number[];
  /** id of the digit pseudo-anchor (DIGITS): hits at every run of ASCII digits; -1 = none */
  digits: number;
}

/**
 * Pseudo-anchor standing for "a run of ASCII digits starts here" (the first digit not preceded
 * by a digit): every number written in digits (`{amount}`, `{year}`, `{day}`) starts at one.
 */
export const DIGITS = '\u0001';

/** Hits of each anchor id in one block: flat [start, end, start, end, …] or undefined. */
export type AnchorHits = (number[] | undefined)[];

/**
 * The anchors of a rule as usable literals: lowercased, cut at spaces and apostrophes (which the
 * patterns let match other characters), keeping the longest piece; then anchors that contain
 * another one are dropped (the shorter one finds them too). Null when one anchor is unusable.
 */
export function normaliseAnchors(raw: { s: string; word: boolean; whole?: boolean }[], leading = false): Anchor[] | null {
  const out: Anchor[] = [];
  for (const a of raw) {
    if (a.s === DIGITS) {
      out.push({ s: DIGITS, word: false });
      continue;
    }
    const pieces = a.s.toLowerCase().split(/[\s\u00A0\u202F'’]+/);
    // the first piece of a word anchor (it still starts a word) when long enough, else the longest
    if (leading && (!pieces[0] || pieces[0].length < 2)) return null;
    let best = leading || (a.word && pieces[0]!.length >= 3) ? 0 : -1;
    if (best < 0) pieces.forEach((p, i) => {
      if (p && (best < 0 || p.length > pieces[best]!.length)) best = i;
    });
    if (best < 0) return null;
    const s = pieces[best]!;
    // a later piece follows a space or an apostrophe (never letters): it starts a word too;
    // an earlier one is followed by one: it ends a word
    const word = (a.word && best === 0) || best > 0;
    const whole = word && (best < pieces.length - 1 || !!a.whole);
    out.push(whole ? { s, word, whole } : { s, word });
  }
  const uniq = new Map<string, Anchor>();
  for (const a of out) {
    const k = anchorKey(a);
    if (!uniq.has(k)) uniq.set(k, a);
  }
  let list = [...uniq.values()];
  // a whole-word anchor that starts another anchor's word: let it find both (fewer anchors)
  list = list.map((b) => (b.whole && list.some((a) => a !== b && a.word && a.s !== b.s && a.s.startsWith(b.s)) ? { s: b.s, word: true } : b));
  const seen = new Set<string>();
  list = list.filter((a) => !seen.has(anchorKey(a)) && !!seen.add(anchorKey(a)));
  return list.filter(
    (a) =>
      !list.some(
        (b) =>
          b !== a &&
          // a whole-word anchor finds nothing longer than itself
          !b.whole &&
          (b.word ? a.word && a.s.startsWith(b.s) : leading ? a.s.startsWith(b.s) : a.s.includes(b.s)),
      ),
  );
}

export const anchorKey = (a: Anchor): string => `${a.whole ? 'W' : a.word ? 'w' : 'p'}${a.s}`;

const HASH = 4096;
const hash2 = (a: number, b: number): number => (a * 31 + b) & (HASH - 1);

export function buildAnchorIndex(): { index: AnchorIndex; idOf(a: Anchor): number } {
  const index: AnchorIndex = { list: [], first: new Uint8Array(65536), buckets: new Array(HASH + 1), plain: [], digits: -1 };
  const ids = new Map<string, number>();
  return {
    index,
    idOf(a: Anchor): number {
      const k = anchorKey(a);
      let id = ids.get(k);
      if (id !== undefined) return id;
      id = index.list.length;
      ids.set(k, id);
      index.list.push(a);
      const c0 = a.s.charCodeAt(0);
      if (a.s === DIGITS) index.digits = id;
      else if (a.word && CLS[c0]! & LETTER) {
        const h = a.s.length > 1 ? hash2(c0, a.s.charCodeAt(1)) : HASH;
        (index.buckets[h] ??= []).push(id);
        index.first[c0] = a.s.length > 1 ? index.first[c0]! | 1 : index.first[c0]! | 2;
      } else {
        index.plain.push(id);
      }
      return id;
    },
  };
}

/**
 * Finds every anchor of the index in `lower` (the block lowercased, same length). When `starts`
 * is given, the offsets of the words whose first code unit in `text` is marked in `startChars`
 * are pushed to it (the counterparty lexicon reads them: one pass over the block for both);
 * with `lowerLengths`, a word starting with a lowercase letter only when its length (& 31) is
 * marked there for that letter.
 */
export function findAnchors(
  lower: string,
  index: AnchorIndex,
  text?: string,
  startChars?: Uint8Array,
  starts?: number[],
  lowerLengths?: Uint32Array,
): AnchorHits {
  const hits: AnchorHits = new Array(index.list.length);
  const { first, buckets, list } = index;
  const n = lower.length;
  const push = (id: number, at: number): void => {
    const h = hits[id];
    const end = at + list[id]!.s.length;
    if (h) h.push(at, end);
    else hits[id] = [at, end];
  };
  const digits = index.digits;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    if (!(CLS[c]! & LETTER)) {
      if (c >= 48 && c <= 57 && digits >= 0) {
        let e = i + 1;
        while (e < n && lower.charCodeAt(e) >= 48 && lower.charCodeAt(e) <= 57) e++;
        const h = hits[digits];
        if (h) h.push(i, e);
        else hits[digits] = [i, e];
        i = e - 1;
      }
      continue;
    }
    const wordStart = i;
    const f = first[c]!;
    if (f) {
      if (f & 1 && i + 1 < n) {
        const ids = buckets[hash2(c, lower.charCodeAt(i + 1))];
        if (ids) {
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k]!;
            const a = list[id]!;
            if (lower.startsWith(a.s, i) && !(a.whole && CLS[lower.charCodeAt(i + a.s.length)]! & LETTER)) push(id, i);
          }
        }
      }
      if (f & 2) {
        const ids = buckets[HASH]!;
        for (let k = 0; k < ids.length; k++) {
          const a = list[ids[k]!]!;
          if (a.s.charCodeAt(0) === c && !(a.whole && CLS[lower.charCodeAt(i + 1)]! & LETTER)) push(ids[k]!, i);
        }
      }
    }
    // to the end of the word
    while (i + 1 < n && CLS[lower.charCodeAt(i + 1)]! & LETTER) i++;
    if (starts) {
      const t = text!.charCodeAt(wordStart);
      // a lowercase start counts only when a form starting with that letter has this length
      if (startChars![t] && (!lowerLengths || CLS[t]! & UPPER || lowerLengths[t]! & (1 << ((i + 1 - wordStart) & 31)))) {
        starts.push(wordStart);
      }
    }
  }
  for (const id of index.plain) {
    const s = list[id]!.s;
    for (let at = lower.indexOf(s); at >= 0; at = lower.indexOf(s, at + 1)) push(id, at);
  }
  return hits;
}
