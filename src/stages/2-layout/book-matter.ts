/**
 * Stage 2 — layout: find where the body of the book starts and ends, by anchors
 * (table of contents, chapter headings, imprint lines, bibliography heading,
 * advertisement pages), never by line numbers. Reads classified lines; returns regions.
 */
import type { ClassifiedLine } from './classify-lines.js';
import { matchLine, type LayoutRules } from './layout-rules.js';
import { referenceListStart } from './reference-list.js';

export interface MatterRegions {
  /** first line of the body (0-based) */
  bodyStart: number;
  /** line after the last body line */
  bodyEnd: number;
  /** first line of the bibliography (its heading), if any */
  bibStart: number | null;
  /** first line of the back matter (ads), if any */
  backStart: number | null;
  /** lines of the front matter that belong to the table of contents */
  tocLines: Set<number>;
  /** relecteur's own clean text: the `---` line that opens its `[^N]: text` footnote section */
  notesStart: number | null;
}

export function findBookMatter(
  lines: ClassifiedLine[],
  rules: LayoutRules,
  /** a section of a larger book: look for front matter only in the first, back matter only in the last */
  look: { front: boolean; back: boolean } = { front: true, back: true },
): MatterRegions {
  const notesStart = cleanNotesSection(lines);
  const n = notesStart ?? lines.length;
  const tocLines = new Set<number>();
  let bodyStart = 0;

  // 1. a table of contents near the start ends the front matter
  const frontLimit = Math.floor(n * 0.3);
  let tocEnd = -1;
  for (let i = 0; i < frontLimit; i++) {
    const l = lines[i]!;
    if (l.cls !== 'text') continue;
    if (l.t.length <= 80 && matchLine(rules.tocHeading, l.t)) {
      tocLines.add(i);
      tocEnd = i;
    } else if (l.t.length <= 300 && /\.\.\.|…|\t/.test(l.text) && matchLine(rules.tocEntry, l.t) && (tocEnd >= 0 || countTocEntries(lines, i, rules) >= 3)) {
      tocLines.add(i);
      tocEnd = i;
    }
  }
  // a file that is all front matter (the first file of a book cut into chapters): its TOC may
  // end it, after the 30 % — a TOC heading and its entries with nothing but furniture after them
  if (look.front && tocEnd < 0) {
    const toc = closingToc(lines, rules, frontLimit, n);
    if (toc) {
      for (const i of toc) tocLines.add(i);
      tocEnd = n - 1;
    }
  }
  if (!look.front) {
    tocLines.clear();
    tocEnd = -1;
  } else if (tocEnd >= 0) bodyStart = skipNonText(lines, tocEnd + 1);
  else {
    // 2. no TOC: the first chapter heading ends the front matter, when what precedes it is short
    const limit = Math.floor(n * 0.15);
    for (let i = 0; i < limit; i++) {
      if (lines[i]!.cls === 'chapter') {
        if (i < Math.max(60, n * 0.05)) bodyStart = i;
        break;
      }
    }
    // 3. imprint / title-page anchors near the start
    if (bodyStart === 0) {
      let last = -1;
      for (let i = 0; i < frontLimit; i++) {
        const l = lines[i]!;
        if (l.cls === 'text' && l.t.length <= 400 && matchLine(rules.frontMatter, l.t)) last = i;
      }
      if (last >= 0) bodyStart = skipNonText(lines, last + 1);
    }
  }

  // back matter: advertisement anchors in the last 40 %, after the front matter
  let backStart: number | null = null;
  for (let i = look.back ? Math.max(Math.floor(n * 0.6), bodyStart) : n; i < n; i++) {
    const l = lines[i]!;
    if (l.cls === 'text' && l.t.length <= 160 && matchLine(rules.backMatter, l.t)) {
      backStart = i;
      while (backStart > bodyStart && (lines[backStart - 1]!.cls === 'blank' || lines[backStart - 1]!.cls === 'furniture')) backStart--;
      break;
    }
  }
  // bibliography: its heading in the second half, before the back matter
  let bibStart: number | null = null;
  const bibLimit = backStart ?? n;
  for (let i = look.back ? bibLimit - 1 : -1; i >= Math.floor(n * 0.4); i--) {
    const l = lines[i]!;
    if ((l.cls === 'text' || (l.cls === 'notes-heading' && !l.endnotes)) && l.t.length <= 80 && matchLine(rules.bibliographyHeading, l.t)) {
      bibStart = i;
      break;
    }
  }
  // a file that is its bibliography (a book cut into chapter files): by the evidence of the list
  if (bibStart === null && look.back) bibStart = referenceListStart(lines, rules, bodyStart, bibLimit);
  const bodyEnd = bibStart ?? backStart ?? n;
  return { bodyStart, bodyEnd, bibStart, backStart, tocLines, notesStart };
}

function countTocEntries(lines: ClassifiedLine[], from: number, rules: LayoutRules): number {
  let c = 0;
  for (let i = from; i < Math.min(lines.length, from + 12); i++) {
    const l = lines[i]!;
    if (l.cls === 'text' && /\.\.\.|…|\t/.test(l.text) && matchLine(rules.tocEntry, l.t)) c++;
  }
  return c;
}

/** A TOC heading after `from` followed by at least 3 TOC entries and then no text line to `n`: its lines. */
function closingToc(lines: ClassifiedLine[], rules: LayoutRules, from: number, n: number): number[] | null {
  let h = -1;
  for (let i = from; i < n; i++) {
    const l = lines[i]!;
    if (l.cls === 'text' && l.t.length <= 80 && matchLine(rules.tocHeading, l.t)) {
      h = i;
      break;
    }
  }
  if (h < 0) return null;
  const toc = [h];
  let entries = 0;
  for (let i = h + 1; i < n; i++) {
    const l = lines[i]!;
    if (l.cls !== 'text') continue;
    if (l.t.length <= 300 && /\.\.\.|…|\t/.test(l.text) && matchLine(rules.tocEntry, l.t)) {
      toc.push(i);
      entries++;
    } else return null;
  }
  return entries >= 3 ? toc : null;
}

function skipNonText(lines: ClassifiedLine[], i: number): number {
  while (i < lines.length && lines[i]!.cls !== 'text' && lines[i]!.cls !== 'chapter') i++;
  return i;
}

/** The footnote section of a relecteur clean text: a `---` line, then only `[^N]: ` lines. */
function cleanNotesSection(lines: ClassifiedLine[]): number | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.cls === 'blank') continue;
    if (l.t === '---') return i + 1 < lines.length && /^\[\^(?:\d+\.)?\d+\]: /.test(lines[i + 1]!.text) ? i : null;
    if (!/^\[\^(?:\d+\.)?\d+\]: /.test(l.text)) return null;
  }
  return null;
}
