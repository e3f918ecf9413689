/**
 * Runs every example and counterexample of every rule file under rules/<dimension>/
 * (Duckling-style: the rules carry their own corpus; no per-rule test code).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { extractFacts, loadFactRules, type FactDraft } from '../src/stages/7-facts/index.js';

const rules = loadFactRules(join(import.meta.dirname, '..', 'rules'));
const NUMERIC = ['money', 'percent', 'quantity'];

function run(text: string): FactDraft[] {
  return extractFacts([{ id: 'b1', kind: 'paragraph', text }], rules);
}

const FIELDS = ['value', 'currency', 'unit', 'qualifier', 'inferred', 'name', 'kind', 'id'] as const;

describe.each(rules.sources.map((s) => [s.rule.id, s] as const))('%s', (_id, src) => {
  const { rule, dimension } = src;
  const byRule = Boolean(rule.pattern && !rule.context);
  const byRuleCounter = byRule || rule.lexicon === 'entity';
  for (const ex of rule.examples) {
    it(`example: ${ex.text}`, () => {
      const type = ex.type ?? dimension;
      expect(type, 'examples of rules/numbers must say which fact type they give').not.toBe('numbers');
      const facts = run(ex.text).filter((f) => f.type === type);
      if (ex.count !== undefined) expect(facts, JSON.stringify(facts)).toHaveLength(ex.count);
      const want: Record<string, unknown> = {};
      for (const k of FIELDS) if (k in ex) want[k] = (ex as unknown as Record<string, unknown>)[k];
      if (ex.match !== undefined) want.text = ex.match;
      if (ex.rule !== undefined) want.rule = ex.rule;
      else if (byRule && !ex.type) want.rule = rule.id;
      const found = facts.some((f) => Object.entries(want).every(([k, v]) => (f as Record<string, unknown>)[k] === v));
      expect(found, `no ${type} fact ${JSON.stringify(want)} in ${JSON.stringify(facts, null, 1)}`).toBe(true);
      for (const f of facts) expect(f.text).toBe(ex.text.slice(f.start, f.end));
    });
  }
  for (const cx of rule.counterexamples ?? []) {
    it(`counterexample: ${cx}`, () => {
      const facts = run(cx);
      const bad = byRuleCounter
        ? facts.filter((f) => f.rule === rule.id)
        : facts.filter((f) => (dimension === 'numbers' ? NUMERIC.includes(f.type) : f.type === dimension));
      expect(bad, JSON.stringify(bad)).toEqual([]);
    });
  }
});
