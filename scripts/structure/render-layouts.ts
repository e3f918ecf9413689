/**
 * Independent re-layout renderers (issue 8, invariant 2): a book's clean model rendered
 * back into the layouts and conventions other publishers use. Written from the layout
 * descriptions of the issue, NOT from the pipeline or the noise generator: this file
 * imports nothing from `src/` nor from `test/support/noisy-book.ts`, so the two cannot
 * share a blind spot.
 *
 * Every rendering says what the pipeline should find in it (`expected`): the paragraphs
 * (marker-free text), the footnotes with the number as printed, and each marker with the
 * footnote it cites. Pages are ~40 lines with the footnotes of the page at its foot.
 */
// French Liang patterns (TeX hyphenation project) through the maintained `hyphen` package
// (CommonJS without types: see hyphen-fr.d.ts; the file path because Node's ESM resolver
// does not import a directory)
import hyphenFr from 'hyphen/fr/index.js';
import { MARKER, norm, stripMarkers, type BookModel } from './model.js';

export type MarkerStyle = 'superscript' | 'digits' | 'bracket' | 'paren' | 'md-footnote' | 'sup-tag';

export interface LayoutSpec {
  name: string;
  describe: string;
  /** `wrapped`: hard-wrapped lines; `per-line`: one paragraph per line; `markdown` */
  body: 'wrapped' | 'per-line' | 'markdown';
  width?: number;
  /** appended to every line of a paragraph but its last (e.g. one space) */
  trailing?: string;
  /** first-line indent of paragraphs */
  indent?: string;
  /** a blank line between paragraphs */
  blankBetween?: boolean;
  /** a blank line after every line, an extra one between paragraphs */
  doubleSpaced?: boolean;
  /** split words at line ends with French syllabic hyphenation (hyphen/fr) */
  hyphenate?: boolean;
  marker: MarkerStyle;
  /** where footnote texts go */
  notes: 'page' | 'chapter-end';
  /** the line before the footnotes of a page (none: a blank line only) */
  noteRule?: string;
  /** how a footnote line starts */
  noteLabel: (n: number) => string;
  /** heading of the endnotes of a chapter */
  notesHeading?: string;
  numbering: 'continuous' | 'per-chapter';
  header?: (page: number, chapterTitle: string, bookTitle: string) => string;
  footer?: (page: number, pages: number) => string;
  /** what separates pages: a blank line, a form feed, or nothing visible */
  pageBreak: 'blank' | 'formfeed' | 'none';
  files: 'one' | 'per-chapter';
}

export const LINES_PER_PAGE = 40;

