/**
 * `{macro}` slots for the value dimensions (money, percent, quantity, dates) beyond the
 * lexicon-built ones of compile-rules.ts: numeric dates, two-digit years, quarter and
 * half-year numbers, decades, signs, scale symbols (`M€`, `Md€`, `k€`). Group names are the
 * ones the builders in parsers/ read.
 */
export const VALUE_MACRO_LENGTH: Record<string, number> = {
  nday: 2,
  day2: 7,
  nmonth: 2,
  yy: 2,
  nyear: 4,
  yy2: 2,
  qnum: 1,
  hnum: 1,
  decade: 4,
  decadeWords: 24,
  sign: 1,
  scaleSymbol: 4,
};

export function valueMacros(forms: (role: 'number-word' | 'scale-symbol') => string[], alternation: (f: Iterable<string>) => string): Record<string, string> {
  const L = '\\p{L}';
  const words = alternation(forms('number-word'));
  return {
    // a day written with digits only, in a numeric date (12/03/2015)
    nday: `(?<day>(?<![\\d])(?:0?[1-9]|[12]\\d|3[01]))(?!\\d)`,
    // the last day of a range of days (du 3 au 5 mai)
    day2: `(?<day2>(?<![\\d,])(?:1er|premier|[12]\\d|3[01]|0?[1-9])(?!\\d))`,
    nmonth: `(?<nmonth>0?[1-9]|1[0-2])(?!\\d)`,
    // the year of a numeric date (12.03.2015): after a dot, which the plain {year} refuses
    nyear: `(?<year>(?:1[89]|20)\\d\\d)(?!\\d)`,
    // a two-digit year (12/03/15): the century comes from context
    yy: `(?<yy>\\d\\d)(?!\\d)`,
    // the second year of a fiscal or season span written short (2019-20)
    yy2: `(?<yy2>\\d\\d)(?![\\d${L}])`,
    qnum: `(?<qnum>[1-4])`,
    hnum: `(?<hnum>[12])`,
    // les années 1970, années 90
    decade: `(?<decade>(?:1[89]|20)\\d0|[1-9]0)(?![\\d${L}])`,
    // les années soixante, quatre-vingt-dix
    decadeWords: `(?<decadeWords>(?:${words})(?:-(?:${words}))*)(?![${L}])`,
    // a sign right before a number, not the dash of a range (3-5 %, 10 - 15 %) nor a spaced dash
    // after a label (taux de croissance - 393,8 %): a hyphen or plus counts only glued to the digits
    sign: `(?<sign>(?<![\\d%][\\s\\u00A0]?)(?:[-+](?=\\d)|−))`,
    scaleSymbol: `(?<scale>(?<![${L}])(?:${alternation(forms('scale-symbol'))}))`,
  };
}
