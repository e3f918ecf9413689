/**
 * The input files of a batch (issue 10: hardening). Directories are walked
 * recursively in sorted order; every real directory is entered once and every
 * real file is taken once, whatever symbolic links point at them (a link back up
 * the tree, `sub/up -> ..`, or `self -> .`, cannot loop); the output directory is
 * never read as input; FIFOs, sockets and devices are refused by name.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';

export const INPUT_EXTENSIONS = new Set(['.txt', '.md']);

export interface CollectedInputs {
  files: string[];
  errors: string[];
  emptyDirs: string[];
}

/**
 * Expand files and directories (recursively) into a sorted list of input files.
 * A directory named on the command line that holds no input file is reported in
 * `errors` (and listed in `emptyDirs`), so it is never skipped in silence.
 * `exclude`: a directory (the output directory) whose contents are never inputs.
 */
export async function collectInputs(paths: string[], exclude?: string): Promise<CollectedInputs> {
  const files: string[] = [];
  const errors: string[] = [];
  const emptyDirs: string[] = [];
  const seenDirs = new Set<string>();
  const excluded = exclude ? await realpath(exclude).catch(() => resolve(exclude)) : undefined;
  const inExcluded = (real: string) => excluded !== undefined && (real === excluded || real.startsWith(excluded + sep));
  /** real path -> [index in files, reached through a symbolic link to the file itself] */
  const seenAt = new Map<string, [number, boolean]>();
  const addFile = async (p: string, real: string) => {
    const viaLink = (await lstat(p).catch(() => null))?.isSymbolicLink() ?? false;
    const seen = seenAt.get(real);
    if (seen) {
      // the same file twice: keep its own name rather than a link's, in the first one's place
      if (seen[1] && !viaLink) {
        files[seen[0]] = p;
        seen[1] = false;
      }
      return;
    }
    seenAt.set(real, [files.length, viaLink]);
    files.push(p);
  };
  const walk = async (p: string, top: boolean): Promise<void> => {
    let st;
    let real: string;
    try {
      st = await stat(p);
      real = await realpath(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      if (top || code !== 'ENOENT') errors.push(`${p}: cannot read (${code === 'ELOOP' ? 'ELOOP: symbolic link loop' : code})`);
      return;
    }
    if (st.isDirectory()) {
      if (seenDirs.has(real) || inExcluded(real)) return;
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = (await readdir(p)).sort();
      } catch (e) {
        errors.push(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        return;
      }
      for (const e of entries) {
        const child = join(p, e);
        const cst = await stat(child).catch(() => null);
        if (cst?.isDirectory()) await walk(child, false);
        else if (INPUT_EXTENSIONS.has(extname(e).toLowerCase())) {
          if (cst && !cst.isFile()) errors.push(`${child}: not a regular file`);
          else if (!cst) errors.push(`${child}: cannot read (broken symbolic link)`);
          else {
            const r = await realpath(child).catch(() => child);
            if (!inExcluded(r)) await addFile(child, r);
          }
        }
      }
    } else if (!st.isFile()) {
      errors.push(`${p}: not a regular file`);
    } else if (top && inExcluded(real)) {
      errors.push(`${p}: is inside the output directory; not read as input`);
    } else await addFile(p, real);
  };
  for (const p of paths) {
    const before = files.length;
    const nErrors = errors.length;
    await walk(p, true);
    if (files.length === before && errors.length === nErrors) {
      errors.push(`${p}: is a directory with no .txt or .md file in it`);
      emptyDirs.push(p);
    }
  }
  return { files, errors, emptyDirs };
}

/**
 * Output base names, unique whatever the input names: the first input called `x`
 * gets `x`; a later one gets `x~2`, `x~3`, … skipping every name that an input
 * has of its own (a real `x~2.txt` keeps `x~2`). Case is folded when comparing, so
 * two names cannot collide on a case-insensitive file system either.
 */
export function outputNames(files: string[]): string[] {
  const key = (s: string) => s.toLowerCase();
  const own = new Set(files.map((f) => key(basename(f, extname(f)))));
  const used = new Set<string>();
  return files.map((f) => {
    const b = basename(f, extname(f));
    let name = b;
    if (used.has(key(name))) {
      let k = 2;
      while (own.has(key(`${b}~${k}`)) || used.has(key(`${b}~${k}`))) k++;
      name = `${b}~${k}`;
    }
    used.add(key(name));
    return name;
  });
}
