/**
 * French numbers: digits with a decimal comma and 3-digit groups separated by a space,
 * a no-break space or a narrow no-break space (`3 200`, `715,5`), or words
 * (`deux`, `trois mille cinq cents`, `quatre-vingt-dix`, `une quarantaine`).
 * The word list comes from rules/numbers (lexicon role `number-word`).
 */

const GROUP_SEP = /[ \u00A0\u202F]/g;

/** Regex source (no named groups) for a number written with digits. */
export const DIGIT_NUMBER_SOURCE = '(?<![\\d,.])(?:\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+|\\d+)(?:,\\d+)?(?![\\d])';

export function parseDigits(text: string): number | null {
  const t = text.replace(GROUP_SEP, '');
  if (!/^\d+(?:,\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

/** `numberWords`: lowercased form → value (`cent` = 100, `mille` = 1000 act as multipliers). */
export function parseWords(text: string, numberWords: Map<string, number>): number | null {
  const whole = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const direct = numberWords.get(whole);
  if (direct !== undefined) return direct;
  const words = whole.split(/[\s-]+/).filter((w) => w && w !== 'et');
  if (!words.length) return null;
  let total = 0;
  let current = 0;
  let prev = -1;
  for (const w of words) {
    const v = numberWords.get(w);
    if (v === undefined) return null;
    if (v === 100) current = (current || 1) * 100;
    else if (v === 1000) {
      total += (current || 1) * 1000;
      current = 0;
    } else if (v === 20 && prev === 4) current += 76; // quatre-vingt(s)
    else current += v;
    prev = v;
  }
  return total + current;
}

export function parseFrenchNumber(text: string, numberWords: Map<string, number>): number | null {
  return /\d/.test(text) ? parseDigits(text) : parseWords(text, numberWords);
}

/** Multiply without binary noise: 5,43 × 10^12 = 5430000000000, 0,1 × 3 = 0.3. */
export function scaleValue(amount: number, scale: number): number {
  return Number((amount * scale).toPrecision(12));
}
