/**
 * The one example format of every rule family (Duckling-like: each rule next to the
 * texts it must read and what it must give). Under any key `examples:` or
 * `counterexamples:` of a rule file, an example is a map: `text` is the input (a line,
 * a sentence; `⏎` marks a former line break where the family needs one), every other
 * key is a value the family's stage must give for it (`value`, `currency`, `url`,
 * `status`, `joined`…; none: the rule must simply fire). A counterexample has the same
 * shape: the rule must not fire on its text (and what the other keys say must hold).
 */

interface RuleExample {
  text: string;
  [field: string]: unknown;
}

/** One example of one rule file, with where it is written. */
export interface ExampleCase {
  /** the rule file as shown in messages */
  file: string;
  line: number;
  column: number;
  /** true for an entry of `counterexamples:` */
  counter: boolean;
  /** the object that holds the `examples:` list (the rule; the file for file-level examples) */
  owner: Record<string, unknown>;
  /** path of `owner` inside the file's data (`['rules', 3]`, `['chapterHeading', 0]`, `[]`) */
  path: Array<string | number>;
  /** the whole parsed file */
  data: unknown;
  example: RuleExample;
}

type At = (path: Array<string | number>) => { line: number; column: number };

const KEYS = { examples: false, counterexamples: true } as const;

/** Every `examples:` / `counterexamples:` entry of a parsed rule file, in file order. */
export function exampleCases(file: string, data: unknown, at: At): ExampleCase[] {
  const out: ExampleCase[] = [];
  const walk = (node: unknown, path: Array<string | number>) => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...path, i]));
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (Object.hasOwn(KEYS, key) && Array.isArray(value)) {
        value.forEach((example, i) => {
          const p = at([...path, key, i]);
          out.push({ file, line: p.line, column: p.column, counter: KEYS[key as keyof typeof KEYS], owner: node as Record<string, unknown>, path, data, example: example as RuleExample });
        });
      } else walk(value, [...path, key]);
    }
  };
  walk(data, []);
  return out;
}

/** The first entry that is not in the one example format: its path and what is wrong, or undefined. */
export function badExample(data: unknown): { path: Array<string | number>; what: string } | undefined {
  const walk = (node: unknown, path: Array<string | number>): { path: Array<string | number>; what: string } | undefined => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) {
        const bad = walk(v, [...path, i]);
        if (bad) return bad;
      }
      return undefined;
    }
    if (!node || typeof node !== 'object') return undefined;
    for (const [key, value] of Object.entries(node)) {
      if (Object.hasOwn(KEYS, key)) {
        if (!Array.isArray(value)) return { path: [...path, key], what: `"${key}" must be a list of examples` };
        for (const [i, ex] of value.entries()) {
          const ok = ex && typeof ex === 'object' && !Array.isArray(ex) && typeof (ex as RuleExample).text === 'string' && (ex as RuleExample).text !== '';
          if (!ok) return { path: [...path, key, i], what: `an example is a map { text: <input>, <field>: <what it must give>… }, not ${JSON.stringify(ex)}` };
        }
      } else {
        const bad = walk(value, [...path, key]);
        if (bad) return bad;
      }
    }
    return undefined;
  };
  return walk(data, []);
}
