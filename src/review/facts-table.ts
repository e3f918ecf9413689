/**
 * `out/facts.jsonl` and `out/facts.csv`: every fact of every book of a run, for
 * other tools and spreadsheets, each with its book and its place in the original
 * (line, column). Read back from the written `<name>.json` files line by line
 * (they hold one array item per line), so a large book's document is never parsed
 * whole.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Fact } from '../types.js';
import { AtomicWriter } from '../write/write-atomic.js';

/** The items of one top-level array (`"facts"`, `"footnotes"`, …) of a document JSON written by relecteur. */
export async function* readArrayItems<T = unknown>(jsonPath: string, key: string): AsyncGenerator<T> {
  const rl = createInterface({ input: createReadStream(jsonPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  let inside = false;
  for await (const line of rl) {
    if (!inside) {
      if (line === ` ${JSON.stringify(key)}: [` ) inside = true;
      else if (line.startsWith(` ${JSON.stringify(key)}: [`)) {
        // an empty array on one line: "[]"
        for (const item of JSON.parse(line.slice(line.indexOf('[')).replace(/,$/, '')) as T[]) yield item;
        break;
      }
      continue;
    }
    if (line.startsWith(' ]')) break;
    yield JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as T;
  }
  rl.close();
}

export interface FactRow extends Record<string, unknown> {
  book: string;
  line: number;
  column: number;
}

/** One flat row per fact: book, position, then the fact's own fields. */
export function factRow(book: string, f: Fact): FactRow {
  const { source, ...rest } = f;
  return { book, line: source.line, column: source.column, ...rest };
}

export const CSV_COLUMNS = ['book', 'line', 'column', 'type', 'text', 'value', 'currency', 'unit', 'qualifier', 'inferred', 'name', 'kind', 'id', 'block', 'start', 'end', 'rule'] as const;

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Write `<out>/facts.jsonl` and `<out>/facts.csv` from the books' JSON files, in the order given.
 * Streamed: rows go to disk as they are read, so a run over many books does not hold every
 * fact of the batch in memory (a 60 MB batch has hundreds of thousands of facts).
 */
export async function writeFactTables(out: string, books: Array<{ book: string; json: string }>): Promise<{ facts: number }> {
  const jsonl = await AtomicWriter.open(`${out}/facts.jsonl`);
  let csv: AtomicWriter | undefined;
  try {
    csv = await AtomicWriter.open(`${out}/facts.csv`);
    // CRLF rows and a BOM: what spreadsheet programs expect of a UTF-8 CSV (RFC 4180)
    await csv.write('\uFEFF' + CSV_COLUMNS.join(',') + '\r\n');
    let facts = 0;
    for (const { book, json } of books) {
      for await (const f of readArrayItems<Fact>(json, 'facts')) {
        const row = factRow(book, f);
        await jsonl.write(JSON.stringify(row) + '\n');
        await csv.write(CSV_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\r\n');
        facts++;
      }
    }
    await jsonl.commit();
    await csv.commit();
    return { facts };
  } catch (e) {
    await jsonl.abort();
    await csv?.abort();
    throw e;
  }
}
