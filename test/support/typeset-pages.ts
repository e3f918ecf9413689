/**
 * A small typesetter for tests: lays chapters (paragraphs with `[^N]` markers and their
 * footnotes) out as printed pages the way other publishers and PDF extractors do —
 * wrapped at a width, footnotes at the foot of each page (with or without a rule line)
 * or as endnotes under `Notes`, running headers and footers, form feeds, numbering
 * continuous, from any start or restarting per chapter, markers as glued digits, `(N)`,
 * `[N]` or superscripts. It shares no code with the pipeline: it only writes pages.
 *
 * It returns the text and the clean text relecteur must give back for it.
 */

export interface SourceChapter {
  heading: string;
  title: string;
  /** paragraphs with markers as `[^N]` (N: the number in the source book) */
  paragraphs: string[];
  notes: Record<string, string>;
}

export type MarkerStyle = 'glued' | 'paren' | 'bracket' | 'superscript' | 'split-superscript';

export interface TypesetOptions {
  width: number;
  /** body lines per page (blank lines included) */
  pageLines: number;
  markers: MarkerStyle;
  /** first footnote number of the file, or 'per-chapter' (1 in each chapter) */
  numbering: number | 'per-chapter';
  notes: 'page-foot' | 'endnotes';
  /** line drawn above a page's footnotes ('' for none) */
  separator: string;
  /** how a footnote's first line starts: `1 `, `1. `, `(1) ` */
  noteLabel: (n: number) => string;
  /** endnote heading at the end of each chapter */
  notesHeading?: string;
  footer?: (page: number, pages: number) => string;
  /** running header (a title line) on every page but the first */
  header?: string;
  /** each page after the first begins with a form feed (as pdftotext writes) */
  formFeed?: boolean;
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (s: string) => [...s].map((d) => SUP[Number(d)]).join('');

function markerText(n: number, style: MarkerStyle): string {
  switch (style) {
    case 'glued':
      return String(n);
    case 'paren':
      return ` (${n})`;
    case 'bracket':
      return ` [${n}]`;
    case 'superscript':
      return sup(String(n));
    case 'split-superscript': {
      const s = String(n);
      return s.length > 1 ? s[0] + sup(s.slice(1)) : sup(s);
    }
  }
}

/** Greedy wrap; a marker (a token with no space before it) never starts a line. */
export function wrap(text: string, width: number): string[] {
  // breaks only at single spaces: a double space in the text stays inside a line
  const words = text.split(/(?<! ) (?! )/);
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? line + ' ' + w : w;
  }
  if (line) out.push(line);
  return out;
}

interface Line {
  text: string;
  /** footnotes whose marker is on this line, as (printed number, text) */
  notes: Array<[number, string]>;
}

export function typeset(chapters: SourceChapter[], o: TypesetOptions): { text: string; expected: string } {
  const restarts = o.numbering === 'per-chapter';
  let next = restarts ? 1 : (o.numbering as number);
  const expectedBody: string[] = [];
  const expectedNotes: string[] = [];
  const pages: string[][] = [];
  const chapterLines: Line[][] = [];

  chapters.forEach((ch, ci) => {
    if (restarts) next = 1;
    // relecteur's ids: the first numbering run as its numbers, each restart as chapter.number
    const key = (n: number) => (restarts && ci > 0 ? `${ci + 1}.${n}` : String(n));
    const lines: Line[] = [{ text: ch.heading, notes: [] }, { text: '', notes: [] }, { text: ch.title, notes: [] }, { text: '', notes: [] }];
    expectedBody.push(ch.heading, ch.title);
    const endnotes: Array<[number, string]> = [];
    for (const p of ch.paragraphs) {
      const printed: Array<[number, string]> = [];
      let clean = p;
      // markers as one private-use character glued to the word, so wrapping never parts them
      const rendered = p.replace(/\[\^(\d+)\]/g, (_, src: string) => {
        const n = next++;
        printed.push([n, ch.notes[src]!]);
        return String.fromCharCode(0xe000 + printed.length - 1);
      });
      for (const [n, t] of printed) expectedNotes.push(`[^${key(n)}]: ${t}`);
      let k = 0;
      clean = clean.replace(/\[\^(\d+)\]/g, () => `[^${key(printed[k++]![0])}]`);
      expectedBody.push(clean);
      for (const l of wrap(rendered, o.width)) {
        const here: Array<[number, string]> = [];
        const text = l.replace(/[\ue000-\ue0ff]/g, (c) => {
          const [n, t] = printed[c.charCodeAt(0) - 0xe000]!;
          here.push([n, t]);
          return markerText(n, o.markers);
        });
        lines.push({ text, notes: o.notes === 'page-foot' ? here : [] });
      }
      lines.push({ text: '', notes: [] });
      if (o.notes === 'endnotes') endnotes.push(...printed);
    }
    if (o.notes === 'endnotes') {
      lines.push({ text: o.notesHeading ?? 'Notes', notes: [] }, { text: '', notes: [] });
      for (const [n, t] of endnotes) {
        for (const l of wrap(o.noteLabel(n) + t, o.width)) lines.push({ text: l, notes: [] });
      }
      lines.push({ text: '', notes: [] });
    }
    chapterLines.push(lines);
  });

  // pages: each chapter starts a page; a page holds pageLines body lines and the notes of its markers
  for (const lines of chapterLines) {
    let k = 0;
    while (k < lines.length) {
      const body: string[] = [];
      const notes: Array<[number, string]> = [];
      while (k < lines.length && body.length < o.pageLines) {
        body.push(lines[k]!.text);
        notes.push(...lines[k]!.notes);
        k++;
      }
      while (body.length && body[body.length - 1] === '') body.pop();
      if (body.length === 0) continue;
      const page = [...body];
      if (notes.length) {
        page.push('');
        if (o.separator) page.push(o.separator);
        for (const [n, t] of notes) page.push(...wrap(o.noteLabel(n) + t, o.width));
      }
      pages.push(page);
    }
  }
  const total = pages.length;
  const out: string[] = [];
  pages.forEach((page, p) => {
    const lines = [...(o.header && p > 0 ? [o.header, ''] : []), ...page, ...(o.footer ? ['', o.footer(p + 1, total)] : [])];
    if (o.formFeed && p > 0) lines[0] = '\f' + lines[0];
    else if (p > 0) out.push('');
    out.push(...lines);
  });
  return { text: out.join('\n') + '\n', expected: [...expectedBody, '---', ...expectedNotes].join('\n') + '\n' };
}
