/**
 * Stage 4 — unwrap: turn the lines outside the body (found by stage 2) (front matter, table of
 * contents, bibliography, back matter) into blocks of their own kind, and their
 * furniture into removed lines. Nothing here is dropped: a user still finds the
 * blurb, the imprint and the TOC in the JSON.
 */
import type { BlockKind } from '../../types.js';
import { MappedText } from '../../text/mapped-text.js';
import type { AssembleContext, BlockDraft, RemovedDraft } from './assemble-blocks.js';
import { joinLine } from './assemble-blocks.js';
import { decide } from './paragraph-breaks.js';
import type { DecisionNote } from './hyphenation.js';
import { isWrappedLayout, type ClassifiedLine } from '../2-layout/classify-lines.js';

export function matterBlocks(
  from: number,
  to: number,
  kind: BlockKind,
  ctx: AssembleContext,
  tocLines: Set<number> = new Set(),
): { blocks: BlockDraft[]; removed: RemovedDraft[] } {
  const { lines, ev } = ctx;
  const wrapped = isWrappedLayout(ev.layout);
  const blocks: BlockDraft[] = [];
  const removed: RemovedDraft[] = [];
  let cur: BlockDraft | undefined;
  let last: ClassifiedLine | undefined;
  let gap = 0;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (l.cls === 'blank') {
      gap++;
      continue;
    }
    const g = gap;
    gap = 0;
    if (l.cls === 'furniture' || l.cls === 'separator' || (l.cls === 'page-number' && kind !== 'bibliography')) {
      removed.push({ kind: l.cls === 'furniture' ? 'running-header' : l.cls, line: i, rule: l.rule ?? 'layout/furniture' });
      cur = undefined;
      continue;
    }
    const k: BlockKind = tocLines.has(i) ? 'toc' : kind;
    let startNew: boolean;
    let note: DecisionNote | undefined;
    if (!cur || cur.kind !== k || k === 'toc') startNew = true;
    else if (kind === 'bibliography') {
      // an entry starts with its number; other lines continue the entry
      startNew = /^\s*\d{1,3}\s?\.?\s/.test(l.text) && !/^\s*(?:URL|<?https?:)/.test(l.t);
    } else if (wrapped && g <= ev.wrapGap && ctx.breakParams && !ev.trailingSpaceMarksWrap && !ctx.breakParams.trailingMarksWrap && last) {
      // no trailing space tells wraps apart: the book's calibrated boundary decision, as in the body
      const shape = (x: ClassifiedLine) => ({ text: x.t, lead: x.lead, trailing: x.trailing });
      const d = decide(ctx.breakParams, { line: shape(last), next: shape(l), gap: g, soFar: cur.mt.tail(200) }, cur.mt.length);
      // a line indented as the book indents paragraphs, under a line indented as much: the line before was a paragraph of its own
      const indented = ctx.breakParams.indentMarksParagraph && l.lead >= Math.max(1, ctx.breakParams.indent) && l.lead >= last.lead;
      startNew = indented || d.decision === 'break';
      note = { evidence: { decision: d.reason, ...d.evidence }, ...(d.uncertain ? { uncertain: true } : {}) };
    } else if (wrapped) startNew = g > ev.wrapGap || !(last?.trailing ?? false);
    else startNew = true;
    if (kind === 'bibliography' && !wrapped && /^(?:U ?RL ?:|<https?:|\[?https?:\/\/)/.test(l.t) && cur) startNew = false;
    if (i === from && kind === 'bibliography') {
      cur = { kind: 'heading', mt: new MappedText(), lines: [i] };
      blocks.push(cur);
      joinLine(cur.mt, undefined, l, ctx);
      cur = undefined;
      last = l;
      continue;
    }
    if (startNew) {
      cur = { kind: k, mt: new MappedText(), lines: [i] };
      blocks.push(cur);
      joinLine(cur.mt, undefined, l, ctx);
    } else {
      joinLine(cur!.mt, last, l, ctx, 0, undefined, note);
      cur!.lines.push(i);
    }
    last = l;
  }
  return { blocks, removed };
}
