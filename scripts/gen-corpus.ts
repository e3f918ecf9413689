/**
 * Writes a generated benchmark corpus (deterministic, seeded):
 *   <out>/books/*.txt  ≥ --mb MiB (default 60) of books of ~300 KB–1 MB each: the real books of corpus/
 *                      repeated with varied noise (re-wrapped at another width, footnote numbers shifted,
 *                      some words and numbers replaced, generated chapters from renderNoisy appended),
 *                      plus fully generated books in the four layouts;
 *   <out>/big.txt      one hard-wrapped book of ≥ --big-mb MiB (default 24) for the bounded-memory check;
 *   <out>/manifest.json what was written, with the options used.
 *
 * Usage: npx tsx scripts/gen-corpus.ts [--mb 60] [--big-mb 24] [--out .bench/corpus] [--seed 1] [--corpus corpus]
 *    or: node dist/scripts/gen-corpus.js …
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32, randomCleanBook, renderNoisy, type NoisyLayout } from '../test/support/noisy-book.js';

const MiB = 1024 * 1024;

export interface GenOptions {
  /** total size of <out>/books in MiB */
  mb: number;
  /** size of <out>/big.txt in MiB */
  bigMb: number;
  out: string;
  seed: number;
  /** directory of the real books */
  corpus: string;
  quiet?: boolean;
}
export interface GenResult {
  books: string;
  big: string;
  files: number;
  bytes: number;
  bigBytes: number;
  seconds: number;
}

/** The repository root: the nearest ancestor of this script holding package.json (works from scripts/ and dist/scripts/). */
export function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'corpus'))) return d;
    d = dirname(d);
  }
  return process.cwd();
}

export function defaultGenOptions(): GenOptions {
  const root = repoRoot();
  return { mb: 60, bigMb: 24, out: join(root, '.bench', 'corpus'), seed: 1, corpus: join(root, 'corpus') };
}

// ---------------------------------------------------------------------------------------------

