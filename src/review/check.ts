/**
 * `relecteur check`: the quality figures of each book, against thresholds
 * (src/review/check-config.ts), with the places of the worst cases. Works on a
 * document JSON (run in-process, or read from an output directory with `--from`).
 */
import { franc } from 'franc';
import type { AuditEntry, Block, DocumentJson } from '../types.js';
import { reconstruct } from '../stages/9-document/reconstruct.js';
import { isWrapOnly } from './change-view.js';
import { LineStarts } from '../text/lines.js';
import type { CheckThresholds } from './check-config.js';

export interface Place {
  file: string;
  line: number;
  what: string;
}

export interface Figure {
  key: keyof CheckThresholds;
  label: string;
  count: number;
  /** what the count is out of (0 for a plain count) */
  of: number;
  /** percent when `of` > 0, else the count */
  value: number;
  limit: number;
  over: boolean;
  worst: Place[];
}

export interface BookCheck {
  book: string;
  figures: Figure[];
  facts: Record<string, number>;
  ok: boolean;
}

const BODY = new Set(['paragraph', 'heading', 'list-item']);

interface Numbering {
  first?: number;
  last?: number;
  gaps?: Array<[number, number]>;
  duplicates?: number[];
  missing?: number[];
  orphans?: number[];
}

/** The source offset of a text offset of a block or footnote (through its verbatim runs). */
function sourceOffset(unit: { map?: Array<[number, number, number]> }, offset: number): number | undefined {
  let best: [number, number, number] | undefined;
  for (const m of unit.map ?? []) {
    if (m[1] <= offset) best = m;
    else break;
  }
  if (!best) return unit.map?.[0]?.[0];
  return best[0] + Math.min(offset - best[1], best[2]);
}

const pct = (n: number, of: number) => (of > 0 ? (100 * n) / of : 0);

