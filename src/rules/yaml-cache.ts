/**
 * Parsed rule files, cached by content. Parsing YAML with positions is the
 * slowest part of start-up (≈ 0.4 s for the fact rules, cold), and rule files
 * rarely change: the parsed data of a file is kept as JSON under a key made of
 * the SHA-256 of its text, so a changed file is always parsed again. Validation
 * still runs on every load. When a later check needs positions for an error
 * message, the document is parsed then, on demand. A cache that cannot be read
 * or written is ignored: it only saves time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { toJSBounded } from './rule-text.js';

const VERSION = 'yaml-cache-1';

function cacheDir(): string {
  // <repo>/node_modules/.cache/relecteur when the repo has node_modules, else the temp dir
  const here = dirname(fileURLToPath(import.meta.url));
  for (let d = here, k = 0; k < 5; k++, d = dirname(d)) {
    try {
      readFileSync(join(d, 'package.json'));
      return join(d, 'node_modules', '.cache', 'relecteur');
    } catch {
      /* go up */
    }
  }
  return join(tmpdir(), 'relecteur-cache');
}

let dir: string | undefined;

export interface ParsedYaml {
  /** the plain data of the document (as `doc.toJS()` gives it) */
  data: unknown;
  /** YAML syntax errors, with the offset of each (only when parsed now, never cached) */
  errors: Array<{ message: string; offset: number }>;
  /** the document with positions, parsed on first call */
  doc(): { doc: Document; lc: LineCounter };
}

export function parseYamlCached(text: string): ParsedYaml {
  let parsed: { doc: Document; lc: LineCounter } | undefined;
  const doc = () => {
    if (!parsed) {
      const lc = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true }), lc };
    }
    return parsed;
  };
  const key = createHash('sha256').update(VERSION).update(text).digest('hex');
  dir ??= cacheDir();
  const file = join(dir, `${key}.json`);
  try {
    return { data: JSON.parse(readFileSync(file, 'utf8')), errors: [], doc };
  } catch {
    /* not cached yet */
  }
  const { doc: d } = doc();
  const errors = d.errors.map((e) => ({ message: e.message.split('\n')[0]!, offset: e.pos[0] }));
  if (errors.length > 0) return { data: undefined, errors, doc };
  // an alias bomb is an error with the position of its first alias, never a huge expansion
  const js = toJSBounded(d);
  if ('error' in js) return { data: undefined, errors: [{ message: js.error, offset: js.offset }], doc };
  const data = js.data;
  if (errors.length === 0) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, file);
    } catch {
      /* a read-only place: no cache */
    }
  }
  return { data, errors, doc };
}
