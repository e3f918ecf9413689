/**
 * Re-wraps known paragraphs in the conventions other publishers use, to test the
 * paragraph-boundary and hyphenation decisions on text laid out in ways the four
 * books do not show. Written for these tests only: it shares no code or assumption
 * with the pipeline or with the noise generator (`noisy-book.ts`).
 *
 * - The truth paragraphs are cut from `corpus/002` and `corpus/004` (one paragraph per
 *   line in those books, so their lines are paragraphs without any decision of ours): lines that end a
 *   sentence, hold no footnote marker, URL or footnote text.
 * - Wrapping is greedy at a character width. With `hyphenate`, a word that does not fit
 *   is split at the last break point of the French TeX patterns (`hyphen/fr`, a maintained
 *   package) that fits, with at least 2 letters before and 3 after the break, as TeX does
 *   for French. A compound (`sino-biélorusse`) may also break after its own hyphen.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const SOFT = '\u00AD';
const frHyphen = require('hyphen/fr') as { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };

export interface Convention {
  name: string;
  /** wrap width in characters */
  width: number;
  /** every wrapped (non-final) line of a paragraph ends with a space */
  trailing: boolean;
  /** spaces before the first line of a paragraph */
  indent: number;
  /** blank lines after every line (1 = double-spaced) */
  lineGap: number;
  /** blank lines between paragraphs, in addition to lineGap */
  paragraphGap: number;
  /** split words at line ends with the French patterns */
  hyphenate: boolean;
}

export interface Split {
  /** the word as written in the truth */
  word: string;
  left: string;
  right: string;
  /** index of the paragraph */
  paragraph: number;
  /** the break was at the word's own hyphen (a compound) */
  compound: boolean;
}

export interface Rendering {
  text: string;
  paragraphs: string[];
  splits: Split[];
}

