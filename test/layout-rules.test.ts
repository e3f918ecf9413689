// Every example and counterexample written in rules/layout/*.yaml runs here, so adding a
// layout rule means adding its examples in the same place.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../src/pipeline.js';
import { LINE_RULE_GROUPS, loadLayoutRules } from '../src/stages/2-layout/layout-rules.js';
import { decideGlue, bookVocabulary } from '../src/stages/4-unwrap/hyphenation.js';

const rules = loadLayoutRules(DEFAULT_RULES_DIR);

describe.each(LINE_RULE_GROUPS)('rules/layout/book-matter.yaml › %s', (group) => {
  for (const rule of rules[group]) {
    it.each(rule.examples)(`${rule.id} matches %j`, (line) => {
      expect(rule.re.test(line.trim())).toBe(true);
    });
    if (rule.counterexamples.length > 0) {
      it.each(rule.counterexamples)(`${rule.id} does not match %j`, (line) => {
        expect(rule.re.test(line.trim())).toBe(false);
      });
    }
  }
});

describe('rules/layout/hyphenation.yaml examples', () => {
  it.each(rules.hyphenExamples.map((e) => [e.lines[0], e.lines[1], e.joined] as const))('%j + %j', (a, b, joined) => {
    const left = a.trimEnd();
    const right = b.trimStart();
    // the vocabulary of a book made of just these two lines: the decision then rests on the lexicon
    const glue = decideGlue(left, right, bookVocabulary(`${a}\n${b}`), rules.hyphenPrefixes);
    const out = (glue.dropHyphen ? left.slice(0, -1) : left) + glue.text + right;
    expect(out).toBe(joined);
  });
});

describe('the French lexicon (binary search in the package\'s sorted list)', () => {
  it('finds the words of the list and nothing else', async () => {
    const { createRequire } = await import('node:module');
    const words: string[] = createRequire(import.meta.url)('an-array-of-french-words');
    const { frenchLexicon } = await import('../src/stages/4-unwrap/hyphenation.js');
    const lex = frenchLexicon();
    for (let i = 0; i < words.length; i += 97) {
      expect(lex.has(words[i]!)).toBe(true);
      expect(lex.has(words[i]! + 'qz')).toBe(false);
    }
    expect([lex.has('a'), lex.has('ôtés'), lex.has('développement'), lex.has('sinobiélorusse'), lex.has('')]).toEqual([true, true, true, false, false]);
  });
});
