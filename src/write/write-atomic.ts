/**
 * Output files (src/write): files appear whole or not at all. Each output is written to
 * a temporary file in the same directory, flushed, then renamed over the target
 * (rename is atomic on one file system). A run killed mid-way leaves at most a
 * `.tmp` file, never a half-written `.json`, `.diff` or `.clean.txt`.
 * No fsync: a killed process loses nothing that was written before the rename (it
 * is in the page cache); fsync would only guard against power loss, and cost a
 * third of the run time on this disk.
 */
import { open, rename, unlink } from 'node:fs/promises';

let seq = 0;

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${++seq}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data, 'utf8');
  } catch (e) {
    // name the output in the one-line error (a write error carries no path)
    (e as NodeJS.ErrnoException).path ??= path;
    await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

/**
 * A file written piece by piece that still appears whole or not at all: the pieces go
 * to a temporary file in the same directory (buffered, flushed every `flushAt`
 * characters), renamed over the target by `commit()`. `abort()` removes the
 * temporary file. For outputs that would not fit in memory as one string
 * (the batch's facts.jsonl / facts.csv over many books).
 */
export class AtomicWriter {
  private chunks: string[] = [];
  private size = 0;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly fh: import('node:fs/promises').FileHandle,
    private readonly flushAt: number,
  ) {}

  static async open(path: string, flushAt = 1 << 20): Promise<AtomicWriter> {
    const tmp = `${path}.${process.pid}.${++seq}.tmp`;
    return new AtomicWriter(path, tmp, await open(tmp, 'w'), flushAt);
  }

  async write(s: string): Promise<void> {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= this.flushAt) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.chunks.length) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    try {
      await this.fh.writeFile(data, 'utf8');
    } catch (e) {
      (e as NodeJS.ErrnoException).path ??= this.path;
      throw e;
    }
  }

  async commit(): Promise<void> {
    try {
      await this.flush();
      await this.fh.close();
      await rename(this.tmp, this.path);
    } catch (e) {
      await this.abort();
      throw e;
    }
  }

  async abort(): Promise<void> {
    this.chunks = [];
    await this.fh.close().catch(() => {});
    await unlink(this.tmp).catch(() => {});
  }
}
