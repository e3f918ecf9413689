/**
 * Generates rules/money/iso-4217.yaml: every current ISO 4217 code (currency-codes), read in
 * capitals only by the case-sensitive rules that use {currencyCode}, and the French names of currency-list (`couronne danoise`, `dollar de
 * Hong Kong`) in the singular and the plural. A bare head noun (`dollar`, `dinar`, `couronne`)
 * names one currency when only one has it, otherwise it lists its candidates (ambiguous).
 * Forms defined by hand in rules/money/currencies.yaml (aliases, ambiguous forms with their
 * candidates, symbols) are left to that file.
 *
 *   npx tsx scripts/build-currency-rules.ts [rulesDir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse, stringify } from 'yaml';

const require = createRequire(import.meta.url);
const codes = require('currency-codes') as { codes(): string[]; code(c: string): { currency: string } | undefined };
const list = (require('currency-list') as { default: { getAll(l: string): Record<string, { name: string; code: string }> } }).default;
const codesPkg = require('currency-codes/package.json') as { version: string };
const listPkg = require('currency-list/package.json') as { version: string };

const rulesDir = process.argv[2] ?? join(process.cwd(), 'rules');
const lower = (s: string): string => s.toLowerCase().replace(/’/g, "'");

// forms kept by hand (aliases, ambiguous forms, symbols)
const handKept = new Set<string>();
const hand = parse(readFileSync(join(rulesDir, 'money', 'currencies.yaml'), 'utf8')) as { rules: { entries?: { forms: string[] }[] }[] };
for (const r of hand.rules) for (const e of r.entries ?? []) for (const f of e.forms) handKept.add(lower(f));

/** codes that are everyday words in capitals (`TOP 10`, `ALL`): left out */
const WORD_CODES = new Set(['ALL', 'TOP', 'CUP', 'SOS', 'BOB', 'PEN', 'MOP', 'GEL', 'LAK', 'WST']);
/** head nouns that are everyday words (`livres` = books, `sol` = ground): never a currency alone */
const WORD_HEADS = new Set(['livre', 'sol', 'mark', 'lev', 'lek']);
/** ISO codes of funds, metals and test codes: not money amounts in running text */
const NOT_MONEY = /^X(?:AG|AU|BA|BB|BC|BD|DR|PD|PT|SU|TS|UA|XX)$|^(?:BOV|CHE|CHW|CLF|COU|MXV|USN|UYI|UYW)$/;

const current = codes.codes().filter((c) => !NOT_MONEY.test(c)).sort();
const currentSet = new Set(current);

function plural(name: string): string {
  // pluralise the words before the first "de"/"des" (dollar de Hong Kong → dollars de Hong Kong)
  const words = name.split(' ');
  const stop = words.findIndex((w) => w === 'de' || w === 'des');
  return words
    .map((w, i) => (stop >= 0 && i >= stop) || /[sxz]$/.test(w) || /^[A-Z]+$/.test(w) ? w : `${w}s`)
    .join(' ');
}

const names = new Map<string, Set<string>>(); // form → codes
const heads = new Map<string, Set<string>>();
const add = (m: Map<string, Set<string>>, form: string, code: string): void => {
  const k = lower(form);
  const set = m.get(k) ?? new Set<string>();
  set.add(code);
  m.set(k, set);
};
for (const c of Object.values(list.getAll('fr'))) {
  if (!currentSet.has(c.code)) continue;
  add(names, c.name, c.code);
  add(names, plural(c.name), c.code);
  const head = c.name.replace(/^nouveau /, '').split(' ')[0]!;
  if (!WORD_HEADS.has(head)) {
    add(heads, head, c.code);
    add(heads, plural(head), c.code);
  }
}
for (const [form, set] of heads) if (!names.has(form)) names.set(form, set);

const codeEntries = current.filter((code) => !WORD_CODES.has(code)).map((code) => ({ forms: [code], value: code }));
const nameEntries: { forms: string[]; value?: string; candidates?: string[] }[] = [];
for (const [form, set] of [...names].sort(([a], [b]) => a.localeCompare(b, 'fr'))) {
  if (handKept.has(form)) continue;
  const cs = [...set].sort();
  nameEntries.push(cs.length === 1 ? { forms: [form], value: cs[0]! } : { forms: [form], candidates: cs });
}

const rules = [
  {
    id: 'money/iso-4217-codes',
    description: 'Every current ISO 4217 code (but those that are everyday words in capitals: TOP, ALL, CUP…), matched in capitals only, before or after an amount (money/code-after, money/code-before).',
    lexicon: 'currency-code',
    entries: codeEntries,
    examples: [
      { text: 'un prêt de 200 millions NOK', value: 200000000, currency: 'NOK' },
      { text: 'le billet coûte RUB 4 200', value: 4200, currency: 'RUB' },
    ],
    counterexamples: [{ text: 'le TOP 10 des ventes' }, { text: 'le code EUR2024' }],
  },
  {
    id: 'money/iso-4217-names',
    description: 'French currency names (currency-list, singular and plural); a head noun several currencies share is ambiguous.',
    lexicon: 'currency',
    entries: nameEntries,
    examples: [
      { text: 'une amende de 450 000 couronnes danoises', value: 450000, currency: 'DKK' },
      { text: 'un budget de 2 milliards de dinars algériens', value: 2000000000, currency: 'DZD' },
      { text: 'une taxe de 500 dinars', value: 500, currency: null, ambiguous: true },
    ],
  },
];

const header =
  `# GENERATED by scripts/build-currency-rules.ts from currency-codes ${codesPkg.version} and currency-list ${listPkg.version} — do not edit by hand.\n` +
  `# Aliases, symbols and ambiguous forms kept by hand live in currencies.yaml (they win over this file).\n`;
const body = stringify(
  { dimension: 'money', generated: `currency-codes ${codesPkg.version}, currency-list ${listPkg.version}`, rules },
  { lineWidth: 0, flowCollectionPadding: true },
);
const out = join(rulesDir, 'money', 'iso-4217.yaml');
writeFileSync(out, header + body);
console.log(`wrote ${codeEntries.length} codes and ${nameEntries.length} names to ${out}`);
