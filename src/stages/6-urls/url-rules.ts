/**
 * Loading and validating the URL repair rules (`rules/urls/*.yaml`).
 *
 * Every file has the same envelope: `rules:` is a list of entries, each with an `id`,
 * its data (a confusion table, a transliteration map, a pattern …), `examples:` and
 * `counterexamples:`. The files are read by the one rule-file loader (src/rules/):
 * validated with the family's JSON Schema (rules/urls.schema.json), patterns vetted, every error as `file:line:column`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { familySpec } from '../../rules/family.js';
import { compilePattern, loadRuleFile, RuleFileError } from '../../rules/load-rule-file.js';

export type HostScope = 'tld' | 'host-label' | 'path-segment';

export interface HostConfusion {
  from: string;
  to: string;
  scope: HostScope;
}

/** One example, in the one format of every rule family (src/rules/rule-examples.ts). */
export interface RuleExample {
  /** `⏎` marks a former line break */
  text: string;
  url?: string | null;
  status?: 'clean' | 'repaired' | 'unrecoverable';
  /** rule ids that must (examples) / must not (counterexamples) be reported */
  rules?: string[];
}

export interface RuleEntry {
  id: string;
  file: string;
  description?: string;
  confidence?: 'high' | 'low';
  table?: HostConfusion[];
  map?: Record<string, string>;
  pattern?: string;
  where?: 'url' | 'host' | 'path';
  hosts?: string[];
  words?: string[];
  examples: RuleExample[];
  counterexamples: RuleExample[];
}

export interface UrlRules {
  /** every rule, by id */
  byId: Map<string, RuleEntry>;
  /** host confusion entries (all rules that carry a `table`) */
  hostConfusions: Array<HostConfusion & { rule: string }>;
  /** Cyrillic → Latin transliteration, one letter each (rules with a `map`) */
  cyrillic: Map<string, string>;
  cyrillicRule: string | null;
  /** patterns that make a URL unrecoverable */
  garbled: Array<{ rule: string; re: RegExp; where: 'url' | 'host' | 'path' }>;
  /** hosts recognised without a scheme */
  knownHosts: string[];
  knownHostRe: RegExp | null;
  /** lowercase words that end a URL chain when they follow an ambiguous space */
  stopWords: Set<string>;
  /** ids of rules whose confidence is low */
  lowConfidence: Set<string>;
}

/** Rule ids the code implements itself (data-less); each must be declared with examples. */
export const BUILTIN_RULES = [
  'urls/strip-angle-brackets',
  'urls/markdown-link',
  'urls/unescape-markdown',
  'urls/scheme-normalize',
  'urls/reflow-space',
  'urls/line-break-join',
  'urls/double-scheme',
  'urls/repasted-url',
  'urls/repasted-tail',
  'urls/repeated-run',
  'urls/trailing-junk',
  'urls/stray-apostrophe',
  'urls/ocr-I-for-l',
  'urls/ambiguous-space',
  'urls/invalid-host',
  'urls/broken-percent-encoding',
] as const;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads `<dir>/urls/*.yaml`, validates every file and builds the rule set. */
export function loadUrlRules(dir: string): UrlRules {
  const { schema } = familySpec(dir, 'urls');
  const urlsDir = join(dir, 'urls');
  const files = readdirSync(urlsDir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const rules: UrlRules = {
    byId: new Map(),
    hostConfusions: [],
    cyrillic: new Map(),
    cyrillicRule: null,
    garbled: [],
    knownHosts: [],
    knownHostRe: null,
    stopWords: new Set(),
    lowConfidence: new Set(),
  };
  for (const name of files) {
    const file = join(urlsDir, name);
    const loaded = loadRuleFile<{ rules: Array<Omit<RuleEntry, 'file'>> }>(file, schema);
    const entries = loaded.data.rules;
    entries.forEach((raw, i) => {
      const fail = (key: string, what: string): never => {
        const p = loaded.at(['rules', i, key]);
        throw new RuleFileError(file, p.line, p.column, what);
      };
      const entry: RuleEntry = { ...raw, file, counterexamples: raw.counterexamples ?? [] };
      if (rules.byId.has(entry.id)) fail('id', `duplicate rule id '${entry.id}'`);
      rules.byId.set(entry.id, entry);
      if (entry.confidence === 'low') rules.lowConfidence.add(entry.id);
      for (const row of entry.table ?? []) rules.hostConfusions.push({ ...row, rule: entry.id });
      if (entry.map) {
        rules.cyrillicRule = entry.id;
        for (const [k, v] of Object.entries(entry.map)) rules.cyrillic.set(k, v);
      }
      if (entry.pattern !== undefined) {
        const re = compilePattern(entry.pattern, '', file, () => loaded.at(['rules', i, 'pattern']));
        rules.garbled.push({ rule: entry.id, re, where: entry.where ?? 'url' });
      } else if (entry.where !== undefined) {
        fail('where', `'where' needs a 'pattern'`);
      }
      for (const h of entry.hosts ?? []) rules.knownHosts.push(h);
      for (const w of entry.words ?? []) rules.stopWords.add(w);
    });
  }
  for (const id of BUILTIN_RULES) {
    if (!rules.byId.has(id)) throw new RuleFileError(urlsDir, 1, 1, `built-in rule '${id}' is not declared (with examples) in any rule file`);
  }
  if (rules.knownHosts.length > 0) {
    const alt = [...rules.knownHosts].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
    // a host with optional sub-domains, then a path: `apgazeta.kz/2016/…`
    // the literal host, then a path; sub-domains in front are taken by the caller
    rules.knownHostRe = new RegExp(`(?:${alt})(?=/)`, 'g');
  }
  return rules;
}
