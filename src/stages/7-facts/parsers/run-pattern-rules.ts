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
function windows(
  text: string,
  ids: number[] | undefined,
  hits: AnchorHits | null,
  BEFORE: number,
  AFTER: number,
  near: Near | null = null,
): [number, number][] | null {
  if (!ids || !hits) return null;
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
    if (near && !isNear(near, spans[k]!, spans[k + 1]!)) continue;
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

/** Hits of a second anchor every match contains, and the longest match. */
interface Near {
  /** flat [start, end, …], ascending */
  hits: number[];
  span: number;
  /** search cursor (queries come in ascending order) */
  k: number;
}

function nearOf(rule: CompiledRule, hits: AnchorHits): Near | null | undefined {
  if (rule.alsoId === undefined) return null;
  const h = hits[rule.alsoId];
  return h ? { hits: h, span: rule.span, k: 0 } : undefined;
}

/** Whether a hit of the second anchor lies within `span` of [start, end). */
function isNear(near: Near, start: number, end: number): boolean {
  const h = near.hits;
  const lo = start - near.span;
  // the second anchor's end after lo: the first candidate
  while (near.k < h.length && h[near.k + 1]! < lo) near.k += 2;
  return near.k < h.length && h[near.k]! <= end + near.span;
}

/** Start offsets of the rule's anchor hits, ascending, without duplicates. */
function starts(ids: number[], hits: AnchorHits): number[] {
  let out: number[] | null = null;
  let sorted = true;
  for (const id of ids) {
    const h = hits[id];
    if (!h) continue;
    if (out) sorted = false;
    else out = [];
    for (let k = 0; k < h.length; k += 2) out.push(h[k]!);
  }
  if (!out) return [];
  if (!sorted) out.sort((a, b) => a - b);
  return out;
}

/** What one pass over a block found: anchor hits (null = scan whole) and word starts for the lexicon. */
export interface BlockScan {
  hits: AnchorHits | null;
  /** offsets of words that may start a lexicon form (null = look at every word) */
  entityStarts: number[] | null;
}

export function scanBlock(text: string, rules: FactRules): BlockScan {
  const lower = text.toLowerCase();
  // a lowercase form of another length (rare: İ) would shift offsets: scan whole blocks then
  if (lower.length !== text.length) return { hits: null, entityStarts: null };
  const entityStarts: number[] = [];
  const hits = findAnchors(lower, rules.anchors, text, rules.entityStartChars, entityStarts, rules.lowerStartChars);
  return { hits, entityStarts };
}

export function runPatternRules(blockId: string, text: string, rules: FactRules, scan: BlockScan = scanBlock(text, rules)): Candidate[] {
  const out: Candidate[] = [];
  const hits = scan.hits;
  const take = (m: RegExpExecArray, rule: CompiledRule, offset: number): void => {
    let start = offset + m.index;
    let end = start + m[0].length;
    // trailing spaces are never part of a fact
    while (end > start && spaceAt(text, end - 1)) end--;
    if (rule.notFollowedBy && rule.notFollowedBy.test(text.slice(end, end + 40))) return;
    const b = build(m, rule, rules);
    if (!b) return;
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
  };
  /** merged lead hits, shared by the rules with the same lead anchors (the amount rules) */
  const leadStarts = new Map<number[], number[]>();
  for (const rule of rules.rules) {
    const near = hits ? nearOf(rule, hits) : null;
    // a second anchor that every match contains is absent
    if (near === undefined) continue;
    if (rule.sticky && rule.anchorIds && hits) {
      // every match starts at a hit: try there only, skipping hits inside the previous match
      const re = rule.sticky;
      let after = 0;
      let prev = -1;
      let at0: number[];
      if (rule.leadIds) {
        // lead hits (where matches start) within the windows around the anchors (that they contain)
        const wins = windows(text, rule.anchorIds, hits, rule.before, rule.after, near)!;
        if (!wins.length) continue;
        let all = leadStarts.get(rule.leadIds);
        if (!all) leadStarts.set(rule.leadIds, (all = starts(rule.leadIds, hits)));
        at0 = all;
        const kept: number[] = [];
        let w = 0;
        for (const at of at0) {
          while (w < wins.length && wins[w]![1] <= at) w++;
          if (w >= wins.length) break;
          if (at >= wins[w]![0]) kept.push(at);
        }
        at0 = kept;
      } else at0 = starts(rule.anchorIds, hits);
      for (const at of at0) {
        if (at < after || at === prev) continue;
        if (near && !rule.leadIds && !isNear(near, at, at)) continue;
        prev = at;
        re.lastIndex = at;
        const m = re.exec(text);
        if (!m || m[0].length === 0) continue;
        after = at + m[0].length;
        take(m, rule, 0);
      }
      continue;
    }
    const re = rule.re;
    for (const [ws, we] of windows(text, rule.anchorIds, hits, rule.before, rule.after, near) ?? WHOLE) {
      const sub = we < 0 || (ws === 0 && we === text.length) ? text : text.slice(ws, we);
      re.lastIndex = 0;
      for (let m = re.exec(sub); m; m = re.exec(sub)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        take(m, rule, ws);
      }
    }
  }
  return out;
}
