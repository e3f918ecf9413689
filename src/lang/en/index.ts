/** What the pipeline knows about English (quoted titles and references in the French books). */

/** Frequent function words: several of them in a sample (and few French ones) make a block English (8-language). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(['the', 'and', 'of', 'with', 'for', 'is', 'are', 'from', 'this', 'that', 'by', 'on', 'in', 'to']);
