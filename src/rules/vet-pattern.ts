/**
 * Refuses user-supplied patterns that could hang a batch (catastrophic backtracking)
 * before they are ever compiled.
 *
 * Two opinions are combined:
 *  - our own walk of the pattern's syntax tree: no backreferences, no named groups
 *    (group names are reserved for the `{macro}` slots), no unbounded quantifier over
 *    something that already contains an unbounded quantifier or an alternation
 *    (`(a+)+`, `(a|ab)*`), and no huge bounded repeats;
 *  - safe-regex2 (star height), run on the same tree re-serialised with the bounded
 *    quantifiers (`?`, `{0,4}`) left out, since those cannot backtrack exponentially.
 *
 * A `{name}` macro is treated as an atom that itself contains an unbounded quantifier,
 * so `({amount}\s*)+` is refused as well.
 */
import safeRegex from 'safe-regex2';

const MAX_PATTERN_LENGTH = 600;
/** a bounded repeat above this count is treated as unbounded */
const MAX_BOUNDED = 20;
/**
 * a bounded repeat of something that repeats without bound (`(\s*\d+){1,3}`) backtracks
 * in time polynomial in the text length, of degree its maximum count: allowed up to this
 * (rules/counterparty/regions.yaml needs 8 for a comma-separated list of up to 8 names)
 */
const MAX_NESTED_BOUNDED = 8;

export type Node =
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'group'; open: string; body: Node }
  | { t: 'atom'; src: string }
  | { t: 'macro'; name: string }
  | { t: 'repeat'; body: Node; min: number; max: number; src: string };

export class PatternError extends Error {}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  parseAlt(): Node {
    const options: Node[] = [this.parseSeq()];
    while (this.s[this.i] === '|') {
      this.i++;
      options.push(this.parseSeq());
    }
    return options.length === 1 ? options[0]! : { t: 'alt', options };
  }

  parseSeq(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      let atom = this.parseAtom();
      for (;;) {
        const q = this.parseQuantifier();
        if (!q) break;
        if (atom.t === 'repeat') throw new PatternError(`nothing to repeat before "${q.src}"`);
        atom = { t: 'repeat', body: atom, min: q.min, max: q.max, src: q.src };
      }
      items.push(atom);
    }
    return { t: 'seq', items };
  }

  parseQuantifier(): { min: number; max: number; src: string } | null {
    const s = this.s;
    const c = s[this.i];
    let q: { min: number; max: number; src: string } | null = null;
    if (c === '*') q = { min: 0, max: Infinity, src: '*' };
    else if (c === '+') q = { min: 1, max: Infinity, src: '+' };
    else if (c === '?') q = { min: 0, max: 1, src: '?' };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (m) {
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) throw new PatternError(`bad repeat ${m[0]}`);
        q = { min, max, src: m[0] };
      }
    }
    if (!q) return null;
    this.i += q.src.length;
    if (s[this.i] === '?') this.i++; // lazy
    return q;
  }

  parseAtom(): Node {
    const s = this.s;
    const c = s[this.i]!;
    if (c === '(') {
      let open = '(';
      const rest = s.slice(this.i);
      const m = /^\((\?:|\?=|\?!|\?<=|\?<!)?/.exec(rest)!;
      if (/^\(\?<[A-Za-z]/.test(rest)) {
        throw new PatternError('named groups are reserved for {macros}; use (?:…)');
      }
      if (/^\(\?[^:=!<]/.test(rest)) throw new PatternError(`unsupported group syntax "${rest.slice(0, 4)}"`);
      open = m[0];
      this.i += open.length;
      const body = this.parseAlt();
      if (s[this.i] !== ')') throw new PatternError('unclosed group');
      this.i++;
      return { t: 'group', open, body };
    }
    if (c === '[') {
      let j = this.i + 1;
      if (s[j] === '^') j++;
      if (s[j] === ']') j++;
      while (j < s.length && s[j] !== ']') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) throw new PatternError('unclosed character class');
      const src = s.slice(this.i, j + 1);
      this.i = j + 1;
      return { t: 'atom', src };
    }
    if (c === '\\') {
      const rest = s.slice(this.i);
      if (/^\\[1-9]/.test(rest) || /^\\k</.test(rest)) throw new PatternError('backreferences are not allowed');
      const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|c[A-Za-z]|.)/su.exec(rest);
      if (!m) throw new PatternError('dangling backslash');
      this.i += m[0].length;
      return { t: 'atom', src: m[0] };
    }
    if (c === '{') {
      const m = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(s.slice(this.i));
      if (m) {
        this.i += m[0].length;
        return { t: 'macro', name: m[1]! };
      }
    }
    if (c === ')') throw new PatternError('unmatched ")"');
    if (c === '*' || c === '+' || c === '?') throw new PatternError(`nothing to repeat before "${c}"`);
    // a literal character (a whole code point)
    const cp = String.fromCodePoint(s.codePointAt(this.i)!);
    this.i += cp.length;
    return { t: 'atom', src: cp };
  }
}

