/** `relecteur report <out-dir> --html <file>`: see src/review/report.ts. */
import { stat } from 'node:fs/promises';
import type { DocumentJson } from '../types.js';
import { writeFileAtomic } from '../write/write-atomic.js';
import { packageVersion } from '../version.js';
import { documentFiles, readDocument } from './check-command.js';
import { thresholdsOrReport } from './check-config.js';
import { renderReport } from './report.js';

export async function runReport(dir: string, o: { html: string; config?: string }): Promise<number> {
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) {
    process.stderr.write(`relecteur: ${dir}: not a directory\n`);
    return 2;
  }
  const cfg = thresholdsOrReport(process.cwd(), o.config);
  if (!cfg) return 2;
  const docs: DocumentJson[] = [];
  let failed = 0;
  for (const f of await documentFiles(dir)) {
    try {
      const d = await readDocument(f);
      if (d) docs.push(d);
    } catch (e) {
      process.stderr.write(`relecteur: ${f}: ${(e as Error).message}\n`);
      failed++;
    }
  }
  if (docs.length === 0) {
    process.stderr.write(`relecteur: ${dir}: no relecteur document (.json) in it\n`);
    return failed ? 1 : 2;
  }
  try {
    await writeFileAtomic(o.html, renderReport(docs, cfg.thresholds, { version: packageVersion(), from: dir }));
  } catch (e) {
    process.stderr.write(`relecteur: cannot write ${o.html} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return 1;
  }
  process.stdout.write(`relecteur: report of ${docs.length} book(s) -> ${o.html}\n`);
  return failed ? 1 : 0;
}
