/** The one way a parser makes a counterparty candidate (the lexicon, heads, legal forms, city parties). */
import type { Candidate, FactDraft } from '../candidate.js';

type Party = Extract<FactDraft, { type: 'counterparty' }>;

/** A counterparty found at text[start, end): its text is that slice; `id`, `legalForm` and `role` only when given. */
export function counterpartyCandidate(
  priority: number,
  blockId: string,
  text: string,
  start: number,
  end: number,
  rule: string,
  party: Pick<Party, 'name' | 'kind'> & Partial<Pick<Party, 'id' | 'legalForm' | 'role'>>,
): Candidate {
  const { name, kind, id, legalForm, role } = party;
  return {
    priority,
    draft: {
      type: 'counterparty',
      text: text.slice(start, end),
      block: blockId,
      start,
      end,
      rule,
      name,
      kind,
      ...(id ? { id } : {}),
      ...(legalForm ? { legalForm } : {}),
      ...(role ? { role } : {}),
    },
  };
}
