/**
 * Per-code-unit character classes (BMP), built once at load time with one regex pass each,
 * so that hot loops test `CLS[c] & LETTER` instead of running a Unicode regex per character.
 * Surrogate halves are never letters or digits (astral letters are absent from the books).
 */
export const LETTER = 1;
export const UPPER = 2;
export const DIGIT = 4;
export const SPACE = 8;

export const CLS = new Uint8Array(65536);

(() => {
  const codes: number[] = [];
  for (let c = 0; c < 0xd800; c++) codes.push(c);
  for (let c = 0xe000; c < 0x10000; c++) codes.push(c);
  const all = String.fromCharCode(...codes.slice(0, 0xd800)) + String.fromCharCode(...codes.slice(0xd800));
  const mark = (re: RegExp, bit: number): void => {
    for (const m of all.matchAll(re)) CLS[m[0].charCodeAt(0)]! |= bit;
  };
  mark(/\p{L}/gu, LETTER);
  mark(/\p{Lu}/gu, UPPER);
  mark(/\p{N}/gu, DIGIT);
  mark(/\s/gu, SPACE);
})();

export const isLetter = (c: number): boolean => (CLS[c]! & LETTER) !== 0;
export const isSpace = (c: number): boolean => (CLS[c]! & SPACE) !== 0;

/** Lowercase of each code unit when it is one code unit and context-free (Σ excepted); else 0xFFFF. */
export const LOWER = new Uint16Array(65536);

(() => {
  for (let c = 0; c < 65536; c++) {
    const l = String.fromCharCode(c).toLowerCase();
    LOWER[c] = l.length === 1 && c !== 0x3a3 ? l.charCodeAt(0) : 0xffff;
  }
})();

/** Hash of the first three code units of a lowercased word (0 for missing ones), for prefilters. */
export const hash3 = (a: number, b: number, c: number): number => ((a * 961 + b * 31 + c) * 2654435761) >>> 16;