interface Info {
  unbounded: boolean; // contains an unbounded quantifier (or a macro)
  alternation: boolean;
}

function check(node: Node, problems: string[]): Info {
  switch (node.t) {
    case 'atom':
      return { unbounded: false, alternation: false };
    case 'macro':
      return { unbounded: true, alternation: true };
    case 'seq': {
      const out = { unbounded: false, alternation: false };
      for (const it of node.items) {
        const r = check(it, problems);
        out.unbounded ||= r.unbounded;
        out.alternation ||= r.alternation;
      }
      return out;
    }
    case 'alt': {
      const out = { unbounded: false, alternation: true };
      for (const o of node.options) out.unbounded ||= check(o, problems).unbounded;
      return out;
    }
    case 'group':
      return check(node.body, problems);
    case 'repeat': {
      const inner = check(node.body, problems);
      const unboundedHere = node.max === Infinity || node.max > MAX_BOUNDED;
      if (node.min > MAX_BOUNDED && node.max !== Infinity) problems.push(`repeat ${node.src} is too large`);
      if (unboundedHere && inner.unbounded) {
        problems.push(`nested quantifier: "${node.src}" applied to something that already repeats (catastrophic backtracking)`);
      } else if (unboundedHere && inner.alternation) {
        problems.push(`quantifier "${node.src}" applied to an alternation (possible catastrophic backtracking)`);
      } else if (!unboundedHere && node.max > MAX_NESTED_BOUNDED && inner.unbounded) {
        problems.push(`repeat "${node.src}" applied to something that repeats without bound (backtracking time grows as the text length to the power ${node.max})`);
      }
      return { unbounded: unboundedHere || inner.unbounded, alternation: inner.alternation };
    }
  }
}

/** The tree with bounded quantifiers dropped and macros as a plain atom, for safe-regex2. */
function serialiseUnbounded(node: Node): string {
  switch (node.t) {
    case 'atom':
      return node.src;
    case 'macro':
      return '(?:x+)';
    case 'seq':
      return node.items.map(serialiseUnbounded).join('');
    case 'alt':
      return node.options.map(serialiseUnbounded).join('|');
    case 'group': // ret (safe-regex2's parser) does not know lookbehinds: check their body as a plain group
      return `${node.open.startsWith('(?<') ? '(?:' : node.open}${serialiseUnbounded(node.body)})`;
    case 'repeat': {
      const body = serialiseUnbounded(node.body);
      const unboundedHere = node.max === Infinity || node.max > MAX_BOUNDED;
      return unboundedHere ? `(?:${body})+` : `(?:${body})`;
    }
  }
}

