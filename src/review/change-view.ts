/**
 * The change view: what the pipeline did to each block and footnote, in a form a
 * person reviews — the unit's original lines and its clean text, where joining
 * wrapped lines and page breaks (white space for white space) is not a change, and
 * every real edit (a marker taken out, a URL repaired, a hyphen restored, a
 * footnote block lifted out of a paragraph, furniture removed) is shown word by
 * word and linked to its audit entry and rule.
 *
 * Built from the document JSON alone (the original comes from `reconstruct`), so
 * the review file and the HTML report show the same thing for any output directory.
 */
import type { AuditEntry, DocumentJson } from '../types.js';
import { reconstruct } from '../stages/9-document/reconstruct.js';
import { LineStarts } from '../text/lines.js';

export type Segment =
  | { kind: 'same'; text: string }
  /** audit entry `ref` (index into `doc.audit`) replaced `del` by `ins` (widened to whole words) */
  | { kind: 'edit'; ref: number; del: string; ins: string }
  /** footnote marker N placed here */
  | { kind: 'note'; n: number }
  /** original lines that are not this unit's text: a footnote block, page furniture, … */
  | { kind: 'lifted'; from: number; to: number; lines: [number, number]; what: string[] };

export interface EditInfo {
  ref: number;
  rule: string;
  stage: string;
  line: number;
  column: number;
  before: string;
  after: string;
}

export interface UnitView {
  /** `b12`, `fn3`, or `removed` */
  id: string;
  kind: string;
  /** first and last original line */
  lines: [number, number];
  /** source offsets where the unit starts and ends */
  from: number;
  to: number;
  segments: Segment[];
  edits: EditInfo[];
  /** the clean side of the segments equals the unit's text (false would be a bug; the tests check it) */
  consistent: boolean;
}

/** White space replaced by white space across a line or page break: layout, not an edit. */
export function isWrapOnly(a: Pick<AuditEntry, 'before' | 'after'>): boolean {
  return /^\s*$/.test(a.before) && /^\s*$/.test(a.after);
}

interface Unit {
  id: string;
  kind: string;
  text: string;
  notes: Array<{ n: number; offset: number }>;
  map: Array<[number, number, number]>;
}

