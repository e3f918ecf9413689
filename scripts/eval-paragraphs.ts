/**
 * `npm run eval:paragraphs`: paragraph boundaries and line-end hyphens on text re-wrapped
 * in conventions the four books do not use (test/support/rewrap.ts): paragraphs exactly
 * right, syllabic splits (French TeX patterns) joined, compounds kept, per convention.
 */
import { loadRules, processDecoded } from '../src/pipeline.js';
import { CONVENTIONS, onePerLine, render, score, truthParagraphs } from '../test/support/rewrap.js';

const rules = loadRules();
const all = truthParagraphs(process.cwd());
// two texts of different paragraphs: every other truth paragraph
const sets = [0, 1].map((k) => all.filter((_, i) => i % 2 === k));
console.log('| convention | paragraphs exact | syllabic splits joined | compounds kept |');
console.log('|---|---|---|---|');
for (const c of CONVENTIONS) {
  let n = 0, exact = 0, splits = 0, joined = 0, comp = 0, kept = 0;
  const wrong: string[] = [];
  for (const ps of sets) {
    const r = render(ps, c);
    const doc = processDecoded(r.text, { path: 'x.txt', rules }).doc;
    const expected = processDecoded(onePerLine(ps), { path: 'x.txt', rules }).doc.blocks.map((b) => b.text);
    if (expected.length !== ps.length) throw new Error(`one paragraph per line gave ${expected.length} blocks for ${ps.length} paragraphs`);
    const s = score(r, doc.blocks.map((b) => b.text), expected);
    n += s.paragraphs; exact += s.exact; splits += s.splits; joined += s.joined; comp += s.compounds; kept += s.compoundsKept;
    wrong.push(...s.wrong);
  }
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} % (${a}/${b})` : '—');
  console.log(`| ${c.name} | ${pct(exact, n)} | ${pct(joined, splits)} | ${pct(kept, comp)} |`);
  if (process.argv.includes('-v') && wrong.length) console.log('   wrong:', wrong.slice(0, 30).join(' '));
}
