/**
 * Output files (src/write): the clean text of the contract — body blocks in reading order,
 * one per line, markers as `[^N]`, then `---`, then one `[^N]: text` line per footnote.
 */
import type { DocumentJson } from '../types.js';

export function cleanText(doc: DocumentJson): string {
  const body = bodyLines(doc.blocks);
  const notes = footnoteLines(doc.footnotes);
  return [...body, '---', ...notes].join('\n') + '\n';
}

/** One line per block, markers as `[^N]`. */
export function bodyLines(blocks: DocumentJson['blocks']): string[] {
  return blocks.map((b) => {
    let t = b.text;
    const notes = [...b.notes].sort((x, y) => y.offset - x.offset || y.n - x.n);
    for (const n of notes) t = t.slice(0, n.offset) + `[^${n.n}]` + t.slice(n.offset);
    return t.replace(/\n/g, ' ');
  });
}

export function footnoteLines(footnotes: DocumentJson['footnotes']): string[] {
  return footnotes.map((f) => `[^${f.n}]: ${f.text.replace(/\n/g, ' ')}`);
}
