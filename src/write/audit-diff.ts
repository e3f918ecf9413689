/**
 * Output files (src/write): the audit diff, a unified diff from the original text to the
 * clean text.
 *
 * Why not the `diff` package: its Myers algorithm is O(N·D), and here almost
 * every line differs (every wrapped line is joined into a paragraph), so D ≈ N:
 * it took 1.4 s on the 1.3 MB corpus, 70 % of the whole run. This is a patience
 * diff instead (anchors = lines that occur once in each text, kept in order by a
 * longest increasing subsequence, O(N log N)); between anchors, the old lines are
 * removed and the new ones added. The output is a standard unified diff that
 * `patch`/`git apply` accept; test/audit-diff.test.ts applies it back with the
 * `diff` package's applyPatch and checks that it yields the clean text.
 */

export function auditDiff(name: string, original: string, clean: string, context = 1): string {
  return [...diffHeader(name), ...diffHunks(original, clean, 0, 0, context), ''].join('\n');
}

export function diffHeader(name: string): string[] {
  return [`--- a/${name}`, `+++ b/${name.replace(/\.[^.]+$/, '')}.clean.txt`];
}

/** The hunks turning `original` into `clean`, numbered as if they started after the given line counts. */
export function diffHunks(original: string, clean: string, oldOffset: number, newOffset: number, context = 1): string[] {
  // the original's lines exactly as they are, a CR before the LF included: with mixed
  // CR/CRLF/LF line ends, `patch` and `git apply` must find every removed line verbatim
  const oldLines = splitLines(original);
  const newLines = splitLines(clean);
  const ops = patience(oldLines, newLines);
  return hunks(ops, oldLines, newLines, context, oldOffset, newOffset);
}

export function splitLines(s: string): string[] {
  const t = s.endsWith('\n') ? s.slice(0, -1) : s;
  return t.length === 0 && s.length === 0 ? [] : t.split('\n');
}

/** Matched pairs [oldIndex, newIndex], increasing in both. */
function patience(a: string[], b: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const rec = (a0: number, a1: number, b0: number, b1: number, depth: number) => {
    // common prefix / suffix
    while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push([a0++, b0++]);
    const tail: Array<[number, number]> = [];
    while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) tail.push([--a1, --b1]);
    if (a0 < a1 && b0 < b1 && depth < 8) {
      const anchors = uniqueAnchors(a, a0, a1, b, b0, b1);
      let pa = a0;
      let pb = b0;
      for (const [i, j] of anchors) {
        rec(pa, i, pb, j, depth + 1);
        out.push([i, j]);
        pa = i + 1;
        pb = j + 1;
      }
      if (anchors.length > 0) rec(pa, a1, pb, b1, depth + 1);
    }
    for (let k = tail.length - 1; k >= 0; k--) out.push(tail[k]!);
  };
  rec(0, a.length, 0, b.length, 0);
  return out;
}

function uniqueAnchors(a: string[], a0: number, a1: number, b: string[], b0: number, b1: number): Array<[number, number]> {
  const ca = new Map<string, number>();
  for (let i = a0; i < a1; i++) {
    const k = a[i]!;
    if (k.trim() === '') continue;
    ca.set(k, ca.has(k) ? -1 : i);
  }
  const cb = new Map<string, number>();
  for (let j = b0; j < b1; j++) {
    const k = b[j]!;
    if (!ca.has(k) || ca.get(k) === -1) continue;
    cb.set(k, cb.has(k) ? -1 : j);
  }
  const pairs: Array<[number, number]> = [];
  for (const [k, j] of cb) if (j >= 0) pairs.push([ca.get(k)!, j]);
  pairs.sort((x, y) => x[0] - y[0]);
  // longest increasing subsequence on the new index
  const tails: number[] = [];
  const prev = new Array<number>(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const v = pairs[p]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const seq: Array<[number, number]> = [];
  for (let p = tails.length ? tails[tails.length - 1]! : -1; p >= 0; p = prev[p]!) seq.push(pairs[p]!);
  return seq.reverse();
}

function hunks(matches: Array<[number, number]>, a: string[], b: string[], ctx: number, oldOffset = 0, newOffset = 0): string[] {
  // edit script: walk matches, emitting removed/added runs between them
  type Op = { t: ' ' | '-' | '+'; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  const flush = (ti: number, tj: number) => {
    while (i < ti) ops.push({ t: '-', line: a[i]!, ai: i++, bi: j });
    while (j < tj) ops.push({ t: '+', line: b[j]!, ai: i, bi: j++ });
  };
  for (const [mi, mj] of matches) {
    flush(mi, mj);
    ops.push({ t: ' ', line: a[i]!, ai: i++, bi: j++ });
  }
  flush(a.length, b.length);
  const out: string[] = [];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.t === ' ') k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - ctx);
    while (start < k && ops[start]!.t !== ' ') start++;
    let end = k;
    // extend while changes are within 2*ctx context lines of each other
    for (;;) {
      while (end < ops.length && ops[end]!.t !== ' ') end++;
      let run = 0;
      while (end + run < ops.length && ops[end + run]!.t === ' ') run++;
      if (end + run < ops.length && run <= 2 * ctx) {
        end += run;
        continue;
      }
      end = Math.min(ops.length, end + Math.min(run, ctx));
      break;
    }
    const slice = ops.slice(start, end);
    const aStart = slice[0]!.ai + oldOffset;
    const bStart = slice[0]!.bi + newOffset;
    const aCount = slice.filter((o) => o.t !== '+').length;
    const bCount = slice.filter((o) => o.t !== '-').length;
    out.push(`@@ -${aCount === 0 ? aStart : aStart + 1},${aCount} +${bCount === 0 ? bStart : bStart + 1},${bCount} @@`);
    for (const o of slice) out.push(o.t + o.line);
    k = end;
  }
  return out;
}
