/** Loads rules/layout/*.yaml: the line patterns of page furniture and book matter. */
import { join } from 'node:path';
import { compilePattern, loadRuleFile } from '../../rules/load-rule-file.js';

export interface LineRule {
  id: string;
  re: RegExp;
  examples: string[];
  counterexamples: string[];
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

const ruleSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'pattern', 'examples'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^[a-z0-9-]+/[a-z0-9-]+$' },
      description: { type: 'string' },
      pattern: { type: 'string', minLength: 1 },
      ignoreCase: { type: 'boolean' },
      examples: { type: 'array', items: { type: 'string' }, minItems: 1 },
      counterexamples: { type: 'array', items: { type: 'string' } },
    },
  },
};

const bookMatterSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...LINE_RULE_GROUPS],
  properties: Object.fromEntries(LINE_RULE_GROUPS.map((g) => [g, ruleSchema])),
};

const hyphenSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['prefixes'],
  properties: {
    prefixes: { type: 'array', items: { type: 'string', pattern: '^[a-zà-ÿ]+$' } },
    examples: {
      type: 'array',
      items: {
        type: 'object',
        required: ['lines', 'joined'],
        additionalProperties: false,
        properties: { lines: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 }, joined: { type: 'string' } },
      },
    },
  },
};

interface RawRule {
  id: string;
  pattern: string;
  ignoreCase?: boolean;
  examples: string[];
  counterexamples?: string[];
}

export interface HyphenExample {
  lines: [string, string];
  joined: string;
}

export function loadLayoutRules(rulesDir: string): LayoutRules & { hyphenExamples: HyphenExample[] } {
  const file = join(rulesDir, 'layout', 'book-matter.yaml');
  const loaded = loadRuleFile<Record<LineRuleGroup, RawRule[]>>(file, bookMatterSchema);
  const out = {} as Record<LineRuleGroup, LineRule[]>;
  for (const g of LINE_RULE_GROUPS) {
    out[g] = loaded.data[g].map((r, i) => ({
      id: r.id,
      re: compilePattern(r.pattern, r.ignoreCase ? 'iu' : 'u', file, () => loaded.at([g, i, 'pattern'])),
      examples: r.examples,
      counterexamples: r.counterexamples ?? [],
    }));
  }
  const hfile = join(rulesDir, 'layout', 'hyphenation.yaml');
  const h = loadRuleFile<{ prefixes: string[]; examples?: HyphenExample[] }>(hfile, hyphenSchema);
  return { ...out, hyphenPrefixes: new Set(h.data.prefixes), hyphenExamples: h.data.examples ?? [] };
}

/** The first rule of a group that matches the trimmed line, or undefined. */
export function matchLine(rules: LineRule[], trimmed: string): LineRule | undefined {
  for (const r of rules) if (r.re.test(trimmed)) return r;
  return undefined;
}
