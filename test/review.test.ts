// The change view (src/review/change-view.ts): per block and footnote, the clean
// text with the real edits word by word, each linked to its audit entry; joining
// wrapped lines is not a change. Checked on every book against the JSON itself.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, processDecoded } from '../src/pipeline.js';
import { bodyLines, footnoteLines } from '../src/write/clean-text.js';
import { changeView, cleanSide, isWrapOnly, originalSide, reviewText } from '../src/review/change-view.js';

const CORPUS = join(__dirname, '..', 'corpus');
const rules = loadRules();

describe.each(readdirSync(CORPUS).sort())('%s', (book) => {
  it('each block reads as its clean line, each real edit once, wrapping never', () => {
    const text = readFileSync(join(CORPUS, book), 'utf8');
    const { doc } = processDecoded(text, { path: book, rules });
    const views = changeView(doc, text);
    const blocks = views.filter((v) => v.id.startsWith('b'));
    const notes = views.filter((v) => v.id.startsWith('fn'));
    expect(blocks.map((v) => v.id)).toEqual(doc.blocks.map((b) => b.id));
    expect(views.every((v) => v.consistent)).toBe(true);
    // the clean side is the .clean.txt line; the original side is the original span
    expect(blocks.map(cleanSide)).toEqual(bodyLines(doc.blocks));
    expect(notes.map((v) => `[^${v.id.slice(2)}]: ${cleanSide(v)}`)).toEqual(footnoteLines(doc.footnotes));
    const bare = (s: string) => s.replace(/\s+/g, '');
    for (const v of blocks) expect(bare(originalSide(v, text)), v.id).toBe(bare(text.slice(v.from, v.to)));
    // every audit entry inside a unit that is not white space for white space is an edit, once
    const shown = views.flatMap((v) => v.edits.map((e) => e.ref)).filter((r) => r >= 0);
    const real = doc.audit.flatMap((a, i) => (a.in && !isWrapOnly(a) ? [i] : []));
    expect(shown.sort((a, b) => a - b)).toEqual(real);
    expect(doc.audit.filter((a) => a.rule === 'layout/join-wrap').every(isWrapOnly)).toBe(true);
    // every removed line is in the view: inside a block's lifted span or on its own
    const lifted = views.flatMap((v) => v.segments.flatMap((s) => (s.kind === 'lifted' ? [[s.from, s.to]] : [])));
    for (const r of doc.removed) {
      const own = views.some((v) => v.id === 'removed' && v.from === r.from);
      expect(own || lifted.some(([f, t]) => f! <= r.from && r.to <= t!), JSON.stringify(r)).toBe(true);
    }
  }, 60_000);
});

it('re-wrapping a paragraph gives no edit; a URL repair is shown word by word with its audit entry, line and rule', () => {
  const para =
    "Le mois de mai 2020 a marqué le cinquième anniversaire de la visite des dirigeants des deux pays au parc industriel. Cet événement est devenu une sorte de point de départ dans l'histoire du parc pour son développement rapide.";
  const wrap = (s: string, w: number) => s.replace(new RegExp(`(.{1,${w}})(?: |$)`, 'g'), '$1 \n').trimEnd();
  for (const w of [40, 63, 80]) {
    const text = `${wrap(para, w)}\n\n${wrap(para, w + 7)}\n`;
    const { doc } = processDecoded(text, { path: 'x.txt', rules });
    const views = changeView(doc, text);
    expect(views.filter((v) => v.id.startsWith('b')).length).toBe(2);
    expect(views.flatMap((v) => v.edits)).toEqual([]);
    expect(reviewText(doc, views)).toContain('wrapping only');
  }
  // a real book: an edit is rendered [-old-]{+new+}‹aN› and listed with its line and rule
  const text = readFileSync(join(CORPUS, '000_0fdbcb2e0c620327.txt'), 'utf8');
  const { doc } = processDecoded(text, { path: 'x.txt', rules });
  const review = reviewText(doc, changeView(doc, text));
  const i = doc.audit.findIndex((a) => a.rule === 'urls/ocr-bv-tld');
  const a = doc.audit[i]!;
  expect(review).toContain(`‹a${i}› ${a.source.start.line}:${a.source.start.column} urls/ocr-bv-tld`);
  expect(review).toMatch(new RegExp(`\\[-[^\\]]*\\.bv[^\\]]*-\\]\\{\\+[^}]*\\.by[^}]*\\+\\}‹a${i}›`));
});

it('a book written in sections gets the same review file: ids, lines and audit indices of the whole book', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { writeSectioned } = await import('../src/write/write-sectioned.js');
  const book = '000_0fdbcb2e0c620327.txt';
  const text = readFileSync(join(CORPUS, book), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'relecteur-review-'));
  try {
    const base = join(dir, 'b');
    await writeSectioned(text, { path: `corpus/${book}`, name: book, sha256: 'a'.repeat(64), bytes: 1, encoding: 'utf-8', bom: false }, rules, base, 60_000);
    const doc = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as import('../src/types.js').DocumentJson;
    const review = readFileSync(`${base}.review.txt`, 'utf8');
    const heads = [...review.matchAll(/^@@ (\S+) (\S+) · lines? (\d+)/gm)];
    expect(heads.filter((m) => m[1]!.startsWith('b')).map((m) => m[1])).toEqual(doc.blocks.map((b) => b.id));
    expect(heads.filter((m) => m[1]!.startsWith('fn')).map((m) => m[1])).toEqual(doc.footnotes.map((f) => `fn${f.n}`));
    // a block's header line is the first line of its source
    for (const m of heads.filter((h) => h[1]!.startsWith('b'))) expect(Number(m[3])).toBe(doc.blocks.find((b) => b.id === m[1])!.source[0]!.start.line);
    const refs = [...review.matchAll(/^ {4}‹a(\d+)› (\d+):(\d+) (\S+)$/gm)];
    expect(refs.length).toBe(doc.audit.filter((a) => a.in && !isWrapOnly(a)).length);
    for (const [, n, line, col, rule] of refs) {
      const a = doc.audit[Number(n)]!;
      expect([a.rule, a.source.start.line, a.source.start.column]).toEqual([rule, Number(line), Number(col)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
