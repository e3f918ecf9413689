/**
 * Stage 2 — layout: running headers and footers found from their REPETITION across
 * the pages of the book itself, not from a list of shapes:
 *
 * - a numbered line (`— 37 —`, `- 37 -`, `Page 37`, `4 / 58`, `Titre 37`) whose shape,
 *   digits aside, comes back at least 3 times, with its number going up page by page
 *   and a regular distance between occurrences (the book's page length, measured);
 * - a title line repeated word for word at least 3 times, most of its occurrences at a
 *   page boundary (next to a page number, a form feed, a rule or white-space separator),
 *   or at least 4 times in a regular page rhythm (most distances within 25 % of their median).
 *
 * A lone number whose neighbouring lines are numbered n-1 / n+1 is a line of a listing
 * or of numbered code, never a page number. Form feeds mark page starts.
 * Reads and reclassifies the classified lines in place.
 */
import { CITATION } from '../../lang/fr/index.js';
import type { ClassifiedLine } from './classify-lines.js';

/** fewest occurrences that make a repetition */
const MIN_REPEATS = 3;
/** a running line is short */
const MAX_LENGTH = 80;

export interface FurnitureEvidence {
  /** measured page length (median line distance between occurrences of the page-number shape) */
  pageLength: number | null;
  /** the shapes recognised, with their number of occurrences */
  shapes: Array<{ shape: string; count: number; rule: string }>;
}

export function markRunningFurniture(lines: ClassifiedLine[]): FurnitureEvidence {
  const ev: FurnitureEvidence = { pageLength: null, shapes: [] };
  for (const l of lines) if (l.text.charCodeAt(0) === 12) l.formFeed = true;
  demoteListingNumbers(lines);

  // 1. numbered shapes
  const byShape = new Map<string, number[]>();
  for (const l of lines) {
    if ((l.cls !== 'text' && l.cls !== 'page-number') || l.t.length === 0 || l.t.length > MAX_LENGTH) continue;
    if (l.cls === 'page-number' && l.rule !== 'layout/page-number') continue;
    const runs = l.t.match(/\d+/g);
    if (!runs || runs.length > 2) continue;
    // sentence-like lines are not furniture
    if (/[.;:!?]$/.test(l.t) && !/^\d+\.$/.test(l.t)) continue;
    const shape = l.t.replace(/\d+/g, '#');
    if (shape === '#') continue; // lone numbers: the page-number rule (with the listing guard)
    let a = byShape.get(shape);
    if (!a) byShape.set(shape, (a = []));
    a.push(l.i);
  }
  const pageLengths: number[] = [];
  for (const [shape, at] of byShape) {
    if (at.length < MIN_REPEATS) continue;
    const numbers = at.map((i) => Number(lines[i]!.t.match(/\d+/)![0]));
    let up = 0;
    for (let k = 1; k < numbers.length; k++) if (numbers[k]! - numbers[k - 1]! >= 1 && numbers[k]! - numbers[k - 1]! <= 3) up++;
    if (up < 0.8 * (numbers.length - 1)) continue;
    const gaps = at.slice(1).map((x, k) => x - at[k]!);
    const med = median(gaps);
    if (med < 8) continue;
    const regular = gaps.filter((g) => g >= med * 0.5 && g <= med * 1.5).length;
    if (regular < 0.7 * gaps.length) continue;
    // a page number goes up by the pages between its lines: `211 Interview …`, `212 …`, `215 …`
    // (the same note cited again) steps by 1 then 3 over one page each
    const paged = gaps.filter((g, k) => numbers[k + 1]! - numbers[k]! === Math.max(1, Math.round(g / med))).length;
    if (paged < 0.8 * gaps.length) continue;
    for (const i of at) {
      lines[i]!.cls = 'page-number';
      lines[i]!.rule = 'layout/running-page-number';
    }
    pageLengths.push(med);
    ev.shapes.push({ shape, count: at.length, rule: 'layout/running-page-number' });
  }
  if (pageLengths.length) ev.pageLength = median(pageLengths);

  // 2. repeated title lines at page boundaries
  const byText = new Map<string, number[]>();
  for (const l of lines) {
    // a chapter heading repeated at the top of the pages (`CHAPITRE 1`) is a running title too
    if ((l.cls !== 'text' && l.cls !== 'chapter') || l.t.length < 2 || l.t.length > MAX_LENGTH) continue;
    // (a title may end with a colon, `Biélorussie - Russie :`; a reference label may not)
    if (/[.,;!?]$/.test(l.t) || (/:$/.test(l.t) && (CITATION.test(l.t) || !/\p{L}{2,}.*\s\S+\s*:$/u.test(l.t))) || !/\p{L}{2}/u.test(l.t)) continue;
    let a = byText.get(l.t);
    if (!a) byText.set(l.t, (a = []));
    a.push(l.i);
  }
  for (const [text, at] of byText) {
    if (at.length < MIN_REPEATS) continue;
    const gaps = at.slice(1).map((x, k) => x - at[k]!);
    const med = median(gaps);
    if (med < 8) continue;
    const boundary = at.filter((i) => nextToPageBoundary(lines, i));
    const atBoundary = boundary.length;
    // at page boundaries, or (a book with no other page signal) in the page rhythm itself
    const rhythm = at.length >= 4 && gaps.filter((g) => g >= med * 0.75 && g <= med * 1.25).length >= 0.7 * gaps.length;
    if (atBoundary < 0.6 * at.length && !rhythm) continue;
    // found at page boundaries: the occurrence away from them, set off by blank lines, is the
    // heading the running title repeats (`CHAPITRE 1` where the chapter starts), and stays
    const byBoundary = atBoundary >= 0.6 * at.length;
    // (a chapter heading's first occurrence is the heading itself, wherever its page ends)
    const heading = (i: number) => (i === at[0] && lines[i]!.cls === 'chapter') || (byBoundary && !boundary.includes(i) && lines[i - 1]?.cls !== 'text' && lines[i + 1]?.cls !== 'text');
    for (const i of at) {
      if (heading(i)) continue;
      lines[i]!.cls = 'furniture';
      lines[i]!.rule = 'layout/running-title';
    }
    ev.shapes.push({ shape: text, count: at.length, rule: 'layout/running-title' });
  }
  return ev;
}

