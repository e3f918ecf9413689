/**
 * Tests of the noise generator itself: the truth is well formed, rendering is deterministic, and a small
 * reference decoder that knows the generator's conventions recovers the truth exactly from every layout.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanBookArb,
  mulberry32,
  noisyBookArb,
  NOISY_LAYOUTS,
  randomCleanBook,
  renderNoisy,
  type CleanBook,
  type CleanNote,
  type NoisyBook,
} from './noisy-book.js';

const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SEP46 = ' '.repeat(46);
const squash = (s: string): string => s.replace(/[\s<>]/g, '');

interface Decoded {
  paragraphs: { text: string; notes: CleanNote[] }[];
  footnotes: { n: number; text: string }[];
}

/** Removes markers matched by `re` (group 1 = number); `place` gives the truth offset from the stripped text. */
function strip(raw: string, re: RegExp, place: (text: string, at: number) => number): { text: string; notes: CleanNote[] } {
  let text = '';
  let last = 0;
  const found: { n: number; at: number }[] = [];
  for (const m of raw.matchAll(re)) {
    text += raw.slice(last, m.index);
    found.push({ n: Number(m[1]!.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (d) => String(SUP_DIGITS.indexOf(d)))), at: text.length });
    last = m.index + m[0].length;
  }
  text += raw.slice(last);
  return { text, notes: found.map((f) => ({ n: f.n, offset: place(text, f.at) })) };
}

/** double-spaced: the marker opens the sentence it cites; the note sits at its `",` or at its final period. */
function sentenceNoteOffset(text: string, st: number): number {
  let end = text.length - 1;
  for (let i = st; i < text.length; i++) if (text[i] === '.' && (i === text.length - 1 || text[i + 1] === ' ')) { end = i; break; }
  const q = text.indexOf('",', st);
  return q >= 0 && q < end ? q + 1 : end;
}

