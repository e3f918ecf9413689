/**
 * Text back to Windows-1252 bytes, the inverse of stage 1's decoding of a non-UTF-8
 * file: the audit diff of such a file holds its lines as they are on disk, so that
 * `patch` and `git apply` find them.
 */
// Windows-1252 bytes 0x80–0x9F (WHATWG table; 81, 8D, 8F, 90, 9D stay C1 controls), as stage 1 decodes them
const C1_1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

let table: Map<number, number> | undefined;

/** The Windows-1252 bytes of `text`; throws on a character the code page cannot hold. */
export function encode1252(text: string): Uint8Array {
  if (!table) {
    table = new Map();
    for (let b = 0; b < 256; b++) table.set(b >= 0x80 && b <= 0x9f ? C1_1252[b - 0x80]! : b, b);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = table.get(text.charCodeAt(i));
    if (b === undefined) throw new Error(`character U+${text.charCodeAt(i).toString(16)} has no Windows-1252 byte`);
    out[i] = b;
  }
  return out;
}
