/**
 * MappedText: a string built from slices of the original file, where every
 * character is either a verbatim copy of a source range (a "kept" piece) or the
 * result of a named rule applied to a source range (a "changed" piece, which may
 * be an insertion with an empty source range or a deletion with empty text).
 *
 * This is the one mechanism behind positions (block offset -> file line/column)
 * and conservation (the original is rebuilt from kept pieces + audit entries).
 */

export interface Piece {
  /** source range [from, to) in the decoded original */
  from: number;
  to: number;
  /** output text of this piece */
  text: string;
  /** rule id when the piece is a change; absent for a verbatim copy */
  rule?: string;
  stage?: string;
  /** what the decision behind the change rested on (written to the audit entry) */
  evidence?: Record<string, unknown>;
  /** the evidence did not settle the decision (written to the audit entry) */
  uncertain?: boolean;
}

export class MappedText {
  pieces: Piece[];

  constructor(pieces: Piece[] = []) {
    this.pieces = pieces;
  }

  static kept(source: string, from: number, to: number): MappedText {
    return new MappedText(to > from ? [{ from, to, text: source.slice(from, to) }] : []);
  }

  get length(): number {
    let n = 0;
    for (const p of this.pieces) n += p.text.length;
    return n;
  }

  /** The last `n` characters (cheap: reads pieces from the end). */
  tail(n: number): string {
    let s = '';
    for (let i = this.pieces.length - 1; i >= 0 && s.length < n; i--) s = this.pieces[i]!.text + s;
    return s.length > n ? s.slice(s.length - n) : s;
  }

  toString(): string {
    let s = '';
    for (const p of this.pieces) s += p.text;
    return s;
  }

  pushKept(source: string, from: number, to: number): this {
    if (to > from) {
      const last = this.pieces[this.pieces.length - 1];
      if (last && !last.rule && last.to === from) {
        last.to = to;
        last.text += source.slice(from, to);
      } else {
        this.pieces.push({ from, to, text: source.slice(from, to) });
      }
    }
    return this;
  }

  /** A change: the source range [from, to) becomes `text`, by `rule`. */
  pushChange(from: number, to: number, text: string, rule: string, stage: string): this {
    if (to > from || text.length > 0) this.pieces.push({ from, to, text, rule, stage });
    return this;
  }

  append(other: MappedText): this {
    for (const p of other.pieces) this.pieces.push(p);
    return this;
  }

  /**
   * Replace the output range [start, end) by `text` (rule-tagged). The source
   * range of the change is the union of the covered pieces' ranges; kept
   * pieces are split at the boundaries. If the covered pieces are not
   * contiguous in the source, the replacement goes to the first run and the
   * later runs become deletions, so no source character is lost.
   */
  replace(start: number, end: number, text: string, rule: string, stage: string): void {
    if (start > end) throw new Error(`replace: start ${start} > end ${end}`);
    this.splitAt(start);
    this.splitAt(end);
    // find the piece index range covering [start, end)
    let pos = 0;
    let i = 0;
    while (i < this.pieces.length && pos < start) {
      pos += this.pieces[i]!.text.length;
      i++;
    }
    // a zero-width decision record (a paragraph break with its evidence) at `start` stays in front of the change
    while (start < end && i < this.pieces.length && this.pieces[i]!.text.length === 0 && this.pieces[i]!.from === this.pieces[i]!.to && this.pieces[i]!.evidence) i++;
    // skip zero-length pieces sitting exactly at `start` only if we insert
    const first = i;
    while (i < this.pieces.length && pos < end) {
      pos += this.pieces[i]!.text.length;
      i++;
    }
    const covered = this.pieces.slice(first, i);
    const runs: Piece[] = [];
    if (covered.length === 0) {
      // pure insertion: anchor at the source position of the neighbouring piece
      const prev = this.pieces[first - 1];
      const next = this.pieces[first];
      const at = prev ? prev.to : next ? next.from : 0;
      runs.push({ from: at, to: at, text, rule, stage });
    } else {
      let cur: Piece = { from: covered[0]!.from, to: covered[0]!.to, text, rule, stage };
      runs.push(cur);
      for (let k = 1; k < covered.length; k++) {
        const p = covered[k]!;
        if (p.from === cur.to || p.to === p.from) {
          cur.to = Math.max(cur.to, p.to);
        } else {
          cur = { from: p.from, to: p.to, text: '', rule, stage };
          runs.push(cur);
        }
      }
    }
    this.pieces.splice(first, covered.length, ...runs);
  }

  /** Make sure a piece boundary exists at output offset `at` (splits kept pieces only). */
  private splitAt(at: number): void {
    let pos = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i]!;
      const len = p.text.length;
      if (at > pos && at < pos + len) {
        const k = at - pos;
        if (p.rule) {
          // a changed piece cannot be split by source; keep it whole: callers
          // replacing part of a changed piece replace all of it.
          return;
        }
        const a: Piece = { from: p.from, to: p.from + k, text: p.text.slice(0, k) };
        const b: Piece = { from: p.from + k, to: p.to, text: p.text.slice(k) };
        this.pieces.splice(i, 1, a, b);
        return;
      }
      pos += len;
      if (pos > at) return;
    }
  }

  /** Source offset of output offset `at` (start of the piece for changed pieces). */
  sourceOffset(at: number): number {
    let pos = 0;
    for (const p of this.pieces) {
      const len = p.text.length;
      if (len > 0 && at < pos + len) {
        if (!p.rule) return p.from + (at - pos);
        return p.from;
      }
      pos += len;
    }
    const last = this.pieces[this.pieces.length - 1];
    return last ? last.to : 0;
  }

  /** Contiguous source runs covered by this text, in output order. */
  sourceRuns(): Array<[number, number]> {
    const runs: Array<[number, number]> = [];
    for (const p of this.pieces) {
      if (p.to === p.from) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === p.from) last[1] = p.to;
      else runs.push([p.from, p.to]);
    }
    return runs;
  }

  /** Kept runs as [sourceFrom, textFrom, length] triples (for the JSON source map). */
  keptMap(): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    let pos = 0;
    for (const p of this.pieces) {
      if (!p.rule && p.text.length > 0) {
        const last = out[out.length - 1];
        if (last && last[0] + last[2] === p.from && last[1] + last[2] === pos) last[2] += p.text.length;
        else out.push([p.from, pos, p.text.length]);
      }
      pos += p.text.length;
    }
    return out;
  }

  /** Remove leading/trailing whitespace as rule-tagged deletions. */
  trim(rule: string, stage: string): this {
    const s = this.toString();
    const lead = s.length - s.trimStart().length;
    if (lead > 0) this.replace(0, lead, '', rule, stage);
    const s2 = this.toString();
    const trail = s2.length - s2.trimEnd().length;
    if (trail > 0) this.replace(s2.length - trail, s2.length, '', rule, stage);
    return this;
  }
}
