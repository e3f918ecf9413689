// The examples of rules/layout/*.yaml run in test/rule-examples.test.ts (the one harness of every rule family).
import { describe, expect, it } from 'vitest';

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
