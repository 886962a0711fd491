// Why a file or path could not be read, in words, for messages that name it.

/**
 * Why a file could not be read, in words (`no such file`, `is a folder, not a file`, ...);
 * `missing` says what a path that is not there is called.
 */
export function readErrorReason(err: unknown, missing = 'no such file'): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return missing;
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
