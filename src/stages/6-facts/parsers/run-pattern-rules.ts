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
function windows(text: string, ids: number[] | undefined, hits: AnchorHits | null, BEFORE: number, AFTER: number): [number, number][] | null {
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
  const hits = findAnchors(lower, rules.anchors, text, rules.entityStartChars, entityStarts);
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
  for (const rule of rules.rules) {
    if (rule.sticky && rule.anchorIds && hits) {
      // every match starts at a hit: try there only, skipping hits inside the previous match
      const re = rule.sticky;
      let after = 0;
      let prev = -1;
      for (const at of starts(rule.anchorIds, hits)) {
        if (at < after || at === prev) continue;
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
    for (const [ws, we] of windows(text, rule.anchorIds, hits, rule.before, rule.after) ?? WHOLE) {
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
