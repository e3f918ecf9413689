/** Test helpers for the URL stage: build a layout-joined text from a `⏎`-marked snippet. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadUrlRules, type UrlRules } from '../src/stages/5-urls/repair-urls.js';

export const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');

let cached: UrlRules | null = null;
export function rules(): UrlRules {
  cached ??= loadUrlRules(RULES_DIR);
  return cached;
}

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
