// The re-layout renderers of the structure measurement (scripts/structure/render-layouts.ts):
// independent of the pipeline, lossless (every paragraph, marker and footnote of the model
// can be read back from the rendered lines), deterministic, and faithful to each layout's
// conventions (pages, furniture, numbering, French syllabic hyphenation).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook, type Book } from '../scripts/structure/evaluate.js';
import { LAYOUTS, LINES_PER_PAGE, markerText, render, wrap, type LayoutSpec, type Rendering } from '../scripts/structure/render-layouts.js';

const squeeze = (s: string) => s.replace(/\s+/g, '');
const unescapeMarkdown = (s: string) => s.replace(/\\([\\*_`#>+-])/g, '$1');

/** read each paragraph back from the rendered file lines, as a reader who knows the line roles would */
function readBack(r: Rendering, spec: LayoutSpec): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of r.files) {
    const lines = f.text.replace(/\n$/, '').split('\n').map((l) => l.replace(/^\f/, ''));
    expect(lines.length).toBe(f.records.length);
    f.records.forEach((rec, i) => {
      if (rec.role !== 'body') return;
      let t = lines[i]!.trim();
      if (spec.body === 'markdown') t = unescapeMarkdown(t.replace(/^#+ /, ''));
      if (rec.join === 'hyphen') t = t.slice(0, -1);
      else if (rec.join === 'space') t += ' ';
      out.set(rec.block!, (out.get(rec.block!) ?? '') + t);
    });
  }
  return out;
}

let small: Book;
let large: Book;
beforeAll(() => {
  small = loadBook('004_c91a1da01ef0a3e1.txt');
  large = loadBook('000_0fdbcb2e0c620327.txt');
}, 180_000);

describe('renderers', () => {
  it('import nothing from the pipeline nor from the noise generator', () => {
    for (const f of ['render-layouts.ts', 'model.ts']) {
      const src = readFileSync(join(__dirname, '..', 'scripts', 'structure', f), 'utf8');
      const imports = [...src.matchAll(/^import [^;]* from '([^']+)'|require\(['"]([^'"]+)['"]\)|createRequire\([^)]*\)\('([^']+)'\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
      if (f === 'render-layouts.ts') expect(imports).toEqual(expect.arrayContaining(['./model.js', 'hyphen/fr/index.js']));
      for (const i of imports) expect(i).not.toMatch(/src\/|noisy-book/);
    }
  });

  it.each(LAYOUTS.map((l) => [l.name, l] as const))('%s: every paragraph, marker and footnote can be read back', (_name, spec) => {
    const r = render(small.model, spec);
    expect(r.expected.paragraphs.length).toBe(small.model.blocks.length);
    const back = readBack(r, spec);
    for (const [p, text] of r.expected.paragraphs.entries()) {
      let printed = text;
      const markers = r.expected.markers.filter((m) => m.block === p).sort((a, b) => b.offset - a.offset);
      for (const m of markers) printed = printed.slice(0, m.offset) + markerText(spec.marker, m.label) + printed.slice(m.offset);
      expect(squeeze(back.get(p) ?? ''), `paragraph ${p}`).toBe(squeeze(printed));
    }
    // each footnote is printed once with its label, as the layout writes it
    const all = r.files.map((f) => f.text).join('\n');
    for (const fn of r.expected.footnotes) expect(squeeze(all)).toContain(squeeze(spec.noteLabel(fn.label) + fn.text.slice(0, 30)).replace(/\\/g, ''));
    // and every footnote of the model is printed (once per chapter that cites it)
    if (spec.numbering === 'continuous') expect(r.expected.footnotes.length).toBe(small.model.notes.length);
    else expect(r.expected.footnotes.length).toBeGreaterThanOrEqual(small.model.notes.length);
  });

  it('is deterministic', () => {
    for (const spec of LAYOUTS) expect(render(small.model, spec).files).toEqual(render(small.model, spec).files);
  });

  it('makes pages of about 40 lines with the footnotes of the page at its foot', () => {
    const spec = LAYOUTS.find((l) => l.name === 'running-headers')!;
    const text = render(large.model, spec).files[0]!.text;
    const pages = text.split(/\n\n— \d+ —\n/).slice(0, -1);
    expect(pages.length).toBeGreaterThan(100);
    const lengths = pages.map((p) => p.replace(/^\n/, '').split('\n').length);
    const sorted = [...lengths].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeGreaterThanOrEqual(LINES_PER_PAGE - 8);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThanOrEqual(LINES_PER_PAGE);
    // page numbers run 1..N, and a footnote follows the rule on the page of its marker
    const footers = [...text.matchAll(/^— (\d+) —$/gm)].map((m) => Number(m[1]));
    expect(footers).toEqual(footers.map((_, i) => i + 1));
    const withNotes = pages.filter((p) => p.includes('\n____________\n'));
    expect(withNotes.length).toBeGreaterThan(50);
    for (const p of withNotes) {
      const [body, notes] = p.split('\n____________\n');
      for (const m of notes!.matchAll(/^\[(\d+)\] /gm)) expect(body).toContain(`[${m[1]}]`);
    }
  });

  it('hyphenates with the French patterns of the hyphen package, proper nouns included, and breaks real compounds at their hyphen', () => {
    // `économique` splits as éco-no-mique: no one-letter first part
    expect(wrap('la coopération économique', 18, '', true).map((l) => l.text)).toEqual(['la coopération', 'économique']);
    expect(wrap('la coopération économique', 19, '', true).map((l) => l.text)).toEqual(['la coopération éco-', 'nomique']);
    expect(wrap('les relations avec le Venezuela', 26, '', true).map((l) => l.text)).toEqual(['les relations avec le Ve-', 'nezuela']);
    expect(wrap('le bien-être des citoyens', 10, '', true)).toEqual([
      { text: 'le bien-', join: 'keep-hyphen' },
      { text: 'être des', join: 'space' },
      { text: 'citoyens', join: 'end' },
    ]);
    const spec = LAYOUTS.find((l) => l.name === 'wrapped-indent-hyphen')!;
    const records = render(large.model, spec).files[0]!.records.filter((r) => r.role === 'body' && r.join !== 'end');
    const split = records.filter((r) => r.join === 'hyphen').length / records.length;
    expect(split).toBeGreaterThan(0.25);
    // words cut at a page break: the first half ends a page, footnotes and the next page follow
    const all = render(large.model, spec).files[0]!.records;
    const acrossPages = all.filter((r, i) => r.join === 'hyphen' && all[i + 1]?.role !== 'body').length;
    expect(acrossPages).toBeGreaterThan(5);
  });

  it('restarts numbering per chapter, or continues it across chapter files', () => {
    const restart = render(large.model, LAYOUTS.find((l) => l.name === 'restart-per-chapter')!).expected.footnotes;
    const chapters = [...new Set(restart.map((f) => f.chapter))];
    expect(chapters.length).toBeGreaterThan(1);
    for (const c of chapters) expect(restart.filter((f) => f.chapter === c).map((f) => f.label)).toEqual(restart.filter((f) => f.chapter === c).map((_, i) => i + 1));
    const files = render(large.model, LAYOUTS.find((l) => l.name === 'chapter-files')!);
    expect(files.files.length).toBeGreaterThan(5);
    const firsts = files.files.map((_, i) => files.expected.footnotes.find((f) => f.file === i)?.label).filter((n) => n !== undefined);
    expect(firsts.filter((n) => n > 60).length).toBeGreaterThan(3);
  });

  it('puts endnotes under "Notes" at the end of each chapter, and form feeds between PDF-like pages', () => {
    const end = render(small.model, LAYOUTS.find((l) => l.name === 'endnotes')!).files[0]!.text;
    expect(end.match(/^Notes$/gm)!.length).toBeGreaterThan(3);
    expect(end).toMatch(/\(\d+\)/);
    const headed = render(small.model, LAYOUTS.find((l) => l.name === 'page-headers')!).files[0]!.text;
    const numbers = [...headed.matchAll(/^Page (\d+)$/gm)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const pdf = render(small.model, LAYOUTS.find((l) => l.name === 'pdf-pages')!).files[0]!.text;
    const pages = pdf.split('\f');
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((p, i) => expect(p).toContain(`\n${i + 1} / ${pages.length}\n`));
  });
});
