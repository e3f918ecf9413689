/**
 * Guards shared by every rule-file reader (issue 10: hardening). A rule file is
 * read only when it is under a size limit (a 19.5 MB "lexicon" once took 2.2 GB
 * of memory and aborted V8 under the launcher's heap limit), and YAML aliases are
 * expanded with a bound: an alias bomb is refused with the position of its first
 * alias, as `file:line:column: …`, like any other rule-file error.
 */
import { readFileSync, statSync } from 'node:fs';
import { visit, type Document, type LineCounter } from 'yaml';

/** 4 MiB: the largest rule file of the repository is 62 KB; a hand-edited file is far below. */
export const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;
/** aliases expanded per document, as the yaml package counts them (its default) */
const MAX_ALIAS_COUNT = 100;

/** The text of a rule file, or an Error whose message is `file:1:1: …` when it is too large. */
export function readRuleText(file: string, shown: string = file): string {
  const st = statSync(file);
  if (st.size > MAX_RULE_FILE_BYTES) {
    throw new Error(`${shown}:1:1: rule file is ${st.size} bytes, over the limit of ${MAX_RULE_FILE_BYTES} bytes for a rule file`);
  }
  return readFileSync(file, 'utf8');
}

/**
 * `doc.toJS()` with the alias expansion bounded. On an alias bomb, returns the
 * offset of the first alias and a one-line reason instead of the data.
 */
export function toJSBounded(doc: Document): { data: unknown } | { error: string; offset: number } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const why = /alias/i.test((e as Error).message) ? 'excessive alias count, a resource exhaustion attack' : (e as Error).message.split('\n')[0];
    return { error: `YAML aliases: ${why} (more than ${MAX_ALIAS_COUNT} alias expansions)`, offset };
  }
}

/** `file:line:col` of an offset. */
export function where(shown: string, lc: LineCounter, offset: number): string {
  const p = lc.linePos(offset);
  return `${shown}:${p.line}:${p.col}`;
}
