/**
 * Hostile input shapes (issue 10): text built to hit the worst case of a
 * line-by-line pipeline. Each generator returns at least `bytes` UTF-8 bytes of
 * text, deterministic for a given size.
 */
export type HostileShape = 'footnote-lines' | 'digit-lines' | 'hyphen-lines' | 'huge-line' | 'huge-paragraph' | 'furniture';

export const HOSTILE_SHAPES: HostileShape[] = ['footnote-lines', 'digit-lines', 'hyphen-lines', 'huge-line', 'huge-paragraph', 'furniture'];

const WORDS = ['commerce', 'des', 'échanges', 'la', 'politique', 'économique', 'entre', 'les', 'pays', 'accord', 'marché', 'et', 'de', 'transition'];

function fill(bytes: number, line: (i: number) => string): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const l = line(i);
    parts.push(l);
    n += Buffer.byteLength(l);
  }
  return parts.join('');
}

export function hostile(shape: HostileShape, bytes: number): string {
  switch (shape) {
    case 'footnote-lines':
      // `1 x` lines: each one looks like the start of a footnote
      return fill(bytes, (i) => `${(i % 9) + 1} x\n`);
    case 'digit-lines':
      return fill(bytes, (i) => `${(i * 7919) % 100000}\n`);
    case 'hyphen-lines':
      return fill(bytes, () => 'aaaa-\n');
    case 'huge-line':
      // one line, no line break at all
      return fill(bytes, (i) => `${WORDS[i % WORDS.length]} `);
    case 'huge-paragraph': {
      // one wrapped paragraph: lines of ~70 characters, no sentence end anywhere
      return fill(bytes, (i) => {
        const ws: string[] = [];
        for (let k = 0; k < 10; k++) ws.push(WORDS[(i * 10 + k) % WORDS.length]!);
        return ws.join(' ') + '\n';
      });
    }
    case 'furniture':
      // nothing but page furniture: a running header, a page number and a form feed per page
      return fill(bytes, (i) => `LE COMMERCE MONDIAL EN TRANSITION\n\n${i + 1}\n\f`);
  }
}
