/** Line index of the decoded original: offsets <-> 1-based line/column. */
import type { Point } from '../types.js';

export interface Line {
  /** 0-based index */
  i: number;
  /** offset of the first character */
  start: number;
  /** offset just past the last character, before the terminator */
  end: number;
  /** offset just past the terminator (\n or \r\n); equals end on the last line */
  next: number;
  text: string;
}

export class LineIndex {
  readonly lines: Line[];
  private readonly starts: number[];

  constructor(readonly source: string) {
    this.lines = [];
    this.starts = [];
    let start = 0;
    let i = 0;
    for (;;) {
      const nl = source.indexOf('\n', start);
      const hardEnd = nl < 0 ? source.length : nl;
      const end = hardEnd > start && source.charCodeAt(hardEnd - 1) === 13 ? hardEnd - 1 : hardEnd;
      const next = nl < 0 ? source.length : nl + 1;
      this.lines.push({ i, start, end, next, text: source.slice(start, end) });
      this.starts.push(start);
      i++;
      if (nl < 0) break;
      start = next;
    }
  }

  point(offset: number): Point {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}
