/** Runs every compiled pattern rule over a block and lets the dimension's builder read the match. */
import type { FactRules, CompiledRule } from '../rules/compile-rules.js';
import type { Candidate, FactDraft } from '../candidate.js';
import { buildMoney } from './money.js';
import { buildPercent } from './percent.js';
import { buildQuantity } from './quantity.js';
import { buildDate } from './date.js';
import { buildCounterparty } from './counterparty-patterns.js';
import { findAnchors, type AnchorHits } from '../anchors.js';
import { CLS, SPACE } from '../char-class.js';

type Built = (Omit<Candidate, 'draft'> & { fields: Record<string, unknown>; trimStart?: number }) | null;

function build(m: RegExpExecArray, rule: CompiledRule, rules: FactRules): Built {
  switch (rule.dimension) {
    case 'money':
      return buildMoney(m, rule, rules.lex);
    case 'percent':
      return buildPercent(m, rule, rules.lex);
    case 'quantity':
      return buildQuantity(m, rule, rules.lex);
    case 'date':
      return buildDate(m, rule, rules.lex);
    case 'counterparty':
      return buildCounterparty(m, rule, rules);
    case 'numbers':
      return null;
  }
}


const spaceAt = (text: string, i: number): boolean => (CLS[text.charCodeAt(i)]! & SPACE) !== 0;

/**
 * Windows of the block worth scanning: around every hit of the rule's anchors, widened to
 * whitespace so that no token (and no lookbehind context) is cut. Null = the whole block.
 */
function windows(text: string, ids: number[] | undefined, hits: AnchorHits | null, span: number): [number, number][] | null {
  if (!ids || !hits) return null;
  const BEFORE = span;
  const AFTER = span;
  let spans: number[] | undefined;
  let sorted = true;
  for (const id of ids) {
    const h = hits[id];
    if (!h) continue;
    if (!spans) spans = h;
    else {
      spans = spans.concat(h);
      sorted = false;
    }
  }
  if (!spans) return [];
  let order: number[] | null = null;
  if (!sorted) {
    order = [];
    for (let k = 0; k < spans.length; k += 2) order.push(k);
    const sp = spans;
    order.sort((x, y) => sp[x]! - sp[y]!);
  }
  const out: [number, number][] = [];
  const n = text.length;
  const count = spans.length / 2;
  for (let j = 0; j < count; j++) {
    const k = order ? order[j]! : j * 2;
    let s = Math.max(0, spans[k]! - BEFORE);
    let e = Math.min(n, spans[k + 1]! + AFTER);
    const last = out[out.length - 1];
    if (last && s <= last[1]) {
      if (e > last[1]) {
        while (e < n && !spaceAt(text, e)) e++;
        last[1] = e;
      }
      continue;
    }
    while (s > 0 && !spaceAt(text, s)) s--;
    while (e < n && !spaceAt(text, e)) e++;
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const WHOLE: [number, number][] = [[0, -1]];

export function runPatternRules(blockId: string, text: string, rules: FactRules): Candidate[] {
  const out: Candidate[] = [];
  const lower = text.toLowerCase();
  // a lowercase form of another length (rare: İ) would shift offsets: scan whole blocks then
  const hits = lower.length === text.length ? findAnchors(lower, rules.anchors) : null;
  for (const rule of rules.rules) {
    const re = rule.re;
    for (const [ws, we] of windows(text, rule.anchorIds, hits, rule.span) ?? WHOLE) {
      const sub = we < 0 || (ws === 0 && we === text.length) ? text : text.slice(ws, we);
      re.lastIndex = 0;
      for (let m = re.exec(sub); m; m = re.exec(sub)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        let start = ws + m.index;
        let end = start + m[0].length;
        // trailing spaces are never part of a fact
        while (end > start && spaceAt(text, end - 1)) end--;
        if (rule.notFollowedBy && rule.notFollowedBy.test(text.slice(end, end + 40))) continue;
        const b = build(m, rule, rules);
        if (!b) continue;
        if (b.trimStart) start += b.trimStart;
        const draft = {
          type: rule.dimension,
          text: text.slice(start, end),
          block: blockId,
          start,
          end,
          rule: rule.id,
          ...b.fields,
        } as unknown as FactDraft;
        const c: Candidate = { draft, priority: b.priority };
        if (b.scale !== undefined) c.scale = b.scale;
        if (b.date) c.date = b.date;
        out.push(c);
      }
    }
  }
  return out;
}