export function changeView(doc: DocumentJson, original: string = reconstruct(doc), index: LineStarts = new LineStarts(original)): UnitView[] {
  const byUnit = new Map<string, number[]>();
  doc.audit.forEach((a, i) => {
    if (!a.in) return;
    const l = byUnit.get(a.in);
    if (l) l.push(i);
    else byUnit.set(a.in, [i]);
  });
  // what lies where, for naming the lifted spans
  const owners: Array<{ from: number; to: number; what: string }> = [];
  for (const f of doc.footnotes) for (const [src, , len] of f.map ?? []) owners.push({ from: src, to: src + len, what: `footnote ${f.n}` });
  for (const b of doc.blocks) for (const [src, , len] of b.map ?? []) owners.push({ from: src, to: src + len, what: `block ${b.id}` });
  for (const r of doc.removed) owners.push({ from: r.from, to: r.to, what: `${r.kind} (${r.rule})` });
  owners.sort((x, y) => x.from - y.from);
  const ownerStarts = owners.map((o) => o.from);

  const describe = (from: number, to: number): string[] => {
    const out = new Set<string>();
    let lo = 0;
    let hi = owners.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (owners[mid]!.to <= from) lo = mid + 1;
      else hi = mid;
    }
    // owners are sorted by start; walk back a little for long pieces that began earlier
    for (let k = Math.max(0, lo - 50); k < owners.length && ownerStarts[k]! < to; k++) {
      const o = owners[k]!;
      if (o.to > from && o.from < to && /\S/.test(original.slice(Math.max(o.from, from), Math.min(o.to, to)))) out.add(o.what);
    }
    return [...out];
  };

  const viewOf = (u: Unit): UnitView => {
    type Ev = { from: number; to: number; at?: number; text?: string; ref?: number };
    const evs: Ev[] = u.map.map(([src, at, len]) => ({ from: src, to: src + len, at, text: u.text.slice(at, at + len) }));
    for (const i of byUnit.get(u.id) ?? []) evs.push({ from: doc.audit[i]!.from, to: doc.audit[i]!.to, ref: i });
    evs.sort((x, y) => x.from - y.from || x.to - y.to);
    const segs: Segment[] = [];
    const edits: EditInfo[] = [];
    const notes = [...u.notes].sort((x, y) => x.offset - y.offset || x.n - y.n);
    let ni = 0;
    let textPos = 0;
    let clean = '';
    const pushSame = (t: string) => {
      if (!t) return;
      const last = segs[segs.length - 1];
      if (last?.kind === 'same') last.text += t;
      else segs.push({ kind: 'same', text: t });
    };
    const placeNotes = (upTo: number) => {
      while (ni < notes.length && notes[ni]!.offset <= upTo) segs.push({ kind: 'note', n: notes[ni++]!.n });
    };
    let pos = evs.length ? evs[0]!.from : 0;
    for (const ev of evs) {
      if (ev.from > pos && /\S/.test(original.slice(pos, ev.from))) {
        segs.push({ kind: 'lifted', from: pos, to: ev.from, lines: [index.line(pos), index.line(ev.from - 1)], what: describe(pos, ev.from) });
      }
      pos = Math.max(pos, ev.to);
      if (ev.text !== undefined) {
        // a verbatim run, split where markers sit
        let at = ev.at!;
        const end = at + ev.text.length;
        placeNotes(at);
        while (ni < notes.length && notes[ni]!.offset < end) {
          const o = notes[ni]!.offset;
          pushSame(u.text.slice(at, o));
          at = o;
          placeNotes(o);
        }
        pushSame(u.text.slice(at, end));
        clean += ev.text;
        textPos = end;
      } else {
        const a = doc.audit[ev.ref!]!;
        placeNotes(textPos);
        clean += a.after;
        textPos += a.after.length;
        if (isWrapOnly(a)) pushSame(a.after);
        else {
          segs.push({ kind: 'edit', ref: ev.ref!, del: a.before, ins: a.after });
          edits.push({ ref: ev.ref!, rule: a.rule, stage: a.stage, line: a.source.start.line, column: a.source.start.column, before: a.before, after: a.after });
        }
      }
    }
    placeNotes(Infinity);
    widenToWords(segs);
    const first = evs.length ? evs[0]!.from : 0;
    const last = evs.reduce((m, e) => Math.max(m, e.to), 0); // no spread: a huge paragraph has more events than the stack holds arguments
    return {
      id: u.id,
      kind: u.kind,
      lines: [index.line(first), index.line(Math.max(first, last - 1))],
      from: first,
      to: Math.max(first, last),
      segments: segs,
      edits,
      consistent: clean === u.text,
    };
  };

  const blocks = doc.blocks.map((b) => viewOf({ id: b.id, kind: b.kind, text: b.text, notes: b.notes, map: b.map ?? [] }));
  // removed lines outside any block's span: their own entries, in source order among the blocks
  const inside = (from: number) => blocks.some((v) => v.segments.some((s) => s.kind === 'lifted' && s.from <= from && from < s.to));
  const removed: UnitView[] = doc.removed
    .filter((r) => !inside(r.from))
    .map((r) => ({
      id: 'removed',
      kind: r.kind,
      lines: [r.source.start.line, r.source.end.line] as [number, number],
      from: r.from,
      to: r.to,
      segments: [{ kind: 'edit' as const, ref: -1, del: r.text, ins: '' }],
      edits: [{ ref: -1, rule: r.rule, stage: 'layout', line: r.source.start.line, column: r.source.start.column, before: r.text, after: '' }],
      consistent: true,
    }));
  const body: UnitView[] = [];
  let ri = 0;
  for (const b of blocks) {
    while (ri < removed.length && removed[ri]!.from < b.from) body.push(removed[ri++]!);
    body.push(b);
  }
  for (const r of removed.slice(ri)) body.push(r);
  const notes = doc.footnotes.map((f) => viewOf({ id: `fn${f.n}`, kind: 'footnote', text: f.text, notes: [], map: f.map ?? [] }));
  return [...body, ...notes];
}

/** Widen each edit to whole words: the partial words around it move into both sides. */
function widenToWords(segs: Segment[]): void {
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.kind !== 'edit') continue;
    const prev = segs[i - 1];
    const next = segs[i + 1];
    if (prev?.kind === 'same' && !/^\s/.test(s.del + s.ins)) {
      const m = /\S+$/.exec(prev.text);
      if (m) {
        prev.text = prev.text.slice(0, m.index);
        s.del = m[0] + s.del;
        s.ins = m[0] + s.ins;
      }
    }
    if (next?.kind === 'same' && !/\s$/.test(s.del + s.ins)) {
      const m = /^\S+/.exec(next.text);
      if (m) {
        next.text = next.text.slice(m[0].length);
        s.del += m[0];
        s.ins += m[0];
      }
    }
  }
}

