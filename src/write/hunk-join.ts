/**
 * Stage 7 — write: joining the hunks of a diff written section by section.
 *
 * `git apply` anchors a hunk that has no trailing context to the end of the file
 * (and one without leading context that starts at line 1 to the start). A large
 * book's diff is written one section at a time, so a section whose last lines
 * change ends with such a hunk in the middle of the file, and git refuses it.
 * When the next section's first hunk starts on the very next line (old and new),
 * the two are one change: this joins them before they are written.
 */

interface Hunk {
  oldFirst: number;
  oldCount: number;
  newFirst: number;
  newCount: number;
  body: string[];
}

const HEADER = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/;

function parse(lines: string[]): Hunk[] {
  const out: Hunk[] = [];
  for (const l of lines) {
    const m = HEADER.exec(l);
    if (m) {
      const [oa, oc, na, nc] = m.slice(1).map(Number) as [number, number, number, number];
      // a count of 0 names the line after which the hunk sits
      out.push({ oldFirst: oc === 0 ? oa + 1 : oa, oldCount: oc, newFirst: nc === 0 ? na + 1 : na, newCount: nc, body: [] });
    } else out[out.length - 1]!.body.push(l);
  }
  return out;
}

function format(h: Hunk): string[] {
  const o = h.oldCount === 0 ? h.oldFirst - 1 : h.oldFirst;
  const n = h.newCount === 0 ? h.newFirst - 1 : h.newFirst;
  return [`@@ -${o},${h.oldCount} +${n},${h.newCount} @@`, ...h.body];
}

/** Receives each section's hunk lines in order; gives back the lines ready to write. */
export class HunkJoiner {
  private last: Hunk | undefined;

  /** Add one section's hunks; returns the lines that can be written now (the last hunk is held back). */
  push(lines: string[]): string[] {
    const hunks = parse(lines);
    const out: string[] = [];
    for (const h of hunks) {
      const p = this.last;
      if (p && p.oldFirst + p.oldCount === h.oldFirst && p.newFirst + p.newCount === h.newFirst && !p.body.some((l) => l.startsWith('\\'))) {
        p.oldCount += h.oldCount;
        p.newCount += h.newCount;
        for (const l of h.body) p.body.push(l); // no spread: a section's hunk can hold more lines than the stack holds arguments
        continue;
      }
      if (p) for (const l of format(p)) out.push(l);
      this.last = h;
    }
    return out;
  }

  /** The held-back hunk. */
  end(): string[] {
    const p = this.last;
    this.last = undefined;
    return p ? format(p) : [];
  }
}
