/**
 * The shapes a footnote's first line takes in the books: `1 Text`, `¹ Text`,
 * `12_Text`, `<sup>3</sup> Text`, `265 . Text`, `174. Text`, with up to three
 * leading spaces. Whether a shape really opens footnote N is decided by the
 * caller from the numbering sequence.
 */
import { CITATION, RESOURCE_LABEL } from '../../lang/fr/index.js';

export interface FootnoteStart {
  n: number;
  /** length of the label (number and separator) including leading spaces */
  labelLength: number;
  form: 'plain' | 'superscript' | 'sup-tag' | 'underscore' | 'dotted' | 'clean' | 'bracket';
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function superscriptToNumber(s: string): number {
  let v = 0;
  for (const ch of s) v = v * 10 + SUPERSCRIPT_DIGITS.indexOf(ch);
  return v;
}

const reSupTag = /^ {0,3}<sup>(\d{1,3})<\/sup>\s+/;
const reSuper = /^ {0,3}([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}) +/;
const reUnderscore = /^ {0,3}(\d{1,3})_ ?(?=\S)/;
const reDotted = /^ {0,3}(\d{1,3}) ?\. +(?=[\p{L}"«\[(])/u;
const rePlain = /^ {0,3}(\d{1,3}) +(?=[\p{L}"«\[(<])/u;

/** Labels that only a footnote carries: when the line holds one, the label may be glued or followed by a digit. */
const reSuperGlued = /^ {0,3}([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}) ?/;
const rePlainLoose = /^ {0,3}(\d{1,3})(?: +|_ ?)(?=\S)/;

/** relecteur's own clean text: `[^12]: text` */
const reClean = /^\[\^(\d{1,4})\]: ?/;
/** converted documents: `[12] Text` */
const reBracket = /^ {0,3}\[(\d{1,3})\] +(?=\S)/;

export function matchFootnoteStart(line: string, strongCitation = false): FootnoteStart | null {
  const c = reClean.exec(line);
  if (c) return { n: Number(c[1]), labelLength: c[0].length, form: 'clean' };
  const b = reBracket.exec(line);
  if (b) return { n: Number(b[1]), labelLength: b[0].length, form: 'bracket' };
  if (strongCitation) {
    const m = reSuperGlued.exec(line);
    if (m) return { n: superscriptToNumber(m[1]!), labelLength: m[0].length, form: 'superscript' };
  }
  let m = reSupTag.exec(line);
  if (m) return { n: Number(m[1]), labelLength: m[0].length, form: 'sup-tag' };
  m = reSuper.exec(line);
  if (m) return { n: superscriptToNumber(m[1]!), labelLength: m[0].length, form: 'superscript' };
  m = reUnderscore.exec(line);
  if (m) return { n: Number(m[1]), labelLength: m[0].length, form: 'underscore' };
  m = reDotted.exec(line);
  if (m) return { n: Number(m[1]), labelLength: m[0].length, form: 'dotted' };
  m = rePlain.exec(line);
  if (m) return { n: Number(m[1]), labelLength: m[0].length, form: 'plain' };
  if (strongCitation) {
    m = rePlainLoose.exec(line);
    if (m) return { n: Number(m[1]), labelLength: m[0].length, form: 'plain' };
  }
  return null;
}

/** The labels of an electronic-resource reference: never found in body prose. */
export function hasResourceLabel(text: string): boolean {
  return RESOURCE_LABEL.test(text);
}

/** Text that reads like a bibliographic reference (GOST style, URL label, resource label). */
export function looksLikeCitation(text: string): boolean {
  return CITATION.test(text);
}

/** How far the numbering may jump between two consecutive footnotes found in the text. */
export const MAX_NUMBER_JUMP = 40;

export function fitsSequence(n: number, last: number): boolean {
  return n > last && n <= last + MAX_NUMBER_JUMP;
}
