// The audit diff is a real unified diff: the `diff` package applies it to the original
// and gets the clean text back, for every book.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { auditDiff } from '../src/write/audit-diff.js';
import { cleanText } from '../src/write/clean-text.js';

const CORPUS = join(__dirname, '..', 'corpus');
const rules = loadRules();

describe.each(readdirSync(CORPUS).sort())('%s', (book) => {
  it('applying the .diff to the original gives the .clean.txt', () => {
    const text = readFileSync(join(CORPUS, book), 'utf8');
    const clean = cleanText(processDecoded(text, { path: book, rules }).doc);
    const diff = auditDiff(book, text, clean);
    expect(diff.startsWith(`--- a/${book}\n+++ b/${book.replace('.txt', '')}.clean.txt\n@@ `)).toBe(true);
    expect(applyPatch(text.endsWith('\n') ? text : text + '\n', diff)).toBe(clean);
  }, 60_000);
});

it('a small change gives a small hunk with context', () => {
  const d = auditDiff('x.txt', 'a\nb\nc\nd\ne\n', 'a\nb\nC\nd\ne\n');
  expect(d).toBe('--- a/x.txt\n+++ b/x.clean.txt\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n');
});