/** Leftover noise in one body block: [text offset, what] pairs. */
export function leftoverNoise(text: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  // a word cut by a line-end hyphen and left apart (not the suspended hyphen of "micro- et macro-")
  for (const m of text.matchAll(/\p{Ll}{2,}- (?!(?:et|ou|and|or|à)\b)\p{Ll}{2,}/gu)) out.push([m.index, `hyphen fragment "${m[0]}"`]);
  if (/\p{Ll}-$/u.test(text)) out.push([text.length - 1, 'paragraph ends in a hyphen fragment']);
  // a footnote number glued to a word: "économie12 ", "pays.¹²"
  for (const m of text.matchAll(/\p{Ll}{3,}[.,;:»"]?(?:\d{1,3}|[¹²³⁰⁴-⁹]+)(?=[\s.,;:]|$)/gu)) out.push([m.index, `glued marker digits "${m[0]}"`]);
  // a page number left as a paragraph
  if (/^\s*\d{1,4}\s*$/.test(text)) out.push([0, `page number as a block "${text.trim()}"`]);
  return out;
}

export function checkDocument(doc: DocumentJson, t: CheckThresholds, original: string = reconstruct(doc)): BookCheck {
  const file = doc.source.path;
  const index = new LineStarts(original);
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : index.line(offset));
  const s = doc.stats;
  const num = (s.numbering ?? {}) as Numbering;
  const fnLine = (n: number) => doc.footnotes.find((f) => f.n === n)?.source[0]?.start.line ?? 1;
  const figures: Figure[] = [];
  const add = (key: keyof CheckThresholds, label: string, count: number, of: number, worst: Place[]) => {
    const value = of > 0 ? pct(count, of) : count;
    const limit = t[key];
    figures.push({ key, label, count, of, value, limit, over: value > limit, worst: worst.slice(0, t.worstCases) });
  };

  // markers and footnotes
  const markerPlace = (n: number): Place[] =>
    doc.blocks.flatMap((b) => b.notes.filter((x) => x.n === n).map((x) => ({ file, line: lineOf(sourceOffset(b, x.offset)), what: `marker ${n} in ${b.id}` })));
  add('unlinkedMarkersPercent', 'unlinked markers', s.unlinkedMarkers, s.markers, []);
  add('missingFootnotesPercent', 'markers without footnote text', s.missingFootnotes, s.markers, (num.missing ?? []).flatMap(markerPlace));
  add('orphanFootnotesPercent', 'footnotes without a marker', s.orphanFootnotes, s.footnotes, (num.orphans ?? []).map((n) => ({ file, line: fnLine(n), what: `footnote ${n}` })));
  const gaps = num.gaps ?? [];
  const dups = num.duplicates ?? [];
  const gapNumbers = gaps.reduce((a, [x, y]) => a + y - x + 1, 0);
  const range = num.first !== undefined && num.last !== undefined ? num.last - num.first + 1 : s.footnotes;
  const gapPlaces = [...gaps]
    .sort((a, b) => b[1] - b[0] - (a[1] - a[0]))
    .map(([x, y]) => ({ file, line: fnLine(doc.footnotes.find((f) => f.n > y)?.n ?? -1), what: `numbers ${x}-${y} absent` }));
  add('numberingAnomaliesPercent', 'footnote numbers skipped or repeated', gapNumbers + dups.length, range, [...gapPlaces, ...dups.map((n) => ({ file, line: fnLine(n), what: `footnote ${n} twice` }))]);

  // URLs
  const unrec: Place[] = [];
  for (const u of [...doc.footnotes.map((f) => ({ unit: f, line: f.source[0]?.start.line ?? 1 })), ...doc.blocks.map((b) => ({ unit: b as Block & { urls?: Block['urls'] }, line: b.source[0]?.start.line ?? 1 }))]) {
    for (const r of u.unit.urls ?? []) {
      if (r.status !== 'unrecoverable') continue;
      const at = u.unit.text.indexOf(r.raw.slice(0, 20));
      unrec.push({ file, line: at >= 0 ? lineOf(sourceOffset(u.unit, at)) : u.line, what: `URL "${r.raw.slice(0, 80)}"` });
    }
  }
  add('urlsUnrecoverablePercent', 'URLs unrecoverable', s.urlsUnrecoverable, s.urls, unrec);

  // language of the body paragraphs long enough to tell
  const long = doc.blocks.filter((b) => b.kind === 'paragraph' && b.text.length >= t.languageMinLength);
  const foreign: Array<Place & { len: number }> = [];
  for (const b of long) {
    const lang = franc(b.text.slice(0, 2000), { minLength: t.languageMinLength });
    if (lang !== 'fra') foreign.push({ file, line: lineOf(sourceOffset(b, 0)), what: `${b.id} reads as ${lang}`, len: b.text.length });
  }
  foreign.sort((a, b) => b.len - a.len);
  add('notFrenchPercent', `paragraphs (≥ ${t.languageMinLength} characters) not in French`, foreign.length, long.length, foreign.map(({ len: _l, ...p }) => p));

  // leftover noise in the body
  const noise: Place[] = [];
  const shortTexts = new Map<string, Block[]>();
  for (const b of doc.blocks) {
    if (!BODY.has(b.kind)) continue;
    for (const [at, what] of leftoverNoise(b.text)) noise.push({ file, line: lineOf(sourceOffset(b, at)), what });
    const key = b.text.trim().toLowerCase();
    if (key.length > 0 && key.length < 80) shortTexts.set(key, [...(shortTexts.get(key) ?? []), b]);
  }
  // a short line repeated three times or more in the body: a running header or footer left in
  for (const [key, bs] of shortTexts) {
    if (bs.length >= 3) for (const b of bs) noise.push({ file, line: lineOf(sourceOffset(b, 0)), what: `furniture-like line "${key}" (${bs.length} times)` });
  }
  noise.sort((a, b) => a.line - b.line);
  add('leftoverNoise', 'leftover noise in the body', noise.length, 0, noise);

  // decisions the pipeline flagged as uncertain
  const changes = doc.audit.filter((a) => !isWrapOnly(a));
  const uncertain = changes.filter((a) => (a as AuditEntry & { uncertain?: boolean }).uncertain === true || /uncertain|inferred/.test(a.rule));
  add('uncertainPercent', 'uncertain decisions', uncertain.length, changes.length, uncertain.map((a) => ({ file, line: a.source.start.line, what: `${a.rule}: ${JSON.stringify(a.before.slice(0, 40))} → ${JSON.stringify(a.after.slice(0, 40))}` })));

  return { book: file, figures, facts: { ...s.facts }, ok: figures.every((f) => !f.over) };
}

const fmtValue = (f: Figure) => (f.of > 0 ? `${f.value.toFixed(1)} % (${f.count} of ${f.of})` : String(f.count));
const fmtLimit = (f: Figure) => (f.of > 0 ? `${f.limit} %` : String(f.limit));
const fmtBy = (f: Figure) => (f.of > 0 ? `${(f.value - f.limit).toFixed(1)} points` : String(f.value - f.limit));

export function formatText(checks: BookCheck[], configFrom: string): string {
  const out: string[] = [];
  for (const c of checks) {
    out.push(`${c.book}: ${c.ok ? 'ok' : 'FAILED'}`);
    for (const f of c.figures) {
      const line = `  ${f.over ? '✗' : '✓'} ${f.label}: ${fmtValue(f)}, limit ${fmtLimit(f)}`;
      out.push(f.over ? `${line}, over by ${fmtBy(f)}` : line);
      if (f.over || (f.count > 0 && f.worst.length > 0)) for (const p of f.worst) out.push(`      ${p.file}:${p.line}: ${p.what}`);
    }
    out.push(`  facts: ${Object.entries(c.facts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  out.push(`relecteur check: ${checks.length} book(s), ${failed} over a threshold (thresholds: ${configFrom})`);
  return out.join('\n') + '\n';
}

const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one `::error` per figure over its threshold, at its worst place. */
export function formatGithub(checks: BookCheck[]): string {
  const out: string[] = [];
  for (const c of checks) {
    for (const f of c.figures) {
      if (!f.over) continue;
      const first = f.worst[0];
      const also = f.worst.slice(1).map((p) => `line ${p.line}`);
      const msg = `${f.label}: ${fmtValue(f)} over the limit ${fmtLimit(f)} by ${fmtBy(f)}${first ? ` — ${first.what}` : ''}${also.length ? `; also ${also.join(', ')}` : ''}`;
      out.push(`::error file=${ghProp(c.book)}${first ? `,line=${first.line}` : ''},title=${ghProp(`relecteur check: ${f.label}`)}::${ghData(msg)}`);
    }
  }
  const failed = checks.filter((c) => !c.ok).length;
  out.push(`relecteur check: ${checks.length} book(s), ${failed} over a threshold`);
  return out.join('\n') + '\n';
}

export function formatJson(checks: BookCheck[], configFrom: string, thresholds: CheckThresholds): string {
  return JSON.stringify({ ok: checks.every((c) => c.ok), thresholds, thresholdsFrom: configFrom, books: checks }, null, 1) + '\n';
}
