/**
 * Stage 2 — layout: classify every line (blank, page separator, furniture, page
 * number, chapter), detect the layout from evidence, find front matter, TOC,
 * bibliography and back matter.
 */
import { defineStage } from '../stage.js';
import type { ReadTree } from '../1-read/index.js';
import { classifyLines, detectLayout, type ClassifiedLine, type LayoutEvidence } from './classify-lines.js';
import { findBookMatter, type MatterRegions } from './book-matter.js';
import { sectionRegions } from './book-level.js';
import { markEndnoteSections } from './endnote-sections.js';

export interface LayoutAdds {
  lines: ClassifiedLine[];
  layout: LayoutEvidence;
  regions: MatterRegions;
}

export const layout = defineStage('layout', (tree: ReadTree, file): LayoutAdds => {
  const lines = classifyLines(tree.index.lines, tree.rules.layout);
  const sec = tree.section;
  // a section of a larger book takes what the whole book says (detected once, src/stages/2-layout/book-level.ts)
  const evidence = sec?.book?.evidence ?? detectLayout(lines);
  markEndnoteSections(lines, evidence.wrapGap, tree.rules.layout);
  const regions = sec?.book
    ? sectionRegions(sec.book.regions, sec.book.firstLine, lines.length)
    : findBookMatter(lines, tree.rules.layout, { front: sec?.front ?? true, back: sec?.back ?? true });
  file.data.layout = evidence;
  return { lines, layout: evidence, regions };
});
