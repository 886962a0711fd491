// Where a zone file is, as a SARIF/Actions path: relative to the working folder with forward
// slashes (what GitHub code scanning resolves against the checkout), or a file:// URI when the
// file lies outside the working folder.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The path relative to `cwd` with `/` separators, or null when the file is outside `cwd`. */
export function relativePosixPath(file: string, cwd: string): string | null {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** A valid RFC 3986 URI reference for the file: percent-encoded relative path, or file:// URI. */
export function artifactUri(file: string, cwd: string): string {
  const rel = relativePosixPath(file, cwd);
  if (rel === null) return pathToFileURL(path.resolve(cwd, file)).href;
  return rel
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** The path to show in an annotation: relative with `/` when inside `cwd`, else absolute. */
export function displayPath(file: string, cwd: string): string {
  return relativePosixPath(file, cwd) ?? path.resolve(cwd, file);
}
