/** Loads rules/layout/*.yaml (schema: rules/layout.schema.json): the line patterns of page furniture and book matter. */
import { join } from 'node:path';
import { familySpec } from '../../rules/family.js';
import { compilePattern, loadRuleFile } from '../../rules/load-rule-file.js';

export interface LineRule {
  id: string;
  re: RegExp;
}

export const LINE_RULE_GROUPS = [
  'boilerplate',
  'junk',
  'pageNumber',
  'separator',
  'chapterHeading',
  'notesHeading',
  'tocHeading',
  'tocEntry',
  'bibliographyHeading',
  'backMatter',
  'frontMatter',
] as const;
export type LineRuleGroup = (typeof LINE_RULE_GROUPS)[number];

export type LayoutRules = Record<LineRuleGroup, LineRule[]> & {
  hyphenPrefixes: Set<string>;
};

interface RawRule {
  id: string;
  pattern: string;
  ignoreCase?: boolean;
}

export function loadLayoutRules(rulesDir: string): LayoutRules {
  const { schema } = familySpec(rulesDir, 'layout');
  const file = join(rulesDir, 'layout', 'book-matter.yaml');
  const loaded = loadRuleFile<Record<LineRuleGroup, RawRule[]>>(file, schema);
  const out = {} as Record<LineRuleGroup, LineRule[]>;
  for (const g of LINE_RULE_GROUPS) {
    out[g] = loaded.data[g].map((r, i) => ({
      id: r.id,
      re: compilePattern(r.pattern, r.ignoreCase ? 'iu' : 'u', file, () => loaded.at([g, i, 'pattern'])),
    }));
  }
  const hfile = join(rulesDir, 'layout', 'hyphenation.yaml');
  const h = loadRuleFile<{ prefixes: string[] }>(hfile, schema);
  return { ...out, hyphenPrefixes: new Set(h.data.prefixes) };
}

/** The first rule of a group that matches the trimmed line, or undefined. */
export function matchLine(rules: LineRule[], trimmed: string): LineRule | undefined {
  for (const r of rules) if (r.re.test(trimmed)) return r;
  return undefined;
}
