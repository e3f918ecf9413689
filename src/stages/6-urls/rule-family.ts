/**
 * The URL rule family (rules/urls.schema.json, rules/urls/): how the URL stage applies
 * one example. `⏎` in an example's text marks a former line break, turned into what the
 * layout stage makes of it; the last URL found must have the example's `url` and
 * `status`, and carry the rule's id (and `rules`) — or, for a counterexample, not carry
 * it (no URL at all when the counterexample says neither `url` nor `status`).
 */
import type { RuleFamily } from '../../rules/family.js';
import type { ExampleCase } from '../../rules/rule-examples.js';
import { findUrls, loadUrlRules, type UrlRules } from './repair-urls.js';
import type { RuleExample } from './url-rules.js';

/**
 * Mimics the layout stage: `⏎` marks a former line break. Spaces around it are dropped; a
 * line ending with `-` is joined without a space, any other break becomes one space whose
 * offset is recorded in `breaks`.
 */
export function joined(snippet: string): { text: string; breaks: number[] } {
  const lines = snippet.split('⏎');
  let text = lines.length > 1 ? lines[0]!.replace(/ +$/, '') : lines[0]!;
  const breaks: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    let part = lines[i]!.replace(/^ +/, '');
    if (i < lines.length - 1) part = part.replace(/ +$/, '');
    if (text.endsWith('-')) text += part;
    else {
      breaks.push(text.length);
      text += ' ' + part;
    }
  }
  return { text, breaks };
}

function apply(rules: UrlRules, c: ExampleCase): string | undefined {
  const ex = c.example as RuleExample;
  const id = c.owner.id as string;
  const { text, breaks } = joined(ex.text);
  const found = findUrls(text, breaks, rules);
  if (c.counter && ex.url === undefined && ex.status === undefined) {
    return found.length === 0 ? undefined : `found ${JSON.stringify(found.map((f) => f.url))}, expected no URL`;
  }
  const f = found[found.length - 1];
  if (!f) return 'no URL found';
  if (ex.status && f.status !== ex.status) return `status ${f.status}, not ${ex.status}`;
  if (ex.url !== undefined && f.url !== ex.url) return `URL ${JSON.stringify(f.url)}, not ${JSON.stringify(ex.url)}`;
  if (f.raw !== text.slice(f.start, f.end)) return `raw ${JSON.stringify(f.raw)} is not the text at ${f.start}-${f.end}`;
  if (c.counter) return f.rules.includes(id) ? `rule ${id} fired (rules: ${f.rules.join(', ')})` : undefined;
  // rules that steer detection (known hosts, stop words) never appear in a finding's `rules`
  const silent = c.owner.hosts !== undefined || c.owner.words !== undefined;
  for (const want of [...(silent ? [] : [id]), ...(ex.rules ?? [])]) {
    if (!f.rules.includes(want)) return `rule ${want} not reported (rules: ${f.rules.join(', ')})`;
  }
  return undefined;
}

export const urlsFamily: RuleFamily<UrlRules> = { name: 'urls', load: loadUrlRules, apply };
