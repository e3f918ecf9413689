/**
 * Runs every `examples:` / `counterexamples:` entry of every rules/urls/*.yaml file, and
 * checks that broken rule files are reported with file:line:column.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUrls, loadUrlRules } from '../src/stages/6-urls/repair-urls.js';
import { joined, rules, RULES_DIR } from './fixtures/urls/helpers.js';

const r = rules();
/** rules that steer detection but never appear in a finding's `rules` */
const silent = (id: string): boolean => {
  const e = r.byId.get(id)!;
  return e.hosts !== undefined || e.words !== undefined;
};

describe.each([...r.byId.values()].map((e) => [e.id, e] as const))('%s', (id, entry) => {
  it.each(entry.examples.map((ex) => [ex.input, ex] as const))('example %s', (_input, ex) => {
    const { text, breaks } = joined(ex.input);
    const found = findUrls(text, breaks, r);
    expect(found.length).toBeGreaterThan(0);
    const f = found[found.length - 1]!;
    if (ex.status) expect(f.status).toBe(ex.status);
    if (ex.url !== undefined) expect(f.url).toBe(ex.url);
    if (!silent(id)) expect(f.rules).toContain(id);
    for (const extra of ex.rules ?? []) expect(f.rules).toContain(extra);
    expect(f.raw).toBe(text.slice(f.start, f.end));
  });
  if (entry.counterexamples.length > 0) {
    it.each(entry.counterexamples.map((ex) => [ex.input, ex] as const))('counterexample %s', (_input, ex) => {
      const { text, breaks } = joined(ex.input);
      const found = findUrls(text, breaks, r);
      if (ex.url === undefined && ex.status === undefined) {
        expect(found).toEqual([]);
        return;
      }
      expect(found.length).toBeGreaterThan(0);
      const f = found[found.length - 1]!;
      if (ex.status) expect(f.status).toBe(ex.status);
      if (ex.url !== undefined) expect(f.url).toBe(ex.url);
      expect(f.rules).not.toContain(id);
    });
  }
});

describe('rule file validation', () => {
  function brokenCopy(file: string, content: string): string {
    const root = mkdtempSync(join(tmpdir(), 'urls-rules-'));
    mkdirSync(join(root, 'urls'));
    for (const f of readdirSync(join(RULES_DIR, 'urls'))) copyFileSync(join(RULES_DIR, 'urls', f), join(root, 'urls', f));
    writeFileSync(join(root, 'urls', file), content);
    return root;
  }

  it('names file:line:column of a schema error', () => {
    const root = brokenCopy('hosts.yaml', 'rules:\n  - id: urls/x\n    examples:\n      - input: "a"\n    table:\n      - { from: bv, to: by, scope: planet }\n');
    expect(() => loadUrlRules(root)).toThrow(/hosts\.yaml:6:\d+: .*scope/);
  });

  it('names file:line:column of a YAML syntax error', () => {
    const root = brokenCopy('hosts.yaml', 'rules:\n  - id: urls/x\n    examples: [\n');
    expect(() => loadUrlRules(root)).toThrow(/hosts\.yaml:\d+:\d+: /);
  });

  it('rejects an unknown key', () => {
    const root = brokenCopy('chain.yaml', 'rules:\n  - id: urls/stop-words\n    wrods: [de]\n    examples:\n      - input: "a"\n');
    expect(() => loadUrlRules(root)).toThrow(/chain\.yaml:3:5: .*wrods/);
  });

  it('rejects a pattern that may backtrack catastrophically', () => {
    const root = brokenCopy('garbled.yaml', 'rules:\n  - id: urls/garbled/x\n    pattern: "(a+)+$"\n    examples:\n      - input: "a"\n');
    expect(() => loadUrlRules(root)).toThrow(/garbled\.yaml:3:14: .*backtrack/);
  });

  it('requires every built-in repair to be declared with examples', () => {
    const root = brokenCopy('repairs.yaml', 'rules:\n  - id: urls/strip-angle-brackets\n    examples:\n      - input: "<http://a.by/>"\n');
    expect(() => loadUrlRules(root)).toThrow(/not declared/);
  });
});
