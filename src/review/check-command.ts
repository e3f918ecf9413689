/** `relecteur check <files|dirs>` / `relecteur check --from <out-dir>`: see src/review/check.ts. */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentJson } from '../types.js';
import { collectInputs } from '../batch.js';
import { processBuffer } from '../api.js';
import { checkDocument, formatGithub, formatJson, formatText, type BookCheck } from './check.js';
import { thresholdsOrReport } from './check-config.js';

export interface CheckOptions {
  from?: string;
  format: string;
  config?: string;
  rules?: string;
}

/** The document JSON files of an output directory (recursively, sorted). */
export async function documentFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

export async function readDocument(path: string): Promise<DocumentJson | null> {
  const doc = JSON.parse(await readFile(path, 'utf8')) as DocumentJson;
  return typeof doc?.schema === 'string' && doc.schema.startsWith('relecteur/document@') ? doc : null;
}

export async function runCheck(paths: string[], o: CheckOptions): Promise<number> {
  if (!['text', 'json', 'github'].includes(o.format)) {
    process.stderr.write(`relecteur: --format takes text, json or github, not '${o.format}'\n`);
    return 2;
  }
  if (!o.from && paths.length === 0) {
    process.stderr.write('relecteur: check needs files or directories, or --from <out-dir>\n');
    return 2;
  }
  const cfg = thresholdsOrReport(process.cwd(), o.config);
  if (!cfg) return 2;
  const checks: BookCheck[] = [];
  let failed = 0;
  if (o.from) {
    const st = await stat(o.from).catch(() => null);
    if (!st?.isDirectory()) {
      process.stderr.write(`relecteur: --from ${o.from}: not a directory\n`);
      return 2;
    }
    for (const f of await documentFiles(o.from)) {
      try {
        const doc = await readDocument(f);
        if (doc) checks.push(checkDocument(doc, cfg.thresholds));
      } catch (e) {
        process.stderr.write(`relecteur: ${f}: ${(e as Error).message}\n`);
        failed++;
      }
    }
    if (checks.length === 0 && failed === 0) {
      process.stderr.write(`relecteur: --from ${o.from}: no relecteur document (.json) in it\n`);
      return 2;
    }
  }
  if (paths.length) {
    const { files, errors } = await collectInputs(paths);
    for (const e of errors) process.stderr.write(`relecteur: ${e}\n`);
    failed += errors.length;
    for (const f of files) {
      try {
        const { document, warnings } = await processBuffer(await readFile(f), { path: f, rules: o.rules });
        for (const w of warnings) process.stderr.write(`relecteur: ${f}: warning: ${w}\n`);
        checks.push(checkDocument(document, cfg.thresholds));
      } catch (e) {
        process.stderr.write(`relecteur: ${f}: ${(e as Error).message}\n`);
        failed++;
      }
    }
  }
  const text = o.format === 'json' ? formatJson(checks, cfg.from, cfg.thresholds) : o.format === 'github' ? formatGithub(checks) : formatText(checks, cfg.from);
  process.stdout.write(text);
  return failed > 0 || checks.some((c) => !c.ok) ? 1 : 0;
}
