/**
 * Stage 2 — layout: give every physical line a class (blank, separator, furniture,
 * page number, heading, text) and detect the file's layout from the evidence of
 * its lines. Reads the line index; writes only the per-line classes.
 */
import type { Layout } from '../../types.js';
import type { Line } from '../../text/lines.js';
import { matchLine, type LayoutRules } from './layout-rules.js';
import { markRunningFurniture } from './running-furniture.js';
import { doubleSpacingEvidence } from './double-spacing.js';

export type LineClass =
  | 'blank'
  | 'separator' // white-space line of 10+ spaces, or a horizontal rule: a page break
  | 'furniture' // boilerplate watermark or junk characters
  | 'page-number'
  | 'chapter'
  | 'notes-heading' // `Notes`, `Références`…: endnotes follow when numbered notes come next
  | 'text';

export interface ClassifiedLine extends Line {
  cls: LineClass;
  rule?: string;
  /** trimmed text */
  t: string;
  /** the line ends with a space or tab */
  trailing: boolean;
  /** number of leading spaces */
  lead: number;
  /** the line starts with a form feed: a page starts here (PDF extractions) */
  formFeed?: boolean;
  /** a notes heading that opens an endnotes section (endnote-sections.ts): where the body resumes, whether its entries are cited as markers, its sub-headings */
  endnotes?: { end: number; cited: boolean; subheadings: number[]; shape: string };
}

export interface LayoutEvidence {
  layout: Layout;
  /** mixed evidence: every layout whose score is close to the winner's */
  layouts: Layout[];
  /** usual number of blank lines between two wrapped lines of one paragraph */
  wrapGap: number;
  /** lines of a paragraph end with a space except the last one */
  trailingSpaceMarksWrap: boolean;
  /** typical width of a wrapped line */
  wrapWidth: number;
  scores: Record<Layout, number>;
}

export function classifyLines(lines: Line[], rules: LayoutRules): ClassifiedLine[] {
  const out = lines.map((line) => {
    // the line objects are extended in place: no copy of 10 000 lines per book
    const l = line as ClassifiedLine;
    const t = l.text.trim();
    const last = l.text.charCodeAt(l.text.length - 1);
    const trailing = last === 32 || last === 9;
    const lead = l.text.length - l.text.trimStart().length;
    let cls: LineClass = 'text';
    let rule: string | undefined;
    if (t.length === 0) {
      if (l.text.includes('\f')) {
        cls = 'separator';
        rule = 'layout/form-feed';
      } else if (l.text.length >= 10) {
        cls = 'separator';
        rule = 'layout/page-separator';
      } else cls = 'blank';
    } else {
      // furniture lines are short: long lines skip the tests (most of a book's lines)
      const short = t.length <= 60;
      let r = short ? matchLine(rules.separator, t) : undefined;
      if (r) cls = 'separator';
      else if (short && ((r = matchLine(rules.boilerplate, t)) || (r = matchLine(rules.junk, t)))) cls = 'furniture';
      else if (short && (r = matchLine(rules.pageNumber, t))) cls = 'page-number';
      else if (short && (r = matchLine(rules.chapterHeading, t))) cls = 'chapter';
      else if (short && (r = matchLine(rules.notesHeading, t))) cls = 'notes-heading';
      rule = r?.id;
    }
    l.cls = cls;
    l.rule = rule;
    l.t = t;
    l.trailing = trailing;
    l.lead = lead;
    return l;
  });
  // running headers and footers: from their repetition across the book's pages
  markRunningFurniture(out);
  // a notes heading is one only when a numbered note follows it
  for (const l of out) {
    if (l.cls !== 'notes-heading') continue;
    let k = l.i + 1;
    while (k < out.length && out[k]!.cls !== 'text' && out[k]!.cls !== 'chapter') k++;
    if (!(k < out.length && /^(?:\(\d{1,3}\)|\[\d{1,3}\]|\d{1,3}[.)]?(?=\s)|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})/.test(out[k]!.t))) {
      l.cls = 'text';
      l.rule = undefined;
    }
  }
  return out;
}

