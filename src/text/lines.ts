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

/**
 * Offsets <-> 1-based line/column from the line starts alone (one number a line: what
 * the review of a large book needs, without a copy of every line's text).
 */
export class LineStarts {
  protected readonly starts: number[] = [0];

  constructor(source: string) {
    for (let nl = source.indexOf('\n'); nl >= 0; nl = source.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }

  /** 1-based line of an offset */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of an offset */
  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1]! + 1;
  }

  point(offset: number): Point {
    const line = this.line(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }
}

/** The line starts and every line (its offsets and text), for the stages that read lines. */
export class LineIndex extends LineStarts {
  readonly lines: Line[] = [];

  constructor(readonly source: string) {
    super(source);
    const { starts } = this;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      const last = i + 1 === starts.length;
      const hardEnd = last ? source.length : starts[i + 1]! - 1;
      const end = hardEnd > start && source.charCodeAt(hardEnd - 1) === 13 ? hardEnd - 1 : hardEnd;
      this.lines.push({ i, start, end, next: last ? source.length : hardEnd + 1, text: source.slice(start, end) });
    }
  }
}
