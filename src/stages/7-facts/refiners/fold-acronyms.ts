/**
 * Acronyms defined in the text, folded both ways:
 *
 * - `Organisation du traité de sécurité collective (OTSC)` or `OTSC (Organisation du traité …)`
 *   defines OTSC for the whole document: every later or earlier `OTSC` becomes a mention of
 *   the same entity (rule `counterparty/acronym`), with the long name as its name;
 * - when the acronym is already a known entity (`Bourse universelle des marchandises du
 *   Belarus (BUCE)`, BUCE being a form of BUTB), the long name found by a head or a pattern
 *   takes that entity's canonical name, kind and id.
 *
 * An acronym is 2–12 characters, starts with a capital and has at least two capitals; a known
 * name in parentheses (`China National Machinery Industry Corporation (Sinomach)`) also folds.
 */
import type { FactRules } from '../rules/compile-rules.js';
import { escapeRegex, normaliseName } from '../rules/compile-rules.js';
import type { FactDraft } from '../candidate.js';

type Party = Extract<FactDraft, { type: 'counterparty' }>;
interface Def {
  name: string;
  kind: Party['kind'];
  id?: string;
}

const AFTER = /^[ \u00A0]*\([ \u00A0]*(\p{Lu}[\p{L}\d&-]{1,11})[ \u00A0]*\)/u;
const BEFORE = /(?<![\p{L}\d])(\p{Lu}[\p{L}\d&-]{1,11})[ \u00A0]*\([ \u00A0]*$/u;
const isAcronym = (s: string): boolean => (s.match(/\p{Lu}/gu) ?? []).length >= 2;
export const ACRONYM_RULE = 'counterparty/acronym';

export function foldAcronyms(blocks: { id: string; text: string }[], facts: FactDraft[], rules: FactRules): FactDraft[] {
  const text = new Map(blocks.map((b) => [b.id, b.text]));
  const defs = new Map<string, Def>();
  for (const f of facts) {
    if (f.type !== 'counterparty' || f.kind === 'country' || f.kind === 'city') continue;
    const t = text.get(f.block);
    if (t === undefined) continue;
    const a = AFTER.exec(t.slice(f.end, f.end + 20));
    const b = a ? null : /^[ \u00A0]*\)/u.test(t.slice(f.end, f.end + 3)) ? BEFORE.exec(t.slice(Math.max(0, f.start - 20), f.start)) : null;
    const ac = (a ?? b)?.[1];
    if (!ac || normaliseName(ac) === normaliseName(f.text)) continue;
    const known = rules.entityNames.get(normaliseName(ac));
    // "(Sinomach)": a known name in parentheses folds the long one; only acronyms are defined
    if (!known && !isAcronym(ac)) continue;
    if (known) {
      // the long name becomes the known entity (unless it is one already)
      if (!rules.entityNames.has(normaliseName(f.name)) && known.kind !== 'country') {
        f.name = known.name;
        f.kind = known.kind;
        if (known.id) f.id = known.id;
      }
      continue;
    }
    if (!defs.has(ac)) defs.set(ac, { name: f.name, kind: f.kind, ...(f.id ? { id: f.id } : {}) });
  }
  if (!defs.size) return facts;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...defs.keys()].sort((x, y) => y.length - x.length).map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const byBlock = new Map<string, FactDraft[]>();
  for (const f of facts) {
    const l = byBlock.get(f.block) ?? [];
    l.push(f);
    byBlock.set(f.block, l);
  }
  const added: FactDraft[] = [];
  for (const b of blocks) {
    re.lastIndex = 0;
    const own = byBlock.get(b.id) ?? [];
    for (let m = re.exec(b.text); m; m = re.exec(b.text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (own.some((f) => f.start < end && start < f.end)) continue;
      const d = defs.get(m[0])!;
      added.push({ type: 'counterparty', text: m[0], block: b.id, start, end, rule: ACRONYM_RULE, name: d.name, kind: d.kind, ...(d.id ? { id: d.id } : {}) });
    }
  }
  if (!added.length) return facts;
  const order = new Map(blocks.map((b, i) => [b.id, i]));
  return [...facts, ...added].sort((x, y) => order.get(x.block)! - order.get(y.block)! || x.start - y.start || x.end - y.end);
}