const plainLabel = (n: number) => `${n} `;
export const LAYOUTS: LayoutSpec[] = [
  {
    name: 'wrapped-trailing',
    describe: 'hard-wrapped at 74 with a trailing space on every non-final line; superscript markers; page footnotes after a blank line',
    body: 'wrapped', width: 74, trailing: ' ', marker: 'superscript', notes: 'page', noteLabel: plainLabel,
    numbering: 'continuous', pageBreak: 'blank', files: 'one',
  },
  {
    name: 'wrapped-indent',
    describe: 'hard-wrapped at 62, no trailing spaces, paragraphs marked only by a first-line indent; digits glued as markers; page footnotes after a ____________ rule',
    body: 'wrapped', width: 62, indent: '    ', marker: 'digits', notes: 'page', noteRule: '____________', noteLabel: plainLabel,
    numbering: 'continuous', pageBreak: 'blank', files: 'one',
  },
  {
    name: 'wrapped-indent-hyphen',
    describe: 'wrapped-indent with French syllabic hyphenation at line ends (hyphen/fr), words cut across pages too',
    body: 'wrapped', width: 62, indent: '    ', hyphenate: true, marker: 'digits', notes: 'page', noteRule: '____________', noteLabel: plainLabel,
    numbering: 'continuous', pageBreak: 'blank', files: 'one',
  },
  {
    name: 'double-spaced',
    describe: 'hard-wrapped at 78, a blank line after every line, two between paragraphs; superscript markers; page footnotes single-spaced',
    body: 'wrapped', width: 78, doubleSpaced: true, marker: 'superscript', notes: 'page', noteLabel: plainLabel,
    numbering: 'continuous', pageBreak: 'blank', files: 'one',
  },
  {
    name: 'paragraph-per-line',
    describe: 'one paragraph per line, blank lines between; superscript markers; page footnotes `N text` after the page',
    body: 'per-line', marker: 'superscript', notes: 'page', noteLabel: plainLabel,
    numbering: 'continuous', pageBreak: 'blank', files: 'one',
  },
  {
    name: 'markdown-footnotes',
    describe: 'markdown, `[^N]` markers, `[^N]: text` definitions at the end of each chapter',
    body: 'markdown', marker: 'md-footnote', notes: 'chapter-end', noteLabel: (n) => `[^${n}]: `,
    numbering: 'continuous', pageBreak: 'none', files: 'one',
  },
  {
    name: 'markdown-sup',
    describe: 'markdown, `<sup>N</sup>` markers, notes `N. text` after a `---` rule at the end of each chapter',
    body: 'markdown', marker: 'sup-tag', notes: 'chapter-end', notesHeading: '---', noteLabel: (n) => `${n}. `,
    numbering: 'continuous', pageBreak: 'none', files: 'one',
  },
  {
    name: 'endnotes',
    describe: 'hard-wrapped at 70, blank line between paragraphs; `(N)` markers; endnotes `N. text` under `Notes` at the end of each chapter',
    body: 'wrapped', width: 70, blankBetween: true, marker: 'paren', notes: 'chapter-end', notesHeading: 'Notes', noteLabel: (n) => `${n}. `,
    numbering: 'continuous', pageBreak: 'none', files: 'one',
  },
  {
    name: 'running-headers',
    describe: 'hard-wrapped at 70, blank line between paragraphs; running title (book / chapter) and `— N —` on every page; `[N]` markers; page footnotes `[N] text` after a rule',
    body: 'wrapped', width: 70, blankBetween: true, marker: 'bracket', notes: 'page', noteRule: '____________', noteLabel: (n) => `[${n}] `,
    numbering: 'continuous', pageBreak: 'blank', files: 'one',
    header: (p, chapter, book) => (p % 2 ? book : chapter), footer: (p) => `— ${p} —`,
  },
  {
    name: 'page-headers',
    describe: 'hard-wrapped at 72, blank line between paragraphs, `Page N` at the top of every page, superscript markers, page footnotes `N text` without rule',
    body: 'wrapped', width: 72, blankBetween: true, marker: 'superscript', notes: 'page', noteLabel: plainLabel,
    numbering: 'continuous', pageBreak: 'blank', files: 'one',
    header: (p) => `Page ${p}`,
  },
  {
    name: 'pdf-pages',
    describe: 'PDF-extraction-like: form feeds between pages, running title and `p / total` on every page, indent, hyphenation at 66, superscript markers, footnotes `N. text` without rule, numbering restarting per chapter',
    body: 'wrapped', width: 66, indent: '  ', hyphenate: true, marker: 'superscript', notes: 'page', noteLabel: (n) => `${n}. `,
    numbering: 'per-chapter', pageBreak: 'formfeed', files: 'one',
    header: (_p, _chapter, book) => book, footer: (p, pages) => `${p} / ${pages}`,
  },
  {
    name: 'restart-per-chapter',
    describe: 'wrapped-trailing with footnote numbering restarting at 1 in each chapter',
    body: 'wrapped', width: 74, trailing: ' ', marker: 'superscript', notes: 'page', noteLabel: plainLabel,
    numbering: 'per-chapter', pageBreak: 'blank', files: 'one',
  },
  {
    name: 'chapter-files',
    describe: 'wrapped-trailing cut into one file per chapter (numbering continues: a file starts at 65, 177, …)',
    body: 'wrapped', width: 74, trailing: ' ', marker: 'superscript', notes: 'page', noteLabel: plainLabel,
    numbering: 'continuous', pageBreak: 'blank', files: 'per-chapter',
  },
];

export interface ExpectedMarker {
  /** index into expected.paragraphs */
  block: number;
  /** offset in the paragraph's marker-free text */
  offset: number;
  label: number;
  note: string;
  file: number;
}

export interface Expected {
  paragraphs: string[];
  footnotes: Array<{ label: number; text: string; file: number; chapter: number }>;
  markers: ExpectedMarker[];
}

/** one output line and what it is, for the renderer's own round-trip test */
export interface LineRecord {
  text: string;
  role: 'body' | 'note' | 'furniture' | 'blank' | 'notes-heading';
  /** index into expected.paragraphs (body) */
  block?: number;
  /** how this body line joins the next line of its paragraph */
  join?: 'space' | 'hyphen' | 'keep-hyphen' | 'end';
}

