/**
 * Stage 2 — layout: endnotes sections, from the book's own evidence. A notes heading
 * (`Notes`, `Notes et références`, `Références` …, rule `layout/notes-heading`) opens a
 * section when it is followed by a run of numbered entries, each numbered one more (or
 * a few more) than the last, all with the same label shape (`1.`, `(1)`, `[1]`, `1)`,
 * `¹`, `1 `). The section ends where that run ends:
 *
 * - at a chapter heading or another notes heading — unless the line is a sub-heading of
 *   book-end notes (`Chapitre 2`, a short title) followed by entry 1 or the next entry;
 * - at a line after a paragraph gap (more blank lines than the book puts between the
 *   lines of one paragraph, measured in stage 2) that is not the next entry, unless it
 *   visibly goes on with the entry before it (lower case, or the entry stopped
 *   mid-sentence at a page break);
 * - at the end of the file.
 *
 * The body resumes there (stage 3). A section is **cited** when at least half of its
 * entry numbers appear as markers (`(N)`, `[N]`, digits glued to a word or quote,
 * superscripts, `<sup>N</sup>`) in the text before it since the previous section: that
 * is what tells endnotes from a numbered bibliography. A heading that also names a
 * bibliography (`Références`) opens endnotes only when cited; a book with a cited
 * section reads its numbered paragraphs outside the sections as body, not as page
 * footnotes.
 */
import type { ClassifiedLine } from './classify-lines.js';
import { matchLine, type LayoutRules } from './layout-rules.js';

export interface EndnoteSection {
  /** line of the notes heading */
  heading: number;
  /** first line after the section: where the body resumes (`lines.length` at the end of the file) */
  end: number;
  /** numbers of the entries, in order */
  numbers: number[];
  /** share of the entry numbers found as markers in the text before the section */
  cited: number;
  /** sub-headings inside the section (`Chapitre 2` before its notes in book-end notes) */
  subheadings: number[];
  /** the label shape of its entries (`dotted`, `paren` …) */
  shape: string;
}

