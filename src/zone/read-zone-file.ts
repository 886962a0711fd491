// Read a zone file from disk as bytes, decoded as Latin-1 so that every byte survives.

import { basename } from 'node:path';
import { diskSource } from './file-source.js';
import { parseZoneText } from './parse-zone.js';
import type { ParsedZone } from './types.js';

/** The origin a zone file implies by its name: `example.com.zone` → `example.com`. */
export function originFromFileName(path: string): string {
  return basename(path).replace(/\.zone$/i, '');
}

/**
 * Parse one zone file. The origin defaults to the file name without `.zone`.
 * Throws ZoneFileError for bad content, or a FileSourceError naming the path when it cannot be read.
 */
export async function parseZoneFile(path: string, options: { origin?: string; defaultTtl?: number } = {}): Promise<ParsedZone> {
  const bytes = diskSource.read(path);
  return parseZoneText(bytes.toString('latin1'), { ...options, file: path, origin: options.origin ?? originFromFileName(path) });
}
