/**
 * Stage 9 — document: the audit. Every changed piece of every block and footnote
 * becomes an entry `{ rule, stage, before, after, from, to, source }`; every
 * stretch of the original that no block, footnote or removed line covers becomes
 * an entry too (white space between blocks: `layout/separator`), or, if it holds
 * text, a removed span of kind `unclassified` — so the original can always be
 * rebuilt and nothing disappears silently.
 */
import type { AuditEntry, Removed } from '../../types.js';
import type { LineIndex } from '../../text/lines.js';
import type { MappedText } from '../../text/mapped-text.js';

export function buildAudit(
  source: string,
  index: LineIndex,
  texts: Array<{ id: string; mt: MappedText }>,
  removed: Removed[],
): { audit: AuditEntry[]; extraRemoved: Removed[] } {
  const audit: AuditEntry[] = [];
  const covered: Array<[number, number]> = [];
  const span = (a: number, z: number) => ({ start: index.point(a), end: index.point(z) });
  for (const { id, mt } of texts) {
    for (const p of mt.pieces) {
      if (p.to > p.from) covered.push([p.from, p.to]);
      if (p.rule) {
        audit.push({
          rule: p.rule,
          stage: p.stage ?? 'unknown',
          before: source.slice(p.from, p.to),
          after: p.text,
          from: p.from,
          to: p.to,
          source: span(p.from, p.to),
          in: id,
        });
      }
    }
  }
  for (const r of removed) covered.push([r.from, r.to]);
  covered.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const extraRemoved: Removed[] = [];
  let pos = 0;
  const gap = (a: number, z: number) => {
    if (z <= a) return;
    const text = source.slice(a, z);
    if (/^\s*$/.test(text)) {
      audit.push({ rule: 'layout/separator', stage: 'layout', before: text, after: '', from: a, to: z, source: span(a, z) });
    } else {
      extraRemoved.push({ kind: 'unclassified', text, source: span(a, z), rule: 'layout/unclassified', from: a, to: z });
    }
  };
  for (const [a, z] of covered) {
    if (a > pos) gap(pos, a);
    if (a < pos && z > pos) {
      // overlap would mean a character counted twice: a bug, surfaced loudly
      throw new Error(`internal: source range ${a}-${z} covered twice (up to ${pos})`);
    }
    pos = Math.max(pos, z);
  }
  gap(pos, source.length);
  audit.sort((a, b) => a.from - b.from || a.to - b.to);
  return { audit, extraRemoved };
}
