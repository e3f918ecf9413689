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
  /**
   * Offset index (issue 10: linear time). `pre[i]` is the output offset where piece i
   * starts, valid for i <= `valid`; `total` is the cached length (-1: unknown). Every
   * method that changes `pieces` keeps them up to date; a change made from outside
   * (pieces pushed or unshifted directly) is noticed by the piece count and resets them.
   * So `length` is O(1), a lookup is O(log n) plus the pieces added since the last one,
   * and appending line after line to a paragraph stays linear in its size.
   */
  private pre: number[] = [0];
  private valid = 0;
  private total = 0;
  private known = 0;
  /** the text, once built (`toString`), until the next change; undefined: not built */
  private built: string | undefined;

  constructor(pieces: Piece[] = []) {
    this.pieces = pieces;
    this.total = -1;
    this.known = pieces.length;
  }

  static kept(source: string, from: number, to: number): MappedText {
    return new MappedText(to > from ? [{ from, to, text: source.slice(from, to) }] : []);
  }

  private sync(): void {
    if (this.pieces.length !== this.known) {
      this.known = this.pieces.length;
      this.valid = 0;
      this.total = -1;
      this.built = undefined;
    }
  }

  /** Piece `i` and everything after it changed. */
  private changedFrom(i: number, delta: number): void {
    if (this.valid > i) this.valid = i;
    this.known = this.pieces.length;
    if (this.total >= 0) this.total += delta;
    this.built = undefined;
  }

  /** Lowest piece index j (0..pieces.length) with start(j) > at, or >= at when `orEqual`. */
  private lowest(at: number, orEqual: boolean): number {
    this.sync();
    const { pieces, pre } = this;
    const hit = (v: number) => (orEqual ? v >= at : v > at);
    while (this.valid < pieces.length && !hit(pre[this.valid]!)) {
      pre[this.valid + 1] = pre[this.valid]! + pieces[this.valid]!.text.length;
      this.valid++;
    }
    let lo = 0;
    let hi = this.valid;
    if (!hit(pre[hi]!)) return pieces.length + (orEqual ? 0 : 1);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hit(pre[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  get length(): number {
    this.sync();
    if (this.total < 0) {
      let n = 0;
      for (const p of this.pieces) n += p.text.length;
      this.total = n;
    }
    return this.total;
  }

  /** The last `n` characters (cheap: reads pieces from the end). */
  tail(n: number): string {
    let s = '';
    for (let i = this.pieces.length - 1; i >= 0 && s.length < n; i--) s = this.pieces[i]!.text + s;
    return s.length > n ? s.slice(s.length - n) : s;
  }

  /** The text (built once, then kept until a change: the stages read a block's text many times). */
  toString(): string {
    this.sync();
    if (this.built === undefined) {
      let s = '';
      for (const p of this.pieces) s += p.text;
      this.built = s;
    }
    return this.built;
  }

  pushKept(source: string, from: number, to: number): this {
    if (to > from) {
      this.sync();
      const last = this.pieces[this.pieces.length - 1];
      if (last && !last.rule && last.to === from) {
        last.to = to;
        last.text += source.slice(from, to);
        this.changedFrom(this.pieces.length - 1, to - from);
      } else {
        this.pieces.push({ from, to, text: source.slice(from, to) });
        this.changedFrom(this.pieces.length - 1, to - from);
      }
    }
    return this;
  }

  /** A change: the source range [from, to) becomes `text`, by `rule`. */
  pushChange(from: number, to: number, text: string, rule: string, stage: string): this {
    if (to > from || text.length > 0) {
      this.sync();
      this.pieces.push({ from, to, text, rule, stage });
      this.changedFrom(this.pieces.length - 1, text.length);
    }
    return this;
  }

  append(other: MappedText): this {
    this.sync();
    const at = this.pieces.length;
    for (const p of other.pieces) this.pieces.push(p);
    this.changedFrom(at, other.length);
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
    // the piece index range covering [start, end)
    let first = this.lowest(start, true);
    // a zero-width decision record (a paragraph break with its evidence) at `start` stays in front of the change
    while (start < end && first < this.pieces.length && this.pieces[first]!.text.length === 0 && this.pieces[first]!.from === this.pieces[first]!.to && this.pieces[first]!.evidence) first++;
    const last = Math.max(first, this.lowest(end, true));
    const covered = this.pieces.slice(first, last);
    let removed = 0;
    for (const p of covered) removed += p.text.length;
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
    this.changedFrom(first, text.length - removed);
  }

  /** Make sure a piece boundary exists at output offset `at` (splits kept pieces only). */
  private splitAt(at: number): void {
    const i = this.lowest(at, false) - 1;
    if (i < 0 || i >= this.pieces.length) return;
    const pos = this.pre[i]!;
    const p = this.pieces[i]!;
    if (!(at > pos && at < pos + p.text.length)) return;
    // a changed piece cannot be split by source; keep it whole: callers
    // replacing part of a changed piece replace all of it.
    if (p.rule) return;
    const k = at - pos;
    const a: Piece = { from: p.from, to: p.from + k, text: p.text.slice(0, k) };
    const b: Piece = { from: p.from + k, to: p.to, text: p.text.slice(k) };
    this.pieces.splice(i, 1, a, b);
    this.changedFrom(i, 0);
  }

  /** Source offset of output offset `at` (start of the piece for changed pieces). */
  sourceOffset(at: number): number {
    const i = this.lowest(at, false) - 1;
    if (i >= 0 && i < this.pieces.length && at >= 0) {
      const p = this.pieces[i]!;
      if (!p.rule) return p.from + (at - this.pre[i]!);
      return p.from;
    }
    if (at < 0 && this.pieces.length) {
      // before the start: the original loop returned the first non-empty piece
      const p = this.pieces.find((q) => q.text.length > 0);
      if (p) return p.rule ? p.from : p.from + at;
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
