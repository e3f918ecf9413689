/**
 * What the pipeline knows about French, in one place: a second language would be a
 * sibling folder (`src/lang/<code>/`), not edits across the stages. Number words,
 * currency and unit forms, months and organisation heads are data of the fact rules
 * (`rules/numbers/`, `rules/money/`, `rules/date/` …); the French word list behind the
 * hyphenation decision is the `an-array-of-french-words` package (4-unwrap/hyphenation.ts).
 */

/** Frequent function words: several of them in a sample (and few English ones) make a block French (8-language). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(['les', 'des', 'est', 'une', 'dans', 'pour', 'qui', 'sur', 'avec', 'du', 'au', 'aux', 'été', 'sont', 'cette', 'leur', 'entre', 'de', 'la', 'le', 'et', 'à', 'par', 'ont', 'ses', 'son', 'sa']);

/** Letters of French words (for splitting a sample into words). */
export const WORD_SPLIT = /[^a-zàâçéèêëîïôûùüÿœ]+/;

/** Abbreviations whose full stop does not end a sentence (`M.`, `p.`, `éd.` …), for the marker stage's sentences (5-markers). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Dr', 'Pr', 'St', 'Ste', 'p', 'pp', 'éd', 'vol', 'coll', 'C', 'С', 'art', 'av', 'env', 'etc', 'cf', 'ibid', 'Ibid', 'No', 'n°', 'chap', 'fig', 'min', 'gén', 'ch',
]);

/** A line ending with one of these words goes on: it is not a title (4-unwrap). */
export const LINE_END_FUNCTION_WORD = /(?:^|\s)(?:de|du|des|la|le|les|l'|d'|et|à|au|aux|en|pour|par|sur|dans|avec|un|une|que|qui|dont|entre|vers|-)$/iu;

/** The labels of an electronic-resource reference (French and English forms): never found in body prose (3-pages). */
export const RESOURCE_LABEL = /\[(?:Ressource|ressource|Electronic|electronic|e-resource)|\bU ?RL ?:/;

/** Text that reads like a bibliographic reference (GOST style as translated into French, URL label, resource label) (3-pages). */
export const CITATION = /\[(?:Ressource|Electronic|electronic|ressource|e-resource)|U ?RL ?:|^\s*\d{4}\s?\. -|https?:|www\.|\/\/|\. - (?:\d{4}|C\.|С\.)|[-,] \d{4}\. -|\bC\. \d|\b(?:Publishing|Verlag|Éditions académiques)\b/;
