/**
 * Stage 4 — unwrap: take markdown-like markup out of block text (`## ` heading
 * marks, `**bold**`, `*italic*`, `\_` escapes, `7^e` carets), each removal a
 * rule-tagged change. URLs keep their own escapes until the URL stage reads them.
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