export interface Rendering {
  layout: string;
  files: Array<{ name: string; text: string; records: LineRecord[] }>;
  expected: Expected;
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export function markerText(style: MarkerStyle, n: number): string {
  switch (style) {
    case 'superscript': return String(n).replace(/\d/g, (d) => SUP[Number(d)]!);
    case 'digits': return String(n);
    case 'bracket': return `[${n}]`;
    case 'paren': return `(${n})`;
    case 'md-footnote': return `[^${n}]`;
    case 'sup-tag': return `<sup>${n}</sup>`;
  }
}

const escapeMarkdown = (s: string) => s.replace(/([\\*_`])/g, '\\$1').replace(/^(#+|>|[-+] )/, '\\$1');

interface WrappedLine { text: string; join: 'space' | 'hyphen' | 'keep-hyphen' | 'end' }

const LETTER = /\p{L}/u;
/** break points in a token: after a soft hyphen from the French patterns, or after a real hyphen */
function breakPoints(token: string): Array<{ at: number; kind: 'hyphen' | 'keep-hyphen' }> {
  const out: Array<{ at: number; kind: 'hyphen' | 'keep-hyphen' }> = [];
  for (let i = 1; i < token.length - 1; i++) {
    if (token[i] === '-' && LETTER.test(token[i - 1]!) && LETTER.test(token[i + 1]!)) out.push({ at: i + 1, kind: 'keep-hyphen' });
  }
  const soft = hyphenFr.hyphenateSync(token, { hyphenChar: '\u00ad' });
  let pos = 0;
  for (const ch of soft) {
    if (ch === '\u00ad') {
      if (LETTER.test(token[pos - 1] ?? '') && LETTER.test(token[pos] ?? '')) out.push({ at: pos, kind: 'hyphen' });
    } else pos += ch.length;
  }
  return out.sort((a, b) => a.at - b.at);
}

/** greedy wrap at `width`; a word that does not fit may be split at a syllable */
export function wrap(text: string, width: number, indent: string, hyphenate: boolean): WrappedLine[] {
  // a word ending in a hyphen never ends a line: `-kamen- simvoliziruet` broken there would
  // read as a line-end hyphen, and whether to join it is then undecidable from the text
  const words: string[] = [];
  for (const w of text.split(/\s+/).filter(Boolean)) {
    const prev = words[words.length - 1];
    if (prev !== undefined && prev.endsWith('-')) words[words.length - 1] = `${prev} ${w}`;
    else words.push(w);
  }
  const lines: WrappedLine[] = [];
  let cur = indent;
  let empty = true;
  let i = 0;
  let pending: string | null = null;
  while (pending !== null || i < words.length) {
    const w: string = pending ?? words[i++]!;
    pending = null;
    if (empty) {
      cur += w;
      empty = false;
      continue;
    }
    if (cur.length + 1 + w.length <= width) {
      cur += ' ' + w;
      continue;
    }
    if (hyphenate) {
      const room = width - cur.length - 1;
      const fits = breakPoints(w).filter((b) => b.at + (b.kind === 'hyphen' ? 1 : 0) <= room);
      const best = fits[fits.length - 1];
      if (best) {
        lines.push({ text: cur + ' ' + w.slice(0, best.at) + (best.kind === 'hyphen' ? '-' : ''), join: best.kind });
        cur = '';
        empty = true;
        pending = w.slice(best.at);
        continue;
      }
    }
    lines.push({ text: cur, join: 'space' });
    cur = '';
    empty = true;
    pending = w;
  }
  if (!empty) lines.push({ text: cur, join: 'end' });
  if (lines.length) lines[lines.length - 1]!.join = 'end';
  return lines;
}

interface Unit {
  /** body lines of one block, or one notes section */
  records: LineRecord[];
  /** footnote lines that must go at the foot of the page holding each record */
  notesOf: Array<LineRecord[][]>;
  /** the running title of the chapter the unit belongs to */
  title: string;
}

/**
 * Render a model into one layout. Deterministic: the same model and layout give the
 * same files byte for byte.
 */
export function render(model: BookModel, spec: LayoutSpec): Rendering {
  const expected: Expected = { paragraphs: [], footnotes: [], markers: [] };
  const chapters = [...new Set(model.blocks.map((b) => b.chapter))].sort((a, b) => a - b);
  const fileOfChapter = new Map(chapters.map((c, i) => [c, spec.files === 'per-chapter' ? i : 0]));
  const files: Rendering['files'] = [];
  const ext = spec.body === 'markdown' ? 'md' : 'txt';
  let fileIndex = -1;
  let units: Unit[] = [];
  let chapterTitle = model.title;
  const flush = () => {
    if (fileIndex < 0) return;
    const name = spec.files === 'per-chapter' ? `${model.name}-${String(fileIndex).padStart(2, '0')}.${ext}` : `${model.name}.${ext}`;
    const records = paginate(units, spec, model.title);
    files.push({ name, text: records.map((r) => r.text).join('\n') + '\n', records });
    units = [];
  };

  for (const chapter of chapters) {
    if (fileOfChapter.get(chapter) !== fileIndex) {
      flush();
      fileIndex = fileOfChapter.get(chapter)!;
    }
    const labels = new Map<number, number>();
    let nextLabel = 1;
    const labelOf = (k: number) => {
      if (spec.numbering === 'continuous') return k;
      let l = labels.get(k);
      if (l === undefined) labels.set(k, (l = nextLabel++));
      return l;
    };
    const chapterNotes: Array<{ label: number; text: string }> = [];
    const seen = new Set<number>();
    const blocks = model.blocks.filter((b) => b.chapter === chapter);
    const firstHeading = blocks.find((b) => b.kind === 'heading');
    if (firstHeading) chapterTitle = stripMarkers(firstHeading.text).slice(0, 60);
    for (const [bi, b] of blocks.entries()) {
      const p = expected.paragraphs.length;
      expected.paragraphs.push(stripMarkers(b.text));
      // marker positions in the marker-free text, and the text as this layout prints it
      // (the model text is whitespace-normalised and wrapping keeps single spaces, so
      // offsets in `printed` are offsets in the joined lines)
      let plain = '';
      let printed = '';
      const blockNotes: Array<{ label: number; text: string }> = [];
      const markerEnds: number[] = [];
      let at = 0;
      const src = b.text;
      const md = spec.body === 'markdown';
      for (const m of src.matchAll(MARKER)) {
        const before = src.slice(at, m.index);
        plain += before;
        printed += md ? escapeMarkdown(before) : before;
        const k = Number(m[1]);
        const label = labelOf(k);
        printed += markerText(spec.marker, label);
        const note = model.notes[k - 1]!;
        const file = fileOfChapter.get(chapter)!;
        expected.markers.push({ block: p, offset: plain.replace(/\s+/g, ' ').trimStart().length, label, note, file });
        if (!seen.has(k)) {
          seen.add(k);
          expected.footnotes.push({ label, text: note, file, chapter });
          if (spec.notes === 'page') {
            blockNotes.push({ label, text: note });
            markerEnds.push(printed.length);
          } else chapterNotes.push({ label, text: note });
        }
        at = m.index + m[0].length;
      }
      printed += md ? escapeMarkdown(src.slice(at)) : src.slice(at);
      if (printed !== norm(printed)) throw new Error(`model text of ${model.name} block ${p} is not whitespace-normalised`);
      units.push(blockUnit(printed, markerEnds, p, b.kind, bi === 0 || b === firstHeading, blockNotes, spec, chapterTitle));
    }
    if (chapterNotes.length) units.push(endnotesUnit(chapterNotes, spec, chapterTitle));
  }
  flush();
  return { layout: spec.name, files, expected };
}

function noteLines(notes: Array<{ label: number; text: string }>, spec: LayoutSpec): LineRecord[][] {
  return notes.map((n) => {
    const text = spec.noteLabel(n.label) + (spec.body === 'markdown' ? escapeMarkdown(n.text) : n.text);
    if (spec.body !== 'wrapped') return [{ text, role: 'note' as const }];
    return wrap(text, spec.width!, '', false).map((l) => ({ text: l.text, role: 'note' as const }));
  });
}

function blockUnit(
  printed: string,
  markerEnds: number[],
  p: number,
  kind: 'heading' | 'paragraph',
  chapterStart: boolean,
  notes: Array<{ label: number; text: string }>,
  spec: LayoutSpec,
  title: string,
): Unit {
  const records: LineRecord[] = [];
  const notesOf: LineRecord[][][] = [];
  const push = (r: LineRecord, n: LineRecord[][] = []) => {
    records.push(r);
    notesOf.push(n);
  };
  const blank = () => push({ text: '', role: 'blank' });
  const pending = noteLines(notes, spec);
  if (spec.body === 'markdown') {
    const text = kind === 'heading' ? `${chapterStart ? '#' : '##'} ${printed}` : printed;
    push({ text, role: 'body', block: p, join: 'end' }, pending);
    blank();
    return { records, notesOf, title };
  }
  if (spec.body === 'per-line') {
    push({ text: printed, role: 'body', block: p, join: 'end' }, pending);
    blank();
    return { records, notesOf, title };
  }
  const heading = kind === 'heading';
  const indent = heading ? '' : (spec.indent ?? '');
  const lines = wrap(printed, spec.width!, indent, heading ? false : !!spec.hyphenate);
  // the note of a marker goes to the page of the line that carries the marker: find the
  // line from the marker's offset in the printed text (lines cover it in order)
  const perLine: LineRecord[][][] = lines.map(() => []);
  let from = 0;
  const ends: number[] = [];
  for (const [i, l] of lines.entries()) {
    let len = l.text.length - (i === 0 ? indent.length : 0) - (l.join === 'hyphen' ? 1 : 0);
    ends.push(from + len);
    from += len + (l.join === 'space' ? 1 : 0);
  }
  markerEnds.forEach((end, j) => {
    if (!pending[j]) return;
    const li = Math.max(0, ends.findIndex((e) => e >= end));
    perLine[li]!.push(pending[j]!);
  });
  if (heading && !spec.doubleSpaced) blank();
  for (const [i, l] of lines.entries()) {
    const last = i === lines.length - 1;
    push({ text: l.text + (last || heading ? '' : (spec.trailing ?? '')), role: 'body', block: p, join: l.join }, perLine[i]);
    if (spec.doubleSpaced) blank();
  }
  if (heading || spec.blankBetween || spec.doubleSpaced) blank();
  return { records, notesOf, title };
}

function endnotesUnit(notes: Array<{ label: number; text: string }>, spec: LayoutSpec, title: string): Unit {
  const records: LineRecord[] = [];
  if (spec.notesHeading) records.push({ text: spec.notesHeading, role: 'notes-heading' }, { text: '', role: 'blank' });
  for (const lines of noteLines(notes, spec)) {
    records.push(...lines);
    if (spec.body !== 'wrapped') records.push({ text: '', role: 'blank' });
  }
  if (spec.body === 'wrapped') records.push({ text: '', role: 'blank' });
  return { records, notesOf: records.map(() => []), title };
}

/** ~40-line pages; the footnotes of a page at its foot; running headers and footers */
function paginate(units: Unit[], spec: LayoutSpec, bookTitle: string): LineRecord[] {
  const flat: Array<{ r: LineRecord; notes: LineRecord[][]; title: string }> = [];
  for (const u of units) u.records.forEach((r, i) => flat.push({ r, notes: u.notesOf[i]!, title: u.title }));
  const cost = (r: LineRecord) => (spec.body === 'wrapped' ? 1 : Math.max(1, Math.ceil(r.text.length / 75)));
  const capacity = LINES_PER_PAGE - (spec.header ? 2 : 0) - (spec.footer ? 2 : 0);
  const separator = 1 + (spec.noteRule ? 1 : 0);
  const pages: Array<{ body: LineRecord[]; notes: LineRecord[][]; title: string }> = [];
  let page = { body: [] as LineRecord[], notes: [] as LineRecord[][], title: bookTitle };
  let used = 0;
  for (const { r, notes, title } of flat) {
    if (!page.body.length && r.role === 'blank') continue; // no page starts with a blank line
    const add = cost(r) + notes.reduce((a, n) => a + n.reduce((b, l) => b + cost(l), 0), 0);
    const sep = page.notes.length === 0 && notes.length ? separator : 0;
    if (page.body.length && used + add + sep > capacity) {
      pages.push(page);
      page = { body: [], notes: [], title };
      used = 0;
      if (r.role === 'blank') continue;
    }
    if (!page.body.length) page.title = title;
    used += add + (page.notes.length === 0 && notes.length ? separator : 0);
    page.body.push(r);
    page.notes.push(...notes);
  }
  if (page.body.length) pages.push(page);
  const out: LineRecord[] = [];
  for (const [i, pg] of pages.entries()) {
    const n = i + 1;
    while (pg.body.length && pg.body[pg.body.length - 1]!.role === 'blank') pg.body.pop();
    if (i > 0 && spec.pageBreak === 'blank') out.push({ text: '', role: 'blank' });
    const start = out.length;
    if (spec.header) out.push({ text: spec.header(n, pg.title, bookTitle), role: 'furniture' }, { text: '', role: 'blank' });
    out.push(...pg.body);
    if (pg.notes.length) {
      out.push({ text: '', role: 'blank' });
      if (spec.noteRule) out.push({ text: spec.noteRule, role: 'furniture' });
      for (const note of pg.notes) out.push(...note);
    }
    if (spec.footer) out.push({ text: '', role: 'blank' }, { text: spec.footer(n, pages.length), role: 'furniture' });
    if (i > 0 && spec.pageBreak === 'formfeed') out[start] = { ...out[start]!, text: '\f' + out[start]!.text };
  }
  return out;
}
