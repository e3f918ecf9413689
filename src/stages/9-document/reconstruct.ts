/**
 * Conservation: rebuild the decoded original, character for character, from a
 * document JSON alone — verbatim runs of blocks and footnotes (`map`), changed
 * and removed spans from `audit` (`before`), and `removed` lines. Throws if any
 * character of [0, length) is missing or claimed twice.
 */
import type { DocumentJson } from '../../types.js';

export function reconstruct(doc: DocumentJson): string {
  const parts: Array<[number, number, string]> = [];
  for (const b of [...doc.blocks, ...doc.footnotes]) {
    for (const [src, at, len] of b.map ?? []) parts.push([src, src + len, b.text.slice(at, at + len)]);
  }
  for (const a of doc.audit) if (a.to > a.from) parts.push([a.from, a.to, a.before]);
  for (const r of doc.removed) parts.push([r.from, r.to, r.text]);
  parts.sort((x, y) => x[0] - y[0]);
  let pos = 0;
  let out = '';
  for (const [from, to, text] of parts) {
    if (from !== pos) throw new Error(`conservation: ${from > pos ? 'gap' : 'overlap'} at offset ${pos} (next piece starts at ${from})`);
    if (text.length !== to - from) throw new Error(`conservation: piece ${from}-${to} has ${text.length} characters`);
    out += text;
    pos = to;
  }
  return out;
}
