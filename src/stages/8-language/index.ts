/**
 * Stage 8 — language of every block and footnote (`language.ts`: function words for
 * clear cases, franc for the rest).
 */
import { defineStage } from '../stage.js';
import type { UnwrapAdds } from '../4-unwrap/index.js';
import { detectLanguage } from './language.js';

export const language = defineStage('language', (tree: UnwrapAdds) => {
  for (const b of tree.blocks) b.lang = detectLanguage(b.mt.toString());
  for (const f of tree.footnotes) f.lang = detectLanguage(f.mt.toString().replace(/https?:\S+/g, ''));
  return {};
});