export function detectLayout(text: string): NoisyLayout {
  const sample = text.slice(0, 200_000);
  if (/<sup>\d+<\/sup>/.test(sample)) return 'markdown';
  const lines = sample.split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const avg = nonBlank.reduce((a, l) => a + l.length, 0) / Math.max(1, nonBlank.length);
  if (avg > 200) return 'paragraph-per-line';
  const blanks = lines.length - nonBlank.length;
  return blanks > lines.length * 0.3 ? 'double-spaced' : 'hard-wrapped';
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const fromSup = (s: string): number => Number([...s].map((c) => SUP.indexOf(c)).join(''));
const toSup = (n: number): string => String(n).replace(/\d/g, (d) => SUP[Number(d)]!);
const FOOTNOTE_HINT = /\[(?:R|r)essource|\[Electronic|URL|https?:|\/\/|C\. \d/;

/** Adds `k` to every footnote number (markers and footnote starts), per layout; approximate but consistent. */
export function shiftNotes(text: string, layout: NoisyLayout, k: number): string {
  if (k === 0) return text;
  const add = (d: string): string => String(Number(d) + k);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    const isFootnote = /^ ?\d{1,3}[ _]\S/.test(l) && (l.length > 95 || FOOTNOTE_HINT.test(l));
    if (isFootnote) {
      l = l.replace(/^( ?)(\d{1,3})(?=[ _])/, (_m, sp: string, d: string) => sp + add(d));
    } else {
      switch (layout) {
        case 'hard-wrapped':
          l = l.replace(/(?<=["\p{L}%])(\d{1,3})(?= [.,;:])/gu, add);
          break;
        case 'double-spaced':
          l = l.replace(/(?:^|(?<=[.!?]"? ))(\d{1,3})(?=[\p{Lu}"])/gu, add);
          break;
        case 'paragraph-per-line':
          l = l.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (m) => toSup(fromSup(m) + k));
          break;
        case 'markdown':
          l = l.replace(/<sup>(\d+)<\/sup>/g, (_m, d: string) => `<sup>${add(d)}</sup>`);
          break;
      }
    }
    lines[i] = l;
  }
  return lines.join('\n');
}

const SYNONYMS: Record<string, string[]> = {
  coopération: ['collaboration', 'coopération'],
  entreprises: ['sociétés', 'compagnies'],
  développement: ['essor', 'progrès'],
  Bélarus: ['Belarus', 'Biélorussie'],
  Biélorussie: ['Bélarus', 'Belarus'],
  partenariat: ['partenariat', 'rapprochement'],
  important: ['significatif', 'majeur'],
  importante: ['significative', 'majeure'],
  région: ['province', 'région'],
  augmentation: ['hausse', 'croissance'],
  projets: ['programmes', 'chantiers'],
  aujourd: ['aujourd'],
};
const WORD_RE = new RegExp(`(?<!\\p{L})(${Object.keys(SYNONYMS).join('|')})(?!\\p{L})`, 'gu');

/** Replaces some words by synonyms and some amounts by other numbers of the same shape. */
export function varyText(text: string, rng: () => number, rate = 0.25): string {
  const rd = (n: number): string => {
    let s = String(1 + Math.floor(rng() * 9));
    for (let i = 1; i < n; i++) s += String(Math.floor(rng() * 10));
    return s;
  };
  return text
    .replace(WORD_RE, (w) => (rng() < rate ? SYNONYMS[w]![Math.floor(rng() * SYNONYMS[w]!.length)]! : w))
    .replace(/(?<![\d\p{L}])(\d{1,3}),(\d{1,2}) (?=millions?|milliards?|%|tonnes)/gu, (m, a: string, b: string) =>
      rng() < rate ? `${rd(a.length)},${rd(b.length)} ` : m,
    )
    .replace(/(?<![\d\p{L},])(\d{1,3}) (\d{3})(?= (?:tonnes|dollars|personnes|entreprises|hectares|unités))/gu, (m, a: string) =>
      rng() < rate ? `${rd(a.length)} ${rd(3)}` : m,
    );
}

/** Greedy wrap at ~width; a token starting with a digit stays on the line of the previous token. */
function wrapText(s: string, width: number, rng: () => number): string[] {
  const lines: string[] = [];
  let cur = '';
  let w = width - 4 + Math.floor(rng() * 9);
  for (const tok of s.split(' ')) {
    if (tok === '') continue;
    if (cur === '') { cur = tok; continue; }
    if (cur.length + 1 + tok.length <= w || /^\d/.test(tok)) cur += ' ' + tok;
    else {
      lines.push(cur);
      cur = tok;
      w = width - 4 + Math.floor(rng() * 9);
    }
  }
  if (cur !== '') lines.push(cur);
  return lines;
}

const isBodyLike = (l: string, max: number): boolean =>
  l.trim() !== '' && l.length <= max && !/^ ?\d+[ _.]/.test(l) && !/https?:|URL :|\[Ressource|^\s+$/.test(l);

/** Re-wraps body runs of a hard-wrapped (single- or double-spaced) book at another width. */
export function rewrap(text: string, layout: 'hard-wrapped' | 'double-spaced', width: number, rng: () => number): string {
  const ds = layout === 'double-spaced';
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isBodyLike(lines[i]!, 95)) { out.push(lines[i]!); i++; continue; }
    // collect a run: lines ending with a space continue it; double-spaced runs skip one blank line between lines
    const run: string[] = [lines[i]!];
    let j = i + 1; // index just after the last line of the run
    while (run[run.length - 1]!.endsWith(' ')) {
      const nx = ds ? j + 1 : j;
      if (ds && lines[j] !== '') break;
      const cand = lines[nx];
      if (cand === undefined || !isBodyLike(cand, 95) || cand.startsWith(' ')) break;
      run.push(cand);
      j = nx + 1;
    }
    const lead = run[0]!.startsWith(' ') ? ' ' : '';
    const trailing = run[run.length - 1]!.endsWith(' ');
    let joined = '';
    for (const l of run) joined = /\p{L}- $/u.test(joined) ? joined.slice(0, -1) + l : joined + l;
    const wrapped = wrapText(joined.trim(), width, rng);
    wrapped.forEach((w, k) => {
      const last = k === wrapped.length - 1;
      out.push((k === 0 ? lead : '') + w + (!last || trailing ? ' ' : ''));
      if (ds && !last) out.push('');
    });
    i = j;
  }
  return out.join('\n');
}

function maxNote(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/^ ?(\d{1,4})[ _](.*)$/gm)) if (FOOTNOTE_HINT.test(m[2]!)) max = Math.max(max, Number(m[1]));
  return max;
}

/** A generated chapter of about `bytes` bytes in `layout`, footnotes numbered from `firstNote`. */
export function generatedChunk(layout: NoisyLayout, bytes: number, firstNote: number, rng: () => number): string {
  const paragraphs = Math.max(1, Math.round(bytes / 610));
  const book = randomCleanBook(rng, { paragraphs, firstNote, maxFootnotes: 1_000_000 });
  return renderNoisy(book, layout, rng, { syllabicHyphenation: rng() < 0.3 ? 0.05 : 0 }).text;
}

const SEPARATOR: Record<NoisyLayout, string> = {
  'hard-wrapped': '\n',
  'double-spaced': '\n\n',
  'paragraph-per-line': '\n\n',
  markdown: '\n\n',
};

/** One varied copy of a real book, grown with generated chapters to about `target` bytes. */
export function variedCopy(src: string, layout: NoisyLayout, target: number, rng: () => number): string {
  let t = varyText(src, rng);
  t = shiftNotes(t, layout, rng() < 0.2 ? 0 : Math.floor(rng() * 400));
  if (layout === 'hard-wrapped' || layout === 'double-spaced') t = rewrap(t, layout, 64 + Math.floor(rng() * 22), rng);
  const parts = [t];
  let size = Buffer.byteLength(t);
  let next = maxNote(t) + 1;
  while (size < target - 20_000) {
    const chunk = generatedChunk(layout, Math.min(target - size, 150_000 + rng() * 150_000), next, rng);
    parts.push(chunk);
    size += Buffer.byteLength(chunk) + SEPARATOR[layout].length;
    next = maxNote(chunk) + 1;
  }
  return parts.join(SEPARATOR[layout]);
}

export function generateCorpus(opts: GenOptions): GenResult {
  const t0 = performance.now();
  const rng = mulberry32(opts.seed);
  const log = (s: string): void => { if (!opts.quiet) process.stderr.write(s + '\n'); };
  const sources = readdirSync(opts.corpus)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(opts.corpus, f), 'utf8');
      return { name: f.replace(/\.(txt|md)$/, ''), text, layout: detectLayout(text) };
    });
  if (!sources.length) throw new Error(`no .txt/.md books in ${opts.corpus}`);
  const booksDir = join(opts.out, 'books');
  rmSync(booksDir, { recursive: true, force: true });
  mkdirSync(booksDir, { recursive: true });

  // books/
  const total = opts.mb * MiB;
  let bytes = 0;
  let files = 0;
  const written: { file: string; bytes: number; layout: NoisyLayout; from: string }[] = [];
  while (bytes < total) {
    const target = Math.round(300_000 + rng() * 650_000);
    let text: string;
    let layout: NoisyLayout;
    let from: string;
    if (rng() < 0.2) {
      layout = (['hard-wrapped', 'double-spaced', 'paragraph-per-line', 'markdown'] as const)[Math.floor(rng() * 4)]!;
      text = generatedChunk(layout, target, 1, rng);
      from = 'generated';
    } else {
      const src = sources[files % sources.length]!;
      layout = src.layout;
      text = variedCopy(src.text, layout, target, rng);
      from = src.name;
    }
    const file = `${String(files).padStart(4, '0')}_${from === 'generated' ? `gen-${layout}` : from.slice(0, 3)}.txt`;
    writeFileSync(join(booksDir, file), text);
    const b = Buffer.byteLength(text);
    written.push({ file, bytes: b, layout, from });
    bytes += b;
    files++;
    if (files % 10 === 0) log(`gen-corpus: ${files} books, ${(bytes / MiB).toFixed(1)} MiB`);
  }

  // big.txt: one hard-wrapped book, written piece by piece
  const bigPath = join(opts.out, 'big.txt');
  const hard = sources.filter((s) => s.layout === 'hard-wrapped');
  const fd = openSync(bigPath, 'w');
  let bigBytes = 0;
  let next = 1;
  let first = true;
  try {
    while (bigBytes < opts.bigMb * MiB) {
      let piece: string;
      if (hard.length && rng() < 0.5) {
        const src = hard[Math.floor(rng() * hard.length)]!;
        let t = varyText(src.text, rng);
        t = shiftNotes(t, 'hard-wrapped', next - 1);
        piece = rewrap(t, 'hard-wrapped', 64 + Math.floor(rng() * 22), rng);
      } else piece = generatedChunk('hard-wrapped', 400_000, next, rng);
      next = maxNote(piece) + 1;
      const buf = Buffer.from((first ? '' : '\n') + piece);
      writeSync(fd, buf);
      bigBytes += buf.length;
      first = false;
    }
  } finally {
    closeSync(fd);
  }
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(
    join(opts.out, 'manifest.json'),
    JSON.stringify({ options: { mb: opts.mb, bigMb: opts.bigMb, seed: opts.seed }, files: written, bytes, big: { file: 'big.txt', bytes: bigBytes } }, null, 1),
  );
  log(`gen-corpus: wrote ${files} books (${(bytes / MiB).toFixed(1)} MiB) to ${booksDir} and big.txt (${(bigBytes / MiB).toFixed(1)} MiB) in ${seconds.toFixed(1)} s`);
  return { books: booksDir, big: bigPath, files, bytes, bigBytes, seconds };
}

function main(argv: string[]): number {
  const d = defaultGenOptions();
  const { values } = parseArgs({
    args: argv,
    options: {
      mb: { type: 'string' },
      'big-mb': { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      corpus: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('usage: gen-corpus [--mb 60] [--big-mb 24] [--out .bench/corpus] [--seed 1] [--corpus corpus] [--quiet]\n');
    return 0;
  }
  const num = (v: string | undefined, def: number): number => {
    const n = v === undefined ? def : Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`bad number: ${v}`);
    return n;
  };
  generateCorpus({
    mb: num(values.mb, d.mb),
    bigMb: num(values['big-mb'], d.bigMb),
    out: values.out ? resolve(values.out) : d.out,
    seed: num(values.seed, d.seed),
    corpus: values.corpus ? resolve(values.corpus) : d.corpus,
    quiet: values.quiet ?? false,
  });
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`gen-corpus: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
