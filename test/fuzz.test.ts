// Issue 10: a short fuzzing run inside `npm test` — the same property as `npm run fuzz`
// (scripts/fuzz/property.ts): on generated text made of real book slices, hostile
// shapes, markup debris, random Unicode and every kind of line end, the pipeline
// never throws, the JSON validates, the original is rebuilt from it exactly, and each
// case stays within its time budget.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkCase, fuzzText } from '../scripts/fuzz/property.js';

describe('fuzzing the pipeline (short run; npm run fuzz runs for 10 minutes)', () => {
  it('150 generated cases: no crash, invalid JSON, conservation failure or case over 20 s', () => {
    fc.assert(
      fc.property(fuzzText, (text) => {
        checkCase(text, 20_000);
      }),
      { numRuns: 150, seed: 2026 },
    );
  }, 300_000);
});
