// One rule loader and one pattern-safety policy for every rule family: a pattern that can
// backtrack catastrophically is refused at load time with file:line:col, whether it sits in
// a layout rule, a URL rule or a fact rule; and all three report through the same error class.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../src/pipeline.js';
import { RuleFileError } from '../src/rules/load-rule-file.js';
import { loadLayoutRules } from '../src/stages/2-layout/layout-rules.js';
import { loadUrlRules } from '../src/stages/6-urls/url-rules.js';
import { loadFactRules } from '../src/stages/7-facts/index.js';

const HOSTILE = ['(a|a)*b', '(.*a){20}!', '(a+){2,1000}!', '(?:a|aa)+$'];

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of rules/ where the first `pattern:` line of `file` holds `pattern`; returns the dir and that line. */
function withPattern(file: string, pattern: string): { dir: string; line: number; column: number } {
  const dir = mkdtempSync(join(tmpdir(), 'relecteur-rules-'));
  made.push(dir);
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  const at = lines.findIndex((l) => /^\s+pattern: /.test(l));
  const indent = lines[at]!.indexOf('pattern:');
  lines[at] = `${' '.repeat(indent)}pattern: '${pattern}'`;
  writeFileSync(join(dir, file), lines.join('\n'));
  return { dir, line: at + 1, column: indent + 'pattern: '.length + 1 };
}

const FAMILIES: Array<[string, string, (dir: string) => unknown]> = [
  ['layout', 'layout/book-matter.yaml', loadLayoutRules],
  ['urls', 'urls/garbled.yaml', loadUrlRules],
  ['facts', 'percent/percent.yaml', loadFactRules],
];

describe.each(FAMILIES)('%s rules', (_family, file, load) => {
  it.each(HOSTILE)('refuse %s at load time with file:line:col', (pattern) => {
    const { dir, line, column } = withPattern(file, pattern);
    let err: unknown;
    try {
      load(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RuleFileError);
    const e = err as RuleFileError;
    expect(e.file.endsWith(file)).toBe(true);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toMatch(/^.+:\d+:\d+: unsafe pattern: /);
  });

  it('load the repository rules (every real pattern passes the policy)', () => {
    expect(() => load(DEFAULT_RULES_DIR)).not.toThrow();
  });
});
