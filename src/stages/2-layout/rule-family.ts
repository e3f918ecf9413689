/**
 * The layout rule family (rules/layout.schema.json, rules/layout/): how the layout stage
 * applies one example. A line rule's example is a line it must match once trimmed, a
 * counterexample one it must not; a hyphenation example is two lines (`⏎` between them)
 * and the text the unwrap stage must make of them (`joined`).
 */
import type { RuleFamily } from '../../rules/family.js';
import type { ExampleCase } from '../../rules/rule-examples.js';
import { bookVocabulary, decideGlue } from '../4-unwrap/hyphenation.js';
import { loadLayoutRules, type LayoutRules, type LineRuleGroup } from './layout-rules.js';

function apply(rules: LayoutRules, c: ExampleCase): string | undefined {
  const { text } = c.example;
  if (typeof c.example.joined === 'string') {
    const [a = '', b = ''] = text.split('⏎');
    const left = a.trimEnd();
    const right = b.trimStart();
    // the vocabulary of a book made of just these two lines: the decision then rests on the lexicon
    const glue = decideGlue(left, right, bookVocabulary(`${a}\n${b}`), rules.hyphenPrefixes);
    const out = (glue.dropHyphen ? left.slice(0, -1) : left) + glue.text + right;
    return out === c.example.joined ? undefined : `joined as ${JSON.stringify(out)}, not ${JSON.stringify(c.example.joined)}`;
  }
  const [group, index] = c.path as [LineRuleGroup, number];
  const rule = rules[group][index]!;
  const matches = rule.re.test(text.trim());
  if (matches === !c.counter) return undefined;
  return `${rule.id} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(text)}`;
}

export const layoutFamily: RuleFamily<LayoutRules> = { name: 'layout', load: loadLayoutRules, apply };