/** A lone number between lines numbered n-1 and/or n+1 is a listing line, not a page number. */
function demoteListingNumbers(lines: ClassifiedLine[]): void {
  for (const l of lines) {
    if (l.cls !== 'page-number') continue;
    const n = Number(l.t);
    const near = [neighbour(lines, l.i, -1), neighbour(lines, l.i, 1)];
    if (near.some((m) => m !== undefined && /^\d+(?:\s|$)/.test(m.t) && Math.abs(Number(m.t.match(/^\d+/)![0]) - n) === 1)) {
      l.cls = 'text';
      l.rule = undefined;
    }
  }
}

function neighbour(lines: ClassifiedLine[], i: number, dir: 1 | -1): ClassifiedLine | undefined {
  for (let k = i + dir, steps = 0; k >= 0 && k < lines.length && steps < 2; k += dir, steps++) {
    if (lines[k]!.cls !== 'blank') return lines[k];
  }
  return undefined;
}

function nextToPageBoundary(lines: ClassifiedLine[], i: number): boolean {
  if (lines[i]!.formFeed) return true;
  for (const dir of [-1, 1] as const) {
    let k = i + dir;
    while (k >= 0 && k < lines.length && lines[k]!.cls === 'blank' && !lines[k]!.formFeed) k += dir;
    if (k < 0 || k >= lines.length) return true;
    const m = lines[k]!;
    if (m.cls === 'page-number' || m.cls === 'separator' || (dir === 1 && m.formFeed)) return true;
  }
  return false;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
