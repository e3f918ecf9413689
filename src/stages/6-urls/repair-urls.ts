/**
 * Stage 6 — URLs: find the URLs of a footnote (or bibliography / body) text, repair them
 * where a named rule makes it safe, and say which could not be repaired.
 *
 * Input: one text whose former line breaks are single spaces at the offsets `breaks`.
 * Output: non-overlapping findings, each with the span of the construct as printed, the
 * URL to publish and the ids of the rules that changed it. Tables live in rules/urls/.
 */
import type { UrlRules } from './url-rules.js';

export { loadUrlRules, type UrlRules } from './url-rules.js';

export type UrlStatus = 'clean' | 'repaired' | 'unrecoverable';

export interface UrlFinding {
  start: number;
  end: number;
  raw: string;
  url: string | null;
  status: UrlStatus;
  rules: string[];
  confidence?: 'high' | 'low';
}

// ---------------------------------------------------------------------------------------
// Candidate detection (all regexes are linear: no nested quantifiers on overlapping classes)

/** `[text](target)` — the text may contain `\]` escapes. */
const MD_LINK = /\[(?:\\.|[^\]\\\n]){0,800}\]\(((?:https?:\/\/|www\.)[^\s()]{1,2000})\)/g;
/** `<http…>` / `<www…>` — may contain re-flow spaces; no nesting. */
const ANGLE = /<(?=h ?t ?t ?p|www\.)([^<>]{1,3000})>/g;
/** a scheme, possibly split by re-flow spaces (`h ttps :// `), or the OCR forms `ht.tp://`, `httpsAA`. */
const SCHEME = /[hH] ?[tT] ?[tT] ?[pP] ?(?:[sS] ?)?: ?\/ ?\/ ?|ht\.tp:\/\/|https?A{1,2}(?=www)|https?(?=https?:\/\/)/g;
const WWW = /(?<![\w./@-])www\.(?=[A-Za-z0-9])/g;
/** a scheme at the very start of a string (for the chain: a new URL starts here) */
const SCHEME_AT = /^(?:[hH] ?[tT] ?[tT] ?[pP] ?(?:[sS] ?)?: ?\/ ?\/|www\.)/;

