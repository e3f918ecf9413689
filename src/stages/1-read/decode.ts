/**
 * Stage 1 — read: turn the bytes of one input file into text, or refuse it
 * with a one-line reason. Touches nothing but the buffer it is given.
 *
 * Policy (see README "Bad input"):
 * - UTF-8 with or without BOM: decoded; the BOM is recorded, not kept in the text.
 * - UTF-16 (BOM FF FE / FE FF): refused (the books are never UTF-16; a wrong guess would garble every fact).
 * - NUL bytes: refused as binary.
 * - UTF-32 (BOM 00 00 FE FF / FF FE 00 00): refused, named as UTF-32.
 * - Invalid UTF-8, decided per region (issue 10): when the file as a whole is UTF-8 (more
 *   valid multi-byte sequences than bad bytes), it stays UTF-8 and each bad byte becomes
 *   its Windows-1252 character, listed in `invalidBytes` (text offset, byte) so the exact
 *   bytes can be rebuilt, and reported with its line. Only a file that is not UTF-8 as a
 *   whole is decoded as Windows-1252 (a superset of Latin-1 for printable text), reported
 *   in `source.encoding`, with a warning.
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
  /** bytes of a UTF-8 file that are not UTF-8: [offset in `text`, byte], each decoded as its Windows-1252 character */
  invalidBytes?: Array<[number, number]>;
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
  if ((buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) || (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff)) {
    throw new InputError('UTF-32 text (byte-order mark found); convert it to UTF-8 first');
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
  let invalidBytes: Decoded['invalidBytes'];
  try {
    text = utf8.decode(body);
  } catch {
    const scan = scanUtf8(body);
    if (scan.validMultibyte > scan.invalid.length) {
      // a UTF-8 file with a few bad bytes: it stays UTF-8; the bad bytes are kept, recoverably
      const mixed = decodeMixed(body, scan.invalid);
      text = mixed.text;
      invalidBytes = mixed.invalidBytes;
      const lines = [...new Set(scan.invalid.map((i) => lineOfByte(body, i)))];
      const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ` and ${lines.length - 10} more` : '');
      warnings.push(
        `${scan.invalid.length} byte(s) not valid UTF-8 at line${lines.length > 1 ? 's' : ''} ${shown}; the file stays UTF-8, each bad byte kept as its Windows-1252 character (source.invalidBytes)`,
      );
    } else {
      text = cp1252.decode(body);
      encoding = 'windows-1252';
      const bad = scan.invalid[0] ?? firstInvalidUtf8(body);
      warnings.push(`not valid UTF-8 (first bad byte at line ${lineOfByte(body, bad)}); decoded as Windows-1252`);
    }
  }
  if (text.trim().length === 0) throw new InputError('no text (the file holds only white space)');
  return { text, encoding, bom, warnings, ...(invalidBytes ? { invalidBytes } : {}) };
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 if the byte there starts none. */
function sequenceAt(buf: Uint8Array, i: number): number {
  const b = buf[i]!;
  if (b < 0x80) return 1;
  const c = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = buf[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return c(1) ? 2 : 0;
  if (b === 0xe0) return c(1, 0xa0) && c(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return c(1) && c(2) ? 3 : 0;
  if (b === 0xed) return c(1, 0x80, 0x9f) && c(2) ? 3 : 0;
  if (b === 0xf0) return c(1, 0x90) && c(2) && c(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return c(1) && c(2) && c(3) ? 4 : 0;
  if (b === 0xf4) return c(1, 0x80, 0x8f) && c(2) && c(3) ? 4 : 0;
  return 0;
}

/** The evidence for the file as a whole: well-formed multi-byte sequences, and the offsets of bytes that start none. */
function scanUtf8(buf: Uint8Array): { validMultibyte: number; invalid: number[] } {
  let validMultibyte = 0;
  const invalid: number[] = [];
  for (let i = 0; i < buf.length; ) {
    const n = sequenceAt(buf, i);
    if (n === 0) {
      invalid.push(i);
      i++;
    } else {
      if (n > 1) validMultibyte++;
      i += n;
    }
  }
  return { validMultibyte, invalid };
}

/** UTF-8 runs decoded as UTF-8, each byte in `invalid` as its Windows-1252 character. */
function decodeMixed(buf: Uint8Array, invalid: number[]): { text: string; invalidBytes: Array<[number, number]> } {
  const parts: string[] = [];
  const invalidBytes: Array<[number, number]> = [];
  let length = 0;
  let from = 0;
  for (const at of invalid) {
    if (at > from) {
      const run = utf8.decode(buf.subarray(from, at));
      parts.push(run);
      length += run.length;
    }
    invalidBytes.push([length, buf[at]!]);
    const ch = cp1252.decode(buf.subarray(at, at + 1));
    parts.push(ch);
    length += ch.length;
    from = at + 1;
  }
  if (from < buf.length) parts.push(utf8.decode(buf.subarray(from)));
  return { text: parts.join(''), invalidBytes };
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

/** Re-encode decoded text exactly as it was read (used by the conservation check). */
export function encode(text: string, encoding: Decoded['encoding'], bom: boolean, invalidBytes: Array<[number, number]> = []): Uint8Array {
  if (encoding === 'utf-8') {
    let body: Uint8Array;
    if (invalidBytes.length === 0) body = new TextEncoder().encode(text);
    else {
      // UTF-8 runs between the bad bytes, each bad byte as it was
      const chunks: Uint8Array[] = [];
      let from = 0;
      for (const [at, byte] of invalidBytes) {
        chunks.push(new TextEncoder().encode(text.slice(from, at)), Uint8Array.of(byte));
        from = at + 1;
      }
      chunks.push(new TextEncoder().encode(text.slice(from)));
      body = Buffer.concat(chunks);
    }
    if (!bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const table = cp1252Table();
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = table.get(text[i]!);
    if (b === undefined) throw new Error(`character U+${text.charCodeAt(i).toString(16)} has no Windows-1252 byte`);
    out[i] = b;
  }
  return out;
}

let table1252: Map<string, number> | undefined;
function cp1252Table(): Map<string, number> {
  if (!table1252) {
    table1252 = new Map();
    for (let b = 0; b < 256; b++) {
      const ch = cp1252.decode(new Uint8Array([b]));
      if (!table1252.has(ch)) table1252.set(ch, b);
    }
  }
  return table1252;
}
