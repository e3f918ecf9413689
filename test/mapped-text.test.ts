// MappedText keeps an offset index so that appending line after line stays linear
// (issue 10). Its results must be exactly those of the plain walk over the pieces it
// replaced: random sequences of appends, changes, replacements (anywhere, including
// inside changed pieces and as pure insertions) and outside pushes are run on both,
// and the pieces, the length, the text and every source offset are compared.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MappedText, type Piece } from '../src/text/mapped-text.js';

/** The plain algorithm (the version before the index), kept as the oracle. */
class Plain {
  pieces: Piece[] = [];
  get length(): number {
    let n = 0;
    for (const p of this.pieces) n += p.text.length;
    return n;
  }
  pushKept(source: string, from: number, to: number): void {
    if (to <= from) return;
    const last = this.pieces[this.pieces.length - 1];
    if (last && !last.rule && last.to === from) {
      last.to = to;
      last.text += source.slice(from, to);
    } else this.pieces.push({ from, to, text: source.slice(from, to) });
  }
  pushChange(from: number, to: number, text: string, rule: string, stage: string): void {
    if (to > from || text.length > 0) this.pieces.push({ from, to, text, rule, stage });
  }
  replace(start: number, end: number, text: string, rule: string, stage: string): void {
    this.splitAt(start);
    this.splitAt(end);
    let pos = 0;
    let i = 0;
    while (i < this.pieces.length && pos < start) pos += this.pieces[i++]!.text.length;
    const first = i;
    while (i < this.pieces.length && pos < end) pos += this.pieces[i++]!.text.length;
    const covered = this.pieces.slice(first, i);
    const runs: Piece[] = [];
    if (covered.length === 0) {
      const prev = this.pieces[first - 1];
      const next = this.pieces[first];
      const at = prev ? prev.to : next ? next.from : 0;
      runs.push({ from: at, to: at, text, rule, stage });
    } else {
      let cur: Piece = { from: covered[0]!.from, to: covered[0]!.to, text, rule, stage };
      runs.push(cur);
      for (let k = 1; k < covered.length; k++) {
        const p = covered[k]!;
        if (p.from === cur.to || p.to === p.from) cur.to = Math.max(cur.to, p.to);
        else {
          cur = { from: p.from, to: p.to, text: '', rule, stage };
          runs.push(cur);
        }
      }
    }
    this.pieces.splice(first, covered.length, ...runs);
  }
  private splitAt(at: number): void {
    let pos = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i]!;
      const len = p.text.length;
      if (at > pos && at < pos + len) {
        if (p.rule) return;
        const k = at - pos;
        this.pieces.splice(i, 1, { from: p.from, to: p.from + k, text: p.text.slice(0, k) }, { from: p.from + k, to: p.to, text: p.text.slice(k) });
        return;
      }
      pos += len;
      if (pos > at) return;
    }
  }
  sourceOffset(at: number): number {
    let pos = 0;
    for (const p of this.pieces) {
      const len = p.text.length;
      if (len > 0 && at < pos + len) return p.rule ? p.from : p.from + (at - pos);
      pos += len;
    }
    const last = this.pieces[this.pieces.length - 1];
    return last ? last.to : 0;
  }
}

const SOURCE = 'Le commerce extérieur de la Biélorussie a augmenté de 12 % en 2020, selon le ministère.\n'.repeat(4);

type Op =
  | { k: 'kept'; len: number; gap: number }
  | { k: 'change'; len: number; text: string }
  | { k: 'replace'; a: number; b: number; text: string }
  | { k: 'tail-replace'; text: string }
  | { k: 'outside-push'; len: number }
  | { k: 'outside-unshift' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('kept' as const), len: fc.integer({ min: 0, max: 12 }), gap: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ k: fc.constant('change' as const), len: fc.integer({ min: 0, max: 4 }), text: fc.constantFrom('', ' ', '-', 'xyz') }),
  fc.record({ k: fc.constant('replace' as const), a: fc.nat(), b: fc.nat(), text: fc.constantFrom('', ' ', '[1]', 'é') }),
  fc.record({ k: fc.constant('tail-replace' as const), text: fc.constantFrom('', '-') }),
  fc.record({ k: fc.constant('outside-push' as const), len: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ k: 'outside-unshift' as const }),
);

describe('MappedText with its offset index gives the same results as a plain walk', () => {
  it('2 000 random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const m = new MappedText();
        const p = new Plain();
        let src = 0;
        for (const o of ops) {
          switch (o.k) {
            case 'kept': {
              const from = Math.min(SOURCE.length, src + o.gap);
              const to = Math.min(SOURCE.length, from + o.len);
              m.pushKept(SOURCE, from, to);
              p.pushKept(SOURCE, from, to);
              src = to;
              break;
            }
            case 'change': {
              const to = Math.min(SOURCE.length, src + o.len);
              m.pushChange(src, to, o.text, 'r/change', 's');
              p.pushChange(src, to, o.text, 'r/change', 's');
              src = to;
              break;
            }
            case 'replace': {
              const n = p.length;
              const a = n ? o.a % (n + 1) : 0;
              const b = n ? o.b % (n + 1) : 0;
              const [x, y] = a <= b ? [a, b] : [b, a];
              m.replace(x, y, o.text, 'r/replace', 's');
              p.replace(x, y, o.text, 'r/replace', 's');
              break;
            }
            case 'tail-replace': {
              const n = p.length;
              if (n === 0) break;
              // as joinLine drops a line-end hyphen: the last character
              m.replace(m.length - 1, m.length, o.text, 'r/tail', 's');
              p.replace(n - 1, n, o.text, 'r/tail', 's');
              break;
            }
            case 'outside-push': {
              // pieces added from outside, as numberUnnumbered does
              const to = Math.min(SOURCE.length, src + o.len);
              m.pieces.push({ from: src, to, text: SOURCE.slice(src, to) });
              p.pieces.push({ from: src, to, text: SOURCE.slice(src, to) });
              src = to;
              break;
            }
            case 'outside-unshift': {
              const first = p.pieces[0];
              if (!first) break;
              m.pieces.unshift({ from: first.from, to: first.from, text: '', rule: 'r/inferred', stage: 's' });
              p.pieces.unshift({ from: first.from, to: first.from, text: '', rule: 'r/inferred', stage: 's' });
              break;
            }
          }
          expect(m.length).toBe(p.length);
        }
        expect(m.pieces).toEqual(p.pieces);
        expect(m.toString()).toBe(p.pieces.map((x) => x.text).join(''));
        for (let at = 0; at <= p.length + 1; at++) expect(m.sourceOffset(at)).toBe(p.sourceOffset(at));
      }),
      { numRuns: 2000, seed: 10 },
    );
  });
});
