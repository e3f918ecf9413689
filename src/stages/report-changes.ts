/**
 * Every stage reports what it changed as vfile messages: one message per change of a
 * block's or footnote's text (a piece of its MappedText made by a named rule), with the
 * rule id (`ruleId`), the stage (`source`), where it is in the original (`place`, a
 * line/column span) and the change itself in `change` (before, after, source offsets,
 * evidence, uncertain). The audit of the document (stage 9) and `--verbose` are built
 * from these messages.
 *
 * The messages of a stage are made in one pass when it ends (`stagePlugin` calls
 * `reportChanges`), so a stage cannot change text without reporting it: every changed
 * piece not yet reported is reported then. A change that a later stage replaces
 * (a URL repair over a joined line break) keeps its message; the document stage marks
 * it `superseded` and the audit lists the change that replaced it.
 *
 * A VFileMessage is an Error: creating one captures a stack trace, which is most of its
 * cost and says nothing here (the pass would be on every stack). The pass sets
 * `Error.stackTraceLimit` to 0 while it creates them (measured: about 6 µs → 3 µs a
 * message; a 400 kB book makes about 5 000).
 */
import type { VFile } from 'vfile';
import type { Point, Span } from '../types.js';
import type { LineIndex } from '../text/lines.js';
import type { MappedText, Piece } from '../text/mapped-text.js';

/** What a change message carries beyond rule id, stage and place. */
export interface Change {
  /** source range [from, to) in the decoded text the stage read (a section's, for a large book) */
  from: number;
  to: number;
  /** the original text of the range, and what replaced it */
  before: string;
  after: string;
  /** what the decision rested on */
  evidence?: Record<string, unknown>;
  /** the evidence did not settle the decision */
  uncertain?: true;
  /** the block (`b12`) or footnote (`fn3`) whose text holds the change: set by the document stage */
  in?: string;
  /** a later change replaced this one (its range is part of that change's): not in the audit */
  superseded?: true;
}

export type VFileMessage = ReturnType<VFile['message']>;

export interface ChangeMessage extends VFileMessage {
  ruleId: string;
  source: string;
  place: Span;
  change: Change;
}

declare module 'vfile' {
  interface DataMap {
    /** the change message of every changed piece reported so far (see `reportChanges`) */
    changes: globalThis.Map<Piece, ChangeMessage>;
  }
}

export function isChangeMessage(m: VFileMessage): m is ChangeMessage {
  return (m as Partial<ChangeMessage>).change !== undefined;
}

/** The texts a stage may change: the blocks' and footnotes' (present from the unwrap stage on). */
interface TextsTree {
  source?: string;
  index?: LineIndex;
  blocks?: ReadonlyArray<{ mt: MappedText }>;
  footnotes?: ReadonlyArray<{ mt: MappedText }>;
}

/** Report every changed piece of the tree's texts that has no message yet (one pass, at the end of a stage). */
export function reportChanges(t: object, file: VFile): void {
  const tree = t as TextsTree;
  const { source, index } = tree;
  if (source === undefined || index === undefined || (!tree.blocks && !tree.footnotes)) return;
  const log = (file.data.changes ??= new Map());
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const list of [tree.blocks ?? [], tree.footnotes ?? []]) {
      for (const { mt } of list) {
        for (const p of mt.pieces) {
          if (p.rule === undefined || log.has(p)) continue;
          const before = source.slice(p.from, p.to);
          const m = file.info(`${JSON.stringify(before)} → ${JSON.stringify(p.text)}`, {
            ruleId: p.rule,
            source: p.stage ?? 'unknown',
            place: { start: index.point(p.from), end: index.point(p.to) },
          }) as ChangeMessage;
          m.change = { from: p.from, to: p.to, before, after: p.text, ...(p.evidence ? { evidence: p.evidence } : {}), ...(p.uncertain ? { uncertain: true } : {}) };
          log.set(p, m);
        }
      }
    }
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A message as plain data (what a worker thread hands back for `--verbose`). */
export interface PlainMessage {
  reason: string;
  ruleId?: string;
  source?: string;
  place?: Span | Point;
  fatal?: boolean;
  /** a change a later stage replaced (not in the audit) */
  superseded?: true;
}

export function plainMessages(messages: readonly VFileMessage[]): PlainMessage[] {
  return messages.map((m) => ({
    reason: m.reason,
    ...(m.ruleId ? { ruleId: m.ruleId } : {}),
    ...(m.source ? { source: m.source } : {}),
    ...(m.place ? { place: m.place } : {}),
    ...(m.fatal !== undefined && m.fatal !== null ? { fatal: m.fatal } : {}),
    ...(isChangeMessage(m) && m.change.superseded ? { superseded: true as const } : {}),
  }));
}