/** Truth paragraphs from corpus/002 and 004 (one paragraph per line): whole sentences, no URL or footnote text. */
export function truthParagraphs(root: string, opts: { min?: number; max?: number } = {}): string[] {
  const lines = ['002_6350e2ab5efabf7e.txt', '004_c91a1da01ef0a3e1.txt'].flatMap((f) => readFileSync(join(root, 'corpus', f), 'utf8').split(/\r?\n/));
  const out: string[] = [];
  for (const raw of lines) {
    // the books' markers and bold marks are taken out: they say nothing about boundaries
    const t = raw.replace(/<sup>\d+<\/sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, '').replace(/\*\*/g, '').replace(/ +/g, ' ').trim();
    if (t.length < (opts.min ?? 40) || t.length > (opts.max ?? 1200)) continue;
    if (!/^\p{Lu}/u.test(t) || !/[.!?]["»]?$/.test(t)) continue;
    // no marker (superscripts, digits glued to a word or a quote), no URL, no reference, no markup
    if (/[⁰¹²³⁴⁵⁶⁷⁸⁹]|<sup>|\p{L}["»)]?\d|["»]\s?\d|https?:|www\.|URL|\[|\s-\s*\d{4}\s*\.|\/\//u.test(t)) continue;
    // the publisher's English and French boilerplate is front and back matter, not body text
    if (/\b(?:the|and|of|ISBN)\b|livres en ligne|impression à la demande/i.test(t)) continue;
    out.push(t);
  }
  return out;
}

/** Break points (offsets inside the word) allowed by the French patterns. */
function breakPoints(word: string): number[] {
  const m = /^([^\p{L}]*)(\p{L}+)([^\p{L}]*)$/u.exec(word);
  if (!m) return [];
  const core = m[2]!;
  const h = frHyphen.hyphenateSync(core, { hyphenChar: SOFT, minWordLength: 5 });
  const points: number[] = [];
  let at = 0;
  for (const ch of h) {
    if (ch === SOFT) points.push(m[1]!.length + at);
    else at++;
  }
  return points.filter((p) => p - m[1]!.length >= 2 && m[2]!.length - (p - m[1]!.length) >= 3);
}

/** Greedy wrap of one paragraph; returns the lines (without indent or trailing spaces) and the splits made. */
export function wrapParagraph(text: string, width: number, hyphenate: boolean, firstIndent = 0): { lines: string[]; splits: Array<Omit<Split, 'paragraph'>> } {
  const words = text.split(' ');
  const lines: string[] = [];
  const splits: Array<Omit<Split, 'paragraph'>> = [];
  let cur = '';
  const room = () => width - (lines.length === 0 ? firstIndent : 0);
  for (let k = 0; k < words.length; k++) {
    let w = words[k]!;
    while (w.length > 0) {
      const sep = cur.length ? 1 : 0;
      if (cur.length + sep + w.length <= room()) {
        cur += (sep ? ' ' : '') + w;
        w = '';
        break;
      }
      // the word does not fit: split it (a compound at its hyphen, or a syllable) if a part fits
      let cut = -1;
      let compound = false;
      const free = room() - cur.length - sep;
      const hy = w.lastIndexOf('-', free - 1);
      if (hy > 1 && hy < w.length - 2 && /\p{L}-\p{L}/u.test(w.slice(hy - 1, hy + 2))) {
        cut = hy + 1;
        compound = true;
      } else if (hyphenate && !w.includes('-')) {
        for (const p of breakPoints(w)) if (p + 1 <= free) cut = p;
      }
      if (cut > 0 && cur.length > 0) {
        const left = w.slice(0, cut);
        const right = w.slice(cut);
        cur += ' ' + (compound ? left : left + '-');
        splits.push({ word: w, left: compound ? left.slice(0, -1) : left, right, compound });
        lines.push(cur);
        cur = '';
        w = right;
        continue;
      }
      if (cur.length === 0) {
        // longer than a line: printed alone
        cur = w;
        w = '';
        break;
      }
      lines.push(cur);
      cur = '';
    }
  }
  if (cur.length) lines.push(cur);
  return { lines, splits };
}

/** The paragraphs printed in one convention. */
export function render(paragraphs: string[], c: Convention): Rendering {
  const out: string[] = [];
  const splits: Split[] = [];
  const gap = (n: number) => {
    for (let k = 0; k < n; k++) out.push('');
  };
  paragraphs.forEach((p, i) => {
    const { lines, splits: s } = wrapParagraph(p, c.width, c.hyphenate, c.indent);
    for (const x of s) splits.push({ ...x, paragraph: i });
    lines.forEach((l, j) => {
      const last = j === lines.length - 1;
      out.push((j === 0 ? ' '.repeat(c.indent) : '') + l + (c.trailing && !last ? ' ' : ''));
      if (!(last && i === paragraphs.length - 1)) gap(c.lineGap);
    });
    if (i < paragraphs.length - 1) gap(c.paragraphGap);
  });
  return { text: out.join('\n') + '\n', paragraphs, splits };
}

/** The conventions of issue 8 and a few more: none of them is the four books' own. */
export const CONVENTIONS: Convention[] = [
  { name: 'indented, 62 columns, no trailing spaces', width: 62, trailing: false, indent: 4, lineGap: 0, paragraphGap: 0, hyphenate: false },
  { name: 'indented, 62 columns, French hyphenation', width: 62, trailing: false, indent: 3, lineGap: 0, paragraphGap: 0, hyphenate: true },
  { name: 'trailing spaces mark wraps, 70 columns', width: 70, trailing: true, indent: 0, lineGap: 0, paragraphGap: 0, hyphenate: false },
  { name: 'blank line between paragraphs, 66 columns, hyphenation', width: 66, trailing: false, indent: 0, lineGap: 0, paragraphGap: 1, hyphenate: true },
  { name: 'double-spaced, two blanks between paragraphs, 80 columns', width: 80, trailing: false, indent: 0, lineGap: 1, paragraphGap: 1, hyphenate: false },
  { name: 'double-spaced, indented, 72 columns, hyphenation', width: 72, trailing: true, indent: 5, lineGap: 1, paragraphGap: 0, hyphenate: true },
  { name: 'double-spaced, trailing spaces on wraps, 80 columns', width: 80, trailing: true, indent: 0, lineGap: 1, paragraphGap: 0, hyphenate: false },
  { name: 'double-spaced, no mark but the short last line, 78 columns', width: 78, trailing: false, indent: 0, lineGap: 1, paragraphGap: 0, hyphenate: false },
  { name: 'no mark but the short last line, 58 columns, hyphenation', width: 58, trailing: false, indent: 0, lineGap: 0, paragraphGap: 0, hyphenate: true },
];

export interface Score {
  paragraphs: number;
  exact: number;
  blocks: number;
  splits: number;
  /** syllabic splits whose word comes back whole */
  joined: number;
  compounds: number;
  /** compounds broken at their hyphen that come back with it */
  compoundsKept: number;
  /** split words that came back wrong, as printed */
  wrong: string[];
}

/**
 * Compare the pipeline's blocks for a rendering with `expected`: the blocks the pipeline
 * gives for the same paragraphs printed one per line (a metamorphic relation: re-wrapping
 * must not change the clean result, so the other stages' own rewrites cancel out).
 */
export function score(r: Rendering, blocks: string[], expected: string[] = r.paragraphs): Score {
  const have = new Map<string, number>();
  for (const b of blocks) have.set(b, (have.get(b) ?? 0) + 1);
  let exact = 0;
  for (const p of expected) {
    const n = have.get(p) ?? 0;
    if (n > 0) {
      exact++;
      have.set(p, n - 1);
    }
  }
  const all = blocks.join('\n');
  const count = (s: string, w: string) => s.split(w).length - 1;
  const s: Score = { paragraphs: expected.length, exact, blocks: blocks.length, splits: 0, joined: 0, compounds: 0, compoundsKept: 0, wrong: [] };
  // a split is right when the words around it come back as in the truth
  for (const x of r.splits) {
    const bad = x.compound ? [`${x.left}${x.right}`, `${x.left} ${x.right}`, `${x.left}- ${x.right}`] : [`${x.left}-${x.right}`, `${x.left} ${x.right}`, `${x.left}- ${x.right}`];
    const truth = expected.join('\n');
    const ok = bad.every((w) => count(all, w) <= count(truth, w)) && all.includes(x.word);
    if (x.compound) {
      s.compounds++;
      if (ok) s.compoundsKept++;
    } else {
      s.splits++;
      if (ok) s.joined++;
    }
    if (!ok) s.wrong.push(`${x.left}${x.compound ? '' : '-'}/${x.right}`);
  }
  return s;
}

/** The paragraphs printed one per line with a blank line between them: no boundary to decide. */
export function onePerLine(paragraphs: string[]): string {
  return paragraphs.join('\n\n') + '\n';
}
