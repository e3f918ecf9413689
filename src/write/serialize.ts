/**
 * Output files (src/write): the document JSON, one array item per line. Compact enough to
 * write fast (a pretty-printed audit is several times the size of the book) and
 * still readable and diffable line by line. The streamed writer for large books
 * uses the same layout.
 */
import type { DocumentJson } from '../types.js';

export function arrayItems(items: readonly unknown[]): string {
  if (items.length === 0) return '[]';
  let s = '[';
  for (let i = 0; i < items.length; i++) s += (i ? ',\n  ' : '\n  ') + JSON.stringify(items[i]);
  return s + '\n ]';
}

export function serializeDocument(doc: DocumentJson): string {
  return (
    '{\n' +
    ` "schema": ${JSON.stringify(doc.schema)},\n` +
    ` "source": ${JSON.stringify(doc.source)},\n` +
    ` "language": ${JSON.stringify(doc.language)},\n` +
    ` "blocks": ${arrayItems(doc.blocks)},\n` +
    ` "footnotes": ${arrayItems(doc.footnotes)},\n` +
    ` "facts": ${arrayItems(doc.facts)},\n` +
    ` "removed": ${arrayItems(doc.removed)},\n` +
    ` "audit": ${arrayItems(doc.audit)},\n` +
    ` "stats": ${JSON.stringify(doc.stats)}\n` +
    '}\n'
  );
}
