/**
 * Stage 4 — unwrap: paragraphs and footnotes from the page items (wrapped lines
 * joined, with the hyphenation decision; paragraphs cut by a page break re-joined),
 * front matter, bibliography and back matter as blocks of their own kind, then
 * markdown markup out, white space trimmed, block kinds named.
 */
import type { BlockKind, NoteRef, UrlRecord } from '../../types.js';
import type { Piece } from '../../text/mapped-text.js';
import { defineStage } from '../stage.js';
import type { ReadTree } from '../1-read/index.js';
import type { LayoutAdds } from '../2-layout/index.js';
import type { PagesAdds } from '../3-pages/index.js';
import { assembleBody, type AssembleContext, type BlockDraft, type FootnoteDraft, type RemovedDraft } from './assemble-blocks.js';
import { matterBlocks } from './assemble-matter.js';
import { bookVocabulary } from './hyphenation.js';
import { calibrateText } from './paragraph-breaks.js';
import { withPriors } from './paragraph-priors.js';
import { isWrappedLayout } from '../2-layout/classify-lines.js';
import { stripMarkup, isMarkdownHeading, markdownEvidence } from './strip-markup.js';
import { classifyBlock } from './classify-blocks.js';

export interface BlockState extends BlockDraft {
  id: string;
  /** filled by 5-markers */
  notes: NoteRef[];
  /** filled by 6-urls (bibliography entries) */
  urls?: UrlRecord[];
  /** filled by 8-language */
  lang?: string;
}

export interface FootnoteState extends FootnoteDraft {
  /** filled by 6-urls */
  urls: UrlRecord[];
  /** ids of the blocks whose markers point here, filled by 5-markers */
  refs: string[];
  /** filled by 8-language */
  lang?: string;
}

export interface UnwrapAdds {
  blocks: BlockState[];
  footnotes: FootnoteState[];
  removed: RemovedDraft[];
  /** the pieces where two lines of a page were joined with a space (a piece a later stage replaces is no longer in any text) */
  lineJoins: ReadonlySet<Piece>;
}

/** Kinds of the book's running text (markers, facts and the clean text's body are read from these). */
export const BODY_KINDS: ReadonlySet<BlockKind> = new Set<BlockKind>(['paragraph', 'heading', 'list-item']);

export const unwrap = defineStage('unwrap', (tree: ReadTree & LayoutAdds & PagesAdds): UnwrapAdds => {
  const { regions, lines } = tree;
  const ctx: AssembleContext = {
    source: tree.source,
    lines,
    ev: tree.layout,
    vocab: tree.section?.vocab ?? bookVocabulary(tree.source),
    prefixes: tree.rules.layout.hyphenPrefixes,
    // paragraph boundaries: calibrated once on the whole book's text; a section gets the whole book's
    breakParams: isWrappedLayout(tree.layout.layout) ? (tree.section?.breakParams ?? withPriors(calibrateText(tree.source), tree.paragraphPriors)) : undefined,
    sectionStart: tree.section?.sectionStart,
    joins: new Set(),
  };
  const front = matterBlocks(0, regions.bodyStart, 'front-matter', ctx, regions.tocLines);
  const body = assembleBody(tree.items, ctx);
  const end = regions.notesStart ?? lines.length;
  const bibEnd = regions.backStart ?? end;
  const bib = regions.bibStart !== null ? matterBlocks(regions.bibStart, bibEnd, 'bibliography', ctx) : { blocks: [], removed: [] };
  const back = regions.backStart !== null ? matterBlocks(regions.backStart, end, 'back-matter', ctx) : { blocks: [], removed: [] };
  const all = [...front.blocks, ...body.blocks, ...bib.blocks, ...back.blocks];
  const blocks: BlockState[] = all.map((b, i) => ({ ...b, id: `b${i + 1}`, notes: [] }));
  const footnotes: FootnoteState[] = body.footnotes.map((f) => ({ ...f, urls: [], refs: [] }));
  const removed = [...front.removed, ...body.removed, ...bib.removed, ...back.removed];

  // markup out, white space trimmed, block kinds named
  const md = tree.layout.layout === 'markdown' || tree.layout.layouts.includes('markdown');
  // markup is read only where the file's own evidence says markdown
  const markup = tree.section?.book?.markdown ?? markdownEvidence(tree.source).markdown;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const raw = b.mt.toString();
    const wasHeading = md && isMarkdownHeading(raw);
    if (markup) stripMarkup(b.mt);
    b.mt.trim('layout/trim', 'unwrap');
    if (BODY_KINDS.has(b.kind) && !b.heading) {
      const next = blocks[i + 1];
      b.kind = classifyBlock(b.mt.toString(), next && BODY_KINDS.has(next.kind) ? next.mt.toString() : undefined, wasHeading);
      if (b.rejoined && b.kind === 'heading') b.kind = 'paragraph';
    }
  }
  for (const f of footnotes) {
    if (markup) stripMarkup(f.mt);
    f.mt.trim('layout/trim', 'unwrap');
  }
  return { blocks, footnotes, removed, lineJoins: ctx.joins! };
});