function decodeBody(layout: NoisyBook['layout'], raw: string): { text: string; notes: CleanNote[] } {
  switch (layout) {
    case 'hard-wrapped':
      return strip(raw, /(?<=["\p{L}%])(\d+) ?(?=[.,;:!?])/gu, (_t, at) => at);
    case 'double-spaced': {
      const r = strip(raw.replace(/" ([.,])/g, '"$1'), /(?:^|(?<=\. ))(\d+)(?=["\p{L}])/gu, (_t, at) => at);
      return { text: r.text, notes: r.notes.map((n) => ({ n: n.n, offset: sentenceNoteOffset(r.text, n.offset) })) };
    }
    case 'paragraph-per-line':
      return strip(raw, /([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_t, at) => at);
    case 'markdown':
      return strip(raw.replace(/^## /, ''), /<sup>(\d+)<\/sup>(?: (?=[.,]))?/g, (_t, at) => at);
  }
}

/** Reference decoder for the generator's own conventions (not a pipeline: it relies on them). */
export function decode(nb: NoisyBook): Decoded {
  const bodies: string[] = [];
  const fns: { n: number; text: string }[] = [];
  if (nb.layout === 'paragraph-per-line' || nb.layout === 'markdown') {
    let afterFoot = false;
    for (const b of nb.text.split('\n\n')) {
      if (b === '---' || /^\d+$/.test(b)) continue;
      const m = /^(\d+)[ _]([^]*)$/.exec(b);
      if (m) { fns.push({ n: Number(m[1]), text: m[2]! }); afterFoot = true; continue; }
      if (afterFoot && bodies.length) {
        const prev = bodies.pop()!;
        bodies.push(/\p{L}-$/u.test(prev) ? prev + b : `${prev} ${b}`);
      } else bodies.push(b);
      afterFoot = false;
    }
  } else {
    const ds = nb.layout === 'double-spaced';
    const lines = nb.text.split('\n');
    let k = 0; // next word split
    let buf: string | null = null;
    let foot = false;
    let afterPageNo = false;
    const add = (line: string): void => {
      if (buf === null) { buf = line; return; }
      const ws = nb.wordSplits[k];
      if (ws && buf.endsWith(`${ws.left}- `) && line.startsWith(ws.right)) { buf = buf.slice(0, -2) + line; k++; }
      else if (/\p{L}- $/u.test(buf)) buf = buf.slice(0, -1) + line; // compound: keep the hyphen
      else buf += line;
    };
    const close = (): void => { if (buf !== null) bodies.push(buf); buf = null; };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!foot) {
        if (line === '') { if (!ds) foot = true; continue; }
        if (ds && line === SEP46) { foot = true; continue; }
        add(line);
        if (!line.endsWith(' ') && !(!ds && lines[i + 1] === '')) close();
        continue;
      }
      if (line.trim() === '') continue;
      if (/^ \S/.test(line) || afterPageNo) {
        foot = false;
        const cont = afterPageNo ? line : line.slice(1);
        add(ds || afterPageNo ? (buf !== null && !(buf as string).endsWith(' ') ? ' ' + cont : cont) : line);
        afterPageNo = false;
        if (!line.endsWith(' ')) close();
        continue;
      }
      if (/^\d+ ?$/.test(line)) { afterPageNo = true; continue; }
      const m = /^(\d+) (.*)$/.exec(line);
      if (m) fns.push({ n: Number(m[1]), text: m[2]! });
      else fns[fns.length - 1]!.text += line;
    }
    close();
    expect(k).toBe(nb.wordSplits.length);
  }
  return { paragraphs: bodies.map((b) => decodeBody(nb.layout, b)), footnotes: fns };
}

function expectRecovered(nb: NoisyBook): void {
  const d = decode(nb);
  expect(d.paragraphs.map((p) => p.text)).toEqual(nb.truth.paragraphs.map((p) => p.text));
  expect(d.paragraphs.map((p) => p.notes)).toEqual(nb.truth.paragraphs.map((p) => p.notes));
  expect(d.footnotes.map((f) => f.n)).toEqual(nb.truth.footnotes.map((f) => f.n));
  expect(d.footnotes.map((f) => squash(f.text))).toEqual(nb.truth.footnotes.map((f) => squash(f.text)));
}

function checkTruth(b: CleanBook): void {
  const ns = b.paragraphs.flatMap((p) => p.notes.map((x) => x.n));
  expect(ns.length).toBeGreaterThan(0);
  expect(ns).toEqual(ns.map((_, i) => ns[0]! + i)); // continuous, reading order
  expect(b.footnotes.map((f) => f.n)).toEqual(ns);
  for (const p of b.paragraphs) {
    expect(p.text).not.toMatch(/\n| {2}|^ | $|^\d/);
    if (p.heading) expect(p.notes).toEqual([]);
    for (const { offset } of p.notes) {
      expect(p.text[offset]).toMatch(/[.,]/);
      expect(p.text[offset - 1]).toMatch(/["\p{L}%\d]/u);
    }
  }
  for (const f of b.footnotes) expect(f.text).toMatch(/\[Ressource électronique\]\. - \d{4}\. - URL : https?:\/\/\S+$|C\. \d+\.$/);
}

describe('cleanBookArb', () => {
  it('produces well-formed truth with continuous note numbering', () => {
    fc.assert(fc.property(cleanBookArb(), checkTruth), { numRuns: 200 });
  });
  it('respects firstNote / maxFootnotes', () => {
    fc.assert(
      fc.property(cleanBookArb({ firstNote: 40, maxFootnotes: 3 }), (b) => {
        expect(b.footnotes[0]!.n).toBe(40);
        expect(b.footnotes.length).toBeLessThanOrEqual(3);
      }),
    );
  });
  it('uses real French words, accents, compounds, numbers and quotes', () => {
    const b = randomCleanBook(mulberry32(3), { paragraphs: 200 });
    const all = b.paragraphs.map((p) => p.text).join(' ');
    for (const re of [/é/, /sino-biélorusse|post-soviétique|libre-échange/, /\d \d{3} /, /\d,\d (milliards?|millions)/, /\d %/, /"[^"]+"/])
      expect(all).toMatch(re);
    expect(b.footnotes.some((f) => /https:\/\/www\.belta\.by\/\w+\/view\/[a-z-]+-\d{6}-\d{4}\/$/.test(f.text))).toBe(true);
    checkTruth(b);
  });
});

describe('renderNoisy', () => {
  it('is deterministic given the rng', () => {
    const b = randomCleanBook(mulberry32(9), { paragraphs: 30 });
    for (const l of NOISY_LAYOUTS) expect(renderNoisy(b, l, mulberry32(5)).text).toBe(renderNoisy(b, l, mulberry32(5)).text);
  });

  it.each(NOISY_LAYOUTS)('prints the %s layout as in the real books', (layout) => {
    const nb = renderNoisy(randomCleanBook(mulberry32(11), { paragraphs: 60 }), layout, mulberry32(1), {
      pageLines: 15,
      pageChars: 1500,
      syllabicHyphenation: 0.5,
    });
    const t = nb.text;
    expect(t.endsWith('\n')).toBe(false);
    switch (layout) {
      case 'hard-wrapped':
        expect(t).toMatch(/\S\n\n\d+ \S/); // last body line, blank, footnote block
        expect(t).toMatch(/\n \p{Ll}/u); // space-led continuation
        expect(t).toMatch(/["\p{L}]\d+ \./u); // `"12 .` / `word12 .`
        expect(t).toMatch(/\p{L}- \n\p{L}/u); // compound or syllabic break
        expect(nb.wordSplits.length).toBeGreaterThan(0);
        expect(t).toMatch(/\n[^\n]*-(?: )?\n\S/); // URL broken at a hyphen
        break;
      case 'double-spaced':
        expect(t).toContain(`\n\n${SEP46}\n`);
        expect(t).toMatch(/\. \d+\p{Lu}/u); // glued sentence-initial marker
        expect(t).toMatch(/\S \n\n\S/); // trailing space, blank line after every body line
        break;
      case 'paragraph-per-line':
        expect(t).toMatch(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/);
        expect(t).toMatch(/\p{L}\n\n\d+[ _]\S/u); // a paragraph cut before a footnote paragraph
        break;
      case 'markdown':
        expect(t).toMatch(/<sup>\d+<\/sup>/);
        expect(t).toContain('\n\n---\n\n');
        expect(t).toMatch(/URL : <https?:\/\/[^>]+>/);
        break;
    }
    expectRecovered(nb);
  });

  it('never starts a non-footnote line with `N ` (body, URL tails)', () => {
    fc.assert(
      fc.property(noisyBookArb({ layouts: ['hard-wrapped', 'double-spaced'], noise: { pageNumbers: false } }), (nb) => {
        const fnStarts = new Set(nb.truth.footnotes.map((f) => `${f.n} `));
        for (const line of nb.text.split('\n')) {
          const m = /^ ?(\d+ )/.exec(line);
          if (m) expect(fnStarts.has(m[1]!) && !line.startsWith(' ')).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the truth recoverable in every layout and noise setting', () => {
    fc.assert(fc.property(noisyBookArb(), expectRecovered), { numRuns: 300 });
  });

  // (its speed is the benchmark's business, not a test's: no timing here)
  it('renders a book of several megabytes in every layout, deterministically (the bench relies on it)', () => {
    const b = randomCleanBook(mulberry32(1), { paragraphs: 3000 });
    let bytes = 0;
    for (const l of NOISY_LAYOUTS) {
      const text = renderNoisy(b, l, mulberry32(2)).text;
      expect(renderNoisy(b, l, mulberry32(2)).text).toBe(text);
      bytes += Buffer.byteLength(text);
    }
    expect(bytes).toBeGreaterThan(4e6);
  });
});
