// Where zone files and named.conf files are read from. The working tree is one source (diskSource);
// `diff --base-ref` reads the same paths as they were at a git commit through another
// (src/diff/git-tree-source.ts), so the layout rules and the zone reader never touch `node:fs`
// themselves. Reads are synchronous: `$INCLUDE` is met in the middle of a parse, and a git source
// holds the whole tree in memory once it is built.

import { readdirSync, readFileSync, statSync } from 'node:fs';

export type PathKind = 'file' | 'folder';

export interface FileSource {
  /** Where the files come from, for messages (`git ref origin/main`); null for the working tree. */
  readonly label: string | null;
  /** A file, a folder, or null when nothing is there. */
  kind(path: string): PathKind | null;
  /** The names of a folder's entries, sorted. Throws FileSourceError. */
  list(folder: string): string[];
  /** A file's bytes. Throws FileSourceError. */
  read(path: string): Buffer;
}

/** A path that cannot be read; `reason` is in words (`no such file`, `is a folder, not a file`). */
export class FileSourceError extends Error {
  override name = 'FileSourceError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot read '${path}': ${reason}`);
  }
}

/** Why a file could not be read or written, in words (never ENOENT or EISDIR). */
export function fileErrorReason(err: unknown, missing = 'no such file'): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return missing;
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  // other system errors read `ENOSPC: no space left on device, write`: the words, not the code
  if (err instanceof Error && typeof code === 'string' && err.message.startsWith(`${code}: `)) {
    return err.message.slice(code.length + 2).split(',')[0] ?? err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The working tree. */
export const diskSource: FileSource = {
  label: null,
  kind(path) {
    try {
      const stat = statSync(path);
      return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : null;
    } catch {
      return null;
    }
  },
  list(folder) {
    try {
      return readdirSync(folder).sort();
    } catch (err) {
      throw new FileSourceError(folder, fileErrorReason(err, 'no such folder'));
    }
  },
  read(path) {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new FileSourceError(path, fileErrorReason(err));
    }
  },
};
