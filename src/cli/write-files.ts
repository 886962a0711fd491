// Report files are written whole or not at all: each text goes to a temporary file beside its
// target (same folder, so the rename stays on one file system), and only when every temporary
// file is written are they renamed over the targets. A reader never sees half a report, and a
// failed run leaves no temporary file behind.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../model/usage-error.js';
import { fileErrorReason } from '../zone/file-source.js';

export interface FileToWrite {
  /** Absolute path of the target. */
  path: string;
  /** The path as the user gave it, for messages. */
  shown: string;
  text: string;
}

/** `.NAME.PID-RANDOM.tmp` beside `target`: hidden, and never a name another run picks. */
export function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write every file, or throw a UsageError (exit 2) naming the file and saying why in words
 * (`permission denied`, `no such folder`). When a temporary file cannot be written, no target is
 * touched; when a rename fails, the files renamed before it stay (each whole) and the rest are not written.
 */
export function writeFilesAtomically(files: readonly FileToWrite[]): void {
  const pending: Array<{ file: FileToWrite; temporary: string }> = [];
  const remove = (left: typeof pending) => {
    for (const p of left) rmSync(p.temporary, { force: true });
  };
  const failed = (file: FileToWrite, err: unknown): UsageError =>
    new UsageError(`cannot write '${file.shown}': ${fileErrorReason(err, 'no such folder')}`);
  for (const file of files) {
    const temporary = temporaryName(file.path);
    try {
      // wx: never follow or reuse something already there
      writeFileSync(temporary, file.text, { flag: 'wx' });
    } catch (err) {
      // a write that failed half-way (no space left) leaves a piece behind; EEXIST is not ours
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temporary, { force: true });
      remove(pending);
      throw failed(file, err);
    }
    pending.push({ file, temporary });
  }
  for (const [i, { file, temporary }] of pending.entries()) {
    try {
      renameSync(temporary, file.path);
    } catch (err) {
      remove(pending.slice(i));
      throw failed(file, err);
    }
  }
}
