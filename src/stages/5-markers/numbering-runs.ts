/**
 * Stage 5 — markers: the numbering runs of a book (one, or one per restart of the
 * numbering) built from its footnotes, and what a section of a large book hands on
 * to the next (the run reached, its last footnote and marker numbers).
 */
import type { NumberingRun } from './link-markers.js';

export function numberingRuns(footnotes: ReadonlyArray<{ n: number; chapter: number; lines: readonly number[] }>): NumberingRun[] {
  const runs: NumberingRun[] = [];
  for (const f of footnotes) {
    let run = runs[runs.length - 1];
    if (!run || run.chapter !== f.chapter) runs.push((run = { chapter: f.chapter, numbers: new Set(), lastLine: -1 }));
    if (!Number.isNaN(f.n)) run.numbers.add(f.n);
    for (const l of f.lines) if (l > run.lastLine) run.lastLine = l;
    for (const l of f.lines) if (run.firstLine === undefined || l < run.firstLine) run.firstLine = l;
  }
  return runs;
}

/** The numbers of the marker ids of run `chapter` (`14` in run 1, `2.14` in run 2). */
export function markerNumbersOf(ids: Iterable<string>, chapter: number): number[] {
  const out: number[] = [];
  for (const id of ids) {
    const dot = id.indexOf('.');
    const c = dot < 0 ? 1 : Number(id.slice(0, dot));
    if (c === chapter) out.push(Number(dot < 0 ? id : id.slice(dot + 1)));
  }
  return out;
}
