/**
 * Stage 7 — write, for books too large to hold whole (over `SECTION_THRESHOLD`
 * characters): the text is cut into sections of about `SECTION_CHARS` at
 * paragraph starts, each section runs through the pipeline on its own (inheriting
 * the footnote and marker numbering reached so far), and the three outputs are
 * streamed to disk section by section. Memory then depends on the section size,
 * not on the book's. The JSON has the same fields as for a small book (block ids,
 * offsets, lines and columns are those of the whole file); only the order of its
 * keys differs. Footnotes are kept until the end, since a marker may come before
 * or after its footnote's section.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { processDecoded, type RuleSet, type SectionCarry } from '../../pipeline.js';
import type { AuditEntry, Block, DocumentJson, Fact, Footnote, Removed, Span } from '../../types.js';
import { SCHEMA_ID } from '../../types.js';
import { bodyLines, footnoteLines } from './clean-text.js';
import { footnoteNumbering } from '../3-footnotes/numbering.js';
import { diffHeader, diffHunks, splitLines } from './audit-diff.js';

export const SECTION_THRESHOLD = 3_000_000;
export const SECTION_CHARS = 1_000_000;

/** Offsets where sections start (after 0): the start of a paragraph near every `size` characters. */
export function sectionCuts(text: string, size = SECTION_CHARS): number[] {
  const cuts: number[] = [];
  let target = size;
  while (target < text.length - size / 2) {
    let pos = text.indexOf('\n', target) + 1;
    let cut = -1;
    let prev = text.slice(text.lastIndexOf('\n', pos - 2) + 1, pos - 1);
    for (let k = 0; k < 3000 && pos > 0 && pos < text.length; k++) {
      const nl = text.indexOf('\n', pos);
      const line = text.slice(pos, nl < 0 ? text.length : nl);
      const t = prev.trim();
      if (
        /^\p{Lu}/u.test(line) &&
        /[.!?…"»]$/.test(t) &&
        !/^\s*\d/.test(line) &&
        !/URL|\[Ressource|http/.test(line) &&
        !/^\s{10,}$|^---$/.test(prev)
      ) {
        cut = pos;
        break;
      }
      if (line.trim() !== '') prev = line;
      if (nl < 0) break;
      pos = nl + 1;
    }
    if (cut < 0) cut = text.indexOf('\n', target) + 1;
    if (cut <= 0 || cut >= text.length) break;
    cuts.push(cut);
    target = cut + size;
  }
  return cuts;
}

class Out {
  private s: WriteStream;
  private failed: Error | null = null;
  constructor(readonly path: string) {
    this.s = createWriteStream(path, { encoding: 'utf8' });
    this.s.on('error', (e: NodeJS.ErrnoException) => {
      // name the output in the one-line error (a write error carries no path)
      e.path ??= path.replace(/\.\d+\.\d+\.tmp$/, '');
      this.failed = e;
    });
  }
  /** Resolves when the chunk is buffered; rejects on a write error, also one that comes while waiting for `drain` (a full disk must not hang the run). */
  write(chunk: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      if (this.s.write(chunk)) return resolve();
      const onDrain = () => {
        this.s.off('error', onError);
        resolve();
      };
      const onError = (e: Error) => {
        this.s.off('drain', onDrain);
        reject(e);
      };
      this.s.once('drain', onDrain);
      this.s.once('error', onError);
    });
  }
  end(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.s.end();
    return finished(this.s);
  }
  /** Close the file descriptor whatever state the stream is in. */
  destroy(): void {
    this.s.destroy();
  }
}

const shiftSpan = (s: Span, lines: number): Span => ({
  start: { line: s.start.line + lines, column: s.start.column },
  end: { line: s.end.line + lines, column: s.end.column },
});

export interface SectionedResult {
  stats: DocumentJson['stats'];
  timings: Record<string, number>;
}

/**
 * Process `text` section by section and write `<base>.json`, `.clean.txt`, `.diff`
 * through temporary files renamed at the end (atomic, as for small books).
 */
