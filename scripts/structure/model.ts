/**
 * The clean structure of a book, as the re-layout renderers and the structure scores see
 * it: blocks in reading order (text with `[^k]` markers), footnotes by number, chapters.
 *
 * Deliberately independent of `src/`: the document is read as plain JSON through the
 * minimal shape below, so that a change in the pipeline's types cannot change what the
 * renderers produce or what the scores compare against.
 */

/** The parts of a `relecteur/document` JSON that the measurement reads. */
export interface DocLike {
  blocks: Array<{
    id: string;
    kind: string;
    text: string;
    notes: Array<{ n: number; offset: number; [k: string]: unknown }>;
    source: Array<{ start: { line: number }; end: { line: number } }>;
  }>;
  footnotes: Array<{ n: number; text: string; refs?: string[]; [k: string]: unknown }>;
}

export interface ModelBlock {
  kind: 'heading' | 'paragraph';
  /** whitespace-normalised text with markers written `[^k]` (k = index into notes, 1-based) */
  text: string;
  /** 0 = matter before the first chapter start, then 1, 2, … */
  chapter: number;
}

export interface BookModel {
  name: string;
  title: string;
  blocks: ModelBlock[];
  /** notes[k - 1] is the text of footnote k; numbered in order of first marker */
  notes: string[];
}

export const MARKER = /\[\^(\d+)\]/g;

export function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** the block text without its markers */
export function stripMarkers(text: string): string {
  return norm(text.replace(MARKER, ''));
}

/**
 * The clean model of a processed book. Only markers whose footnote exists and footnotes
 * that some marker cites are kept, renumbered 1..K in order of first citation, so the
 * model is a consistent book (the original numbering gaps are the book's own business,
 * not a layout convention). `chapterLines` are the 1-based source lines where chapters
 * start; a block belongs to the chapter of the last start at or before its first line.
 */
export function modelFromDocument(name: string, doc: DocLike, chapterLines: number[]): BookModel {
  const byN = new Map<number, string>();
  for (const f of doc.footnotes) if (!byN.has(f.n)) byN.set(f.n, norm(f.text));
  const relabel = new Map<number, number>();
  const notes: string[] = [];
  const starts = [...chapterLines].sort((a, b) => a - b);
  const blocks: ModelBlock[] = [];
  for (const b of doc.blocks) {
    const firstLine = Math.min(...b.source.map((s) => s.start.line));
    let chapter = 0;
    for (const l of starts) if (l <= firstLine) chapter++;
    const cited = [...b.notes].filter((m) => byN.has(m.n)).sort((x, y) => x.offset - y.offset);
    let text = '';
    let at = 0;
    for (const m of cited) {
      let k = relabel.get(m.n);
      if (k === undefined) {
        notes.push(byN.get(m.n)!);
        k = notes.length;
        relabel.set(m.n, k);
      }
      text += b.text.slice(at, m.offset) + `[^${k}]`;
      at = m.offset;
    }
    text = norm(text + b.text.slice(at));
    if (!stripMarkers(text)) continue;
    blocks.push({ kind: b.kind === 'heading' ? 'heading' : 'paragraph', text, chapter });
  }
  // the running title: the book's first line when it is title-sized, else its first heading
  const first = blocks[0] && stripMarkers(blocks[0].text).length <= 80 ? blocks[0] : blocks.find((b) => b.kind === 'heading');
  const title = stripMarkers(first?.text ?? name).slice(0, 60);
  return { name, title, blocks, notes };
}
