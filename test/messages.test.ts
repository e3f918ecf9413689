// Issue 7: each stage reports what it changed through vfile messages (rule id, stage,
// place, and the change itself); the audit is built from those messages, so a change
// without a message is a hole in the audit that the conservation check finds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { analyse, loadRules, processDecoded } from '../src/pipeline.js';
import { defineStage } from '../src/stages/stage.js';
import type { ReadTree } from '../src/stages/1-read/index.js';
import type { UnwrapAdds } from '../src/stages/4-unwrap/index.js';
import { document } from '../src/stages/9-document/index.js';
import { reconstruct } from '../src/stages/9-document/reconstruct.js';
import { MappedText } from '../src/text/mapped-text.js';
import { isChangeMessage, type ChangeMessage } from '../src/stages/report-changes.js';
import type { AuditEntry } from '../src/types.js';

const rules = loadRules();
const book = (name: string) => readFileSync(join(import.meta.dirname, '..', 'corpus', name), 'utf8');

/** line/column of an offset, counted here from the text (not with the pipeline's LineIndex) */
function pointer(text: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    return { line: line + 1, column: offset - starts[line]! + 1 };
  };
}

const asEntry = (m: ChangeMessage): AuditEntry => ({
  rule: m.ruleId,
  stage: m.source,
  before: m.change.before,
  after: m.change.after,
  from: m.change.from,
  to: m.change.to,
  source: m.place,
  ...(m.change.in ? { in: m.change.in } : {}),
  ...(m.change.evidence ? { evidence: m.change.evidence } : {}),
  ...(m.change.uncertain ? { uncertain: true } : {}),
});
const byPlace = (a: AuditEntry[]) => a.map((e) => JSON.stringify(e)).sort();

describe('000_0fdbcb2e0c620327.txt: the audit is the stages\' change messages', () => {
  const text = book('000_0fdbcb2e0c620327.txt');
  const { doc, file } = processDecoded(text, { path: 'corpus/000_0fdbcb2e0c620327.txt', rules });
  const changes = file.messages.filter(isChangeMessage);
  const live = changes.filter((m) => !m.change.superseded);

  it('one message per audit entry, white space between blocks aside (the audit finds that itself)', () => {
    const audit = doc.audit.filter((a) => a.rule !== 'layout/separator');
    expect(audit.length).toBeGreaterThan(1000);
    expect(byPlace(live.map(asEntry))).toEqual(byPlace(audit));
  });

  it('each message says its rule id, its stage, where it is in the original and what it changed', () => {
    const at = pointer(text);
    const stages = new Set<string>();
    for (const m of live) {
      expect(m.ruleId).toMatch(/^[a-z]+\/[\w-]+$/);
      stages.add(m.source);
      expect(text.slice(m.change.from, m.change.to)).toBe(m.change.before);
      expect(m.place).toEqual({ start: at(m.change.from), end: at(m.change.to) });
      expect([m.line, m.column]).toEqual([m.place.start.line, m.place.start.column]);
      expect(m.reason).toBe(`${JSON.stringify(m.change.before)} → ${JSON.stringify(m.change.after)}`);
      expect(m.change.in).toMatch(/^(?:b\d+|fn[\d.]+)$/);
    }
    // the unwrap, marker and URL stages all changed this book's text
    expect([...stages].sort()).toEqual(['footnotes', 'unwrap', 'urls']);
  });

  it('a change a later stage replaced keeps its message, marked superseded, inside the change that replaced it', () => {
    const superseded = changes.filter((m) => m.change.superseded);
    expect(superseded.length).toBeGreaterThan(0);
    for (const m of superseded) {
      const over = doc.audit.find((a) => a.from <= m.change.from && m.change.to <= a.to && a.to > a.from);
      expect(over, `${m.ruleId} at ${m.change.from}`).toBeDefined();
      // joins and hyphen decisions of the unwrap stage, replaced by a marker taken out or a URL repaired
      expect(m.source).toBe('unwrap');
      expect(['footnotes', 'urls']).toContain(over!.stage);
    }
  });
});

describe('004_c91a1da01ef0a3e1.txt: a change without its message', () => {
  const text = book('004_c91a1da01ef0a3e1.txt');
  const file = new VFile({ path: 'corpus/004_c91a1da01ef0a3e1.txt', value: text });
  const tree = analyse(rules, { path: 'corpus/004_c91a1da01ef0a3e1.txt' }).run(file);

  it('the messages rebuild the original; one message fewer and the conservation check fails', () => {
    const whole = document.run(tree, file).document;
    expect(reconstruct(whole)).toBe(text);
    const k = file.messages.findIndex((m) => isChangeMessage(m) && !m.change.superseded && m.change.to > m.change.from);
    const [gone] = file.messages.splice(k, 1) as ChangeMessage[];
    try {
      const holed = document.run(tree, file).document;
      expect(holed.audit).toHaveLength(whole.audit.length - 1);
      expect(() => reconstruct(holed)).toThrow(`conservation: gap at offset ${gone!.change.from}`);
    } finally {
      file.messages.splice(k, 0, gone!);
    }
  });

  it('a text changed outside any stage (no message) stops the document stage', () => {
    const b = tree.blocks.find((x) => x.mt.length > 10)!;
    const saved = b.mt;
    b.mt = new MappedText([...saved.pieces]);
    b.mt.replace(0, 1, '', 'test/unreported', 'test');
    try {
      expect(() => document.run(tree, file)).toThrow(/change by rule test\/unreported at \d+:\d+ was not reported/);
    } finally {
      b.mt = saved;
    }
  });
});

describe('a new stage', () => {
  it('reports its changes without doing anything for it: they are messages and audit entries with its name', () => {
    const text = 'Premier paragraphe du texte.\n\nSecond paragraphe, plus court.\n';
    const shout = defineStage('shout', (tree: ReadTree & UnwrapAdds) => {
      for (const b of tree.blocks) b.mt.replace(0, 1, b.mt.toString()[0]!.toUpperCase() + '!', 'shout/bang', 'shout');
      return {};
    });
    const file = new VFile({ path: 'x.txt', value: text });
    const doc = analyse(rules, { path: 'x.txt' }).use(shout).use(document).run(file).document;
    const mine = file.messages.filter(isChangeMessage).filter((m) => m.source === 'shout');
    expect(mine.map((m) => [m.ruleId, m.change.before, m.change.after, m.place.start])).toEqual([
      ['shout/bang', 'P', 'P!', { line: 1, column: 1 }],
      ['shout/bang', 'S', 'S!', { line: 3, column: 1 }],
    ]);
    expect(doc.audit.filter((a) => a.stage === 'shout').map((a) => [a.rule, a.in])).toEqual([
      ['shout/bang', 'b1'],
      ['shout/bang', 'b2'],
    ]);
    expect(doc.blocks.map((b) => b.text)).toEqual(['P!remier paragraphe du texte.', 'S!econd paragraphe, plus court.']);
    expect(reconstruct(doc)).toBe(text);
  });
});