/** Throws PatternError with a human-readable reason when the pattern is refused. */
export function vetPattern(pattern: string): { macros: string[] } {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new PatternError(`pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  const p = new Parser(pattern);
  const tree = p.parseAlt();
  if (p.i !== pattern.length) throw new PatternError(`unexpected "${pattern[p.i]}" at offset ${p.i}`);
  const problems: string[] = [];
  check(tree, problems);
  if (problems.length) throw new PatternError(`unsafe pattern: ${problems[0]}`);
  // safe-regex2 cannot read \p{…}; give it a neutral class instead
  const forSafeRegex = serialiseUnbounded(tree).replace(/\\[pP]\{[^}]*\}/g, '\\w');
  if (!safeRegex(forSafeRegex)) throw new PatternError('unsafe pattern: refused by safe-regex2 (star height > 1)');
  const macros: string[] = [];
  const walk = (n: Node): void => {
    if (n.t === 'macro') macros.push(n.name);
    else if (n.t === 'seq') n.items.forEach(walk);
    else if (n.t === 'alt') n.options.forEach(walk);
    else if (n.t === 'group' || n.t === 'repeat') walk(n.body);
  };
  walk(tree);
  return { macros };
}

/** The syntax tree of a pattern (macros as `macro` nodes); throws PatternError. */
export function parsePattern(pattern: string): Node {
  const p = new Parser(pattern);
  const tree = p.parseAlt();
  if (p.i !== pattern.length) throw new PatternError(`unexpected "${pattern[p.i]}" at offset ${p.i}`);
  return tree;
}

/**
 * Strings one of which every match must contain (used to skip blocks without running the
 * whole pattern), or null when no such set is known. `macroForms` gives the lexicon forms
 * behind a macro.
 */
export function requiredAnchors(node: Node, macroForms: (name: string) => string[] | null): string[] | null {
  // the digit pseudo-anchor (\u0001, a run of digits) is frequent: any literal is preferred to it
  const score = (a: string[]): number =>
    Math.min(...a.map((s) => (s === '\u0001' ? 0.5 : s.replace(/^\u0000|\u0002$/g, '').length))) * 10 - a.length / 100;
  switch (node.t) {
    case 'macro':
      return macroForms(node.name);
    case 'atom': {
      if (node.src.length === 1 && !/[.^$]/.test(node.src)) return [node.src];
      if (/^\\[^\w\s]$/.test(node.src)) return [node.src[1]!];
      // a small class of plain letters: [Kk], [ÉE]
      const cls = /^\[(\p{L}{1,3})\]$/u.exec(node.src);
      return cls ? [...cls[1]!] : null;
    }
    case 'group':
      // positive lookarounds must match too
      return node.open === '(' || node.open === '(?:' || node.open === '(?<=' || node.open === '(?='
        ? requiredAnchors(node.body, macroForms)
        : null;
    case 'repeat':
      return node.min >= 1 ? requiredAnchors(node.body, macroForms) : null;
    case 'alt': {
      const out: string[] = [];
      for (const o of node.options) {
        const a = requiredAnchors(o, macroForms);
        if (!a) return null;
        out.push(...a);
      }
      return out;
    }
    case 'seq': {
      let best: string[] | null = null;
      // a run of literal atoms: its spellings (a class multiplies them, up to 8)
      let run: string[] = [];
      const consider = (a: string[] | null): void => {
        if (a && a.length && (!best || score(a) > score(best))) best = a;
      };
      // after a word boundary (`(?<![\p{L}])`, `\b`, `\s`), literals starting with a letter start a word
      const asWords = (a: string[] | null): string[] | null =>
        a && a.every((x) => /^\p{L}/u.test(x)) ? a.map((x) => `\u0000${x}`) : a;
      let boundary = false;
      let runAtBoundary = false;
      for (const it of node.items) {
        const isBoundary =
          (it.t === 'group' && it.open === '(?<!' && /\\p\{L\}/.test(JSON.stringify(it.body))) ||
          (it.t === 'atom' && (it.src === '\\b' || it.src === '\\s')) ||
          (it.t === 'repeat' && it.body.t === 'atom' && it.body.src === '\\s');
        if (it.t === 'atom') {
          const a = requiredAnchors(it, macroForms);
          if (a && a.length * Math.max(1, run.length) <= 8) {
            if (!run.length) runAtBoundary = boundary;
            run = run.length ? run.flatMap((r) => a.map((x) => r + x)) : a;
            boundary = false;
            continue;
          }
        }
        if (run.length) consider(runAtBoundary ? asWords(run) : run);
        run = [];
        const inner = requiredAnchors(it, macroForms);
        consider(boundary && inner && inner.every((x) => !x.startsWith('\u0000')) ? asWords(inner) : inner);
        boundary = isBoundary;
      }
      if (run.length) consider(runAtBoundary ? asWords(run) : run);
      return best;
    }
  }
}

/** an unbounded run of spaces counts as this many characters (the clean text has single spaces) */
const SPACE_RUN = 4;
/** any other unbounded repeat counts as this many characters */
const OTHER_RUN = 40;

/**
 * The longest text a match can plausibly span (unbounded repeats counted as SPACE_RUN or
 * OTHER_RUN characters), used to size the windows scanned around anchor hits.
 * `macroLength` gives the longest text of a macro (null = unknown, counted as `cap`).
 */
export function maxMatchLength(node: Node, macroLength: (name: string) => number | null, cap: number): number {
  const len = (n: Node): number => {
    switch (n.t) {
      case 'atom':
        return n.src === '\\b' || n.src === '^' || n.src === '$' ? 0 : 1;
      case 'macro':
        return macroLength(n.name) ?? cap;
      case 'seq':
        return n.items.reduce((a, it) => a + len(it), 0);
      case 'alt':
        return Math.max(...n.options.map(len));
      case 'group':
        // a positive lookaround reads text next to the match: the window must hold it too
        return n.open === '(' || n.open === '(?:' || n.open === '(?<=' || n.open === '(?=' ? len(n.body) : 0;
      case 'repeat': {
        const body = len(n.body);
        if (n.max !== Infinity) return body * n.max;
        const spaces = n.body.t === 'atom' && /^(?:\\s|\[[^\]]*\\s[^\]]*\])$/.test(n.body.src);
        return Math.max(body * n.min, spaces ? SPACE_RUN : OTHER_RUN);
      }
    }
  };
  return Math.min(cap, len(node));
}

/**
 * Strings one of which every match starts with (lookarounds before it skipped), or null.
 * Word-start literals (lexicon forms, or literals after a `(?<![\p{L}])`) carry a leading \u0000.
 */
export function leadingAnchors(node: Node, macroForms: (name: string) => string[] | null, boundary = false): string[] | null {
  const mark = (a: string[]): string[] => (boundary && a.every((x) => /^\p{L}/u.test(x)) ? a.map((x) => `\u0000${x}`) : a);
  switch (node.t) {
    case 'macro':
      return macroForms(node.name);
    case 'atom': {
      const a = requiredAnchors(node, macroForms);
      return a ? mark(a) : null;
    }
    case 'group':
      return node.open === '(' || node.open === '(?:' ? leadingAnchors(node.body, macroForms, boundary) : null;
    case 'repeat':
      return node.min >= 1 ? leadingAnchors(node.body, macroForms, boundary) : null;
    case 'alt': {
      const out: string[] = [];
      for (const o of node.options) {
        const a = leadingAnchors(o, macroForms, boundary);
        if (!a) return null;
        out.push(...a);
      }
      return out;
    }
    case 'seq': {
      let i = 0;
      let atBoundary = boundary;
      // zero-width items first
      while (i < node.items.length) {
        const it = node.items[i]!;
        if (it.t === 'group' && it.open.startsWith('(?<')) {
          if (it.open === '(?<!' && /\\p\{L\}/.test(JSON.stringify(it.body))) atBoundary = true;
          i++;
        } else if (it.t === 'atom' && it.src === '\\b') {
          atBoundary = true;
          i++;
        } else break;
      }
      if (i >= node.items.length) return null;
      // a run of literal atoms
      let run: string[] = [];
      let j = i;
      for (; j < node.items.length; j++) {
        const it = node.items[j]!;
        if (it.t !== 'atom') break;
        const a = requiredAnchors(it, macroForms);
        if (!a || a.length * Math.max(1, run.length) > 8) break;
        run = run.length ? run.flatMap((r) => a.map((x) => r + x)) : a;
      }
      if (run.length) return atBoundary && run.every((x) => /^\p{L}/u.test(x)) ? run.map((x) => `\u0000${x}`) : run;
      return leadingAnchors(node.items[i]!, macroForms, atBoundary);
    }
  }
}
