// Issue 10: idempotence on the four books. relecteur run on its own clean text changes
// nothing: same clean text, no marker moved (book 003 once turned `"[^42]. [^43]Cinq`
// into `"[^42][^43]. Cinq` on the second run).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { cleanText } from '../src/write/clean-text.js';
import { CORPUS } from './support/run-cli.js';

const rules = loadRules();

describe.each(readdirSync(CORPUS).sort())('%s', (book) => {
  it('a second run on its own clean text gives the same clean text', () => {
    const text = readFileSync(join(CORPUS, book), 'utf8');
    const first = cleanText(processDecoded(text, { path: book, rules }).doc);
    const { doc } = processDecoded(first, { path: book, rules });
    const second = cleanText(doc);
    if (second !== first) {
      const a = first.split('\n');
      const b = second.split('\n');
      const k = a.findIndex((l, i) => l !== b[i]);
      expect(b[k], `first differing line ${k + 1}`).toBe(a[k]);
    }
    expect(second).toBe(first);
    // the markers are taken as they are: every [^N] of the body comes back at the same offset
    const notes = (t: string) => [...t.split('\n---\n')[0]!.matchAll(/\[\^(\d+)\]/g)].map((m) => `${m[1]}@${m.index}`);
    expect(notes(second)).toEqual(notes(first));
  }, 120_000);
});
