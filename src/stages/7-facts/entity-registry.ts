/**
 * The entity registry: every counterparty fact is a mention of one entity, whose id is
 * stable and readable — `<kind>:<ISO code>` when a rule gives an id (`country:BY`), else
 * `<kind>:<folded name>` (`organisation:academie-nationale-des-sciences-du-belarus`). The same
 * entity therefore has the same id in every section of a large book and in every book, which
 * is what lets the batch fold registries (`out/entities.json`) without a second pass.
 *
 * Per document: `entities: [{id, name, kind, ids, surfaces, mentions: [{block, start, end, source}]}]`,
 * in order of first mention; each counterparty fact carries `entity` = the id.
 */
import type { CounterpartyFact, EntityRecord } from '../../types.js';

export type { EntityRecord } from '../../types.js';
import type { FactDraft } from './candidate.js';
import { normaliseName } from './rules/compile-rules.js';
import { similarNames, similarity } from './jaro-winkler.js';

function slug(name: string): string {
  return normaliseName(name)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function entityIdOf(f: { kind: string; name: string; id?: string }): string {
  return `${f.kind}:${f.id ?? slug(f.name)}`;
}

/** Sets `entity` on every counterparty fact. */
export function linkEntities(facts: FactDraft[]): void {
  for (const f of facts) if (f.type === 'counterparty') f.entity = entityIdOf(f);
}

/** Collects mentions (in the order they are added) into entities. */
export class EntityRegistry {
  private readonly byId = new Map<string, EntityRecord>();

  add(f: CounterpartyFact): void {
    const id = f.entity ?? entityIdOf(f);
    let e = this.byId.get(id);
    if (!e) {
      e = { id, name: f.name, kind: f.kind, ids: [], surfaces: [], mentions: [] };
      this.byId.set(id, e);
    }
    if (f.id && !e.ids.includes(f.id)) e.ids.push(f.id);
    if (!e.surfaces.includes(f.text)) e.surfaces.push(f.text);
    e.mentions.push({ block: f.block, start: f.start, end: f.end, source: f.source });
  }

  list(): EntityRecord[] {
    return [...this.byId.values()];
  }
}

export function buildEntityRegistry(facts: readonly { type: string }[]): EntityRecord[] {
  const r = new EntityRegistry();
  for (const f of facts) if (f.type === 'counterparty') r.add(f as CounterpartyFact);
  return r.list();
}

/** What the batch keeps of a document's registry. */
export interface EntitySummary {
  id: string;
  name: string;
  kind: CounterpartyFact['kind'];
  ids: string[];
  surfaces: string[];
  mentions: number;
}

export const summarise = (list: EntityRecord[]): EntitySummary[] =>
  list.map((e) => ({ id: e.id, name: e.name, kind: e.kind, ids: e.ids, surfaces: e.surfaces, mentions: e.mentions.length }));

export interface BatchEntity {
  id: string;
  name: string;
  kind: CounterpartyFact['kind'];
  ids: string[];
  surfaces: string[];
  /** each document that mentions it: its path, the entity id there, how many mentions */
  documents: { path: string; entity: string; mentions: number }[];
}

export const BATCH_SCHEMA_ID = 'relecteur/entities@1';
/** names of the same kind at least this similar (Jaro-Winkler, folded) are one entity across books */
const BATCH_THRESHOLD = 0.95;
const MIN_FOLD_LENGTH = 8;
/** a name is compared only with names whose length is within this ratio of its own (see foldBatchEntities) */
const LENGTH_RATIO = 0.7;

/**
 * Folds the registries of several documents: the same id is the same entity; an entity
 * without a rule id is also folded onto one of the same kind whose folded name is at least
 * 0.95 similar (Jaro-Winkler) — spelling variants across books (`Mogilev`/`Moguilev` is
 * already folded per document; `Université d'État de Polotsk`/`Université d'Etat de Polotsk`).
 * Deterministic: documents in the given order, entities sorted by id.
 */
export function foldBatchEntities(docs: { path: string; entities: EntitySummary[] }[]): BatchEntity[] {
  const byId = new Map<string, BatchEntity>();
  // Fold candidates, blocked so that a name is compared only with names that can pass
  // similarNames: same kind, same number of words (similarNames refuses other pairs) and
  // a length within [0.7, 1/0.7] of its own (Jaro-Winkler ≥ 0.95 needs Jaro ≥ 0.917, hence
  // a length ratio ≥ 0.75). The blocking prunes no pair the full scan would fold; ties
  // still go to the earliest candidate. Without it the fold is quadratic in the batch.
  const blocks = new Map<string, Map<number, Array<{ target: BatchEntity; norm: string; seq: number }>>>();
  let seq = 0;
  const blockOf = (kind: string, norm: string) => `${kind}\u0000${norm.split(' ').length}`;
  for (const doc of docs) {
    for (const e of doc.entities) {
      let target = byId.get(e.id);
      if (!target && e.ids.length === 0) {
        const n = normaliseName(e.name);
        if (n.length >= MIN_FOLD_LENGTH) {
          let best = 0;
          let bestSeq = Infinity;
          const byLength = blocks.get(blockOf(e.kind, n));
          if (byLength) {
            for (let len = Math.ceil(n.length * LENGTH_RATIO); len <= Math.floor(n.length / LENGTH_RATIO); len++) {
              for (const cand of byLength.get(len) ?? []) {
                if (cand.target.ids.length) continue;
                if (!similarNames(n, cand.norm, BATCH_THRESHOLD)) continue;
                const s = similarity(n, cand.norm);
                if (s > best || (s === best && cand.seq < bestSeq)) {
                  best = s;
                  bestSeq = cand.seq;
                  target = cand.target;
                }
              }
            }
          }
        }
      }
      if (!target) {
        target = { id: e.id, name: e.name, kind: e.kind, ids: [], surfaces: [], documents: [] };
        byId.set(e.id, target);
        const norm = normaliseName(e.name);
        const key = blockOf(e.kind, norm);
        let byLength = blocks.get(key);
        if (!byLength) blocks.set(key, (byLength = new Map()));
        const list = byLength.get(norm.length);
        const entry = { target, norm, seq: seq++ };
        if (list) list.push(entry);
        else byLength.set(norm.length, [entry]);
      } else byId.set(e.id, target);
      for (const i of e.ids) if (!target.ids.includes(i)) target.ids.push(i);
      for (const s of e.surfaces) if (!target.surfaces.includes(s)) target.surfaces.push(s);
      target.documents.push({ path: doc.path, entity: e.id, mentions: e.mentions });
    }
  }
  return [...new Set(byId.values())].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
