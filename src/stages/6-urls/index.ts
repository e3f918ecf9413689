/**
 * Stage 6 — URLs: find the URLs of footnotes and bibliography entries, repair them
 * with the named rules of `rules/urls/` (`repair-urls.ts`, `url-rules.ts`), say
 * which could not be repaired.
 */
import type { UrlRecord } from '../../types.js';
import type { MappedText, Piece } from '../../text/mapped-text.js';
import { defineStage } from '../stage.js';
import type { ReadTree } from '../1-read/index.js';
import type { UnwrapAdds } from '../4-unwrap/index.js';
import { findUrls, type UrlRules } from './repair-urls.js';

export const urls = defineStage('urls', (tree: ReadTree & UnwrapAdds, file) => {
  for (const f of tree.footnotes) {
    f.urls = repairIn(f.mt, tree.rules.urls, tree.lineJoins);
    const place = tree.index.point(f.mt.sourceOffset(0));
    for (const u of f.urls) if (u.status === 'unrecoverable') file.message(`unrecoverable URL in footnote ${f.n}: ${u.raw}`, { ruleId: 'url-unrecoverable', source: urls.name, place });
  }
  for (const b of tree.blocks) if (b.kind === 'bibliography' && /https?:|www\./.test(b.mt.toString())) b.urls = repairIn(b.mt, tree.rules.urls, tree.lineJoins);
  return {};
});

/** Find the URLs of one text, apply the repairs to it (each a named change), return what was found. */
function repairIn(mt: MappedText, rules: UrlRules, joins: ReadonlySet<Piece>): UrlRecord[] {
  const text = mt.toString();
  const found = findUrls(text, joinOffsets(mt, joins), rules);
  for (let k = found.length - 1; k >= 0; k--) {
    const f = found[k]!;
    if (f.status === 'repaired' && f.url) mt.replace(f.start, f.end, f.url, f.rules[f.rules.length - 1] ?? 'urls/repair', 'urls');
  }
  return found.map((f) => ({ raw: f.raw, url: f.url, status: f.status, rules: f.rules }));
}

/** Where the unwrap stage joined two lines with a space (`lineJoins`) in this text: a URL may have been cut there. */
function joinOffsets(mt: MappedText, joins: ReadonlySet<Piece>): number[] {
  const out: number[] = [];
  let pos = 0;
  for (const p of mt.pieces) {
    if (joins.has(p)) out.push(pos);
    pos += p.text.length;
  }
  return out;
}
