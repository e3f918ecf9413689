/**
 * Stage 4 — unwrap: name each body block's kind from its text: heading (short,
 * no sentence punctuation, followed by a sentence), list item (`1)`, `a)`, `- 1)`,
 * `1. `), or paragraph.
 */
import type { BlockKind } from '../../types.js';

const LIST = /^(?:[-•–]\s+)?(?:\d{1,2}\)|[a-zа-я]\)|\d{1,2}\.\s+\p{Lu})\s*|^[-•–]\s+\S/u;

export function classifyBlock(text: string, next: string | undefined, wasMarkdownHeading: boolean): BlockKind {
  if (wasMarkdownHeading) return 'heading';
  if (LIST.test(text)) return 'list-item';
  const t = text.trim();
  if (
    t.length > 0 &&
    t.length <= 130 &&
    /^[\p{Lu}"«\d]/u.test(t) &&
    !/[.!?…;,]["»”)]*$/.test(t) &&
    !/\.\s+\p{Lu}/u.test(t) &&
    t.split(/\s+/).length <= 16 &&
    (next === undefined || /^[\p{Lu}"«\d<]/u.test(next.trim()))
  ) {
    return 'heading';
  }
  return 'paragraph';
}
