/**
 * Stage 5 — markers: find footnote markers in body text, take them out of the
 * text, and put a note reference where the marker belongs.
 *
 * Forms: `<sup>N</sup>`, Unicode superscripts (also partly plain: `1⁴` = 14), `[N]`,
 * `(N)`, `[^N]`, `"N .` after a closing quote,
 * `wordN .`, `.N .` after punctuation, `NWord` glued to the start of a sentence,
 * and a number floating between words when the numbering sequence expects it.
 * A number is a marker only when a footnote it can link to exists (or the book's
 * numbering proves that footnote missing) and the numbering sequence allows it;
 * after a restart of the numbering (per chapter) markers link to the next run;
 * superscripts and `<sup>` are never read as digits of a neighbouring number.
 *
 * Placement: a marker glued to the start of a sentence cites that sentence and
 * goes to its closing quotation or end; a superscript pushed forward onto a later
 * word goes back to the closing quote or sentence end it was pushed past.
 */
import { footnoteId, type NoteRef } from '../../types.js';
import type { MappedText } from '../../text/mapped-text.js';
import { superscriptToNumber } from '../3-pages/footnote-start.js';
import { sentenceSpans } from './sentences.js';
import { chainedLowerBound } from './leading-markers.js';

export interface MarkerBlock {
  id: string;
  mt: MappedText;
  notes: NoteRef[];
  /** source lines of the block (0-based), to tell which numbering run it can belong to */
  lines?: number[];
  /** a heading opens a chapter: the numbering may restart after it */
  kind?: string;
}

/** The footnotes of one numbering run: the whole book, or a chapter when the numbering restarts. */
export interface NumberingRun {
  chapter: number;
  numbers: Set<number>;
  /** last source line of its footnotes: a later run's markers come after it */
  lastLine: number;
  /** first source line of its footnotes: markers before it with the notes collected after the body (book-end notes) */
  firstLine?: number;
}

export interface MarkerStats {
  markers: number;
  /** ids (`footnoteId`) of the markers seen (linked or not) */
  seen: Set<string>;
  /** the numbering run the last marker belonged to */
  chapter: number;
}

type Form = 'clean' | 'sup-tag' | 'superscript' | 'after-quote' | 'after-punct' | 'glued-word' | 'initial' | 'floating' | 'duplicate';

interface Candidate {
  n: number;
  chapter: number;
  form: Form;
  /** range to delete from the text */
  start: number;
  end: number;
  /** position of the marker itself (before deletion) */
  at: number;
}

const RE = new RegExp(
  [
    '<sup>(?<sup>\\d{1,3})</sup>',
    // relecteur's own clean text
    '\\[\\^(?:(?<cch>\\d{1,3})\\.)?(?<clean>\\d{1,4})\\]',
    // a superscript the extractor rendered partly as plain digits: `chinoises"1⁴`
    '(?<=[\\p{L}"”».,;:)])(?<mix>\\d[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})',
    // `(N)` after a word, quote or punctuation: `installées (2),`
    '(?<=[\\p{L}\\d"”»).,;:%\'’] ?)\\((?<par>\\d{1,3})\\)',
    // converted documents: `[12]` after a word, quote or punctuation
    '(?<=[\\p{L}\\d"”»).,;:%\'’] ?)\\[(?<br>\\d{1,3})\\]',
    // (not the power of a unit: `km²`, `m³`)
    '(?<![\\d\\s](?:[kcdmµ]?m|ft|in))(?<uni>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})',
    // after a closing quote: `Route"1 .`, `Kamen"22 a`, `parc"50 .`, `minutes "11. Ce` (a quote set off by a space, then the marker glued to the sentence's end)
    '(?<=\\S["”»]|^["”»]|\\s["”»](?=\\d{1,3} (?:une?|les?|la|et|de|des|à|pour|qui|dans|a|au|en|,|\\.)|\\d{1,3}[.,;:](?:\\s|$)))(?<q>\\d{1,3})(?= ?[.,;:!?)]| \\p{Ll}| *$)',
    // after punctuation that follows a word: `maritime".41 .`, `%".20`
    '(?<=[\\p{L}%"”»)][.,;:]["”»]?)(?<p>\\d{1,3})(?= ?[.,;:]|\\s|$)',
    // glued to the end of a word: `Minsk323 .`
    '(?<=\\p{L}{3}|\\p{L}%|\\d ?%)(?<w>\\d{1,3})(?= ?[.,;:](?:\\s|$))',
    // glued to the start of a sentence or paragraph: `2Cela`, `46En 2021`, `242"La`, `13également`
    '(?<=^|[\\s„•>])(?<i>\\d{1,3})(?=\\p{Lu}[\\p{Ll}\'’]|À |\\p{Lu}{2,}\\b|["«<]\\p{L}|(?!(?:e|er|re|es|ers|ème|ième|eme|ieme|nd|nde)\\b)\\p{Ll}{2,})',
    // a marker printed twice in a row: `dollars). 20 21Le PIB`
    '(?<=[.!?)"»] )(?<d>\\d{1,3})(?= \\d{1,3}\\p{Lu})',
    // floating between words: `bilatéraux 193 pour`, `". 43 Cinq`
    '(?<=[\\p{L}.,;"] )(?<f>\\d{1,3})(?= \\p{L})',
  ].join('|'),
  'guy',
);

