/**
 * Hand-annotated paragraph boundaries (`test/fixtures/boundaries/<book>.yaml`) and the
 * pipeline's decisions on them. Each gold entry is one line end: `line` is the last line of
 * a text line, `next` the line where the text goes on (after blank lines, a footnote block
 * or page furniture), `label` what a reader decided: `break` (a new paragraph starts at
 * `next`) or `join` (the same paragraph goes on).
 *
 * The pipeline decided `join` when one output block holds both lines, `break` otherwise.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { DocLike } from './model.js';

export interface GoldBoundary {
  line: number;
  next: number;
  label: 'break' | 'join';
  excerpt: string;
  note?: string;
}

export function readGold(file: string): GoldBoundary[] {
  const data = parse(readFileSync(file, 'utf8')) as { boundaries: GoldBoundary[] };
  for (const g of data.boundaries) {
    if (!Number.isInteger(g.line) || !Number.isInteger(g.next) || g.next <= g.line || (g.label !== 'break' && g.label !== 'join')) {
      throw new Error(`${file}: bad entry ${JSON.stringify(g)}`);
    }
  }
  return data.boundaries;
}

/** the block that holds a source line, by its verbatim runs, else by its line range */
function blockAt(doc: DocLike, line: number): string | undefined {
  for (const b of doc.blocks) if (b.source.some((s) => s.start.line <= line && line <= s.end.line)) return b.id;
  for (const b of doc.blocks) {
    if (!b.source.length) continue;
    const lo = Math.min(...b.source.map((s) => s.start.line));
    const hi = Math.max(...b.source.map((s) => s.end.line));
    if (lo <= line && line <= hi) return b.id;
  }
  return undefined;
}

export function decisionOf(doc: DocLike, g: GoldBoundary): 'break' | 'join' {
  const a = blockAt(doc, g.line);
  return a !== undefined && a === blockAt(doc, g.next) ? 'join' : 'break';
}

export interface BoundaryScore {
  entries: number;
  breaks: number;
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  precision: number;
  recall: number;
  /** the gold entries the pipeline got wrong, for reading */
  wrong: Array<GoldBoundary & { decided: string }>;
}

/** precision and recall of `break` */
export function scoreBoundaries(doc: DocLike, gold: GoldBoundary[]): BoundaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: BoundaryScore['wrong'] = [];
  for (const g of gold) {
    const d = decisionOf(doc, g);
    if (d === 'break' && g.label === 'break') tp++;
    else if (d === 'break') fp++;
    else if (g.label === 'break') fn++;
    if (d !== g.label) wrong.push({ ...g, decided: d });
  }
  return {
    entries: gold.length,
    breaks: gold.filter((g) => g.label === 'break').length,
    truePositive: tp,
    falsePositive: fp,
    falseNegative: fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    wrong,
  };
}