const CYRILLIC = /[\u0400-\u04FF]/;
/** characters that end a chunk outright */
const ENDERS = new Set([' ', '\n', '\t', '\r', '"', '<', '>', '«', '»', '\u00A0']);
const JOIN_END = /[-/.%_=&?#]$|%[0-9A-Fa-f]$/;
const JOIN_START = /^[-/.%_=&?#]/;
/** a chunk with URL structure inside it (not just a final full stop) */
const STRUCTURED = /[/_=%#?&]|[A-Za-z0-9\u0400-\u04FF][-.][A-Za-z0-9\u0400-\u04FF]|[A-Za-z0-9]-$|^-[A-Za-z0-9]/;
const SLUG_WORD = /^[a-z0-9]{1,24}$/;
const URLISH_CHUNK = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%^\\\u0400-\u04FF]+$/;
const EXTENSIONS = new Set(['html', 'htm', 'shtml', 'php', 'pdf', 'aspx', 'asp', 'jsp', 'doc', 'docx', 'xml']);

type Gap = 'adjacent' | 'break' | 'ambiguous';

interface Chunk {
  s: number;
  e: number;
  /** how this chunk was joined to the previous one (undefined for the first) */
  gap?: Gap;
}

interface Candidate {
  kind: 'md' | 'angle' | 'scheme' | 'www' | 'known';
  index: number;
  match: RegExpExecArray;
}

function nextMatch(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(text);
}

function isBreakGap(breaks: ReadonlySet<number>, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (breaks.has(i)) return true;
  return false;
}

function chunkEnd(text: string, s: number, limit: number): number {
  let e = s;
  while (e < limit && !ENDERS.has(text[e]!)) e++;
  return e;
}

function isStopWord(w: string, rules: UrlRules): boolean {
  return rules.stopWords.has(w.toLowerCase());
}

function structured(chunk: string, nextChunk: string | undefined): boolean {
  if (STRUCTURED.test(chunk)) return true;
  if (CYRILLIC.test(chunk)) return true;
  if (chunk.endsWith('.') && nextChunk !== undefined && EXTENSIONS.has(nextChunk.replace(/[./]+$/, '').toLowerCase())) return true;
  return false;
}

/**
 * Extends a URL over the space-separated chunks that follow it, deciding for each space
 * whether it is a re-flow (adjacent to `-/.%…`), a former line break inside the URL, an
 * ambiguous mid-line space (then the URL is unrecoverable), or the end of the URL.
 */
function scanChain(text: string, from: number, limit: number, breaks: ReadonlySet<number>, rules: UrlRules, delimited: boolean): Chunk[] {
  const chunks: Chunk[] = [];
  let s = from;
  let e = chunkEnd(text, s, limit);
  if (e === s) return chunks;
  chunks.push({ s, e });
  const chunkAt = (p: number): { s: number; e: number; gapBreak: boolean } | null => {
    let k = p;
    while (k < limit && text[k] === ' ') k++;
    if (k >= limit || k === p) return null;
    const ce = chunkEnd(text, k, limit);
    if (ce === k) return null;
    return { s: k, e: ce, gapBreak: isBreakGap(breaks, p, k) };
  };
  for (;;) {
    const prev = text.slice(chunks[chunks.length - 1]!.s, chunks[chunks.length - 1]!.e);
    const n = chunkAt(chunks[chunks.length - 1]!.e);
    if (!n) break;
    const next = text.slice(n.s, n.e);
    if (SCHEME_AT.test(next) && !delimited) break;
    if (!URLISH_CHUNK.test(next) && !delimited) break;
    const nn = chunkAt(n.e);
    const nnText = nn ? text.slice(nn.s, nn.e) : undefined;
    if (next === '-') {
      // a lone dash: part of the URL only when the URL obviously goes on after it
      if (nn && nnText !== undefined && URLISH_CHUNK.test(nnText) && /[A-Za-z0-9][-/_][A-Za-z0-9]/.test(nnText)) {
        chunks.push({ s: n.s, e: n.e, gap: 'adjacent' });
        continue;
      }
      break;
    }
    const lowerWord = next.replace(/[.,;]+$/, '');
    if (!delimited && isStopWord(lowerWord, rules)) break;
    const inHost = !chunks.some((c) => text.slice(c.s, c.e).includes('/'));
    if (JOIN_END.test(prev) || JOIN_START.test(next)) {
      if (prev.endsWith('.') && !JOIN_START.test(next) && inHost && /^[a-z0-9]/.test(next)) {
        chunks.push({ s: n.s, e: n.e, gap: 'adjacent' });
        continue;
      }
      if (prev.endsWith('.') && !JOIN_START.test(next)) {
        if (/^[A-Z]/.test(next) && !delimited) break;
        if (!structured(next, nnText) && !EXTENSIONS.has(next.replace(/[./]+$/, '').toLowerCase()) && !delimited) break;
      }
      chunks.push({ s: n.s, e: n.e, gap: 'adjacent' });
      continue;
    }
    if (n.gapBreak) {
      if (delimited || structured(next, nnText) || (/^[a-z]{1,4}$/.test(next) && EXTENSIONS.has(/\.([a-z]{1,5})$/.exec(prev + next)?.[1] ?? ''))) {
        chunks.push({ s: n.s, e: n.e, gap: 'break' });
        continue;
      }
      break;
    }
    // a mid-line space between two letters/digits: it may stand for `_`, for nothing, or end the URL
    if (delimited) {
      chunks.push({ s: n.s, e: n.e, gap: 'ambiguous' });
      continue;
    }
    // look ahead over slug-like words for a chunk that is clearly URL material
    const run: Array<{ s: number; e: number }> = [];
    let cur: { s: number; e: number; gapBreak: boolean } | null = n;
    let ok = false;
    for (let steps = 0; cur && steps < 8; steps++) {
      const t = text.slice(cur.s, cur.e);
      if (!URLISH_CHUNK.test(t) || SCHEME_AT.test(t) || isStopWord(t.replace(/[.,;]+$/, ''), rules)) break;
      run.push({ s: cur.s, e: cur.e });
      const after = chunkAt(cur.e);
      const afterText = after ? text.slice(after.s, after.e) : undefined;
      if (structured(t, afterText)) {
        ok = true;
        break;
      }
      if (!SLUG_WORD.test(t)) break;
      cur = after;
    }
    if (!ok) break;
    for (const r of run) chunks.push({ s: r.s, e: r.e, gap: 'ambiguous' });
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------
// Repair of one URL string

interface Repair {
  url: string | null;
  rules: string[];
  unrecoverable: boolean;
}

const HOST_OK = /^(?:[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.){1,10}[a-z]{2,24}(?::\d{1,5})?$/i;

function add(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

function stripSpaces(s: string): string {
  return s.replace(/ /g, '');
}

/**
 * The longest tandem repeat `xx` in s whose first copy starts at a word boundary (start,
 * after `-` `/` `_`, or on a `/`), with |x| >= min and a letter in x; or null.
 */
function tandemRepeat(s: string, min: number, allowSlash: boolean): { at: number; len: number } | null {
  let best: { at: number; len: number } | null = null;
  for (let i = 0; i + 2 * min <= s.length; i++) {
    const c = s.charCodeAt(i - 1);
    if (i > 0 && c !== 45 /* - */ && c !== 47 /* / */ && c !== 95 /* _ */ && s.charCodeAt(i) !== 47) continue;
    const head = s.slice(i, i + min);
    for (let j = s.indexOf(head, i + min); j >= 0 && j - i <= (s.length - i) / 2; j = s.indexOf(head, j + 1)) {
      const len = j - i;
      const x = s.slice(i, j);
      if ((best === null || len > best.len) && s.startsWith(x, j) && /[a-z]/i.test(x) && (allowSlash || !x.includes('/'))) best = { at: i, len };
    }
  }
  return best;
}

/** Whether some run of `n` characters with a letter occurs twice in s (an inexact re-paste). */
function repeatedGram(s: string, n: number): boolean {
  if (s.length < 2 * n) return false;
  const seen = new Set<string>();
  for (let i = 0; i + n <= s.length; i++) {
    const g = s.slice(i, i + n);
    if (seen.has(g) && /[a-z]{3}/i.test(g)) return true;
    seen.add(g);
  }
  return false;
}

function percentOk(s: string): boolean {
  if (!s.includes('%')) return true;
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return false;
  try {
    decodeURIComponent(s.replace(/%(?![0-9A-Fa-f]{2})/g, ''));
    return true;
  } catch {
    return false;
  }
}

/**
 * Repairs one URL. `core` is the URL as joined by the chain: spaces that remain are the
 * ambiguous ones. `scheme` is the scheme as printed (with its re-flow spaces), or '' for a
 * scheme-less URL; `prefix` is glued junk before the scheme (`forumehttps://…`).
 */
function repairUrl(core: string, scheme: string, prefix: string, rules: UrlRules, applied: string[]): Repair {
  let bad = false;
  const flag = (id: string): void => {
    add(applied, id);
    bad = true;
  };
  let s = core;
  // markdown escapes
  if (/\\\\?[_[\]]/.test(s)) {
    s = s.replace(/\\\\_|\\_/g, '_').replace(/\\\[/g, '[').replace(/\\\]/g, ']');
    add(applied, 'urls/unescape-markdown');
  }
  // scheme
  let sch = '';
  let evidence = false;
  if (scheme) {
    const compact = stripSpaces(scheme);
    if (/^https?A/.test(compact)) {
      flag('urls/scheme-normalize');
      return { url: null, rules: applied, unrecoverable: true };
    }
    if (compact === 'ht.tp://') flag('urls/scheme-normalize');
    if (/^https?$/i.test(compact)) {
      // `httpshttps://`: the first, incomplete scheme is a re-paste
      add(applied, 'urls/double-scheme');
      evidence = true;
    } else {
      sch = compact.toLowerCase().replace('ht.tp', 'http');
      if (sch !== scheme) add(applied, compact !== scheme ? 'urls/reflow-space' : 'urls/scheme-normalize');
    }
  }
  let body = s;
  // `http://http://…`: drop the first copy of the scheme
  for (let m = /^(https?):\/\//i.exec(body); m; m = /^(https?):\/\//i.exec(body)) {
    if (sch) {
      add(applied, 'urls/double-scheme');
      evidence = true;
    }
    sch = m[0].toLowerCase();
    body = body.slice(m[0].length);
  }
  // a later scheme: a slug fragment, then the whole URL pasted again (`…/luchshie-brendyhttps://…/luchshie-brendy-…`)
  const again = /https?:\/\//gi;
  let lastIdx = -1;
  let lastSch = '';
  for (let m = again.exec(body); m; m = again.exec(body)) {
    lastIdx = m.index;
    lastSch = m[0];
  }
  if (lastIdx > 0) {
    const first = stripSpaces(body.slice(0, lastIdx));
    const second = stripSpaces(body.slice(lastIdx + lastSch.length));
    evidence = true;
    if (second === first) {
      // the second copy is no longer than the first: the URL was cut (it goes on elsewhere)
      flag('urls/repasted-url');
    } else if (second.startsWith(first) || second.replace(/^www\./, '').startsWith(first.replace(/^www\./, ''))) {
      add(applied, 'urls/repasted-url');
      sch = lastSch.toLowerCase();
      body = body.slice(lastIdx + lastSch.length);
    } else {
      flag('urls/repasted-url');
    }
  }
  if (prefix) {
    evidence = true;
    if (stripSpaces(body).includes(prefix)) add(applied, 'urls/repasted-url');
    else flag('urls/repasted-url');
  }
  // host / path
  let hostEnd = body.search(/[/?#]/);
  if (hostEnd < 0) hostEnd = body.length;
  let host = body.slice(0, hostEnd);
  let path = body.slice(hostEnd);
  // a mid-line space between letters of a host (`russian.news.cn c htm`) cannot be placed
  if (host.includes(' ')) flag('urls/ambiguous-space');
  // spaces left in the path are ambiguous ones (the copies dropped above do not count)
  const ambiguousPath = path.includes(' ');
  // a repeated host tail + path pasted after the URL (`….php?id=21302.e-cis.mfo/news.php?id=21302`)
  if (!bad) {
    const compactB = stripSpaces(host + path);
    const starts: number[] = [0];
    for (let i = 0; i < host.length; i++) if (host[i] === '.') starts.push(i + 1);
    let cut = -1;
    for (const q of starts) {
      // the pasted copy starts with the host from label q on: look for that text after the host
      const tail = host.slice(q);
      if (tail.length < 3) continue;
      for (let idx = compactB.indexOf(tail, host.length + 1); idx >= 0; idx = compactB.indexOf(tail, idx + 1)) {
        const p = compactB[idx - 1] === '.' ? idx - 1 : idx;
        if (cut >= 0 && p >= cut) break;
        const yLen = compactB.length - idx;
        if (yLen > tail.length + 1 && q + yLen <= p && compactB.startsWith(compactB.slice(idx), q)) {
          cut = p;
          break;
        }
      }
    }
    if (cut > 0) {
      const kept = compactB.slice(0, cut);
      host = kept.slice(0, host.length);
      path = kept.slice(host.length);
      add(applied, 'urls/repasted-tail');
    }
  }
  // a run repeated back to back (`…v-tbilisibelarusi-…-v-tbilisi-340191`)
  if (!bad) {
    const compactPath = stripSpaces(path);
    let p = compactPath;
    // without evidence of a re-paste, `/business/business-news` is a legitimate repeat
    let t = tandemRepeat(p, evidence ? 5 : 8, evidence);
    if (t) {
      if (evidence) {
        for (let guard = 0; t && guard < 4; guard++) {
          p = p.slice(0, t.at) + p.slice(t.at + t.len);
          t = tandemRepeat(p, 5, true);
        }
        // keep the remaining ambiguous spaces out of the comparison
        path = p;
        add(applied, 'urls/repeated-run');
      } else {
        flag('urls/repeated-run');
      }
    }
  }
  // OCR `I` for `l`
  if (/I/.test(host) && host.replace(/I/g, '') === host.replace(/I/g, '').toLowerCase()) {
    host = host.replace(/I/g, 'l');
    add(applied, 'urls/ocr-I-for-l');
  }
  const upper = path.replace(/[^A-Z]/g, '');
  if (upper.length > 0 && /^I+$/.test(upper)) {
    const fixed = path.replace(/(?<=[a-z])I(?=[a-z]|[-./]|$)|(?<=[-/])I(?=[a-z]{2})/g, 'l');
    if (fixed !== path) {
      path = fixed;
      add(applied, 'urls/ocr-I-for-l');
    }
  }
  if (/\.(?:s?htm|xm|htm)I$/.test(path)) {
    path = path.slice(0, -1) + 'l';
    add(applied, 'urls/ocr-I-for-l');
  }
  // host confusion table
  {
    const labels = host.split('.');
    for (const row of rules.hostConfusions) {
      if (row.scope === 'tld') {
        if (labels.length > 1 && labels[labels.length - 1]!.toLowerCase() === row.from) {
          labels[labels.length - 1] = row.to;
          add(applied, row.rule);
        }
      } else if (row.scope === 'host-label') {
        for (let i = 0; i < labels.length; i++) {
          if (labels[i]!.toLowerCase() === row.from) {
            labels[i] = row.to;
            add(applied, row.rule);
          }
        }
      } else {
        const segs = path.split('/');
        let changed = false;
        for (let i = 0; i < segs.length; i++) {
          if (segs[i] === row.from) {
            segs[i] = row.to;
            changed = true;
          }
        }
        if (changed) {
          path = segs.join('/');
          add(applied, row.rule);
        }
      }
    }
    host = labels.join('.');
  }
  // Cyrillic letters in the slug
  if (rules.cyrillicRule && CYRILLIC.test(path)) {
    let out = '';
    let unknown = false;
    for (const ch of path) {
      if (CYRILLIC.test(ch)) {
        const lower = ch.toLowerCase();
        const t = rules.cyrillic.get(lower);
        if (t === undefined) unknown = true;
        out += t ?? ch;
      } else out += ch;
    }
    path = out;
    add(applied, rules.cyrillicRule);
    if (unknown) bad = true;
  }
  // stray apostrophe before a re-flowed separator (`molochnoi' -produktsii`)
  if (/[a-z]'(?=[- /]|$)/.test(path)) {
    path = path.replace(/(?<=[a-z])'(?=[- /]|$)/g, '');
    add(applied, 'urls/stray-apostrophe');
  }
  // trailing junk
  {
    let t = path;
    if (t.length > 0 || host.length > 0) {
      const before = t;
      t = t.replace(/\.+$/, '');
      t = t.replace(/\/\/+$/, '/');
      if (t !== before) add(applied, 'urls/trailing-junk');
      path = t;
    }
    if (path === '' && host.endsWith('.')) {
      host = host.replace(/\.+$/, '');
      add(applied, 'urls/trailing-junk');
    }
  }
  // checks
  if (!HOST_OK.test(host)) flag('urls/invalid-host');
  if (ambiguousPath || path.includes(' ')) flag('urls/ambiguous-space');
  if (!bad && evidence && repeatedGram(path, 20)) flag('urls/repeated-run');
  const url = sch + host + path;
  if (!percentOk(path)) flag('urls/broken-percent-encoding');
  for (const g of rules.garbled) {
    const target = g.where === 'host' ? host : g.where === 'path' ? path : url;
    g.re.lastIndex = 0;
    if (g.re.test(target)) flag(g.rule);
  }
  if (!HOST_OK.test(host) && !/[a-z]/i.test(host)) return { url: null, rules: applied, unrecoverable: true };
  return { url, rules: applied, unrecoverable: bad };
}

// ---------------------------------------------------------------------------------------

function finding(text: string, start: number, end: number, printed: string, rep: Repair, extraRules: string[], forceRepaired: boolean, rules: UrlRules): UrlFinding {
  const all = [...extraRules];
  for (const r of rep.rules) add(all, r);
  let status: UrlStatus;
  if (rep.unrecoverable) status = 'unrecoverable';
  else if (forceRepaired || rep.url !== printed) status = 'repaired';
  else status = 'clean';
  const f: UrlFinding = { start, end, raw: text.slice(start, end), url: rep.url, status, rules: all };
  if (status === 'repaired') f.confidence = all.some((r) => rules.lowConfidence.has(r)) ? 'low' : 'high';
  return f;
}

/** Finds, repairs and classifies the URLs of one text. Findings are sorted and do not overlap. */
export function findUrls(text: string, breaks: readonly number[], rules: UrlRules): UrlFinding[] {
  const breakSet = new Set(breaks);
  const out: UrlFinding[] = [];
  let pos = 0;
  const cache = new Map<RegExp, RegExpExecArray | null>();
  const peek = (re: RegExp): RegExpExecArray | null => {
    const hit = cache.get(re);
    if (hit !== undefined && (hit === null || hit.index >= pos)) return hit;
    const m = nextMatch(re, text, pos);
    cache.set(re, m);
    return m;
  };
  while (pos < text.length) {
    const cands: Candidate[] = [];
    const md = peek(MD_LINK);
    if (md) cands.push({ kind: 'md', index: md.index, match: md });
    const an = peek(ANGLE);
    if (an) cands.push({ kind: 'angle', index: an.index, match: an });
    const sc = peek(SCHEME);
    if (sc) cands.push({ kind: 'scheme', index: sc.index, match: sc });
    const ww = peek(WWW);
    if (ww) cands.push({ kind: 'www', index: ww.index, match: ww });
    if (rules.knownHostRe) {
      // a known host with its sub-domains, not inside a longer word or URL
      let kh = peek(rules.knownHostRe);
      while (kh) {
        let b = kh.index;
        while (b > 0 && /[A-Za-z0-9.-]/.test(text[b - 1]!)) b--;
        const before = b > 0 ? text[b - 1]! : ' ';
        if (b >= pos && !/[\w@/:]/.test(before) && !text.slice(b, kh.index).startsWith('.') && /^(?:[A-Za-z0-9-]+\.)*$/.test(text.slice(b, kh.index))) {
          cands.push({ kind: 'known', index: b, match: kh });
          break;
        }
        kh = nextMatch(rules.knownHostRe, text, kh.index + 1);
        cache.set(rules.knownHostRe, kh);
      }
    }
    if (cands.length === 0) break;
    const order = { md: 0, angle: 1, scheme: 2, www: 3, known: 4 } as const;
    cands.sort((a, b) => a.index - b.index || order[a.kind] - order[b.kind]);
    const c = cands[0]!;
    const m = c.match;
    if (c.kind === 'md') {
      const target = m[1]!;
      const applied: string[] = ['urls/markdown-link'];
      const schemeM = /^https?:\/\//i.exec(target);
      const rep = repairUrl(schemeM ? target.slice(schemeM[0].length) : target, schemeM ? schemeM[0] : '', '', rules, applied);
      let end = m.index + m[0].length;
      if (text[end] === '.' && (end + 1 === text.length || /\s/.test(text[end + 1]!))) {
        end++;
        add(rep.rules, 'urls/trailing-junk');
      }
      out.push(finding(text, m.index, end, target, rep, [], true, rules));
      pos = end;
      continue;
    }
    if (c.kind === 'angle') {
      const innerStart = m.index + 1;
      const innerEnd = m.index + m[0].length - 1;
      const chunks = scanChain(text, innerStart, innerEnd, breakSet, rules, true);
      const applied: string[] = ['urls/strip-angle-brackets'];
      const inner = text.slice(innerStart, innerEnd);
      const rep = repairChunks(text, chunks, innerStart, rules, applied);
      let end = m.index + m[0].length;
      if (text[end] === '.' && (end + 1 === text.length || /\s/.test(text[end + 1]!))) {
        end++;
        add(rep.rules, 'urls/trailing-junk');
        out.push(finding(text, m.index, end, inner, rep, [], true, rules));
      } else {
        out.push(finding(text, m.index, end, inner, rep, [], false, rules));
      }
      pos = end;
      continue;
    }
    // bare URL
    let start = c.index;
    let prefix = '';
    if (c.kind === 'scheme') {
      let p = start;
      while (p > pos && /[A-Za-z0-9-]/.test(text[p - 1]!)) p--;
      if (p < start && (p === 0 || /[\s:(]/.test(text[p - 1]!))) {
        prefix = text.slice(p, start);
        start = p;
      }
    }
    const bodyStart = c.kind === 'scheme' ? m.index + m[0].length : c.index;
    const chunks = scanChain(text, bodyStart, text.length, breakSet, rules, false);
    let end = chunks.length > 0 ? chunks[chunks.length - 1]!.e : bodyStart;
    if (c.kind === 'scheme' && chunks.length === 0) {
      // a scheme and nothing else: no URL to speak of
      pos = Math.max(bodyStart, m.index + 1);
      continue;
    }
    // sentence punctuation after the URL is not part of it
    let trimmedEnd = end;
    while (trimmedEnd > bodyStart && /[,;:)]/.test(text[trimmedEnd - 1]!)) {
      if (text[trimmedEnd - 1] === ')' && text.slice(start, trimmedEnd).includes('(')) break;
      trimmedEnd--;
    }
    if (trimmedEnd < end) {
      end = trimmedEnd;
      chunks[chunks.length - 1]!.e = end;
    }
    const applied: string[] = [];
    const scheme = c.kind === 'scheme' ? m[0] : '';
    const rep = repairChunks(text, chunks, bodyStart, rules, applied, scheme, prefix);
    const printed = text.slice(start, end);
    out.push(finding(text, start, end, printed, rep, [], false, rules));
    pos = end;
  }
  return out;
}

function repairChunks(text: string, chunks: Chunk[], _from: number, rules: UrlRules, applied: string[], scheme = '', prefix = ''): Repair {
  let core = '';
  for (const ch of chunks) {
    if (ch.gap === 'adjacent') add(applied, 'urls/reflow-space');
    else if (ch.gap === 'break') add(applied, 'urls/line-break-join');
    else if (ch.gap === 'ambiguous') core += ' ';
    core += text.slice(ch.s, ch.e);
  }
  return repairUrl(core, scheme, prefix, rules, applied);
}
