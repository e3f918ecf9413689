/**
 * The fact rule family (rules/facts.schema.json, rules/<dimension>/): how the fact stage
 * applies one example. The example's text, read alone as one paragraph, must give a fact
 * of its type (the rule's dimension unless it says `type`) with every field the example
 * states (`match` is the fact's text; `rule` defaults to the rule's id for a pattern
 * rule), and `count` facts of that type when it says so. A counterexample must give no
 * fact of the rule (a pattern rule or an entity lexicon), else none of its dimension.
 */
import type { RuleFamily } from '../../rules/family.js';
import type { ExampleCase } from '../../rules/rule-examples.js';
import { extractFacts, loadFactRules, type FactDraft, type FactRules } from './index.js';
import type { ExampleData, RuleData, RuleFileData } from './rules/schema.js';

const NUMERIC = ['money', 'percent', 'quantity'];
const FIELDS = ['value', 'currency', 'ambiguous', 'unit', 'qualifier', 'inferred', 'name', 'kind', 'id'] as const;

function apply(rules: FactRules, c: ExampleCase): string | undefined {
  const rule = c.owner as unknown as RuleData;
  const { dimension } = c.data as RuleFileData;
  const run = (text: string): FactDraft[] => extractFacts([{ id: 'b1', kind: 'paragraph', text }], rules);
  const byRule = Boolean(rule.pattern && !rule.context);
  if (c.counter) {
    const facts = run(c.example.text);
    const bad = byRule || rule.lexicon === 'entity' ? facts.filter((f) => f.rule === rule.id) : facts.filter((f) => (dimension === 'numbers' ? NUMERIC.includes(f.type) : f.type === dimension));
    return bad.length === 0 ? undefined : `gives ${JSON.stringify(bad)}`;
  }
  const ex = c.example as unknown as ExampleData;
  const type = ex.type ?? dimension;
  if (type === 'numbers') return 'an example of rules/numbers must say which fact type it gives (type:)';
  const facts = run(ex.text).filter((f) => f.type === type);
  if (ex.count !== undefined && facts.length !== ex.count) return `${facts.length} ${type} facts, not ${ex.count}: ${JSON.stringify(facts)}`;
  const want: Record<string, unknown> = {};
  for (const k of FIELDS) if (k in ex) want[k] = ex[k];
  if (ex.match !== undefined) want.text = ex.match;
  if (ex.rule !== undefined) want.rule = ex.rule;
  else if (byRule && !ex.type) want.rule = rule.id;
  for (const f of facts) if (f.text !== ex.text.slice(f.start, f.end)) return `fact text ${JSON.stringify(f.text)} is not the text at ${f.start}-${f.end}`;
  const found = facts.some((f) => Object.entries(want).every(([k, v]) => (f as unknown as Record<string, unknown>)[k] === v));
  return found ? undefined : `no ${type} fact ${JSON.stringify(want)} in ${JSON.stringify(facts)}`;
}

export const factsFamily: RuleFamily<FactRules> = { name: 'facts', load: loadFactRules, apply };
