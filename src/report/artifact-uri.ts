// Where a zone file is, as a report path: relative with forward slashes (SARIF and Actions paths
// are relative to the working folder, which GitHub code scanning resolves against the checkout;
// GitLab Code Quality paths are relative to the repository root), or a file:// URI / absolute
// path when the file lies outside that folder. `file` itself is relative to `cwd`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The path relative to `base` (default `cwd`) with `/` separators, or null when the file is outside `base`. */
export function relativePosixPath(file: string, cwd: string, base = cwd): string | null {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(base, abs);
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

/** The path to show in an annotation: relative to `base` (default `cwd`) with `/` when inside it, else absolute. */
export function displayPath(file: string, cwd: string, base = cwd): string {
  return relativePosixPath(file, cwd, base) ?? path.resolve(cwd, file);
}
