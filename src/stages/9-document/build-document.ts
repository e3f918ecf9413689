/**
 * The one document builder, for a whole book and for a book processed in sections.
 *
 * A whole book is one part at offset 0. A large book is many parts (sections), each
 * run through stages 1–8 on its own; `add` turns a part's tree into JSON items with
 * the offsets, lines and block ids of the whole file, and accumulates what only the
 * whole book can say (footnote refs, numbering, unlinked markers, language, counts);
 * `finish` says it. The sectioned writer streams the items of each part to disk; a
 * whole book keeps them in memory. Either way the same code decides every field.
 */
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import { footnoteId, type AuditEntry, type Block, type EntityRecord, type Fact, type Footnote, type Removed, type SourceInfo, type Span, type Stats, type UrlRecord } from '../../types.js';
import type { LineIndex } from '../../text/lines.js';
import type { DocumentMeta, ReadTree } from '../1-read/index.js';
import type { LayoutAdds } from '../2-layout/index.js';
import type { UnwrapAdds } from '../4-unwrap/index.js';
import type { MarkersAdds } from '../5-markers/index.js';
import { footnoteNumbering, type Numbering } from '../5-markers/numbering.js';
import { buildAudit } from './build-audit.js';
import { EntityRegistry } from '../7-facts/entity-registry.js';


/** What the document needs from the stages before it. */
export type DocumentInput = ReadTree & LayoutAdds & UnwrapAdds & MarkersAdds & { facts: Fact[] };

/** Where a part starts in the whole file. */
export interface PartStart {
  /** offset of its first character (UTF-16 code units) */
  offset: number;
  /** number of lines before it */
  line: number;
}

/** The items of one part, with whole-file ids and positions. */
export interface DocumentPart {
  blocks: Block[];
  facts: Fact[];
  removed: Removed[];
  audit: AuditEntry[];
}

/** What only the whole book can say, once every part is in. */
export interface DocumentSummary {
  source: SourceInfo;
  language: string;
  footnotes: Footnote[];
  stats: Stats;
  numbering: Numbering;
  /** the entity registry of the whole book (contract @2) */
  entities: EntityRecord[];
}

function span(index: LineIndex, from: number, to: number): Span {
  return { start: index.point(from), end: index.point(to) };
}

const shiftSpan = (s: Span, lines: number): Span => ({
  start: { line: s.start.line + lines, column: s.start.column },
  end: { line: s.end.line + lines, column: s.end.column },
});

const shiftMap = (map: Array<[number, number, number]>, by: number) => map.map(([src, at, len]) => [src + by, at, len] as [number, number, number]);

export class DocumentBuilder {
  private blockNo = 0;
  private parts = 0;
  private readonly footnotes: Footnote[] = [];
  /** the footnotes added so far (the review file of a sectioned book reads each section's) */
  get footnotesSoFar(): readonly Footnote[] {
    return this.footnotes;
  }
  private readonly refs = new Map<string, string[]>();
  private readonly langLength = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly glued: number[] = [];
  private readonly blockUrls: UrlRecord[] = [];
  private readonly factCounts = { money: 0, percent: 0, quantity: 0, date: 0, counterparty: 0 };
  private registry = new EntityRegistry();
  private markers = 0;
  private removedCount = 0;
  private changes = 0;
  private layout: DocumentInput['layout'] | undefined;
  private sha = createHash('sha256');
  private bytes = 0;

  constructor(private readonly meta: DocumentMeta) {}