/** the label shapes of an entry's first line; the first entry of a section fixes its shape */
const LABELS: Array<[shape: string, re: RegExp]> = [
  ['paren', /^ {0,3}\((\d{1,3})\)\s+(?=\S)/],
  ['bracket', /^ {0,3}\[(\d{1,3})\]\s+(?=\S)/],
  ['sup-tag', /^ {0,3}<sup>(\d{1,3})<\/sup>\s*(?=\S)/],
  ['superscript', /^ {0,3}([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}) ?(?=\S)/],
  ['dotted', /^ {0,3}(\d{1,3}) ?\.\s+(?=\S)/],
  ['closing', /^ {0,3}(\d{1,3})\)\s+(?=\S)/],
  ['plain', /^ {0,3}(\d{1,3})\s+(?=[\p{L}"«\[(<])/u],
];

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const toNumber = (s: string) => (/^\d+$/.test(s) ? Number(s) : [...s].reduce((v, ch) => v * 10 + SUPERSCRIPTS.indexOf(ch), 0));

export function entryLabel(text: string): { shape: string; n: number; length: number } | null {
  for (const [shape, re] of LABELS) {
    const m = re.exec(text);
    if (m) return { shape, n: toNumber(m[1]!), length: m[0].length };
  }
  return null;
}

/** How far the numbering may jump between two entries (a note the book skipped). */
const MAX_ENTRY_JUMP = 3;
/** A sub-heading of book-end notes: short, no sentence end. */
const SUBHEADING_MAX = 80;
/** Share of entry numbers that must be cited as markers before the section. */
export const CITED_SHARE = 0.5;

/** The marker numbers written in lines [from, to): `(N)`, `[N]`, glued digits, superscripts, `<sup>N</sup>`. */
export function markerNumbers(lines: ClassifiedLine[], from: number, to: number): Set<number> {
  const out = new Set<number>();
  const add = (s: string) => {
    const n = toNumber(s);
    if (n > 0) out.add(n);
  };
  for (let i = Math.max(0, from); i < to; i++) {
    const l = lines[i]!;
    if (l.cls !== 'text') continue;
    const t = l.text;
    for (const m of t.matchAll(/\((\d{1,3})\)|\[\^?(\d{1,3})\]|<sup>(\d{1,3})<\/sup>/g)) add(m[1] ?? m[2] ?? m[3]!);
    for (const m of t.matchAll(/([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})/g)) add(m[1]!);
    for (const m of t.matchAll(/[\p{L}"”»).,;:](\d{1,3})(?![\d\p{L}])/gu)) add(m[1]!);
  }
  return out;
}

/** a chapter heading, or a short line with no sentence end: the title of a group of notes */
function isSubheading(l: ClassifiedLine): boolean {
  return l.cls === 'chapter' || (l.cls === 'text' && l.t.length <= SUBHEADING_MAX && /^["«]?\p{Lu}/u.test(l.t) && !/[.!?…;:,]$/.test(l.t) && !/[=\/?#&_]/.test(l.t) && !CITATION_LIKE.test(l.t));
}

/** an entry line that completes its reference: a sentence end or a URL */
function endsEntry(t: string): boolean {
  return /[.!?…»"”)]$/.test(t) || URL_END.test(t);
}

function nextText(lines: ClassifiedLine[], i: number): number {
  let k = i + 1;
  while (k < lines.length && lines[k]!.cls !== 'text' && lines[k]!.cls !== 'chapter' && lines[k]!.cls !== 'notes-heading') k++;
  return k;
}

/** The entry before stopped mid-sentence (no closing punctuation, no URL at its end). */
function stopsMidSentence(t: string): boolean {
  return !/[.!?…:;»"”)\]>]$/.test(t) && !/(?:https?:\/\/|www\.)\S*$/.test(t);
}

const URL_END = /(?:https?:\/\/|www\.)\S*$|^\S*\/\S*$/;
const CITATION_LIKE = /\[(?:Ressource|ressource|Electronic|electronic)|U ?RL ?:|https?:|www\.|\/\/| - \d{4}\./;

/**
 * The next chapter's title printed right under the last entry, with no blank line between
 * (a page break that left no mark): after an entry line that ends with its URL (the
 * reference is complete), one to three lines of words with no URL or reference label whose
 * last line ends with no sentence punctuation, up to the paragraph gap. The section ends
 * at the title.
 */
function titleAfterLastEntry(lines: ClassifiedLine[], entry: number, end: number): number | null {
  let prev = lines[entry]!;
  for (let k = entry + 1; k < end; k++) {
    const l = lines[k]!;
    if (l.cls !== 'text') continue;
    if (URL_END.test(prev.t) && /^["«]?\p{Lu}\p{Ll}/u.test(l.t) && !CITATION_LIKE.test(l.t)) {
      const rest: ClassifiedLine[] = [];
      for (let j = k; j < end; j++) if (lines[j]!.cls === 'text') rest.push(lines[j]!);
      const last = rest[rest.length - 1]!;
      if (rest.length <= 3 && rest.every((r) => !CITATION_LIKE.test(r.t)) && !/[.!?…;:,»"”)]$/.test(last.t)) return k;
      return null;
    }
    prev = l;
  }
  return null;
}

/**
 * The endnotes sections of a file, from its notes headings. `wrapGap`: the blank lines the
 * book puts between the lines of one paragraph (stage 2's layout evidence).
 */
export function findEndnoteSections(lines: ClassifiedLine[], wrapGap: number): EndnoteSection[] {
  const sections: EndnoteSection[] = [];
  let citedFrom = 0;
  for (let h = 0; h < lines.length; h++) {
    if (lines[h]!.cls !== 'notes-heading') continue;
    let first = nextText(lines, h);
    const subheadings: number[] = [];
    // book-end notes may open with the title of the first chapter they belong to
    if (first < lines.length && isSubheading(lines[first]!) && !entryLabel(lines[first]!.text)) {
      subheadings.push(first);
      first = nextText(lines, first);
    }
    const label = first < lines.length && lines[first]!.cls === 'text' ? entryLabel(lines[first]!.text) : null;
    if (!label) continue;
    const numbers = [label.n];
    let prev = label.n;
    let gap = 0;
    let pageBreak = false;
    let lastText = lines[first]!.t;
    let end = lines.length;
    let lastEntry = first;
    let endsAtGap = false;
    for (let i = first + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.cls === 'blank') {
        gap++;
        continue;
      }
      if (l.cls === 'separator' || l.cls === 'furniture' || l.cls === 'page-number') {
        pageBreak = true;
        continue;
      }
      const e = l.cls === 'text' ? entryLabel(l.text) : null;
      const isNext = e !== null && e.shape === label.shape && e.n > prev && e.n <= prev + MAX_ENTRY_JUMP;
      if (isNext) {
        numbers.push(e.n);
        prev = e.n;
        lastEntry = i;
      } else {
        // a sub-heading of book-end notes: a short title after a complete entry, then entry 1 (or the next entry)
        const k = nextText(lines, i);
        const after = k < lines.length && lines[k]!.cls === 'text' ? entryLabel(lines[k]!.text) : null;
        const subheading = l.cls !== 'notes-heading' && isSubheading(l) && (gap > 0 || l.cls === 'chapter') && endsEntry(lastText) &&
          after !== null && after.shape === label.shape && (after.n === 1 || after.n === prev + 1);
        // lower case goes on with the entry; across a page break (page number, running title),
        // so does a line after an entry that stopped mid-sentence, whatever blank lines surround the furniture
        const goesOn = l.cls === 'text' && (pageBreak ? /^\P{L}*\p{Ll}/u.test(l.t) || stopsMidSentence(lastText) : /^\p{Ll}/u.test(l.t) && gap <= wrapGap + 1);
        if (subheading) {
          subheadings.push(i);
          if (after.n === 1) prev = 0;
        } else if ((l.cls === 'chapter' || l.cls === 'notes-heading' || gap > wrapGap || pageBreak) && !goesOn) {
          end = i;
          endsAtGap = l.cls === 'text';
          break;
        }
      }
      gap = 0;
      pageBreak = false;
      lastText = l.t;
    }
    if (endsAtGap) end = titleAfterLastEntry(lines, lastEntry, end) ?? end;
    const called = markerNumbers(lines, citedFrom, h);
    const cited = numbers.filter((n) => called.has(n)).length / numbers.length;
    sections.push({ heading: h, end, numbers, cited, subheadings, shape: label.shape });
    citedFrom = end;
    h = end - 1;
  }
  return sections;
}

/**
 * Mark the endnotes sections on their heading lines (`endnotes`) for stage 3 and the
 * bibliography anchor: a heading that also names a bibliography (`Références`) keeps
 * the section only when its entries are cited as markers; otherwise it stays the
 * bibliography's heading.
 */
export function markEndnoteSections(lines: ClassifiedLine[], wrapGap: number, rules: LayoutRules): EndnoteSection[] {
  // a notes heading followed by the title of its first group of notes, then a numbered entry
  // (stage 2's classification wants the entry right under the heading)
  for (const l of lines) {
    if (l.cls !== 'text' || l.t.length > 60) continue;
    const r = matchLine(rules.notesHeading, l.t);
    if (!r) continue;
    const k = nextText(lines, l.i);
    if (k >= lines.length || !isSubheading(lines[k]!)) continue;
    const e = nextText(lines, k);
    if (e < lines.length && lines[e]!.cls === 'text' && entryLabel(lines[e]!.text)) {
      l.cls = 'notes-heading';
      l.rule = r.id;
    }
  }
  const kept: EndnoteSection[] = [];
  for (const s of findEndnoteSections(lines, wrapGap)) {
    const heading = lines[s.heading]!;
    if (s.cited < CITED_SHARE && matchLine(rules.bibliographyHeading, heading.t)) continue;
    heading.endnotes = { end: s.end, cited: s.cited >= CITED_SHARE, subheadings: s.subheadings, shape: s.shape };
    kept.push(s);
  }
  return kept;
}
