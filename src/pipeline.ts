/**
 * The pipeline: one unified processor whose plugins are the stages, in order.
 *
 *   read → layout → footnotes → unwrap → markers → urls → facts → (write)
 *
 * Each plugin is a transform of the shared tree (`PipelineTree`): it reads what
 * earlier stages put there and adds its own part. Problems are reported as vfile
 * messages with a rule id and a position.
 */
import { createHash } from 'node:crypto';
import { resolve, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Node } from 'unist';
import type { Block, BlockKind, DocumentJson, Fact, Footnote, Layout, Removed, Stats, UrlRecord } from './types.js';
import { SCHEMA_ID } from './types.js';
import { LineIndex } from './text/lines.js';
import type { MappedText } from './text/mapped-text.js';
import { classifyLines, detectLayout, type ClassifiedLine, type LayoutEvidence } from './stages/2-layout/classify-lines.js';
import { loadLayoutRules, type LayoutRules } from './stages/2-layout/layout-rules.js';
import { findBookMatter, type MatterRegions } from './stages/2-layout/book-matter.js';
import { matterBlocks } from './stages/4-unwrap/assemble-matter.js';
import { splitPages } from './stages/3-footnotes/split-pages.js';
import { linkMarkers } from './stages/3-footnotes/link-markers.js';
import { footnoteNumbering } from './stages/3-footnotes/numbering.js';
import { assembleBody, type AssembleContext, type BlockDraft, type FootnoteDraft, type RemovedDraft } from './stages/4-unwrap/assemble-blocks.js';
import { bookVocabulary } from './stages/4-unwrap/hyphenation.js';
import type { BreakParams } from './stages/4-unwrap/paragraph-breaks.js';
import { stripMarkup, isMarkdownHeading } from './stages/4-unwrap/strip-markup.js';
import { classifyBlock } from './stages/4-unwrap/classify-blocks.js';
import { findUrls, loadUrlRules, type UrlRules } from './stages/5-urls/repair-urls.js';
import { extractFacts, loadFactRules, type FactRules } from './stages/6-facts/index.js';
import { buildAudit } from './stages/7-write/build-audit.js';
import { detectLanguage } from './text/language.js';

/** The repository's rules/ folder, found from this module whether it runs from src/ or dist/src/. */
export const DEFAULT_RULES_DIR = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 4; k++) {
    if (existsSync(join(dir, 'rules', 'layout'))) return join(dir, 'rules');
    dir = dirname(dir);
  }
  return resolve('rules');
})();

export interface RuleSet {
  dir: string;
  layout: LayoutRules;
  urls: UrlRules;
  facts: FactRules;
}

const ruleCache = new Map<string, RuleSet>();

/** Load (once per directory) and validate every rule file. Throws RuleFileError. */
export function loadRules(dir: string = DEFAULT_RULES_DIR): RuleSet {
  const key = resolve(dir);
  let r = ruleCache.get(key);
  if (!r) {
    r = { dir: key, layout: loadLayoutRules(key), urls: loadUrlRules(key), facts: loadFactRules(key) };
    ruleCache.set(key, r);
  }
  return r;
}

export interface BlockState extends BlockDraft {
  id: string;
  notes: { n: number; offset: number }[];
  urls?: UrlRecord[];
  lang?: string;
}

export interface PipelineTree extends Node {
  type: 'root';
  source: string;
  index: LineIndex;
  rules: RuleSet;
  lines: ClassifiedLine[];
  layout: LayoutEvidence;
  regions: MatterRegions;
  blocks: BlockState[];
  footnotes: (FootnoteDraft & { urls: UrlRecord[]; refs: string[]; lang?: string })[];
  removed: RemovedDraft[];
  facts: Fact[];
  stats: Partial<Stats> & Record<string, unknown>;
  timings: Record<string, number>;
  section?: SectionOptions;
  carry?: SectionCarry;
}

/** Processing one section of a book too large to hold whole: what it inherits from the sections before. */
export interface SectionOptions {
  startFootnote: number;
  startMarker: number;
  seenMarkers: number[];
  front: boolean;
  back: boolean;
  /** the whole book's paragraph-boundary parameters */
  breakParams?: BreakParams;
}

/** What a section hands on to the next one. */
export interface SectionCarry {
  lastFootnote: number;
  lastMarker: number;
  seenMarkers: number[];
}

type Stage = (tree: PipelineTree, file: VFile) => void;

