/**
 * Checks that broken rules/urls/*.yaml files are reported with file:line:column (their
 * examples run in test/rule-examples.test.ts, the one harness of every rule family).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadUrlRules } from '../src/stages/6-urls/repair-urls.js';
import { RULES_DIR } from './fixtures/urls/helpers.js';

describe('rule file validation', () => {
  function brokenCopy(file: string, content: string): string {
    const root = mkdtempSync(join(tmpdir(), 'urls-rules-'));
    mkdirSync(join(root, 'urls'));
    for (const f of readdirSync(join(RULES_DIR, 'urls'))) copyFileSync(join(RULES_DIR, 'urls', f), join(root, 'urls', f));
    writeFileSync(join(root, 'urls', file), content);
    return root;
  }

  it('names file:line:column of a schema error', () => {
    const root = brokenCopy('hosts.yaml', 'rules:\n  - id: urls/x\n    examples:\n      - text: "a"\n    table:\n      - { from: bv, to: by, scope: planet }\n');
    expect(() => loadUrlRules(root)).toThrow(/hosts\.yaml:6:\d+: .*scope/);
  });

  it('names file:line:column of a YAML syntax error', () => {
    const root = brokenCopy('hosts.yaml', 'rules:\n  - id: urls/x\n    examples: [\n');
    expect(() => loadUrlRules(root)).toThrow(/hosts\.yaml:\d+:\d+: /);
  });

  it('rejects an unknown key', () => {
    const root = brokenCopy('chain.yaml', 'rules:\n  - id: urls/stop-words\n    wrods: [de]\n    examples:\n      - text: "a"\n');
    expect(() => loadUrlRules(root)).toThrow(/chain\.yaml:3:5: .*wrods/);
  });

  it('rejects a pattern that may backtrack catastrophically', () => {
    const root = brokenCopy('garbled.yaml', 'rules:\n  - id: urls/garbled/x\n    pattern: "(a+)+$"\n    examples:\n      - text: "a"\n');
    expect(() => loadUrlRules(root)).toThrow(/garbled\.yaml:3:14: .*backtrack/);
  });

  it('requires every built-in repair to be declared with examples', () => {
    const root = brokenCopy('repairs.yaml', 'rules:\n  - id: urls/strip-angle-brackets\n    examples:\n      - text: "<http://a.by/>"\n');
    expect(() => loadUrlRules(root)).toThrow(/not declared/);
  });
});
