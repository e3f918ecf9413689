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
