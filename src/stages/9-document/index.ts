/**
 * Stage 9 — document: the JSON of the contract (`build-document.ts`, the same builder
 * the sectioned writer uses for large books), with the audit of every change
 * (`build-audit.ts`). `reconstruct.ts` rebuilds the original from it.
 */
import { SCHEMA_ID, type DocumentJson } from '../../types.js';
import { defineStage } from '../stage.js';
import { DocumentBuilder, type DocumentInput } from './build-document.js';

export { DocumentBuilder, type DocumentInput, type DocumentPart, type DocumentSummary, type PartStart } from './build-document.js';

export const document = defineStage('document', (tree: DocumentInput, file): { document: DocumentJson } => {
  const builder = new DocumentBuilder(tree.meta);
  const part = builder.add(tree, file);
  const whole = builder.finish();
  const missing = whole.numbering.missing.length;
  if (missing > 0) {
    const msg = file.message(`${missing} marker number(s) have no footnote text in the book`, { ruleId: 'missing-footnote', source: 'markers' });
    msg.fatal = false;
  }
  return {
    document: {
      schema: SCHEMA_ID,
      source: whole.source,
      language: whole.language,
      blocks: part.blocks,
      footnotes: whole.footnotes,
      facts: part.facts,
      entities: whole.entities,
      removed: part.removed,
      audit: part.audit,
      stats: whole.stats,
    },
  };
});