/** Marker matches, tried only where a marker can start (a `<sup>` tag or the first digit of a run). */
function* markerMatches(s: string): Generator<RegExpExecArray> {
  const starts = /<sup>|\[\^?|\((?=\d{1,3}\))|\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
  let m: RegExpExecArray | null;
  while ((m = starts.exec(s))) {
    const c0 = m[0].charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      // plain digits: a marker has at most three, and is not the whole part of a decimal (12,2)
      if (m[0].length > 3) continue;
      const after = s.charCodeAt(starts.lastIndex);
      if ((after === 44 || after === 46) && s.charCodeAt(starts.lastIndex + 1) >= 48 && s.charCodeAt(starts.lastIndex + 1) <= 57) continue;
    }
    RE.lastIndex = m.index;
    const hit = RE.exec(s);
    if (hit) {
      yield hit;
      if (starts.lastIndex < RE.lastIndex) starts.lastIndex = RE.lastIndex;
    }
  }
}

const CLOSING_QUOTE_GAP = /(?<=\S["”»)])[ \t]+(?=[.,;:](?:\s|$))/gu;

export function linkMarkers(
  blocks: MarkerBlock[],
  runsIn: NumberingRun[],
  startMarker = 0,
  seenBefore: Iterable<string> = [],
  startChapter = 1,
  /** the text is a section of a larger book and more follows: its numbering may go on after it */
  openEnd = false,
): MarkerStats {
  const runs = runsIn.length ? runsIn : [{ chapter: startChapter, numbers: new Set<number>(), lastLine: -1 }];
  const stats: MarkerStats = { markers: 0, seen: new Set(seenBefore), chapter: startChapter };
  const W = 40;
  let r = 0;
  let footnoteNumbers = runs[0]!.numbers;
  let last = 0;
  // the range of the run's footnote numbering (a section inherits where the numbering stood)
  let lo = Infinity;
  let hi = -Infinity;
  const enterRun = (k: number, inherited: number) => {
    r = k;
    footnoteNumbers = runs[k]!.numbers;
    lo = Infinity;
    hi = -Infinity;
    for (const n of footnoteNumbers) {
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
    last = inherited;
    if (inherited > 0 && footnoteNumbers.size > 0) lo = Math.min(lo, inherited);
    // a file that starts mid-book (a chapter file) or a restarted numbering: markers go on from where its footnotes start
    if (inherited === 0 && lo !== Infinity) last = lo - 1;
  };
  enterRun(0, runs[0]!.chapter === startChapter ? startMarker : 0);
  // notes collected after the whole body (book-end notes): every block comes before the first run's notes
  let lastBlockLine = -1;
  for (const b of blocks) if ((b.lines?.[0] ?? Infinity) > lastBlockLine) lastBlockLine = b.lines?.[0] ?? Infinity;
  const bookEnd = runs.length > 1 && lastBlockLine < (runs[0]!.firstLine ?? -1);
  // first pass: the book's convention (do markers open sentences or follow what they cite?)
  let initial = 0;
  let final = 0;
  const shaped: number[] = [];
  for (const b of blocks) {
    for (const m of markerMatches(b.mt.toString())) {
      const g = m.groups!;
      if (g.i) initial++;
      else if (g.q || g.w || g.p) final++;
      else if (g.uni || g.sup) final++;
      const n = shapedNumber(g);
      if (n !== null) shaped.push(n);
    }
  }
  const convention: 'initial' | 'final' = initial > final ? 'initial' : 'final';
  // a file that starts mid-book: markers leading up, one by one, to its first footnote prove the notes before it missing
  if (last === lo - 1 && lo !== Infinity) {
    const bound = chainedLowerBound(lo, shaped);
    if (bound < lo) {
      lo = bound;
      last = bound - 1;
    }
  }

  // a heading since the last marker: a chapter opened, where a restarted numbering begins
  let headingSince = false;
  for (const b of blocks) {
    if (b.kind === 'heading') headingSince = true;
    const s = b.mt.toString();
    const cands: Candidate[] = [];
    for (const m of markerMatches(s)) {
      const g = m.groups!;
      const at = m.index!;
      let form: Form;
      let n: number;
      let end = at + m[0].length;
      if (g.clean) {
        // relecteur's own `[^N]`: already where it belongs, never moved (a second run changes nothing)
        form = 'clean';
        n = Number(g.clean);
        const c = g.cch ? Number(g.cch) : 1;
        const k = runs.findIndex((x) => x.chapter === c);
        if (k > r) enterRun(k, 0);
      } else if (g.mix) {
        form = 'superscript';
        n = Number(g.mix[0]) * 10 ** (g.mix.length - 1) + superscriptToNumber(g.mix.slice(1));
        if (/^ [.,;:](?:\s|$)/.test(s.slice(end))) end += 1;
      } else if (g.par) {
        form = 'after-quote';
        n = Number(g.par);
      } else if (g.br) {
        form = 'after-quote';
        n = Number(g.br);
      } else if (g.sup) {
        form = 'sup-tag';
        n = Number(g.sup);
        if (/^ [.,;:](?:\s|$)/.test(s.slice(end))) end += 1; // `"<sup>1</sup> .`
      } else if (g.uni) {
        form = 'superscript';
        n = superscriptToNumber(g.uni);
        if (/^ [.,;:](?:\s|$)/.test(s.slice(end))) end += 1;
      } else if (g.q) {
        form = 'after-quote';
        n = Number(g.q);
        if (/^ [.,;:!?)]/.test(s.slice(end))) end += 1;
      } else if (g.p) {
        form = 'after-punct';
        n = Number(g.p);
      } else if (g.w) {
        form = 'glued-word';
        n = Number(g.w);
        if (/^ [.,;:]/.test(s.slice(end))) end += 1;
      } else if (g.d) {
        form = 'duplicate';
        n = Number(g.d);
        end += 1;
      } else if (g.i) {
        form = 'initial';
        n = Number(g.i);
      } else {
        form = 'floating';
        n = Number(g.f);
        end += 1; // and its following space
      }
      const strong = form === 'sup-tag' || form === 'superscript' || form === 'clean';
      // the numbering restarted: past the last footnote of this run, a number of the next run
      // that goes back (or does not fit here) opens that run
      const next = runs[r + 1];
      // — past its footnotes' last line, or (its footnotes may close the page where the next
      // chapter starts) going back after a chapter heading or once every number of this run was called
      if (next && form !== 'floating' && next.numbers.has(n) && (n <= last || !footnoteNumbers.has(n)) && ((b.lines?.[0] ?? 0) > runs[r]!.lastLine || (n < last && n === lowest(next.numbers) && (headingSince || last >= hi)))) enterRun(r + 1, 0);
      // book-end notes whose numbering restarts per chapter: the body comes before every run,
      // and a marker going back to 1 opens the next run
      else if (bookEnd && next && form !== 'floating' && next.numbers.has(n) && n === 1 && last >= 1) enterRun(r + 1, 0);
      const known = footnoteNumbers.has(n);
      // a number is a marker only when a footnote it can link to exists, or when the
      // book's own numbering proves that footnote is missing
      // (a gap inside its range, or the next number after the last one the markers reached)
      if (!known && !(n >= lo && n <= hi) && !(n === last + 1 && last >= lo) && !(openEnd && n > last && r === runs.length - 1)) continue;
      let ok: boolean;
      if (strong) ok = true;
      else if (form === 'floating') ok = n === last + 1 && known && !/(?:^|[\s'’])(?:[Ll]es|[Dd]es|de|à|et|sur|plus|environ|que|[Ee]n|[Ll]e|[Ll]a|par|pour|dont|avec|entre|près|quelque)\s$/.test(s.slice(Math.max(0, at - 12), at));
      else ok = n > last - 3 && n <= last + W && (known || n > last) && n > 0;
      if (form === 'initial' && !ok) continue;
      if (!ok) continue;
      // a marker must not be the tail or head of a longer number (brackets delimit theirs: `2020(30)`)
      const numEnd = at + m[0].length;
      if (!strong && !g.br && !g.par && (/\d$/.test(s.slice(0, at)) || /^\d/.test(s.slice(numEnd)))) continue;
      // a bracket marker set off by a space takes its space with it (`installées [2],`),
      // unless a word follows it directly (`pendant (12)à 24 heures`)
      const start = (g.br || g.par) && s[at - 1] === ' ' && !/^[\p{L}\d]/u.test(s.slice(end)) ? at - 1 : at;
      cands.push({ n, chapter: runs[r]!.chapter, form, start, end, at });
      headingSince = false;
      if (n > last) last = n;
    }
    if (cands.length === 0) {
      cleanGaps(b);
      continue;
    }
    // where each marker goes, in the text before deletion
    const targets = cands.map((c) => placeMarker(s, c, convention));
    // delete from the end so offsets stay valid
    const dels = cands.map((c) => [c.start, c.end] as const).sort((a, b) => b[0] - a[0]);
    for (const [a, z] of dels) b.mt.replace(a, z, '', 'footnotes/link-marker', 'footnotes');
    for (let k = 0; k < cands.length; k++) {
      const c = cands[k]!;
      let t = targets[k]!;
      let shift = 0;
      for (const [a, z] of dels) {
        if (z <= t) shift += z - a;
        else if (a < t) shift += t - a;
      }
      t -= shift;
      // a marker printed again (`20 21Le`, `13 … 13également`) is taken out, not linked twice
      const id = footnoteId(c.chapter, c.n);
      const again = stats.seen.has(id) && c.form !== 'sup-tag' && c.form !== 'superscript' && c.form !== 'clean';
      stats.seen.add(id);
      if (again) continue;
      stats.markers++;
      if (!b.notes.some((x) => x.id === id)) b.notes.push({ n: c.n, offset: t, chapter: c.chapter, id });
    }
    cleanGaps(b);
    b.notes.sort((x, y) => x.offset - y.offset || x.n - y.n);
  }
  stats.chapter = runs[r]!.chapter;
  return stats;
}

/** The number of a marker-shaped match (glued to a word, quote or sentence start, or superscript); null for a floating or repeated number. */
function shapedNumber(g: Record<string, string | undefined>): number | null {
  if (g.uni) return superscriptToNumber(g.uni);
  if (g.mix) return Number(g.mix[0]) * 10 ** (g.mix.length - 1) + superscriptToNumber(g.mix.slice(1));
  const d = g.sup ?? g.par ?? g.br ?? g.q ?? g.p ?? g.w ?? g.i;
  return d === undefined ? null : Number(d);
}

function lowest(ns: Set<number>): number {
  let lo = Infinity;
  for (const n of ns) if (n < lo) lo = n;
  return lo;
}

/** Remove the space a marker left between a closing quote and its punctuation (`stratégie" .`). */
function cleanGaps(b: MarkerBlock): void {
  const s = b.mt.toString();
  const gaps = [...s.matchAll(CLOSING_QUOTE_GAP)].map((m) => [m.index!, m.index! + m[0].length] as const);
  for (let k = gaps.length - 1; k >= 0; k--) {
    const [a, z] = gaps[k]!;
    b.mt.replace(a, z, '', 'footnotes/residual-gap', 'footnotes');
    for (const note of b.notes) if (note.offset > a) note.offset -= Math.min(z, note.offset) - a;
  }
}

const ABBREV = /(?:^|[\s(])(?:M|Mme|MM|Dr|p|pp|éd|vol|coll|C|С|art|n°|No|St|av|J\.-C|env|etc|cf|ibid|Ibid|[A-Z])\.$/u;

/** Offset (in `s`, before deletions) where the marker of candidate c belongs. */
function placeMarker(s: string, c: Candidate, convention: 'initial' | 'final'): number {
  if (c.form === 'clean') return c.start;
  if (c.form === 'initial') {
    if (convention === 'final') {
      const back = closingBefore(s, c.start);
      if (back !== null) return back;
    }
    return sentenceEndAfter(s, c.end);
  }
  if ((c.form === 'superscript' || c.form === 'sup-tag') && /^\p{L}|^\d/u.test(s.slice(c.end)) && /(?:^|\s)$/.test(s.slice(0, c.start))) {
    // glued to the start of a word: pushed forward; go back before the word(s)
    const back = closingBefore(s, c.start, 6);
    if (back !== null) return back;
    if (/^\s*$/.test(s.slice(0, c.start)) || /[.!?]["”»]?\s+$/.test(s.slice(0, c.start))) return sentenceEndAfter(s, c.end);
    return c.start;
  }
  if (c.form === 'after-quote' || c.form === 'glued-word') return c.start;
  return c.start;
}

/** Just after a closing quote (or before the period of a sentence end) within `words` words before `at`. */
function closingBefore(s: string, at: number, words = 1): number | null {
  const before = s.slice(Math.max(0, at - 200), at);
  const base = Math.max(0, at - 200);
  const m = new RegExp(`(["”»)])(?:[.,;:!?])?\\s+(?:\\S+\\s+){0,${Math.max(0, words - 1)}}$`, 'u').exec(before);
  if (m) {
    const q = base + m.index + 1; // just after the quote
    return q;
  }
  const p = /([^\s.])([.!?])\s+(?:\S+\s+){0,2}$/u.exec(before);
  if (p && words > 1) return base + p.index + 1;
  return null;
}

/**
 * Where a marker that opens a sentence belongs: after the sentence's closing quotation
 * when the sentence closes one (`…l'année précédente"[^4], et …`), else before its
 * final period.
 */
function sentenceEndAfter(s: string, from: number): number {
  const end = sentenceEnd(s, from);
  return closingQuoteOrEnd(s, from, end);
}

/** In the sentence [from, end], after its last closing quotation, else `end`. */
function closingQuoteOrEnd(s: string, from: number, end: number): number {
  const inner = s.slice(from, end + 1);
  let last = -1;
  for (const m of inner.matchAll(/(?<=\S)["”»](?=[\s.,;:!?)]|$)/gu)) last = m.index!;
  return last >= 0 ? from + last + 1 + (inner.slice(last + 1).match(/^["”»]+/)?.[0].length ?? 0) : end;
}

/**
 * The end of the sentence that holds `from` (retext's sentences, French
 * abbreviations joined): after its closing quote, before its final period.
 */
function sentenceEnd(s: string, from: number): number {
  // the marker opens its sentence: parse a window from there (a sentence is shorter
  // than this; parsing whole blocks would cost more than every other stage)
  for (const size of [400, 2400]) {
    let to = Math.min(s.length, from + size);
    if (to < s.length) to = Math.max(from + 1, s.lastIndexOf(' ', to));
    const spans = sentenceSpans(s.slice(from, to));
    const first = spans[0];
    // the first sentence is whole when another one follows it in the window, or the window reached the end
    if (first && (spans.length > 1 || to === s.length)) {
      let e = from + first[1];
      while (e > from && /[\s.!?…]/.test(s[e - 1]!)) e--;
      return e;
    }
  }
  return sentenceEndByPattern(s, from);
}

/** Fallback when no sentence holds the offset: the next sentence-ending punctuation. */
function sentenceEndByPattern(s: string, from: number): number {
  const re = /(["”»)]*)\s*([.!?…]+|(?=\s*$))(?=\s+(?:\d{1,3})?[\p{Lu}"«<(\d]|\s*$)/gu;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const endOfWord = m.index;
    if (endOfWord <= from) {
      if (re.lastIndex === m.index) re.lastIndex++;
      continue;
    }
    if (m[2] === '.' && !m[1] && ABBREV.test(s.slice(Math.max(0, endOfWord - 8), endOfWord + 1))) {
      if (re.lastIndex === m.index) re.lastIndex++;
      continue;
    }
    return endOfWord + m[1]!.length;
  }
  return s.trimEnd().length;
}
