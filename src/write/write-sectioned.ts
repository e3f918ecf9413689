/**
 * Writing a book too large to hold whole (over `SECTION_THRESHOLD`
 * characters): the text is cut into sections of about `SECTION_CHARS` at
 * paragraph starts, each section runs through the pipeline on its own (inheriting
 * the footnote and marker numbering reached so far), and the three outputs are
 * streamed to disk section by section. Memory then depends on the section size,
 * not on the book's. The JSON has the same fields as for a small book (block ids,
 * offsets, lines and columns are those of the whole file); only the order of its
 * keys differs. Each section goes through stages 1–8 and the same document builder
 * as a whole book (`stages/9-document`). Footnotes are kept until the end, since a marker may come before
 * or after its footnote's section.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { VFile } from 'vfile';
import { analyse, type RuleSet, type SectionCarry } from '../pipeline.js';
import type { DocumentJson } from '../types.js';
import { SCHEMA_ID } from '../types.js';
import { DocumentBuilder } from '../stages/9-document/index.js';
import { calibrateText, type LineShape } from '../stages/4-unwrap/paragraph-breaks.js';
import { bookVocabulary } from '../stages/4-unwrap/hyphenation.js';

/** The last non-blank line before offset `at` and the blank lines between (the break before a section). */
function lineBefore(text: string, at: number): { line: LineShape; gap: number } | undefined {
  let end = at - 1;
  let gap = 0;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const raw = text.slice(start, end).replace(/\r$/, '');
    if (raw.trim().length > 0) {
      return { line: { text: raw.trim(), lead: raw.length - raw.trimStart().length, trailing: /[ \t]$/.test(raw), trailingSpaces: raw.length - raw.trimEnd().length }, gap };
    }
    gap++;
    end = start - 1;
  }
  return undefined;
}
import { bodyLines, footnoteLines } from './clean-text.js';
import { diffHeader, diffHunks, splitLines } from './audit-diff.js';
import { arrayItems } from './serialize.js';
import { HunkJoiner } from './hunk-join.js';
import { encode1252 } from './encode-1252.js';
import { LineIndex, changeView, reviewHeader, reviewUnit, shiftViews } from '../review/change-view.js';

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
        !/(?:^|[\s(])\p{Lu}\.$/u.test(t) &&
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
  constructor(
    readonly path: string,
    encoding: BufferEncoding = 'utf8',
  ) {
    this.s = createWriteStream(path, { encoding });
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

export interface SectionedResult {
  stats: DocumentJson['stats'];
  timings: Record<string, number>;
  entities: DocumentJson['entities'];
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
  // a Windows-1252 original is diffed as bytes (its lines in Windows-1252, the clean text in UTF-8), as auditDiffBytes does
  const bytes = meta.encoding === 'windows-1252';
  const asDisk = (s: string) => (bytes ? Buffer.from(encode1252(s)).toString('latin1') : s);
  const asUtf8 = (s: string) => (bytes ? Buffer.from(s, 'utf8').toString('latin1') : s);
  const diff = new Out(`${base}.diff.${tag}`, bytes ? 'latin1' : 'utf8');
  const review = new Out(`${base}.review.txt.${tag}`);
  const tmpFiles = [json.path, side.facts.path, side.removed.path, side.audit.path, clean.path, diff.path, review.path];
  const timings: Record<string, number> = {};
  try {
    let carry: SectionCarry = { lastFootnote: 0, lastMarker: 0, seenMarkers: [], chapter: 1 };
    let lineOffset = 0;
    let cleanLines = 0;
    const builder = new DocumentBuilder({ path: meta.path, sha256: meta.sha256, bytes: meta.bytes, encoding: meta.encoding, bom: meta.bom });
    const joiner = new HunkJoiner();
    let lastDiff: { part: string; body: string[]; lineOffset: number; cleanLines: number } | undefined;
    const lineIndex = new LineIndex(text);
    let auditBase = 0;
    const firsts = { blocks: true, facts: true, removed: true, audit: true };
    const push = async (o: Out, key: keyof typeof firsts, value: unknown) => {
      await o.write((firsts[key] ? '\n  ' : ',\n  ') + JSON.stringify(value));
      firsts[key] = false;
    };
    await json.write(`{\n "schema": ${JSON.stringify(SCHEMA_ID)},\n "blocks": [`);
    await diff.write(asUtf8(diffHeader(meta.name).join('\n') + '\n'));
    await review.write(reviewHeader(meta.path).join('\n') + '\n');
    const noteViews: Array<[number, string]> = [];
    let fnBefore = 0;
    // paragraph boundaries are calibrated once on the whole book: every section decides as the whole book does
    const breakParams = calibrateText(text);
    const vocab = bookVocabulary(text);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const from = cuts[k]!;
      const part = text.slice(from, cuts[k + 1]);
      const section = { startFootnote: carry.lastFootnote, startMarker: carry.lastMarker, seenMarkers: carry.seenMarkers, startChapter: carry.chapter, front: k === 0, back: k + 2 === cuts.length, breakParams, vocab, sectionStart: k > 0 ? lineBefore(text, from) : undefined };
      const tree = analyse(rules, { path: meta.path }, section).run(new VFile({ path: meta.path, value: part }));
      const t0 = performance.now();
      const items = builder.add(tree, { offset: from, line: lineOffset });
      tree.timings.document = performance.now() - t0;
      for (const [name, v] of Object.entries(tree.timings)) timings[name] = (timings[name] ?? 0) + v;
      const next = tree.carry;
      carry = { lastFootnote: next.lastFootnote, lastMarker: next.lastMarker, seenMarkers: [...new Set([...carry.seenMarkers, ...next.seenMarkers])], chapter: next.chapter };
      for (const b of items.blocks) await push(json, 'blocks', b);
      for (const f of items.facts) await push(side.facts, 'facts', f);
      for (const r of items.removed) await push(side.removed, 'removed', r);
      for (const a of items.audit) await push(side.audit, 'audit', a);
      // the review file: this section's blocks now, its footnotes at the end (src/review/change-view.ts)
      const fnNow = builder.footnotesSoFar;
      const part$ = { source: { path: meta.path }, blocks: items.blocks, footnotes: fnNow.slice(fnBefore), audit: items.audit, removed: items.removed } as unknown as DocumentJson;
      fnBefore = fnNow.length;
      const views = shiftViews(changeView(part$, text, lineIndex), { lines: 0, offset: 0, audit: auditBase, ids: new Map() });
      auditBase += items.audit.length;
      for (const v of views) {
        if (v.id.startsWith('fn')) noteViews.push([Number(v.id.slice(2)), reviewUnit(v)]);
        else await review.write(reviewUnit(v) + '\n');
      }
      const body = bodyLines(items.blocks);
      if (body.length) await clean.write(body.join('\n') + '\n');
      // the last section's hunks wait for the footnote lines (they follow its last line,
      // which may have no newline); a BOM belongs to the first line on disk
      if (k + 2 === cuts.length) lastDiff = { part: k === 0 && meta.bom ? '\uFEFF' + part : part, body, lineOffset, cleanLines };
      else {
        const hunks = joiner.push(diffHunks(asDisk(k === 0 && meta.bom ? '\uFEFF' + part : part), asUtf8(body.length ? body.join('\n') + '\n' : ''), lineOffset, cleanLines));
        if (hunks.length) await diff.write(hunks.join('\n') + '\n');
      }
      cleanLines += body.length;
      lineOffset += splitLines(part).length;
    }
    const whole = builder.finish(true);
    const { footnotes, stats } = whole;
    const notes = footnoteLines(footnotes);
    noteViews.sort((a, b) => a[0] - b[0]);
    for (const [, v] of noteViews) await review.write(v + '\n');
    await clean.write(['---', ...notes].join('\n') + '\n');
    if (lastDiff) {
      const hunks = joiner.push(diffHunks(asDisk(lastDiff.part), asUtf8([...lastDiff.body, '---', ...notes].join('\n') + '\n'), lastDiff.lineOffset, lastDiff.cleanLines));
      if (hunks.length) await diff.write(hunks.join('\n') + '\n');
    }
    const tail = joiner.end();
    if (tail.length) await diff.write(tail.join('\n') + '\n');
    await json.write(`\n ],\n "footnotes": [`);
    for (let i = 0; i < footnotes.length; i++) await json.write((i ? ',\n  ' : '\n  ') + JSON.stringify(footnotes[i]));
    footnotes.length = 0;
    for (const [key, o] of [['facts', side.facts], ['removed', side.removed], ['audit', side.audit]] as const) {
      await o.end();
      await json.write(`\n ],\n ${JSON.stringify(key)}: [`);
      await appendFile(json, o.path);
    }
    const source = { ...whole.source, ...(meta.invalidBytes ? { invalidBytes: meta.invalidBytes } : {}) };
    await json.write(`\n ],\n "entities": ${arrayItems(whole.entities)},\n "source": ${JSON.stringify(source)},\n "language": ${JSON.stringify(whole.language)},\n "stats": ${JSON.stringify(stats)}\n}\n`);
    await Promise.all([json.end(), clean.end(), diff.end(), review.end()]);
    await rename(json.path, `${base}.json`);
    await rename(clean.path, `${base}.clean.txt`);
    await rename(diff.path, `${base}.diff`);
    await rename(review.path, `${base}.review.txt`);
    return { stats, timings, entities: whole.entities };
  } finally {
    for (const o of [json, side.facts, side.removed, side.audit, clean, diff, review]) o.destroy();
    for (const f of tmpFiles) await unlink(f).catch(() => {});
  }
}

async function appendFile(to: Out, from: string): Promise<void> {
  const { createReadStream } = await import('node:fs');
  for await (const chunk of createReadStream(from, { encoding: 'utf8', highWaterMark: 1 << 20 })) await to.write(chunk as string);
}

