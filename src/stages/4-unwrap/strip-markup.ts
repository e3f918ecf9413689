/**
 * Stage 4 — unwrap: take markdown-like markup out of block text (`## ` heading
 * marks, `**bold**`, `*italic*`, `\_` escapes, `7^e` carets), each removal a
 * rule-tagged change. URLs keep their own escapes until the URL stage reads them.
 * Only where the file's own evidence says it is markdown (`markdownEvidence`): in
 * plain text `*`, `_`, `#` and `<sup>` are characters like any other (`dh_*`, `(*)`).
 */
import type { MappedText } from '../../text/mapped-text.js';

const RULES: Array<{ re: RegExp; rule: string; keep?: (m: RegExpMatchArray) => string }> = [
  { re: /^#{1,6}\s+/gu, rule: 'markup/heading-mark' },
  { re: /\*\*/gu, rule: 'markup/emphasis' },
  { re: /(?<=^|[\s(])\*(?=\S[^*]*\S\*(?:[\s.,;:)]|$))|(?<=\S)\*(?=[\s.,;:)]|$)/gu, rule: 'markup/emphasis' },
  { re: /\\\\?(?=[_[\]])/gu, rule: 'markup/unescape' },
  { re: /(?<=\d)\^(?=(?:e|er|ème|re)\b)/gu, rule: 'markup/caret-ordinal' },
  { re: /(?<=\d)\^\{(?=(?:e|er|ère|ème|re|es)\})|(?<=\d\^\{(?:e|er|ère|ème|re|es))\}/gu, rule: 'markup/caret-ordinal' },
  { re: /<sup>(?=(?:e|er|ème|re)<\/sup>)|(?<=<sup>(?:e|er|ème|re))<\/sup>/gu, rule: 'markup/sup-ordinal' },
];

export function stripMarkup(mt: MappedText, inUrlsToo = false): boolean {
  let changed = false;
  if (!/[*#\\^<]/.test(mt.toString())) return false;
  for (const { re, rule } of RULES) {
    const s = mt.toString();
    const hits = [...s.matchAll(re)].filter((m) => inUrlsToo || rule !== 'markup/unescape' || !insideLinkOrUrl(s, m.index!));
    for (let k = hits.length - 1; k >= 0; k--) {
      const m = hits[k]!;
      mt.replace(m.index!, m.index! + m[0].length, '', rule, 'unwrap');
      changed = true;
    }
  }
  return changed;
}

function insideLinkOrUrl(s: string, at: number): boolean {
  const before = s.slice(Math.max(0, at - 300), at);
  const lastSpace = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'));
  const token = before.slice(lastSpace + 1);
  return /https?:|www\.|\[|\]\(|\.(?:by|ru|kz|com|org|html?)\b|\//.test(token);
}

/** `## Title` lines are headings (markdown layout). */
export function isMarkdownHeading(text: string): boolean {
  return /^#{1,6}\s/.test(text);
}

/** Constructs only markdown (or the converters that write it) produce. */
const MARKDOWN_CONSTRUCTS = [
  /(?<![\p{L}\d*])\*\*(?=[^\s*])[^*\n]{1,200}?(?<=[^\s*])\*\*(?![\p{L}\d*])/gu, // **bold**
  /^#{1,6} +\S/gmu, // # heading
  /<sup>[^<\n]{1,12}<\/sup>/gu,
  /\d\^(?:\{[^}\n]{1,4}\}|(?:e|er|re|ère|ème|es)\b)/gu, // 7^e, 1^{ère}
  /\\[_[\]*#]/gu, // \_ \[ escapes
  /\]\((?:https?:|www\.)/gu, // [text](http…
  /\[\^\d{1,4}\]/gu, // [^N]
];

export interface MarkdownEvidence {
  /** markdown constructs found */
  constructs: number;
  /** `*` characters that are part of no `**bold**` or `*italic*` pair */
  strayStars: number;
  markdown: boolean;
}

/**
 * Is the file markdown? Measured on the file: at least 3 constructs that only markdown
 * writes, and no more stray `*` (code, footnote calls, wildcards) than constructs; or 2
 * constructs and no stray `*` at all.
 */
export function markdownEvidence(source: string): MarkdownEvidence {
  let constructs = 0;
  for (const re of MARKDOWN_CONSTRUCTS) {
    re.lastIndex = 0;
    for (const _ of source.matchAll(re)) constructs++;
  }
  let stars = 0;
  for (let i = source.indexOf('*'); i >= 0; i = source.indexOf('*', i + 1)) stars++;
  let paired = 0;
  for (const m of source.matchAll(/(?<![\p{L}\d*])(\*{1,2})(?=[^\s*])[^*\n]{1,200}?(?<=[^\s*])\1(?![\p{L}\d*])/gu)) paired += m[1]!.length * 2;
  const strayStars = stars - paired;
  // two constructs with not one stray `*` are markdown too (a chapter file with two `7^e`)
  return { constructs, strayStars, markdown: (constructs >= 3 && strayStars <= constructs) || (constructs >= 2 && strayStars === 0) };
}
