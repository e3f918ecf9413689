// Counterparties as entities: organisation names by their head with their full extent,
// acronyms folded both ways, cities as parties kept apart from cities as places, the
// per-document registry and the batch registry (out/entities.json).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFacts, loadFactRules, type FactDraft } from '../src/stages/7-facts/index.js';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { runBatch } from '../src/batch.js';
import { normaliseName } from '../src/stages/7-facts/rules/compile-rules.js';
import { foldBatchEntities, buildEntityRegistry, entityIdOf } from '../src/stages/7-facts/entity-registry.js';
import { nameKey, scorePassage, prf, type GoldEntity } from '../scripts/eval-counterparties.js';

const root = join(import.meta.dirname, '..');
const rules = loadFactRules(join(root, 'rules'));
type Party = Extract<FactDraft, { type: 'counterparty' }>;
const parties = (text: string): Party[] =>
  extractFacts([{ id: 'b1', kind: 'paragraph', text }], rules).filter((f): f is Party => f.type === 'counterparty');

describe('organisation names by their head', () => {
  // generated names: head + adjectives + de/du/des complements + a proper noun, in sentences
  // that go on with a verb, a relative clause or punctuation
  const heads = ['Académie', 'Institut', 'Centre', 'Agence', 'Chambre', 'Conseil', 'Comité', 'Association'];
  const adjectives = ['national', 'régional', 'scientifique', 'technique', 'international', 'républicain'];
  const nouns = ['recherche', 'sciences', 'commerce', 'transports', 'industrie', 'statistique', 'énergie'];
  const properNouns = ['Foshan', 'Bélarus', 'Grodno', 'Valparaiso', 'Nouvelle-Aquitaine', 'La Havane', 'Qingdao'];
  const preps = ['de la', 'des', 'du', 'de'];
  const ends = [' a signé un accord.', ', qui a été créé en 2010.', ' et la société Belshina ont signé.', '. Il a été fondé en 2001.', ' (voir plus haut).'];
  const openers = ['Selon ', "Un accord avec l'", 'Le rapport de '];
  it('finds the whole name and stops where the clause goes on', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.subarray(adjectives, { maxLength: 1 }),
        fc.constantFrom(...nouns),
        fc.constantFrom(...preps),
        fc.constantFrom(...properNouns),
        fc.constantFrom(...ends),
        fc.constantFrom(...openers),
        (head, adj, noun, prep, proper, end, opener) => {
          const name = [head, ...adj, 'de', noun, prep === 'de la' || prep === 'de' ? 'de' : prep, proper].join(' ');
          const text = `${opener}${opener.endsWith("'") ? '' : 'le '}${name}${end}`;
          const found = parties(text).filter((f) => f.kind !== 'country' && f.name !== 'Belshina');
          expect(found.map((f) => f.name), text).toEqual([name]);
          expect(text.slice(found[0]!.start, found[0]!.end)).toBe(name);
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  it('keeps a country inside an organisation name out of the facts', () => {
    const f = parties("L'Académie nationale des sciences du Belarus a signé.");
    expect(f.map((x) => x.name)).toEqual(['Académie nationale des sciences du Belarus']);
  });

  it('needs a proper noun and a definite article for a lower-case head', () => {
    expect(parties('un centre de services a ouvert')).toEqual([]);
    expect(parties("l'université linguistique d'État de Minsk a ouvert").map((f) => f.name)).toEqual(["Université linguistique d'État de Minsk"]);
  });
});

describe('acronyms defined in the text', () => {
  it('folds later and earlier uses onto the long name', () => {
    const text = "L'OTSC se réunit. L'Organisation du traité de sécurité collective (OTSC) tiendra son sommet. Selon l'OTSC, six États.";
    const f = parties(text);
    expect(new Set(f.map((x) => x.name))).toEqual(new Set(['OTSC']));
    const fresh = "Le Fonds monétaire international (FMI) a revu sa prévision. Le FMI table sur 1 %. Plus tard, le FMI a publié.";
    const g = parties(fresh);
    expect(g.map((x) => [x.text, x.name])).toEqual([
      ['Fonds monétaire international', 'Fonds monétaire international'],
      ['FMI', 'Fonds monétaire international'],
      ['FMI', 'Fonds monétaire international'],
      ['FMI', 'Fonds monétaire international'],
    ]);
    expect(new Set(g.map((x) => x.entity)).size).toBe(1);
  });

  it('folds across blocks, in both directions (acronym first, long name in parentheses)', () => {
    const blocks = [
      { id: 'b1', kind: 'paragraph' as const, text: 'La CEDEAO impose des sanctions.' },
      { id: 'b2', kind: 'paragraph' as const, text: "La CEDEAO (Communauté économique des États de l'Afrique de l'Ouest) a condamné." },
    ];
    const f = extractFacts(blocks, rules).filter((x): x is Party => x.type === 'counterparty');
    expect(f.map((x) => `${x.block}:${x.text}`)).toEqual(['b1:CEDEAO', 'b2:CEDEAO', "b2:Communauté économique des États de l'Afrique de l'Ouest"]);
    expect(new Set(f.map((x) => x.name))).toEqual(new Set(["Communauté économique des États de l'Afrique de l'Ouest"]));
  });

  it('gives a long name the known entity its acronym names', () => {
    const f = parties('La Bourse universelle des marchandises du Belarus (BUCE) et la Bourse iranienne des marchandises (ITB) coopèrent.');
    expect(f.map((x) => x.name)).toContain('BUTB');
    expect(f.filter((x) => x.name === 'BUTB')).toHaveLength(2);
  });
});

describe('cities', () => {
  it('are parties in "entre A et B" and as the subject of a plural verb, and nothing as places', () => {
    expect(parties('Un accord entre Minsk et Managua prévoit une usine.').map((f) => [f.name, f.kind, f.role])).toEqual([
      ['Minsk', 'city', 'party'],
      ['Managua', 'city', 'party'],
    ]);
    expect(parties('Minsk et Astana conviennent désormais de coopérer.').map((f) => f.name)).toEqual(['Minsk', 'Astana']);
    expect(parties('Les relations entre Beijing et Moscow se resserrent.').map((f) => f.name)).toEqual(['Pékin', 'Moscou']);
    expect(parties("Une délégation s'est rendue à Pékin et à Tokyo.")).toEqual([]);
    expect(parties('la coopération entre le Belarus et la Chine').map((f) => f.kind)).toEqual(['country', 'country']);
  });
});

describe('the entity registry of a book', () => {
  const book = '004_c91a1da01ef0a3e1.txt';
  const text = readFileSync(join(root, 'corpus', book), 'utf8');
  const doc = processDecoded(text, { path: `corpus/${book}`, rules: loadRules() }).doc;
  const cps = doc.facts.filter((f) => f.type === 'counterparty');

  it('has one mention per counterparty fact, each pointing at its text', () => {
    expect(cps.length).toBeGreaterThan(100);
    const mentions = doc.entities.flatMap((e) => e.mentions.map((m) => ({ ...m, e })));
    expect(mentions).toHaveLength(cps.length);
    const blocks = new Map(doc.blocks.map((b) => [b.id, b.text]));
    for (const f of cps) {
      const e = doc.entities.find((x) => x.id === f.entity)!;
      expect(e, f.entity).toBeDefined();
      expect(e.kind).toBe(f.kind);
      expect(e.surfaces).toContain(f.text);
      expect(blocks.get(f.block)!.slice(f.start, f.end)).toBe(f.text);
      expect(e.mentions.some((m) => m.block === f.block && m.start === f.start && m.source.line === f.source.line)).toBe(true);
    }
  });

  it('folds spellings into one entity with the rule id (Belarus, Bélarus, Biélorussie → country:BY)', () => {
    const by = doc.entities.find((e) => e.id === 'country:BY')!;
    expect(by.ids).toEqual(['BY']);
    expect(by.surfaces.length).toBeGreaterThan(1);
    expect(new Set(doc.entities.map((e) => e.id)).size).toBe(doc.entities.length);
  });

  it('gives the same entity the same id whatever its spelling or document', () => {
    expect(entityIdOf({ kind: 'organisation', name: 'Académie nationale des sciences du Belarus' })).toBe(
      entityIdOf({ kind: 'organisation', name: 'ACADÉMIE NATIONALE DES SCIENCES DU BELARUS' }),
    );
    expect(entityIdOf({ kind: 'city', name: 'Minsk' })).not.toBe(entityIdOf({ kind: 'region', name: 'Minsk' }));
  });
});

describe('folding spellings', () => {
  it('folds variants of one name but never two names that share a long prefix', () => {
    const f = parties(
      "Le ministère de l'Industrie du Belarus a signé, puis le ministère de l'Intérieur du Belarus. L'université d'État de Polotsk et l'université d'État de Mogilev, puis l'université d'Etat de Polotsk.",
    );
    expect(new Set(f.map((x) => x.entity)).size).toBe(4);
    expect(f.filter((x) => /Polotsk/.test(x.text)).map((x) => x.entity)).toEqual(['organisation:universite-d-etat-de-polotsk', 'organisation:universite-d-etat-de-polotsk']);
  });
});

describe('the batch registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relecteur-entities-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('folds the same entity across documents, by id and by near-identical name', () => {
    const a = buildEntityRegistry(parties("L'Université d'État de Polotsk et la Chine ont signé. La Banque mondiale finance."));
    const b = buildEntityRegistry(parties("L'Université d'Etat de Polotsk et la RPC ont signé. L'Agence française de développement finance."));
    const folded = foldBatchEntities([
      { path: 'a.txt', entities: a.map((e) => ({ ...e, mentions: e.mentions.length })) },
      { path: 'b.txt', entities: b.map((e) => ({ ...e, mentions: e.mentions.length })) },
    ]);
    const cn = folded.find((e) => e.id === 'country:CN')!;
    expect(cn.documents.map((d) => d.path)).toEqual(['a.txt', 'b.txt']);
    expect(cn.surfaces).toEqual(['Chine', 'RPC']);
    const polotsk = folded.filter((e) => /polotsk/i.test(e.name));
    expect(polotsk).toHaveLength(1);
    expect(polotsk[0]!.documents).toHaveLength(2);
    expect(folded.filter((e) => e.documents.length === 1).map((e) => e.name).sort()).toEqual(['Agence française de développement', 'Banque mondiale']);
    expect(folded.map((e) => e.id)).toEqual([...folded.map((e) => e.id)].sort());
  });

  it('is written as out/entities.json by a run', async () => {
    const inDir = join(dir, 'in');
    const out = join(dir, 'out');
    mkdirSync(inDir, { recursive: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(inDir, 'a.txt'), "La Banque mondiale prête au Maroc. Un accord entre Rabat et Managua a été signé.\n");
    writeFileSync(join(inDir, 'b.txt'), 'Le Maroc et la Banque mondiale ont signé un accord.\n');
    const res = await runBatch([join(inDir, 'a.txt'), join(inDir, 'b.txt')], { out, concurrency: 2, rules: loadRules(), maxBytes: 1e6 });
    expect(res.every((r) => r.ok), JSON.stringify(res)).toBe(true);
    const reg = JSON.parse(readFileSync(join(out, 'entities.json'), 'utf8'));
    expect(reg.schema).toBe('relecteur/entities@1');
    const ids = reg.entities.map((e: { id: string }) => e.id);
    expect(ids).toContain('country:MA');
    expect(ids).toContain('city:managua');
    const bank = reg.entities.find((e: { name: string }) => e.name === 'Banque mondiale');
    expect(bank.documents).toHaveLength(2);
  });
});