export async function writeSectioned(
  text: string,
  meta: { path: string; name: string; sha256: string; bytes: number; encoding: string; bom: boolean; invalidBytes?: Array<[number, number]> },
  rules: RuleSet,
  base: string,
  sectionChars = SECTION_CHARS,
): Promise<SectionedResult> {
  const cuts = [0, ...sectionCuts(text, sectionChars), text.length];
  const tag = `${process.pid}.${Date.now() % 100000}.tmp`;
  const json = new Out(`${base}.json.${tag}`);
  const side = { facts: new Out(`${base}.facts.${tag}`), removed: new Out(`${base}.removed.${tag}`), audit: new Out(`${base}.audit.${tag}`) };
  const clean = new Out(`${base}.clean.txt.${tag}`);
  const diff = new Out(`${base}.diff.${tag}`);
  const tmpFiles = [json.path, side.facts.path, side.removed.path, side.audit.path, clean.path, diff.path];
  const timings: Record<string, number> = {};
  try {
    let carry: SectionCarry = { lastFootnote: 0, lastMarker: 0, seenMarkers: [] };
    let blockNo = 0;
    let lineOffset = 0;
    let cleanLines = 0;
    const footnotes: Footnote[] = [];
    const refs = new Map<number, string[]>();
    const langLength = new Map<string, number>();
    const firsts = { blocks: true, facts: true, removed: true, audit: true };
    const counts = { blocks: 0, markers: 0, urls: 0, urlsRepaired: 0, urlsUnrecoverable: 0, removed: 0, changes: 0 };
    const factCounts = { money: 0, percent: 0, quantity: 0, date: 0, counterparty: 0 };
    let layout: DocumentJson['source']['layout'] | undefined;
    const seen = new Set<number>();
    const push = async (o: Out, key: keyof typeof firsts, value: unknown) => {
      await o.write((firsts[key] ? '\n  ' : ',\n  ') + JSON.stringify(value));
      firsts[key] = false;
    };
    await json.write(`{\n "schema": ${JSON.stringify(SCHEMA_ID)},\n "blocks": [`);
    await diff.write(diffHeader(meta.name).join('\n') + '\n');
    for (let k = 0; k + 1 < cuts.length; k++) {
      const from = cuts[k]!;
      const part = text.slice(from, cuts[k + 1]);
      const { doc, timings: t, carry: next } = processDecoded(part, {
        path: meta.path,
        rules,
        section: { startFootnote: carry.lastFootnote, startMarker: carry.lastMarker, seenMarkers: carry.seenMarkers, front: k === 0, back: k + 2 === cuts.length },
      });
      for (const [name, v] of Object.entries(t)) timings[name] = (timings[name] ?? 0) + v;
      carry = { lastFootnote: next.lastFootnote, lastMarker: next.lastMarker, seenMarkers: [...new Set([...carry.seenMarkers, ...next.seenMarkers])] };
      for (const n of next.seenMarkers) seen.add(n);
      layout ??= doc.source.layout;
      const ids = new Map<string, string>();
      for (const b of doc.blocks) ids.set(b.id, `b${++blockNo}`);
      const blocks: Block[] = doc.blocks.map((b) => ({
        ...b,
        id: ids.get(b.id)!,
        source: b.source.map((s) => shiftSpan(s, lineOffset)),
        map: b.map?.map(([src, at, len]) => [src + from, at, len] as [number, number, number]),
      }));
      for (const b of blocks) {
        await push(json, 'blocks', b);
        for (const n of b.notes) refs.set(n.n, [...(refs.get(n.n) ?? []), b.id]);
        if (b.kind === 'paragraph') langLength.set(b.lang, (langLength.get(b.lang) ?? 0) + b.text.length);
        counts.urls += b.urls?.length ?? 0;
        for (const u of b.urls ?? []) {
          if (u.status === 'repaired') counts.urlsRepaired++;
          if (u.status === 'unrecoverable') counts.urlsUnrecoverable++;
        }
      }
      for (const f of doc.footnotes) {
        footnotes.push({ ...f, refs: [], source: f.source.map((s) => shiftSpan(s, lineOffset)), map: f.map?.map(([src, at, len]) => [src + from, at, len] as [number, number, number]) });
      }
      for (const f of doc.facts) {
        const g: Fact = { ...f, block: ids.get(f.block)!, source: { line: f.source.line + lineOffset, column: f.source.column } };
        factCounts[g.type]++;
        await push(side.facts, 'facts', g);
      }
      for (const r of doc.removed) {
        const g: Removed = { ...r, source: shiftSpan(r.source, lineOffset), from: r.from + from, to: r.to + from };
        counts.removed++;
        await push(side.removed, 'removed', g);
      }
      for (const a of doc.audit) {
        const g: AuditEntry = { ...a, from: a.from + from, to: a.to + from, source: shiftSpan(a.source, lineOffset), ...(a.in ? { in: ids.get(a.in) ?? a.in } : {}) };
        counts.changes++;
        await push(side.audit, 'audit', g);
      }
      counts.markers += doc.stats.markers;
      const body = bodyLines(blocks);
      if (body.length) await clean.write(body.join('\n') + '\n');
      const hunks = diffHunks(part, body.length ? body.join('\n') + '\n' : '', lineOffset, cleanLines);
      if (hunks.length) await diff.write(hunks.join('\n') + '\n');
      cleanLines += body.length;
      lineOffset += splitLines(part).length;
    }
    // footnotes: refs from every section's markers
    footnotes.sort((a, b) => a.n - b.n);
    for (const f of footnotes) {
      f.refs = [...new Set(refs.get(f.n) ?? [])];
      counts.urls += f.urls.length;
      for (const u of f.urls) {
        if (u.status === 'repaired') counts.urlsRepaired++;
        if (u.status === 'unrecoverable') counts.urlsUnrecoverable++;
      }
    }
    const notes = footnoteLines(footnotes);
    await clean.write(['---', ...notes].join('\n') + '\n');
    const oldTotal = splitLines(text).length;
    await diff.write([`@@ -${oldTotal},0 +${cleanLines + 1},${notes.length + 1} @@`, '+---', ...notes.map((l) => `+${l}`), ''].join('\n'));
    // numbering of the whole book
    const numbering = footnoteNumbering(footnotes, seen);
    const stats: DocumentJson['stats'] = {
      blocks: blockNo,
      footnotes: footnotes.length,
      markers: counts.markers,
      unlinkedMarkers: 0,
      missingFootnotes: numbering.missing.length,
      orphanFootnotes: numbering.orphans.length,
      urls: counts.urls,
      urlsRepaired: counts.urlsRepaired,
      urlsUnrecoverable: counts.urlsUnrecoverable,
      facts: factCounts,
      numbering,
      removed: counts.removed,
      changes: counts.changes,
      sections: cuts.length - 1,
    };
    const language = [...langLength.entries()].filter(([l]) => l !== 'und').sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'und';
    await json.write(`\n ],\n "footnotes": [`);
    for (let i = 0; i < footnotes.length; i++) await json.write((i ? ',\n  ' : '\n  ') + JSON.stringify(footnotes[i]));
    footnotes.length = 0;
    for (const [key, o] of [['facts', side.facts], ['removed', side.removed], ['audit', side.audit]] as const) {
      await o.end();
      await json.write(`\n ],\n ${JSON.stringify(key)}: [`);
      await appendFile(json, o.path);
    }
    const source = {
      path: meta.path,
      sha256: meta.sha256,
      bytes: meta.bytes,
      encoding: meta.encoding,
      ...(meta.bom ? { bom: true } : {}),
      layout: layout ?? 'hard-wrapped',
      ...(meta.invalidBytes ? { invalidBytes: meta.invalidBytes } : {}),
    };
    await json.write(`\n ],\n "source": ${JSON.stringify(source)},\n "language": ${JSON.stringify(language)},\n "stats": ${JSON.stringify(stats)}\n}\n`);
    await Promise.all([json.end(), clean.end(), diff.end()]);
    await rename(json.path, `${base}.json`);
    await rename(clean.path, `${base}.clean.txt`);
    await rename(diff.path, `${base}.diff`);
    return { stats, timings };
  } finally {
    for (const o of [json, side.facts, side.removed, side.audit, clean, diff]) o.destroy();
    for (const f of tmpFiles) await unlink(f).catch(() => {});
  }
}

async function appendFile(to: Out, from: string): Promise<void> {
  const { createReadStream } = await import('node:fs');
  for await (const chunk of createReadStream(from, { encoding: 'utf8', highWaterMark: 1 << 20 })) await to.write(chunk as string);
}

