/**
 * Every combination of the typesetter's conventions (marker forms × page-foot notes with
 * or without a rule × endnotes × footers × running title × form feeds × numbering from 1,
 * from 65 or per chapter × two widths) over the two chapters of book 000, with how many
 * come back exactly. `npx tsx test/support/layout-matrix.ts` prints the figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { typeset, type SourceChapter, type TypesetOptions } from './typeset-pages.js';

export interface MatrixCase {
  name: string;
  /** the page has a signal: a footer line or a form feed */
  pageSignal: boolean;
  options: TypesetOptions;
}

const markers = ['glued', 'paren', 'bracket', 'superscript', 'split-superscript'] as const;
const footers: Array<[string, ((p: number, t: number) => string) | undefined]> = [
  ['no footer', undefined],
  ['N', (p) => `${p}`],
  ['— N —', (p) => `— ${p} —`],
  ['Page N', (p) => `Page ${p}`],
  ['N / T', (p, t) => `${p} / ${t}`],
];

export function matrixCases(): MatrixCase[] {
  const out: MatrixCase[] = [];
  for (const m of markers)
    for (const notes of ['page-foot', 'endnotes'] as const)
      for (const separator of ['', '____'])
        for (const [fname, footer] of footers)
          for (const header of [undefined, 'Le Belarus et la Chine'])
            for (const formFeed of [false, true])
              for (const numbering of [1, 65, 'per-chapter'] as const)
                for (const width of [62, 75]) {
                  if (notes === 'endnotes' && separator) continue;
                  const noteLabel = notes === 'endnotes' ? (n: number) => (m === 'paren' ? `(${n}) ` : `${n}. `) : (n: number) => (formFeed ? `${n}. ` : `${n} `);
                  out.push({
                    name: [m, notes, separator || 'no rule', fname, header ? 'running title' : 'no title', formFeed ? 'form feeds' : 'no form feed', `numbering ${numbering}`, `${width} columns`].join(', '),
                    pageSignal: footer !== undefined || formFeed,
                    options: { width, pageLines: width === 62 ? 30 : 36, markers: m, numbering, notes, separator, noteLabel, footer, header, formFeed },
                  });
                }
  return out;
}

export function sourceChapters(): SourceChapter[] {
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures', 'layouts');
  return (JSON.parse(readFileSync(join(dir, 'source-000-ch3.json'), 'utf8')) as { chapters: SourceChapter[] }).chapters;
}

async function main() {
  const { loadRules, processDecoded } = await import('../../src/pipeline.js');
  const { cleanText } = await import('../../src/write/clean-text.js');
  const rules = loadRules();
  const chapters = sourceChapters();
  const tally = { withSignal: [0, 0], without: [0, 0] };
  let paras = [0, 0];
  let notes = [0, 0];
  const failed: string[] = [];
  for (const c of matrixCases()) {
    const { text, expected } = typeset(chapters, c.options);
    const got = cleanText(processDecoded(text, { path: 'x.txt', rules }).doc);
    const t = c.pageSignal ? tally.withSignal : tally.without;
    t[1]++;
    if (got === expected) t[0]++;
    else failed.push(c.name);
    const [eb, en] = expected.split('\n---\n') as [string, string];
    const [gb, gn = ''] = got.split('\n---\n') as [string, string?];
    const strip = (s: string) => s.replace(/\[\^[\d.]+\]/g, '');
    const gbs = new Set(gb.split('\n').map(strip));
    for (const p of eb.split('\n')) paras = [paras[0]! + (gbs.has(strip(p)) ? 1 : 0), paras[1]! + 1];
    const gns = new Set(gn.split('\n'));
    for (const p of en.split('\n').filter(Boolean)) notes = [notes[0]! + (gns.has(p) ? 1 : 0), notes[1]! + 1];
  }
  const pct = ([a, b]: number[]) => `${a}/${b} (${((100 * a!) / b!).toFixed(1)} %)`;
  console.log(`exact, pages with a footer or form feed: ${pct(tally.withSignal)}`);
  console.log(`exact, pages with no signal at all:     ${pct(tally.without)}`);
  console.log(`paragraphs (text, markers aside): ${pct(paras)}; footnotes (id and text): ${pct(notes)}`);
  if (process.argv.includes('--failed')) console.log(failed.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
