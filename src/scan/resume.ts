// `scan --resume`: what an earlier, interrupted run already wrote. A crash or kill can leave a torn
// last line (the only line a scan ever writes partly), so it is cut off first; then every whole line
// names a domain that is done and is skipped this time. The file is read as a stream, never whole.
import { closeSync, createReadStream, fstatSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../model/usage-error.js';
import { fileErrorReason } from '../zone/file-source.js';
import { nameKey } from '../model/names.js';
import { csvFields } from './input-lines.js';
import type { ScanFormat } from './types.js';

export interface Resumed {
  /** Domains with a whole line in the file. */
  done: Set<string>;
  /** Bytes of a torn last line cut off (0 when the file ended with a whole line). */
  tornBytes: number;
  /** The file holds something: CSV needs no second header. */
  nonEmpty: boolean;
}

const CHUNK = 64 * 1024;

/** Cut a torn last line off `path` (everything after the last newline); the bytes cut. */
export function dropTornLine(path: string): { tornBytes: number; size: number } {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    let end = size;
    const buffer = Buffer.alloc(CHUNK);
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const read = readSync(fd, buffer, 0, end - start, start);
      const newline = buffer.subarray(0, read).lastIndexOf(0x0a);
      if (newline >= 0) {
        const keep = start + newline + 1;
        if (keep < size) ftruncateSync(fd, keep);
        return { tornBytes: size - keep, size: keep };
      }
      end = start;
    }
    if (size > 0) ftruncateSync(fd, 0);
    return { tornBytes: size, size: 0 };
  } finally {
    closeSync(fd);
  }
}

/** The domain a whole output line is about; null for a CSV header. Throws a UsageError for a line no scan wrote. */
function domainOfLine(text: string, format: ScanFormat, shown: string, number: number): string | null {
  if (format === 'csv') {
    const first = csvFields(text)[0] ?? '';
    if (number === 1 && first === 'domain') return null;
    if (first === '') throw new UsageError(`--resume: ${shown}:${number}: not a scan CSV row (no domain in the first column)`);
    return nameKey(first);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--resume: ${shown}:${number}: not a scan NDJSON line (it is not JSON; was the file written with --format csv?)`);
  }
  const domains = (parsed as { domains?: Array<{ domain?: unknown }> } | null)?.domains;
  const domain = Array.isArray(domains) ? domains[0]?.domain : undefined;
  if (typeof domain !== 'string') throw new UsageError(`--resume: ${shown}:${number}: not a scan NDJSON line (no domains[0].domain)`);
  return nameKey(domain);
}

/** Read an output file of an earlier scan for `--resume`; a missing file is an empty one. */
export async function readResumed(path: string, shown: string, format: ScanFormat): Promise<Resumed> {
  let cut: { tornBytes: number; size: number };
  try {
    cut = dropTornLine(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { done: new Set(), tornBytes: 0, nonEmpty: false };
    throw new UsageError(`--resume: cannot read '${shown}': ${fileErrorReason(err)}`);
  }
  const done = new Set<string>();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text === '') continue;
    const domain = domainOfLine(text, format, shown, number);
    if (domain !== null) done.add(domain);
  }
  return { done, tornBytes: cut.tornBytes, nonEmpty: cut.size > 0 };
}
