/**
 * The batch-level entity registry: `<out>/entities.json` folds the registries of every
 * document of the run (same id, or same kind and a near-identical name: see
 * foldBatchEntities). Written atomically after the files, in input order, so it does not
 * depend on --concurrency or --threads. When an input's own outputs would be called
 * `entities.json`, the registry is `entities.batch.json` instead.
 */
import { join } from 'node:path';
import { writeFileAtomic } from './write/write-atomic.js';
import { arrayItems } from './write/serialize.js';
import { BATCH_SCHEMA_ID, foldBatchEntities, type EntitySummary } from './stages/7-facts/entity-registry.js';

export function batchEntitiesName(outNames: string[]): string {
  return outNames.includes('entities') ? 'entities.batch.json' : 'entities.json';
}

export async function writeBatchEntities(
  out: string,
  results: { ok: boolean; input: string; entities?: EntitySummary[] }[],
  outNames: string[],
): Promise<string | null> {
  const docs = results.filter((r) => r.ok && r.entities).map((r) => ({ path: r.input, entities: r.entities! }));
  if (!docs.length) return null;
  const entities = foldBatchEntities(docs);
  const path = join(out, batchEntitiesName(outNames));
  await writeFileAtomic(
    path,
    `{\n "schema": ${JSON.stringify(BATCH_SCHEMA_ID)},\n "documents": ${JSON.stringify(docs.map((d) => d.path))},\n "entities": ${arrayItems(entities)}\n}\n`,
  );
  return path;
}