function timed(name: string, fn: Stage) {
  return function plugin() {
    return (tree: Node, file: VFile) => {
      const t0 = performance.now();
      fn(tree as PipelineTree, file);
      const t = tree as PipelineTree;
      t.timings[name] = (t.timings[name] ?? 0) + performance.now() - t0;
    };
  };
}

/** Stage 2: classify lines, detect the layout, find front/back matter. */
const layoutStage: Stage = (tree, file) => {
  tree.lines = classifyLines(tree.index.lines, tree.rules.layout);
  tree.layout = detectLayout(tree.lines);
  const sec = tree.section;
  tree.regions = findBookMatter(tree.lines, tree.rules.layout, { front: sec?.front ?? true, back: sec?.back ?? true });
  file.data.layout = tree.layout;
};

function ctxOf(tree: PipelineTree): AssembleContext {
  return {
    source: tree.source,
    lines: tree.lines,
    ev: tree.layout,
    vocab: bookVocabulary(tree.source),
    prefixes: tree.rules.layout.hyphenPrefixes,
    // paragraph boundaries: a section decides with the whole book's calibration (the whole book calibrates on its body lines)
    breakParams: tree.section?.breakParams,
  };
}

/** Stages 3+4: split footnotes from body page by page, then build paragraphs and footnotes. */
const pagesStage: Stage = (tree) => {
  const { regions, lines } = tree;
  const ctx = ctxOf(tree);
  const front = matterBlocks(0, regions.bodyStart, 'front-matter', ctx, regions.tocLines);
  const items = splitPages(lines, regions.bodyStart, regions.bodyEnd, tree.layout, tree.section?.startFootnote ?? 0);
  if (regions.notesStart !== null) items.push(...splitPages(lines, regions.notesStart, lines.length, tree.layout));
  const body = assembleBody(items, ctx);
  const end = regions.notesStart ?? lines.length;
  const bibEnd = regions.backStart ?? end;
  const bib = regions.bibStart !== null ? matterBlocks(regions.bibStart, bibEnd, 'bibliography', ctx) : { blocks: [], removed: [] };
  const back = regions.backStart !== null ? matterBlocks(regions.backStart, end, 'back-matter', ctx) : { blocks: [], removed: [] };
  const all = [...front.blocks, ...body.blocks, ...bib.blocks, ...back.blocks];
  tree.blocks = all.map((b, i) => ({ ...b, id: `b${i + 1}`, notes: [] }));
  tree.footnotes = body.footnotes.map((f) => ({ ...f, urls: [], refs: [] }));
  tree.removed = [...front.removed, ...body.removed, ...bib.removed, ...back.removed];
};

const BODY_KINDS = new Set<BlockKind>(['paragraph', 'heading', 'list-item']);

/** Stage 4: markup out, white space trimmed, block kinds named. */
const unwrapStage: Stage = (tree) => {
  const md = tree.layout.layout === 'markdown' || tree.layout.layouts.includes('markdown');
  const bodyBlocks = tree.blocks;
  for (let i = 0; i < bodyBlocks.length; i++) {
    const b = bodyBlocks[i]!;
    const raw = b.mt.toString();
    const wasHeading = md && isMarkdownHeading(raw);
    stripMarkup(b.mt);
    b.mt.trim('layout/trim', 'unwrap');
    if (BODY_KINDS.has(b.kind) && !b.heading) {
      const next = bodyBlocks[i + 1];
      b.kind = classifyBlock(b.mt.toString(), next && BODY_KINDS.has(next.kind) ? next.mt.toString() : undefined, wasHeading);
      if (b.rejoined && b.kind === 'heading') b.kind = 'paragraph';
    }
  }
  for (const f of tree.footnotes) {
    stripMarkup(f.mt);
    f.mt.trim('layout/trim', 'unwrap');
  }
};

