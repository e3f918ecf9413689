/**
 * Stage 9 — document: the audit. Every change the stages reported (their vfile
 * messages, `../report-changes.ts`) that is still in a block's or footnote's text
 * becomes an entry `{ rule, stage, before, after, from, to, source, in }`; every
 * stretch of the original that no block, footnote or removed line covers becomes
 * an entry too (white space between blocks: `layout/separator`), or, if it holds
 * text, a removed span of kind `unclassified` — so the original can always be
 * rebuilt and nothing disappears silently. A change no message reports is missing
 * from the audit, and the conservation check (`reconstruct.ts`) fails.
 */
import type { VFile } from 'vfile';
import type { AuditEntry, Removed } from '../../types.js';
import type { LineIndex } from '../../text/lines.js';
import type { MappedText } from '../../text/mapped-text.js';
import { isChangeMessage, type ChangeMessage } from '../report-changes.js';

export function buildAudit(
  source: string,
  index: LineIndex,
  texts: Array<{ id: string; mt: MappedText }>,
  removed: Removed[],
  file: VFile,
): { audit: AuditEntry[]; extraRemoved: Removed[] } {
  const covered: Array<[number, number]> = [];
  const span = (a: number, z: number) => ({ start: index.point(a), end: index.point(z) });
  // where each reported change is now: the text that holds it and its rank in text order
  const log = file.data.changes;
  const live = new Map<ChangeMessage, { in: string; rank: number }>();
  for (const { id, mt } of texts) {
    for (const p of mt.pieces) {
      if (p.to > p.from) covered.push([p.from, p.to]);
      if (p.rule === undefined) continue;
      const m = log?.get(p);
      if (!m) throw new Error(`internal: a change by rule ${p.rule} at ${index.point(p.from).line}:${index.point(p.from).column} was not reported by its stage`);
      live.set(m, { in: id, rank: live.size });
    }
  }
  const entries: Array<{ entry: AuditEntry; rank: number }> = [];
  for (const m of file.messages) {
    if (!isChangeMessage(m)) continue;
    const at = live.get(m);
    if (!at) {
      m.change.superseded = true;
      continue;
    }
    const c = m.change;
    c.in = at.in;
    entries.push({
      entry: {
        rule: m.ruleId,
        stage: m.source,
        before: c.before,
        after: c.after,
        from: c.from,
        to: c.to,
        source: m.place,
        in: at.in,
        ...(c.evidence ? { evidence: c.evidence } : {}),
        ...(c.uncertain ? { uncertain: true } : {}),
      },
      rank: at.rank,
    });
  }
  for (const r of removed) covered.push([r.from, r.to]);
  covered.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const extraRemoved: Removed[] = [];
  let pos = 0;
  const gap = (a: number, z: number) => {
    if (z <= a) return;
    const text = source.slice(a, z);
    if (/^\s*$/.test(text)) {
      entries.push({ entry: { rule: 'layout/separator', stage: 'layout', before: text, after: '', from: a, to: z, source: span(a, z) }, rank: live.size + entries.length });
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
  // in source order; changes at the same range in the order of the texts that hold them
  entries.sort((x, y) => x.entry.from - y.entry.from || x.entry.to - y.entry.to || x.rank - y.rank);
  return { audit: entries.map((e) => e.entry), extraRemoved };
}
