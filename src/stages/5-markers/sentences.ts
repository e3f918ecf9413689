/**
 * Sentences of a block, from retext (unified + retext-latin, an nlcst tree with
 * positions), with a plugin for French: parse-latin's abbreviation list is
 * English/Latin, so a sentence that ends on `M.`, `Mme.`, `p.`, `éd.`, `vol.`,
 * `coll.`, `C.` … is joined to the next one. Parsed per block and only for the
 * blocks that need it (whole-book parsing is superlinear).
 */
import { retext } from 'retext';
import type { Root, Paragraph, Sentence, Parent } from 'nlcst';
import type { Plugin } from 'unified';
import { ABBREVIATIONS } from '../../lang/fr/index.js';

const FRENCH_ABBREVIATIONS = ABBREVIATIONS;

/** retext plugin: merge sentences wrongly ended by a French abbreviation. */
export const retextFrenchAbbreviations: Plugin<[], Root> = () => (tree) => {
  for (const p of tree.children) {
    if (p.type !== 'ParagraphNode') continue;
    const para = p as Paragraph;
    const out: Paragraph['children'] = [];
    for (const node of para.children) {
      const prev = out.length >= 2 ? out[out.length - 2] : undefined;
      const ws = out[out.length - 1];
      if (node.type === 'SentenceNode' && prev?.type === 'SentenceNode' && ws?.type === 'WhiteSpaceNode' && endsWithAbbreviation(prev as Sentence)) {
        const merged = prev as Sentence;
        merged.children.push(ws as never, ...(node as Sentence).children);
        if (merged.position && node.position) merged.position.end = node.position.end;
        out.pop();
        continue;
      }
      out.push(node);
    }
    para.children = out;
  }
};

function endsWithAbbreviation(s: Sentence): boolean {
  const kids = s.children;
  const last = kids[kids.length - 1];
  const word = kids[kids.length - 2];
  if (!last || last.type !== 'PunctuationNode' || (last as { value: string }).value !== '.') {
    // parse-latin often keeps the period inside the word node
    if (word?.type !== 'WordNode' && last?.type !== 'WordNode') return false;
  }
  const w = [...kids].reverse().find((k) => k.type === 'WordNode') as Parent | undefined;
  if (!w) return false;
  const text = w.children.map((c) => (c as { value?: string }).value ?? '').join('');
  return FRENCH_ABBREVIATIONS.has(text.replace(/\.$/, ''));
}

const processor = retext().use(retextFrenchAbbreviations);

/** [start, end) offsets of each sentence of `text`. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const tree = processor.runSync(processor.parse(text)) as Root;
  const spans: Array<[number, number]> = [];
  for (const p of tree.children) {
    if (p.type !== 'ParagraphNode') continue;
    for (const s of (p as Paragraph).children) {
      if (s.type === 'SentenceNode' && s.position?.start.offset !== undefined && s.position.end.offset !== undefined) {
        spans.push([s.position.start.offset, s.position.end.offset]);
      }
    }
  }
  return spans;
}
