/** Runs every compiled pattern rule over a block and lets the dimension's builder read the match. */
import type { FactRules, CompiledRule } from '../rules/compile-rules.js';
import type { Candidate, FactDraft } from '../candidate.js';
import { buildMoney } from './money.js';
import { buildPercent } from './percent.js';
import { buildQuantity } from './quantity.js';
import { buildDate } from './date.js';
import { buildCounterparty } from './counterparty-patterns.js';

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

/** text around each anchor hit a match may use (a match longer than this could be missed) */
const BEFORE = 100;
const AFTER = 100;

/**
 * Windows of the block worth scanning: around every occurrence of the rule's required
 * anchors, widened to whitespace so that no token (and no lookbehind context) is cut.
 */
function windows(text: string, prefilter: RegExp | undefined): [number, number][] {
  if (!prefilter) return [[0, text.length]];
  const re = prefilter;
  re.lastIndex = 0;
  const out: [number, number][] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let s = Math.max(0, m.index - BEFORE);
    while (s > 0 && !/\s/.test(text[s]!)) s--;
    let e = Math.min(text.length, m.index + m[0].length + AFTER);
    while (e < text.length && !/\s/.test(text[e]!)) e++;
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

export function runPatternRules(blockId: string, text: string, rules: FactRules): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of rules.rules) {
    const re = rule.re;
    for (const [ws, we] of windows(text, rule.prefilter)) {
      const sub = ws === 0 && we === text.length ? text : text.slice(ws, we);
      re.lastIndex = 0;
      for (let m = re.exec(sub); m; m = re.exec(sub)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        let start = ws + m.index;
        let end = start + m[0].length;
        // trailing spaces are never part of a fact
        while (end > start && /\s/.test(text[end - 1]!)) end--;
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