describe('the held-out counterparty gold', () => {
  const gold = ['000', '002', '003', '004'].map((b) => parseYaml(readFileSync(join(root, 'test', 'fixtures', 'counterparty-gold', `${b}.yaml`), 'utf8')));
  it('cites lines of its book where each entity (or a spelling of it) is printed', () => {
    let passages = 0;
    for (const g of gold) {
      const lines = readFileSync(join(root, 'corpus', g.book), 'utf8').split('\n');
      for (const p of g.passages as { lines: [number, number]; entities: GoldEntity[] }[]) {
        passages++;
        const text = lines.slice(p.lines[0] - 1, p.lines[1]).join(' ').replace(/\s+/g, ' ');
        expect(text.trim().length, `${g.book}:${p.lines[0]}`).toBeGreaterThan(100);
        for (const e of p.entities) {
          if (e.id || rules.entityNames.has(normaliseName(e.name))) continue; // known entities: any of their spellings
          const first = nameKey(e.name).split(' ')[0]!;
          expect(nameKey(text), `${g.book}:${p.lines[0]} ${e.name}`).toContain(first.slice(0, 4));
        }
      }
    }
    expect(passages).toBeGreaterThanOrEqual(60);
  });

  it('is scored one-to-one per passage', () => {
    const s = { tp: 0, fp: 0, fn: 0 };
    scorePassage([{ name: 'Bélarus', kind: 'country', id: 'BY' }, { name: 'Banque mondiale', kind: 'organisation' }], [
      { name: 'Bélarus', kind: 'country', id: 'BY' },
      { name: 'Bélarus', kind: 'country', id: 'BY' },
      { name: 'la Banque mondiale', kind: 'organisation' },
      { name: 'Minsk', kind: 'city' },
    ], s);
    expect(s).toEqual({ tp: 2, fp: 1, fn: 0 });
    expect(prf(s)[0]).toBeCloseTo(2 / 3);
  });
});
