/**
 * The one test harness of every rule family: it discovers the families of a rules folder
 * (one `<name>.schema.json` each), every rule file of each, and runs every example and
 * counterexample through the family's stage function. A failing example is reported as
 * `file:line:column: what the stage gave`. The fixture family under
 * test/fixtures/rule-family/ (a schema, a folder and its stage module) is run the same
 * way, and loaded by the rule set, with no code change.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, familyFiles, familySpecs } from '../src/rules/family.js';
import { familyRunners, type FamilyRunner } from '../src/rules/families.js';
import { RuleFileError } from '../src/rules/load-rule-file.js';
import { exampleCases, type ExampleCase } from '../src/rules/rule-examples.js';
import { loadRules } from '../src/rules/rule-set.js';
import { LINE_RULE_GROUPS } from '../src/stages/2-layout/layout-rules.js';
import { DIMENSIONS, LEXICON_ROLES } from '../src/stages/7-facts/rules/schema.js';

const FIXTURE_DIR = join(import.meta.dirname, 'fixtures', 'rule-family');

/** Every case of a family, each with the check that runs it: undefined, or `file:line:column: what went wrong`. */
function cases(runner: FamilyRunner): Array<ExampleCase & { check(): string | undefined }> {
  return runner.files.flatMap((f) =>
    exampleCases(f.file, f.data, f.at).map((c) => ({
      ...c,
      check() {
        const why = runner.apply(c);
        return why === undefined ? undefined : `${c.file}:${c.line}:${c.column}: ${c.counter ? 'counterexample' : 'example'} ${JSON.stringify(c.example.text)}: ${why}`;
      },
    })),
  );
}

for (const dir of [DEFAULT_RULES_DIR, FIXTURE_DIR]) {
  const runners = await familyRunners(dir);
  for (const runner of runners) {
    describe(`${relative(process.cwd(), dir) || '.'} › family ${runner.spec.name}`, () => {
      for (const c of cases(runner)) {
        it(`${relative(process.cwd(), c.file)}:${c.line} ${c.counter ? 'counterexample' : 'example'} ${c.example.text}`, () => {
          const failure = c.check();
          if (failure !== undefined) expect.fail(failure);
        });
      }
    });
  }
}

describe('the rule families', () => {
  it('every rule file under rules/ belongs to a family, and every family has examples in every file', async () => {
    const all: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(n)) all.push(p);
      }
    };
    walk(DEFAULT_RULES_DIR);
    const owned = familySpecs(DEFAULT_RULES_DIR).flatMap((s) => familyFiles(DEFAULT_RULES_DIR, s));
    expect(owned.sort()).toEqual(all.sort());
    const runners = await familyRunners(DEFAULT_RULES_DIR);
    expect(runners.map((r) => r.spec.name)).toEqual(['facts', 'layout', 'urls']);
    for (const r of runners) {
      for (const f of r.files) expect(exampleCases(f.file, f.data, f.at).length, f.file).toBeGreaterThan(0);
    }
  });

  it('the schemas list what the code knows (dimensions, lexicon roles, line-rule groups)', () => {
    const facts = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'facts.schema.json'), 'utf8'));
    expect(facts['x-folders']).toEqual([...DIMENSIONS]);
    expect(facts.properties.dimension.enum).toEqual([...DIMENSIONS]);
    expect(facts.definitions.rule.properties.lexicon.enum).toEqual([...LEXICON_ROLES]);
    const layout = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'layout.schema.json'), 'utf8'));
    expect(layout.definitions.bookMatter.required).toEqual([...LINE_RULE_GROUPS]);
  });
});

describe('a new family is a schema, a folder and its stage function', () => {
  /** the repository's rules plus the fixture family, in a temporary rules folder */
  function rulesWithFixture(edit?: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'rule-family-'));
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    cpSync(FIXTURE_DIR, dir, { recursive: true });
    edit?.(dir);
    return dir;
  }

  it('the harness finds the fixture family and runs its examples', async () => {
    const runners = await familyRunners(FIXTURE_DIR);
    expect(runners.map((r) => r.spec.name)).toEqual(['honorific']);
    const all = cases(runners[0]!);
    expect(all.map((c) => [c.counter, c.example.text])).toEqual([
      [false, 'selon M. Loukachenko'],
      [false, 'Mr Xi a déclaré'],
      [true, 'à 3 M. de distance'],
      [false, 'Mme Kotchanova'],
    ]);
    expect(all.map((c) => c.check())).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('the rule set loads it next to the stages\' families', () => {
    const rules = loadRules(rulesWithFixture());
    expect(Object.keys(rules.families)).toEqual(['honorific']);
    expect(rules.families.honorific!.map((f) => relative(rules.dir, f.file))).toEqual([join('honorific', 'titles.yaml')]);
    expect((rules.families.honorific![0]!.data as { rules: unknown[] }).rules).toHaveLength(2);
  });

  it('a failing example is reported as file:line:column', async () => {
    const dir = rulesWithFixture((d) => {
      const f = join(d, 'honorific', 'titles.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace("{ text: 'Mr Xi a déclaré', value: Monsieur }", "{ text: 'Mr Xi a déclaré', value: Madame }"));
    });
    const runner = (await familyRunners(dir)).find((r) => r.spec.name === 'honorific')!;
    const failures = cases(runner).map((c) => c.check()).filter((m) => m !== undefined);
    expect(failures).toEqual([`${join(dir, 'honorific', 'titles.yaml')}:8:9: example "Mr Xi a déclaré": honorific/monsieur gives Monsieur, not Madame`]);
  });

  it('its schema is enforced, and the one example format, with file:line:column', () => {
    const bad = (text: string) => rulesWithFixture((d) => writeFileSync(join(d, 'honorific', 'titles.yaml'), text));
    expect(() => loadRules(bad('rules:\n  - id: honorific/x\n    forms: [Dr]\n    value: Docteur\n    vaule: Docteur\n    examples:\n      - { text: Dr No }\n'))).toThrow(
      /titles\.yaml:5:5: .*unknown field "vaule"/,
    );
    // the family's schema would take a bare string here: the one example format does not
    const loose = rulesWithFixture((d) => {
      const f = join(d, 'honorific.schema.json');
      writeFileSync(f, readFileSync(f, 'utf8').replace('"items": { "$ref": "#/definitions/example" } }\n', '"items": {} }\n'));
      writeFileSync(join(d, 'honorific', 'titles.yaml'), 'rules:\n  - id: honorific/x\n    forms: [Dr]\n    value: Docteur\n    examples:\n      - { text: Dr No }\n    counterexamples:\n      - Dr\n');
    });
    expect(() => loadRules(loose)).toThrow(RuleFileError);
    expect(() => loadRules(loose)).toThrow(/titles\.yaml:8:9: an example is a map \{ text: <input>/);
  });

  it('a stage family refuses an example in another format (the old `input:` of URL rules)', () => {
    const dir = rulesWithFixture((d) => {
      const f = join(d, 'urls', 'chain.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('- text:', '- input:').replace('- { text:', '- { input:'));
    });
    expect(() => loadRules(dir)).toThrow(/chain\.yaml:\d+:\d+: .*(unknown field "input"|missing required field "text")/);
  });
});
