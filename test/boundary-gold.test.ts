// The hand-annotated paragraph boundaries (test/fixtures/boundaries/) stay tied to the text
// they were read from: each entry names two non-blank lines of the book, in order, and its
// excerpt is what those lines say. (Their use — precision and recall of the pipeline's
// "break" decisions — is in test/invariants.test.ts and npm run eval:structure.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGold } from '../scripts/structure/boundaries.js';

const dir = join(__dirname, 'fixtures', 'boundaries');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('boundary gold', () => {
  it('has at least 300 entries across the four books, most of them in the double-spaced 003, both labels in each book', () => {
    const counts = Object.fromEntries(files.map((f) => [f.slice(0, 3), readGold(join(dir, f)).length]));
    expect(Object.keys(counts)).toEqual(['000', '002', '003', '004']);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(300);
    expect(counts['003']! / total).toBeGreaterThan(0.5);
    for (const f of files) expect(new Set(readGold(join(dir, f)).map((g) => g.label))).toEqual(new Set(['break', 'join']));
  });

  it.each(files)('%s: every entry names two text lines of the book and quotes them', (f) => {
    const lines = readFileSync(join(__dirname, '..', 'corpus', f.replace('.yaml', '.txt')), 'utf8').split('\n');
    const gold = readGold(join(dir, f));
    const seen = new Set<number>();
    for (const g of gold) {
      expect(seen.has(g.line), `line ${g.line} annotated twice`).toBe(false);
      seen.add(g.line);
      const a = lines[g.line - 1]!.trim();
      const b = lines[g.next - 1]!.trim();
      expect(a && b, `${g.line}/${g.next}`).toBeTruthy();
      const [before, after] = g.excerpt.split(' ⏎ ');
      expect(a.endsWith(before!.replace(/^…/, '')), `${g.line}: ${before}`).toBe(true);
      expect(b.startsWith(after!.replace(/…$/, '')), `${g.next}: ${after}`).toBe(true);
    }
  });
});
