/**
 * Stage 1 — read: turn the bytes of one input file into text, or refuse it
 * with a one-line reason. Touches nothing but the buffer it is given.
 *
 * Policy (see README "Bad input"):
 * - UTF-8 with or without BOM: decoded; the BOM is recorded, not kept in the text.
 * - UTF-16 (BOM FF FE / FE FF): refused (the books are never UTF-16; a wrong guess would garble every fact).
 * - NUL bytes: refused as binary.
 * - Invalid UTF-8 without NUL bytes: decoded as Windows-1252 (a superset of Latin-1 for
 *   printable text) and reported in `source.encoding`, with a warning.
 * - Empty file or only whitespace: refused. Over `maxBytes`: refused.
 */

export class InputError extends Error {
  constructor(
    message: string,
    public readonly line?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  warnings: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Windows-1252 bytes 0x80–0x9F (WHATWG table; 81, 8D, 8F, 90, 9D stay C1 controls).
 * Not `new TextDecoder('windows-1252')`: Node 20 decodes that label as ISO-8859-1,
 * turning € ’ “ ” œ Œ … into invisible C1 control characters.
 */
const C1_1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((c) => String.fromCharCode(c));

const cp1252 = {
  decode(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      .toString('latin1')
      .replace(/[\x80-\x9f]/g, (c) => C1_1252[c.charCodeAt(0) - 0x80]!);
  },
};

export function decode(buf: Uint8Array, maxBytes: number): Decoded {
  if (buf.length === 0) throw new InputError('empty file (0 bytes)');
  if (buf.length > maxBytes) {
    throw new InputError(`file is ${buf.length} bytes, over the size limit of ${maxBytes} bytes (--max-bytes)`);
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new InputError('UTF-16 text (byte-order mark found); convert it to UTF-8 first');
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    throw new InputError(`binary content (NUL byte at offset ${nul})`, lineOfByte(buf, nul));
  }
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  let text: string;
  let encoding: Decoded['encoding'] = 'utf-8';
  const warnings: string[] = [];
  try {
    text = utf8.decode(body);
  } catch {
    text = cp1252.decode(body);
    encoding = 'windows-1252';
    const bad = firstInvalidUtf8(body);
    warnings.push(
      `not valid UTF-8 (first bad byte at line ${lineOfByte(body, bad)}); decoded as Windows-1252`,
    );
  }
  if (text.trim().length === 0) throw new InputError('no text (the file holds only white space)');
  return { text, encoding, bom, warnings };
}

function lineOfByte(buf: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return buf.length;
}