/** The clean side of a unit's segments (markers as `[^N]`): what the clean text shows. */
export function cleanSide(v: UnitView): string {
  return v.segments.map((s) => (s.kind === 'same' ? s.text : s.kind === 'edit' ? s.ins : s.kind === 'note' ? `[^${s.n}]` : '')).join('');
}

/** The original side: what the original lines hold, lifted spans included. */
export function originalSide(v: UnitView, original: string): string {
  return v.segments.map((s) => (s.kind === 'same' ? s.text : s.kind === 'edit' ? s.del : s.kind === 'lifted' ? original.slice(s.from, s.to) : '')).join('');
}

const oneLine = (s: string) => s.replace(/\r?\n/g, '⏎');

/**
 * `<name>.review.txt`: in the style of `git diff --word-diff`: `[-removed-]{+added+}`,
 * each edit followed by `‹aN›`, the index of its entry in the JSON's `audit` array,
 * listed under the unit with its original line:column and rule.
 */
export function reviewText(doc: DocumentJson, views: UnitView[] = changeView(doc)): string {
  return [...reviewHeader(doc.source.path), ...views.map(reviewUnit)].join('\n');
}

export function reviewHeader(path: string): string[] {
  return [
    `# relecteur review of ${path}`,
    '# [-original-]{+clean+} are real edits, each followed by ‹aN› = audit[N] in the JSON, listed below its block',
    '# with its original line:column and rule. Joining wrapped lines and page breaks is not shown as a change;',
    '# ⟦lines a-b …⟧ marks original lines lifted out of the block (footnotes, page furniture). ⏎ is a line end.',
    '',
  ];
}

/** One unit of the review file: header line, word-diff line, its edits, a blank line. */
export function reviewUnit(v: UnitView): string {
  const out: string[] = [];
  const changed = v.edits.length > 0 || v.segments.some((s) => s.kind === 'lifted');
  const span = v.lines[0] === v.lines[1] ? `line ${v.lines[0]}` : `lines ${v.lines[0]}-${v.lines[1]}`;
  out.push(`@@ ${v.id === 'removed' ? 'removed' : v.id} ${v.kind} · ${span}${changed ? '' : ' · wrapping only'} @@`);
  out.push(
    v.segments
      .map((s) => {
        if (s.kind === 'same') return s.text;
        if (s.kind === 'note') return `{+[^${s.n}]+}`;
        if (s.kind === 'lifted') return `⟦lines ${s.lines[0]}-${s.lines[1]} lifted out: ${s.what.join(', ') || 'blank'}⟧`;
        return `${s.del ? `[-${oneLine(s.del)}-]` : ''}${s.ins ? `{+${oneLine(s.ins)}+}` : ''}${s.ref >= 0 ? `‹a${s.ref}›` : ''}`;
      })
      .join(''),
  );
  for (const e of v.edits) out.push(`    ${e.ref >= 0 ? `‹a${e.ref}›` : '‹removed›'} ${e.line}:${e.column} ${e.rule}`);
  out.push('');
  return out.join('\n');
}

/** A section's views moved to the whole book: block ids renamed, lines and audit indices shifted. */
export function shiftViews(views: UnitView[], o: { lines: number; offset: number; audit: number; ids: Map<string, string> }): UnitView[] {
  return views.map((v) => ({
    ...v,
    id: o.ids.get(v.id) ?? v.id,
    lines: [v.lines[0] + o.lines, v.lines[1] + o.lines] as [number, number],
    from: v.from + o.offset,
    to: v.to + o.offset,
    segments: v.segments.map((s) =>
      s.kind === 'edit' && s.ref >= 0 ? { ...s, ref: s.ref + o.audit } : s.kind === 'lifted' ? { ...s, from: s.from + o.offset, to: s.to + o.offset, lines: [s.lines[0] + o.lines, s.lines[1] + o.lines] as [number, number] } : s,
    ),
    edits: v.edits.map((e) => ({ ...e, ref: e.ref >= 0 ? e.ref + o.audit : e.ref, line: e.line + o.lines })),
  }));
}
