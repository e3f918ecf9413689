/**
 * Stage 5 — markers: find footnote markers in the body text and link them to the
 * footnotes (`link-markers.ts`, with sentences from `sentences.ts`); fill each
 * block's `notes` and each footnote's `refs`.
 */
import { defineStage } from '../stage.js';
import type { ReadTree } from '../1-read/index.js';
import { BODY_KINDS, type UnwrapAdds } from '../4-unwrap/index.js';
import { linkMarkers } from './link-markers.js';

/** What a section hands on to the next one. */
export interface SectionCarry {
  lastFootnote: number;
  lastMarker: number;
  seenMarkers: number[];
}

export interface MarkerReport {
  /** markers found (linked or not) */
  count: number;
  /** numbers seen as markers */
  seen: number[];
  /**
   * numbers glued to body text (`word12.`, `»12 Le`) that were not taken as markers:
   * one of them is an unlinked marker when the footnote of that number has no marker
   */
  glued: number[];
}

export interface MarkersAdds {
  markers: MarkerReport;
  carry: SectionCarry;
}

export const markers = defineStage('markers', (tree: ReadTree & UnwrapAdds): MarkersAdds => {
  const numbers = new Set(tree.footnotes.map((f) => f.n));
  const body = tree.blocks.filter((b) => BODY_KINDS.has(b.kind));
  const ms = linkMarkers(body, numbers, tree.section?.startMarker ?? 0, tree.section?.seenMarkers ?? []);
  const refs = new Map<number, string[]>();
  for (const b of body) for (const n of b.notes) refs.set(n.n, [...(refs.get(n.n) ?? []), b.id]);
  for (const f of tree.footnotes) f.refs = [...new Set(refs.get(f.n) ?? [])];
  const glued: number[] = [];
  for (const b of body) glued.push(...gluedNumbers(b.mt.toString()));
  return {
    markers: { count: ms.markers, seen: [...ms.seen], glued },
    carry: {
      lastFootnote: Math.max(tree.section?.startFootnote ?? 0, ...tree.footnotes.map((f) => f.n)),
      lastMarker: Math.max(tree.section?.startMarker ?? 0, ...ms.seen),
      seenMarkers: [...ms.seen],
    },
  };
});

/** Numbers of 1–3 digits glued to the end of a word, a quote or a full stop, before punctuation or a capitalised word. */
export function gluedNumbers(s: string): number[] {
  const out: number[] = [];
  for (const m of s.matchAll(/\d{1,3}(?= ?[.,](?!\d)|\p{Lu}\p{Ll})/gu)) {
    const before = s[m.index! - 1] ?? ' ';
    if (/["”»\p{L}.\s]/u.test(before) && !/\d/.test(before)) out.push(Number(m[0]));
  }
  return out;
}
