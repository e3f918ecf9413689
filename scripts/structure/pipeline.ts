/**
 * The one place where the structure measurement calls the pipeline (the renderers and
 * the scores never do): a decoded text in, the document JSON out — whole, or through the
 * sectioned writer that large books take.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules, processDecoded, type RuleSet } from '../../src/pipeline.js';
import { writeSectioned } from '../../src/write/write-sectioned.js';
import type { DocLike } from './model.js';

let rules: RuleSet | undefined;
const ruleSet = () => (rules ??= loadRules());

export function runPipeline(text: string, path: string): DocLike {
  return processDecoded(text, { path, rules: ruleSet() }).doc as unknown as DocLike;
}

/** the same text through the sectioned writer, in sections of `sectionChars` */
export async function runSectioned(text: string, path: string, sectionChars: number): Promise<DocLike> {
  const dir = mkdtempSync(join(tmpdir(), 'relecteur-eval-'));
  try {
    const base = join(dir, 'book');
    await writeSectioned(text, { path, name: path.split('/').pop()!, sha256: '0'.repeat(64), bytes: Buffer.byteLength(text), encoding: 'utf-8', bom: false }, ruleSet(), base, sectionChars);
    return JSON.parse(readFileSync(`${base}.json`, 'utf8')) as DocLike;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