/** Stage 3 (second half): link markers in body text to footnotes. */
const markersStage: Stage = (tree, file) => {
  const numbers = new Set(tree.footnotes.map((f) => f.n));
  const body = tree.blocks.filter((b) => BODY_KINDS.has(b.kind));
  const ms = linkMarkers(body, numbers, tree.section?.startMarker ?? 0, tree.section?.seenMarkers ?? []);
  tree.carry = {
    lastFootnote: Math.max(tree.section?.startFootnote ?? 0, ...tree.footnotes.map((f) => f.n)),
    lastMarker: Math.max(tree.section?.startMarker ?? 0, ...ms.seen),
    seenMarkers: [...ms.seen],
  };
  const refs = new Map<number, string[]>();
  for (const b of body) for (const n of b.notes) refs.set(n.n, [...(refs.get(n.n) ?? []), b.id]);
  for (const f of tree.footnotes) f.refs = [...new Set(refs.get(f.n) ?? [])];
  const numbering = footnoteNumbering(tree.footnotes, ms.seen);
  const { missing, orphans } = numbering;
  // unlinked: a footnote of the book with no marker, whose number still appears glued in body text
  let unlinked = 0;
  const orphanSet = new Set(orphans);
  if (orphanSet.size > 0) {
    for (const b of body) {
      const s = b.mt.toString();
      for (const m of s.matchAll(/\d{1,3}(?= ?[.,](?!\d)|\p{Lu}\p{Ll})/gu)) {
        const before = s[m.index! - 1] ?? ' ';
        const n = Number(m[0]);
        if (orphanSet.has(n) && /["”»\p{L}.\s]/u.test(before) && !/\d/.test(before)) unlinked++;
      }
    }
  }
  tree.stats.markers = ms.markers;
  tree.stats.unlinkedMarkers = unlinked;
  tree.stats.missingFootnotes = missing.length;
  tree.stats.orphanFootnotes = orphans.length;
  tree.stats.numbering = numbering;
  if (missing.length > 0) {
    const msg = file.message(`${missing.length} marker number(s) have no footnote text in the book`, {
      ruleId: 'missing-footnote',
      source: 'relecteur',
    });
    msg.fatal = false;
  }
};

/** Stage 5: URLs in footnotes and bibliography entries. */
const urlsStage: Stage = (tree, file) => {
  const run = (mt: MappedText): UrlRecord[] => {
    const text = mt.toString();
    const breaks = joinOffsets(mt);
    const found = findUrls(text, breaks, tree.rules.urls);
    const out: UrlRecord[] = [];
    for (let k = found.length - 1; k >= 0; k--) {
      const f = found[k]!;
      if (f.status === 'repaired' && f.url) mt.replace(f.start, f.end, f.url, f.rules[f.rules.length - 1] ?? 'urls/repair', 'urls');
    }
    for (const f of found) out.push({ raw: f.raw, url: f.url, status: f.status, rules: f.rules });
    return out;
  };
  for (const f of tree.footnotes) {
    f.urls = run(f.mt);
    for (const u of f.urls) if (u.status === 'unrecoverable') file.message(`unrecoverable URL in footnote ${f.n}: ${u.raw}`, { ruleId: 'url-unrecoverable', source: 'relecteur' });
  }
  for (const b of tree.blocks) if (b.kind === 'bibliography' && /https?:|www\./.test(b.mt.toString())) b.urls = run(b.mt);
};

function joinOffsets(mt: MappedText): number[] {
  const out: number[] = [];
  let pos = 0;
  for (const p of mt.pieces) {
    if (p.rule === 'layout/join-wrap' && p.text === ' ') out.push(pos);
    pos += p.text.length;
  }
  return out;
}

/** Stage 6: typed facts from body blocks. */
const factsStage: Stage = (tree) => {
  if (!tree.rules.facts) return;
  const drafts = extractFacts(
    tree.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.mt.toString() })),
    tree.rules.facts,
  );
  const byId = new Map(tree.blocks.map((b) => [b.id, b]));
  tree.facts = drafts.map((d) => {
    const b = byId.get(d.block)!;
    return { ...d, source: tree.index.point(b.mt.sourceOffset(d.start)) } as Fact;
  });
};

/** Language of each block (franc), restricted to the languages these books contain. */
const languageStage: Stage = (tree) => {
  for (const b of tree.blocks) b.lang = detectLanguage(b.mt.toString());
  for (const f of tree.footnotes) f.lang = detectLanguage(f.mt.toString().replace(/https?:\S+/g, ''));
};

export interface ProcessOptions {
  path: string;
  rulesDir?: string;
  rules?: RuleSet;
  bytes?: number;
  sha256?: string;
  encoding?: string;
  bom?: boolean;
  section?: SectionOptions;
}

export interface ProcessResult {
  doc: DocumentJson;
  file: VFile;
  timings: Record<string, number>;
  carry: SectionCarry;
}

