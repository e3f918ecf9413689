/**
 * Stage 3 — pages: walk the body (and the endnotes region) page by page and tell
 * body lines from footnote blocks and page furniture (`split-pages.ts`, with the
 * footnote-start shapes of `footnote-start.ts`).
 */
import { defineStage } from '../stage.js';
import type { ReadTree } from '../1-read/index.js';
import type { LayoutAdds } from '../2-layout/index.js';
import { splitPages, type PageItem } from './split-pages.js';

export interface PagesAdds {
  /** one item per line of the body and of the endnotes region, in order */
  items: PageItem[];
}

export const pages = defineStage('pages', (tree: ReadTree & LayoutAdds): PagesAdds => {
  const { regions, lines } = tree;
  const items = splitPages(lines, regions.bodyStart, regions.bodyEnd, tree.layout, tree.section?.startFootnote ?? 0, tree.section?.startChapter ?? 1);
  if (regions.notesStart !== null) items.push(...splitPages(lines, regions.notesStart, lines.length, tree.layout));
  return { items };
});