  /** Add the next part of the book (in file order): its tree, and its file with the stages' messages. */
  add(tree: DocumentInput, file: VFile, at: PartStart = { offset: 0, line: 0 }): DocumentPart {
    const { index, source } = tree;
    this.parts++;
    this.layout ??= tree.layout;
    if (this.meta.sha256 === undefined) this.sha.update(source);
    if (this.meta.bytes === undefined) this.bytes += Buffer.byteLength(source);
    const ids = new Map<string, string>();
    for (const b of tree.blocks) ids.set(b.id, `b${++this.blockNo}`);
    const blocks: Block[] = tree.blocks.map((b) => ({
      id: ids.get(b.id)!,
      kind: b.kind,
      text: b.mt.toString(),
      lang: b.lang ?? 'und',
      notes: b.notes,
      ...(b.urls ? { urls: b.urls } : {}),
      source: b.mt.sourceRuns().map(([a, z]) => shiftSpan(span(index, a, z), at.line)),
      map: shiftMap(b.mt.keptMap(), at.offset),
    }));
    const footnotes: Footnote[] = tree.footnotes.map((f) => ({
      n: f.n,
      chapter: f.chapter,
      id: footnoteId(f.chapter, f.n),
      text: f.mt.toString(),
      lang: f.lang ?? 'und',
      urls: f.urls,
      refs: [],
      source: f.mt.sourceRuns().map(([a, z]) => shiftSpan(span(index, a, z), at.line)),
      map: shiftMap(f.mt.keptMap(), at.offset),
    }));
    let removed: Removed[] = tree.removed.map((r) => {
      const l = index.lines[r.line]!;
      return { kind: r.kind, text: l.text, source: span(index, l.start, l.end), rule: r.rule, from: l.start, to: l.end };
    });
    const built = buildAudit(
      source,
      index,
      [...tree.blocks.map((b) => ({ id: b.id, mt: b.mt })), ...tree.footnotes.map((f) => ({ id: `fn${footnoteId(f.chapter, f.n)}`, mt: f.mt }))],
      removed,
      file,
    );
    removed.push(...built.extraRemoved);
    removed.sort((a, b) => a.from - b.from);
    let audit = built.audit;
    let facts = tree.facts;
    if (at.offset !== 0 || at.line !== 0 || this.parts > 1) {
      removed = removed.map((r) => ({ ...r, source: shiftSpan(r.source, at.line), from: r.from + at.offset, to: r.to + at.offset }));
      audit = audit.map((a) => ({ ...a, from: a.from + at.offset, to: a.to + at.offset, source: shiftSpan(a.source, at.line), ...(a.in ? { in: ids.get(a.in) ?? a.in } : {}) }));
      facts = facts.map((f) => ({ ...f, block: ids.get(f.block)!, source: { line: f.source.line + at.line, column: f.source.column } }));
    }
    // what the whole book will say
    for (const b of blocks) {
      for (const n of b.notes) this.refs.set(n.id, [...(this.refs.get(n.id) ?? []), b.id]);
      if (b.kind === 'paragraph') this.langLength.set(b.lang, (this.langLength.get(b.lang) ?? 0) + b.text.length);
    }
    this.footnotes.push(...footnotes);
    for (const f of facts) {
      this.factCounts[f.type]++;
      if (f.type === 'counterparty') this.registry.add(f);
    }
    for (const n of tree.markers.seen) this.seen.add(n);
    this.glued.push(...tree.markers.glued);
    this.markers += tree.markers.count;
    this.removedCount += removed.length;
    this.changes += audit.length;
    for (const b of blocks) if (b.urls) this.blockUrls.push(...b.urls);
    return { blocks, facts, removed, audit };
  }

  /** A book processed in sections: its facts as refined once for the whole book (counts and entities follow them). */
  replaceFacts(facts: readonly Fact[]): void {
    for (const k of Object.keys(this.factCounts) as Array<keyof typeof this.factCounts>) this.factCounts[k] = 0;
    this.registry = new EntityRegistry();
    for (const f of facts) {
      this.factCounts[f.type]++;
      if (f.type === 'counterparty') this.registry.add(f);
    }
  }

  /** Everything that depends on the whole book. Call once, after the last `add`; `sectioned` adds `stats.sections`. */
  finish(sectioned = false): DocumentSummary {
    const footnotes = this.footnotes;
    for (const f of footnotes) f.refs = [...new Set(this.refs.get(f.id) ?? [])];
    const numbering = footnoteNumbering(footnotes, this.seen);
    const orphans = new Set(numbering.orphans);
    const unlinked = orphans.size > 0 ? this.glued.filter((n) => orphans.has(n)).length : 0;
    const urls = [...footnotes.flatMap((f) => f.urls), ...this.blockUrls];
    const language = [...this.langLength.entries()].filter(([l]) => l !== 'und').sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'und';
    const stats: Stats = {
      blocks: this.blockNo,
      footnotes: footnotes.length,
      markers: this.markers,
      unlinkedMarkers: unlinked,
      missingFootnotes: numbering.missing.length,
      orphanFootnotes: numbering.orphans.length,
      urls: urls.length,
      urlsRepaired: urls.filter((u) => u.status === 'repaired').length,
      urlsUnrecoverable: urls.filter((u) => u.status === 'unrecoverable').length,
      facts: this.factCounts,
      numbering,
      removed: this.removedCount,
      changes: this.changes,
      ...(sectioned ? { sections: this.parts } : {}),
    };
    const ev = this.layout;
    const source: SourceInfo = {
      path: this.meta.path,
      sha256: this.meta.sha256 ?? this.sha.digest('hex'),
      bytes: this.meta.bytes ?? this.bytes,
      encoding: this.meta.encoding ?? 'utf-8',
      ...(this.meta.bom ? { bom: true } : {}),
      layout: ev?.layout ?? 'hard-wrapped',
      ...(ev && ev.layouts.length > 1 ? { layouts: ev.layouts } : {}),
    } as SourceInfo;
    return { source, language, footnotes, stats, numbering, entities: this.registry.list() };
  }
}