export function processDecoded(text: string, options: ProcessOptions): ProcessResult {
  const rules = options.rules ?? loadRules(options.rulesDir);
  const file = new VFile({ path: options.path, value: text });
  const tree = {
    type: 'root',
    source: text,
    index: new LineIndex(text),
    rules,
    blocks: [],
    footnotes: [],
    removed: [],
    facts: [],
    stats: {},
    timings: {},
    section: options.section,
  } as unknown as PipelineTree;
  const processor = unified()
    .use(timed('layout', layoutStage))
    .use(timed('pages', pagesStage))
    .use(timed('unwrap', unwrapStage))
    .use(timed('markers', markersStage))
    .use(timed('urls', urlsStage))
    .use(timed('facts', factsStage))
    .use(timed('language', languageStage));
  processor.runSync(tree as unknown as Node, file);
  const t0 = performance.now();
  const doc = toDocument(tree, options);
  tree.timings.document = performance.now() - t0;
  return { doc, file, timings: tree.timings, carry: tree.carry ?? { lastFootnote: 0, lastMarker: 0, seenMarkers: [] } };
}

/** Convenience for tests and the evaluation script. */
export async function processText(text: string, options: { path: string; rulesDir?: string }): Promise<DocumentJson> {
  return processDecoded(text, options).doc;
}

function span(index: LineIndex, from: number, to: number) {
  return { start: index.point(from), end: index.point(to) };
}

function toDocument(tree: PipelineTree, options: ProcessOptions): DocumentJson {
  const { index, source } = tree;
  const blocks: Block[] = tree.blocks.map((b) => ({
    id: b.id,
    kind: b.kind,
    text: b.mt.toString(),
    lang: b.lang ?? 'und',
    notes: b.notes,
    ...(b.urls ? { urls: b.urls } : {}),
    source: b.mt.sourceRuns().map(([a, z]) => span(index, a, z)),
    map: b.mt.keptMap(),
  }));
  const footnotes: Footnote[] = tree.footnotes.map((f) => ({
    n: f.n,
    text: f.mt.toString(),
    lang: f.lang ?? 'und',
    urls: f.urls,
    refs: f.refs,
    source: f.mt.sourceRuns().map(([a, z]) => span(index, a, z)),
    map: f.mt.keptMap(),
  }));
  const removed: Removed[] = tree.removed.map((r) => {
    const l = index.lines[r.line]!;
    return { kind: r.kind, text: l.text, source: span(index, l.start, l.end), rule: r.rule, from: l.start, to: l.end };
  });
  const { audit, extraRemoved } = buildAudit(
    source,
    index,
    [...tree.blocks.map((b) => ({ id: b.id, mt: b.mt })), ...tree.footnotes.map((f) => ({ id: `fn${f.n}`, mt: f.mt }))],
    removed,
  );
  removed.push(...extraRemoved);
  removed.sort((a, b) => (a as { from: number }).from - (b as { from: number }).from);
  const facts = tree.facts;
  const factCounts = { money: 0, percent: 0, quantity: 0, date: 0, counterparty: 0 };
  for (const f of facts) factCounts[f.type]++;
  const urls = [...footnotes.flatMap((f) => f.urls), ...blocks.flatMap((b) => b.urls ?? [])];
  const langCount = new Map<string, number>();
  for (const b of blocks) if (b.kind === 'paragraph') langCount.set(b.lang, (langCount.get(b.lang) ?? 0) + b.text.length);
  const language = [...langCount.entries()].filter(([l]) => l !== 'und').sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'und';
  const stats: Stats = {
    blocks: blocks.length,
    footnotes: footnotes.length,
    markers: (tree.stats.markers as number) ?? 0,
    unlinkedMarkers: (tree.stats.unlinkedMarkers as number) ?? 0,
    missingFootnotes: (tree.stats.missingFootnotes as number) ?? 0,
    orphanFootnotes: (tree.stats.orphanFootnotes as number) ?? 0,
    urls: urls.length,
    urlsRepaired: urls.filter((u) => u.status === 'repaired').length,
    urlsUnrecoverable: urls.filter((u) => u.status === 'unrecoverable').length,
    facts: factCounts,
    numbering: tree.stats.numbering,
    removed: removed.length,
    changes: audit.length,
  };
  const layout: Layout = tree.layout.layout;
  return {
    schema: SCHEMA_ID,
    source: {
      path: options.path,
      sha256: options.sha256 ?? createHash('sha256').update(source).digest('hex'),
      bytes: options.bytes ?? Buffer.byteLength(source),
      encoding: options.encoding ?? 'utf-8',
      ...(options.bom ? { bom: true } : {}),
      layout,
      ...(tree.layout.layouts.length > 1 ? { layouts: tree.layout.layouts } : {}),
    },
    language,
    blocks,
    footnotes,
    facts,
    removed,
    audit,
    stats,
  };
}