export function detectLayout(lines: ClassifiedLine[]): LayoutEvidence {
  const text = lines.filter((l) => l.cls === 'text');
  const n = Math.max(1, text.length);
  const lengths = text.map((l) => l.t.length).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const longShare = text.filter((l) => l.t.length > 160).length / n;

  let md = 0;
  let sup = 0;
  let hr = 0;
  for (const l of lines) {
    if (/^#{1,6}\s/.test(l.t)) md++;
    if (/<sup>\d+<\/sup>/.test(l.text)) sup++;
    if (/^---+$/.test(l.t)) hr++;
    if (/\]\(https?:/.test(l.text) || /\\\\?_/.test(l.text)) md++;
  }
  // blank-line rhythm: after a text line, how many blank lines before the next text line?
  const gaps: number[] = [];
  let trailingCount = 0;
  let run = -1;
  for (const l of lines) {
    if (l.cls === 'text') {
      if (run >= 0) gaps.push(run);
      run = 0;
      if (l.trailing) trailingCount++;
    } else if (l.cls === 'blank' && run >= 0) run++;
    else run = -1;
  }
  const gapHist = [0, 0, 0];
  for (const g of gaps) gapHist[Math.min(g, 2)]!++;
  const gn = Math.max(1, gaps.length);
  const trailingShare = trailingCount / n;

  // wrapped text ends few of its lines with sentence punctuation (only paragraph ends);
  // one paragraph per line ends nearly all of them so
  let ended = 0;
  let counted = 0;
  for (const l of text) {
    if (l.t.length <= 20) continue;
    counted++;
    if (/[.!?…:;>"»)]$/.test(l.t)) ended++;
  }
  const endShare = counted ? ended / counted : 0;
  // a very short text gives little rhythm to read: a line longer than any wrap width decides
  const maxLen = lengths[lengths.length - 1] ?? 0;
  const ds = doubleSpacingEvidence(lines);
  // lines with a blank line after most of them, and not one running on into the next (a title
  // page, a few sentences): not wrapped, one paragraph per line
  const unwrapped = gapHist[1]! > gapHist[0]! && ds.wraps[0] === 0 && ds.wraps[1] === 0;
  const wrappedLike = !unwrapped && (counted >= 12 ? endShare < 0.45 && median < 150 : maxLen <= 160);
  const scores: Record<Layout, number> = {
    markdown: (md + sup * 2 + hr) / n,
    'paragraph-per-line': longShare + (median > 150 ? 0.5 : 0) + (wrappedLike ? 0 : 1),
    // a blank line after most lines is double spacing only when wrapped prose runs across it
    'double-spaced': wrappedLike && ds.doubleSpaced ? gapHist[1]! / gn : 0,
    'hard-wrapped': wrappedLike ? gapHist[0]! / gn : 0,
  };
  if (scores.markdown < 0.05) scores.markdown = 0;
  // nothing scores (a few unwrapped lines with blank lines between): hard-wrapped, blank lines end paragraphs
  let layout: Layout = 'hard-wrapped';
  let best = 0;
  for (const k of Object.keys(scores) as Layout[]) {
    if (scores[k] > best) {
      best = scores[k];
      layout = k;
    }
  }
  if (scores.markdown > 0.05 && !wrappedLike) layout = 'markdown';
  const layouts = (Object.keys(scores) as Layout[]).filter((k) => k !== layout && scores[k] >= 0.25 && scores[k] >= best * 0.6);
  const wrapped = isWrappedLayout(layout);
  return {
    layout,
    layouts: [layout, ...layouts],
    wrapGap: layout === 'double-spaced' ? 1 : 0,
    trailingSpaceMarksWrap: wrapped && trailingShare > 0.5,
    wrapWidth: wrapped ? median : 0,
    scores,
  };
}

/** Layouts whose paragraphs are wrapped over several lines (joined by the unwrap stage). */
export function isWrappedLayout(layout: Layout): boolean {
  return layout === 'hard-wrapped' || layout === 'double-spaced';
}
