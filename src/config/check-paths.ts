// The zone files and folders a config names (`zone`, `overlay`) must be there when the config is
// loaded, so a wrong path is reported at its place in the config, not later without one.
import { parseZonePathSpec } from '../zone/zone-layout.js';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { JsonIssue } from '../model/json-problems.js';
import { fileErrorReason as readErrorReason } from '../zone/file-source.js';
import type { AuthauditConfig } from './types.js';

/**
 * One issue per `zone` or `overlay` entry that cannot be read, at its JSON path. Paths in
 * messages are relative to `cwd` (the working folder), as the user would type them.
 */
export async function unreadableZonePaths(config: AuthauditConfig, cwd: string): Promise<JsonIssue[]> {
  const entries = (['zone', 'overlay'] as const).flatMap((key) => config[key].map((entry, i) => ({ key, file: parseZonePathSpec(entry).path, i })));
  const issues = await Promise.all(
    entries.map(async ({ key, file, i }): Promise<JsonIssue | null> => {
      try {
        await access(file, constants.R_OK);
        return null;
      } catch (err) {
        const shown = path.relative(cwd, file) || file;
        return { path: [key, i], message: `cannot read the zone path ${shown}: ${readErrorReason(err, 'no such file or folder')}`, atKey: false };
      }
    }),
  );
  return issues.filter((issue): issue is JsonIssue => issue !== null);
}
