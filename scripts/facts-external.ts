/**
 * The external fact test set (test/fixtures/facts-external/*.yaml): French usage written by
 * hand outside the four books, with exact expected values. Loaded and scored here for
 * `npm run eval:facts` and for test/facts-external.test.ts.
 *
 * A case passes when, for every fact type it checks (the file's type and the types of its
 * expected facts), the facts extracted from its text alone match the expected ones one to one
 * with exact values (money: value, currency, ambiguity; percent: value, unit; quantity: value,
 * unit; date: the ISO value; qualifier/inferred/candidates when the case gives them), with no
 * extra fact of those types. `notSupported: true` marks a case the code is known to fail: it
 * still counts as a failure in the score.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { extractFacts, type FactDraft, type FactRules } from '../src/stages/7-facts/index.js';

export type ValueType = 'money' | 'percent' | 'quantity' | 'date';
export const VALUE_TYPES: ValueType[] = ['money', 'percent', 'quantity', 'date'];

export interface ExpectedFact {
  type?: ValueType;
  value: number | string;
  currency?: string | null;
  ambiguous?: boolean;
  candidates?: string[];
  unit?: string;
  qualifier?: string | null;
  inferred?: boolean;
}

export interface ExternalCase {
  file: string;
  type: ValueType;
  cat: string;
  text: string;
  expect: ExpectedFact[];
  notSupported?: boolean;
  notes?: string;
}

export function loadExternalSet(dir: string): ExternalCase[] {
  const out: ExternalCase[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const data = parseYaml(readFileSync(join(dir, name), 'utf8')) as {
      type: ValueType;
      cases: Omit<ExternalCase, 'file' | 'type'>[];
    };
    for (const c of data.cases) out.push({ ...c, file: name, type: data.type, expect: c.expect ?? [] });
  }
  return out;
}

type Got = FactDraft & Record<string, unknown>;

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return String(a) === String(b);
}

export function matches(e: ExpectedFact, g: Got, type: ValueType): boolean {
  if (g.type !== type || !sameValue(e.value, g.value)) return false;
  if (type === 'money') {
    if ((e.currency ?? null) !== (g.currency ?? null)) return false;
    if ((e.ambiguous ?? false) !== ((g.ambiguous as boolean | undefined) ?? false)) return false;
    if (e.candidates && !e.candidates.every((c) => ((g.candidates as string[] | undefined) ?? []).includes(c))) return false;
  }
  if (type === 'percent' && (e.unit ?? '%') !== ((g.unit as string | undefined) ?? '%')) return false;
  if (type === 'quantity' && e.unit !== g.unit) return false;
  if (e.qualifier !== undefined && e.qualifier !== (g.qualifier ?? null)) return false;
  if (e.inferred !== undefined && e.inferred !== ((g.inferred as boolean | undefined) ?? false)) return false;
  return true;
}

export interface CaseResult {
  case: ExternalCase;
  pass: boolean;
  /** expected facts found exactly, per type */
  found: Partial<Record<ValueType, number>>;
  expected: Partial<Record<ValueType, number>>;
  /** extracted facts of the checked types that match nothing */
  spurious: Got[];
  missing: ExpectedFact[];
  got: Got[];
}

export function runCase(c: ExternalCase, rules: FactRules): CaseResult {
  const facts = extractFacts([{ id: 'b1', kind: 'paragraph', text: c.text }], rules) as Got[];
  const types = new Set<ValueType>([c.type, ...c.expect.map((e) => e.type ?? c.type)]);
  const found: CaseResult['found'] = {};
  const expected: CaseResult['expected'] = {};
  const spurious: Got[] = [];
  const missing: ExpectedFact[] = [];
  const got: Got[] = [];
  for (const t of types) {
    const want = c.expect.filter((e) => (e.type ?? c.type) === t);
    const have = facts.filter((f) => f.type === t);
    got.push(...have);
    const used = new Set<number>();
    expected[t] = want.length;
    found[t] = 0;
    for (const e of want) {
      const i = have.findIndex((g, j) => !used.has(j) && matches(e, g, t));
      if (i >= 0) {
        used.add(i);
        found[t]!++;
      } else missing.push(e);
    }
    have.forEach((g, j) => {
      if (!used.has(j)) spurious.push(g);
    });
  }
  return { case: c, pass: !missing.length && !spurious.length, found, expected, spurious, missing, got };
}

export interface ExternalScore {
  results: CaseResult[];
  /** `type/cat` → [passed, total] */
  byCategory: Map<string, [number, number]>;
  /** per type: cases passed/total, expected facts found exactly/expected, spurious facts */
  byType: Record<ValueType, { casesPassed: number; cases: number; found: number; expected: number; spurious: number }>;
}

export function scoreExternal(cases: ExternalCase[], rules: FactRules): ExternalScore {
  const results = cases.map((c) => runCase(c, rules));
  const byCategory = new Map<string, [number, number]>();
  const byType = Object.fromEntries(
    VALUE_TYPES.map((t) => [t, { casesPassed: 0, cases: 0, found: 0, expected: 0, spurious: 0 }]),
  ) as ExternalScore['byType'];
  for (const r of results) {
    const key = `${r.case.type}/${r.case.cat}`;
    const s = byCategory.get(key) ?? [0, 0];
    s[0] += r.pass ? 1 : 0;
    s[1]++;
    byCategory.set(key, s);
    const bt = byType[r.case.type];
    bt.cases++;
    if (r.pass) bt.casesPassed++;
    for (const t of VALUE_TYPES) {
      byType[t].found += r.found[t] ?? 0;
      byType[t].expected += r.expected[t] ?? 0;
    }
    for (const g of r.spurious) byType[g.type as ValueType].spurious++;
  }
  return { results, byCategory, byType };
}
