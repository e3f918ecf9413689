/**
 * Structure scores of pipeline outputs against what a rendering holds (or against another
 * output of the same book, for the invariants). Reads documents as plain JSON (`DocLike`);
 * imports nothing from `src/`.
 *
 * - paragraphs exact: share of expected blocks whose marker-free text (whitespace
 *   normalised) is a block of the output, counted as multisets;
 * - footnotes exact: share of expected footnotes found with the printed number and the
 *   exact text (whitespace normalised);
 * - markers linked: share of expected markers found at the same place (the 24 non-space
 *   characters before it) linked to a footnote with the right number and text start;
 * - body CER: character edit distance between the expected and the output body text, both
 *   normalised to single spaces, over the expected length (aligned block → sentence →
 *   word → character, so that it stays fast on whole books).
 */
import { diffArrays } from 'diff';
import { norm, type DocLike } from './model.js';
import type { Expected } from './render-layouts.js';

export interface StructureScore {
  paragraphs: number;
  paragraphsExact: number;
  blocksOut: number;
  footnotes: number;
  footnotesExact: number;
  footnotesOut: number;
  markers: number;
  markersLinked: number;
  markersOut: number;
  cer: number;
  /** the CER is an upper bound: some changed region was too large to align and counted whole */
  cerBound: boolean;
}

const CONTEXT = 24;
const squeeze = (s: string) => s.replace(/\s+/g, '');
export const contextBefore = (text: string, offset: number) => squeeze(text.slice(0, offset)).slice(-CONTEXT);
export const notePrefix = (text: string) => squeeze(text).slice(0, CONTEXT);
const markerKey = (ctx: string, n: number, note: string) => `${ctx}\u0000${n}\u0000${notePrefix(note)}`;

/** how many items of `expected` are found in `actual`, each actual item used once */
export function multisetHits(expected: string[], actual: string[]): number {
  const bag = new Map<string, number>();
  for (const a of actual) bag.set(a, (bag.get(a) ?? 0) + 1);
  let hits = 0;
  for (const e of expected) {
    const c = bag.get(e) ?? 0;
    if (c > 0) {
      hits++;
      bag.set(e, c - 1);
    }
  }
  return hits;
}

/** what an output (one or several files) says: paragraphs, footnotes, marker links as keys */
export interface Structure {
  paragraphs: string[];
  footnotes: string[];
  markers: string[];
}

export function structureOf(docs: DocLike[]): Structure {
  const out: Structure = { paragraphs: [], footnotes: [], markers: [] };
  for (const doc of docs) {
    for (const f of doc.footnotes) out.footnotes.push(`${f.n}\u0000${norm(f.text)}`);
    for (const b of doc.blocks) {
      out.paragraphs.push(norm(b.text));
      for (const m of b.notes) {
        const candidates = doc.footnotes.filter((f) => (m.id !== undefined && f.id !== undefined ? f.id === m.id : f.n === m.n));
        const fn = candidates.find((f) => f.refs?.includes(b.id)) ?? candidates[0];
        out.markers.push(markerKey(contextBefore(b.text, m.offset), m.n, fn ? fn.text : '\u0001no footnote'));
      }
    }
  }
  return out;
}

export function expectedStructure(e: Expected): Structure {
  return {
    paragraphs: e.paragraphs,
    footnotes: e.footnotes.map((f) => `${f.label}\u0000${f.text}`),
    markers: e.markers.map((m) => markerKey(contextBefore(e.paragraphs[m.block]!, m.offset), m.label, m.note)),
  };
}

/** score `actual` against `expected` (both as structures) */
export function compare(expected: Structure, actual: Structure): StructureScore {
  return {
    paragraphs: expected.paragraphs.length,
    paragraphsExact: multisetHits(expected.paragraphs, actual.paragraphs),
    blocksOut: actual.paragraphs.length,
    footnotes: expected.footnotes.length,
    footnotesExact: multisetHits(expected.footnotes, actual.footnotes),
    footnotesOut: actual.footnotes.length,
    markers: expected.markers.length,
    markersLinked: multisetHits(expected.markers, actual.markers),
    markersOut: actual.markers.length,
    ...characterErrors(expected.paragraphs, actual.paragraphs),
  };
}

/** two structures are the same story: same counts, every item found */
export function identical(s: StructureScore): boolean {
  return (
    s.paragraphsExact === s.paragraphs && s.blocksOut === s.paragraphs &&
    s.footnotesExact === s.footnotes && s.footnotesOut === s.footnotes &&
    s.markersLinked === s.markers && s.markersOut === s.markers
  );
}

// ---- character error rate ------------------------------------------------------------

const SPLITTERS: Array<(s: string) => string[]> = [
  (s) => s.split(/(?<=[.!?;:»"])\s+/), // sentences
  (s) => s.split(' '), // words
];

let bounded = false;

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length || !b.length) return Math.max(a.length, b.length);
  if (a.length * b.length > 40_000_000) {
    bounded = true;
    return Math.max(a.length, b.length);
  }
  let prev = new Uint32Array(b.length + 1).map((_, j) => j);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** edit distance between token lists: diff the tokens, then cost each changed run one level down */
function alignedDistance(a: string[], b: string[], level: number): number {
  const changes = diffArrays(a, b, { maxEditLength: 4000 });
  if (!changes) {
    bounded = true;
    return Math.max(a.join(' ').length, b.join(' ').length);
  }
  let cost = 0;
  let removed: string[] = [];
  let added: string[] = [];
  const settle = () => {
    if (removed.length || added.length) cost += distance(removed.join(' '), added.join(' '), level);
    removed = [];
    added = [];
  };
  for (const c of changes) {
    if (c.removed) removed.push(...c.value);
    else if (c.added) added.push(...c.value);
    else settle();
  }
  settle();
  return cost;
}

function distance(a: string, b: string, level: number): number {
  if (a === b) return 0;
  if (!a || !b) return Math.max(a.length, b.length);
  for (let l = level; l < SPLITTERS.length; l++) {
    const ta = SPLITTERS[l]!(a);
    const tb = SPLITTERS[l]!(b);
    if (ta.length > 1 || tb.length > 1) return alignedDistance(ta, tb, l + 1);
  }
  return levenshtein(a, b);
}

/** body character error rate: expected and actual block texts, whitespace-normalised */
export function characterErrors(expected: string[], actual: string[]): { cer: number; cerBound: boolean } {
  const total = expected.join(' ').length;
  if (!total) return { cer: 0, cerBound: false };
  bounded = false;
  const cer = alignedDistance(expected.map(norm), actual.map(norm), 0) / total;
  return { cer, cerBound: bounded };
}
