// The README's architecture table cannot drift from the code: its rows are the folders of
// src/stages in their numbered order, its file lists are what each folder holds, and the
// stages of src/pipeline.ts run in that order. The stage types forbid the wrong order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRules, pipeline } from '../src/pipeline.js';
import { Pipeline } from '../src/stages/stage.js';
import { read, type ReadOptions, type ReadTree } from '../src/stages/1-read/index.js';
import { layout } from '../src/stages/2-layout/index.js';
import { unwrap } from '../src/stages/4-unwrap/index.js';
import { markers } from '../src/stages/5-markers/index.js';

const ROOT = join(import.meta.dirname, '..');
const STAGES = join(ROOT, 'src', 'stages');

function readmeTable(): Array<{ stage: string; files: string[] }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Architecture'));
  const rows = section.split('\n').filter((l) => /^\| \d+-[a-z]+ \|/.test(l));
  return rows.map((l) => {
    const cells = l.split('|').map((c) => c.trim());
    return { stage: cells[1]!, files: [...cells[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) };
  });
}

const folders = readdirSync(STAGES)
  .filter((d) => statSync(join(STAGES, d)).isDirectory())
  .sort((a, b) => parseInt(a) - parseInt(b));

describe('README architecture table', () => {
  const table = readmeTable();

  it('has one row per stage folder, in the folders\' numbered order, numbered 1..n', () => {
    expect(table.map((r) => r.stage)).toEqual(folders);
    expect(folders.map((f) => parseInt(f))).toEqual(folders.map((_, i) => i + 1));
  });

  it.each(folders)('lists exactly the files and folders of src/stages/%s', (folder) => {
    const row = table.find((r) => r.stage === folder)!;
    const entries = readdirSync(join(STAGES, folder)).map((e) => (statSync(join(STAGES, folder, e)).isDirectory() ? `${e}/` : e));
    expect([...row.files].sort()).toEqual(entries.sort());
  });
});

describe('src/pipeline.ts', () => {
  it('runs the stages in the order of the folders (1-read is the parser)', () => {
    const names = pipeline(loadRules(), { path: 'x' }).names;
    expect(names).toEqual(folders.slice(1).map((f) => f.replace(/^\d+-/, '')));
  });

  it.each(folders.slice(1))('src/stages/%s/index.ts exports the stage of that name', async (folder) => {
    const mod = (await import(pathToFileURL(join(STAGES, folder, 'index.ts')).href)) as Record<string, unknown>;
    const stages = Object.values(mod).filter((v): v is { name: string; run: unknown } => typeof v === 'object' && v !== null && 'run' in v && 'name' in v);
    expect(stages.map((s) => s.name)).toEqual([folder.replace(/^\d+-/, '')]);
  });
});

// Not run: type-checked by `tsc --noEmit` (npm test). If the stage types allowed a stage
// before the one that writes what it reads, the @ts-expect-error lines would be unused
// and the type check would fail.
export function wrongOrders(options: ReadOptions) {
  const start = () => Pipeline.from<ReadTree, ReadOptions>(read, options);
  // @ts-expect-error markers reads blocks and footnotes, which only 4-unwrap writes
  start().use(markers);
  // @ts-expect-error unwrap reads lines, layout, regions and items (2-layout, 3-pages)
  start().use(layout).use(unwrap);
}
