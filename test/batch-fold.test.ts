// The batch entity fold (out/entities.json) compares a name only with names of the same kind,
// word count and a near length (src/stages/7-facts/entity-registry.ts). That blocking must
// never change the result: here it is checked against the plain scan over every earlier
// entity (the fold as first written, kept below as the reference), on generated batches of
// spelling variants — letters dropped, doubled, swapped, accents removed, words added.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldBatchEntities, type BatchEntity, type EntitySummary } from '../src/stages/7-facts/entity-registry.js';
import { normaliseName } from '../src/stages/7-facts/rules/compile-rules.js';
import { similarNames, similarity } from '../src/stages/7-facts/jaro-winkler.js';

function referenceFold(docs: { path: string; entities: EntitySummary[] }[]): BatchEntity[] {
  const byId = new Map<string, BatchEntity>();
  const all: BatchEntity[] = [];
  for (const doc of docs) {
    for (const e of doc.entities) {
      let target = byId.get(e.id);
      if (!target && e.ids.length === 0) {
        const n = normaliseName(e.name);
        if (n.length >= 8) {
          let best = 0;
          for (const cand of all) {
            if (cand.kind !== e.kind || cand.ids.length) continue;
            const c = normaliseName(cand.name);
            if (!similarNames(n, c, 0.95)) continue;
            const s = similarity(n, c);
            if (s > best) {
              best = s;
              target = cand;
            }
          }
        }
      }
      if (!target) {
        target = { id: e.id, name: e.name, kind: e.kind, ids: [], surfaces: [], documents: [] };
        byId.set(e.id, target);
        all.push(target);
      } else byId.set(e.id, target);
      for (const i of e.ids) if (!target.ids.includes(i)) target.ids.push(i);
      for (const s of e.surfaces) if (!target.surfaces.includes(s)) target.surfaces.push(s);
      target.documents.push({ path: doc.path, entity: e.id, mentions: e.mentions });
    }
  }
  return [...new Set(byId.values())].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const BASES = [
  "Université d'État de Polotsk",
  'Académie nationale des sciences du Bélarus',
  'Banque eurasienne de développement',
  'Chambre de commerce et d’industrie',
  'Mogilev',
  'Vitebsk',
  'Organisation de coopération de Shanghai',
  'Banque mondiale',
];
const KINDS = ['organisation', 'company', 'region'] as const;

/** one spelling variant of a name: each edit is one a translator or an OCR makes */
const variant = fc
  .tuple(fc.constantFrom(...BASES), fc.array(fc.tuple(fc.constantFrom('drop', 'double', 'swap', 'plain', 'add', 'case'), fc.nat()), { maxLength: 3 }))
  .map(([base, edits]) => {
    let s = base;
    for (const [op, at] of edits) {
      const i = s.length ? at % s.length : 0;
      if (op === 'drop') s = s.slice(0, i) + s.slice(i + 1);
      else if (op === 'double') s = s.slice(0, i + 1) + s.slice(i);
      else if (op === 'swap' && i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
      else if (op === 'plain') s = s.normalize('NFD').replace(/\p{M}/gu, '');
      else if (op === 'add') s = `${s} ${BASES[at % BASES.length]!.split(' ')[0]}`;
      else if (op === 'case') s = s.toUpperCase();
    }
    return s.trim() || base;
  });

const entity = fc.tuple(variant, fc.constantFrom(...KINDS), fc.boolean(), fc.nat({ max: 5 })).map(([name, kind, withId, mentions]): EntitySummary => ({
  id: `${kind}:${withId ? name.length % 3 : normaliseName(name).replace(/[^\p{L}\p{N}]+/gu, '-')}`,
  name,
  kind,
  ids: withId ? [String(name.length % 3)] : [],
  surfaces: [name],
  mentions: mentions + 1,
}));

describe('batch entity fold', () => {
  it('blocking by kind, word count and length gives the same registry as comparing every pair', () => {
    fc.assert(
      fc.property(fc.array(fc.array(entity, { maxLength: 12 }), { minLength: 1, maxLength: 6 }), (books) => {
        const docs = books.map((entities, i) => ({ path: `book${i}.txt`, entities }));
        expect(foldBatchEntities(structuredClone(docs))).toEqual(referenceFold(structuredClone(docs)));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('still folds spelling variants across books', () => {
    const e = (name: string): EntitySummary => ({ id: `organisation:${normaliseName(name)}`, name, kind: 'organisation', ids: [], surfaces: [name], mentions: 1 });
    const folded = foldBatchEntities([
      { path: 'a.txt', entities: [e("Université d'État de Polotsk")] },
      { path: 'b.txt', entities: [e("Université d'Etat de Polotsk"), e('Université de Minsk')] },
    ]);
    expect(folded.map((f) => f.documents.length).sort()).toEqual([1, 2]);
  });
});
