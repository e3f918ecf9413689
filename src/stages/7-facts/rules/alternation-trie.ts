/**
 * A list of lexicon forms as one regex, factored by common prefixes (a trie): `dollars`,
 * `dollars canadiens`, `dollars de Hong Kong` become `dollars(?:[\s…]+(?:canadiens|de…))?`.
 * With hundreds of forms (currency names) a flat alternation is tried form by form at every
 * position it is reached; the trie branches on the next character. At every node the longer
 * continuation is tried first (greedy `?`), so the longest form still wins, as in a flat
 * alternation sorted longest first. Spaces match any run of spaces, apostrophes ' or ’.
 */

interface Node {
  end: boolean;
  children: Map<string, Node>;
}

const SPACE = ' ';
const APOS = "'";

function token(t: string, escape: (s: string) => string): string {
  if (t === SPACE) return '[\\s\\u00A0\\u202F]+';
  if (t === APOS) return "['’]";
  return escape(t);
}

export function trieAlternation(forms: Iterable<string>, escape: (s: string) => string): string {
  const root: Node = { end: false, children: new Map() };
  for (const form of new Set(forms)) {
    let node = root;
    let prevSpace = false;
    for (const ch of form) {
      const t = /\s/.test(ch) ? SPACE : ch === '’' ? APOS : ch;
      if (t === SPACE && prevSpace) continue;
      prevSpace = t === SPACE;
      let next = node.children.get(t);
      if (!next) node.children.set(t, (next = { end: false, children: new Map() }));
      node = next;
    }
    node.end = true;
  }
  const body = (node: Node): string => {
    const alts = [...node.children]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([t, child]) => token(t, escape) + tail(child));
    return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
  };
  const tail = (node: Node): string => {
    if (!node.children.size) return '';
    const b = body(node);
    return node.end ? `(?:${b})?` : b;
  };
  return root.children.size ? body(root) : '(?!)';
}
