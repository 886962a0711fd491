// The sending profiles a config file lists, in order: profile files are read now, inline profiles
// were checked when the config was loaded. A problem that belongs to the config (a profile file
// that cannot be read, two streams with one name) names the config file:line:column and JSON path
// of the entry; a problem inside a profile file names that file's line and column.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseProfileText } from '../profile/read-profile-file.js';
import type { SendingProfile } from '../profile/types.js';
import { ConfigError } from './load.js';
import { fileErrorReason as readErrorReason } from '../zone/file-source.js';
import type { AuthauditConfig, ProfileConfig } from './types.js';

export interface ConfigProfilesOptions {
  /** Profile file names in messages are relative to this folder (default: the working folder). */
  cwd?: string;
}

async function entryProfiles(entry: ProfileConfig, config: AuthauditConfig, cwd: string): Promise<SendingProfile[]> {
  if (entry.kind === 'inline') return [entry.profile];
  const shown = path.relative(cwd, entry.path) || entry.path;
  let text: string;
  try {
    text = await readFile(entry.path, 'utf8');
  } catch (err) {
    const problem = `${entry.origin}: cannot read the profile file ${shown}: ${readErrorReason(err)}`;
    throw new ConfigError(problem, config.file, [problem]);
  }
  return parseProfileText(text, shown);
}

/**
 * Every stream the config's `profiles` describe. Throws ConfigError (exit 2) for an unreadable
 * profile file or a stream name used twice, and ProfileError for a bad profile file.
 */
export async function loadConfigProfiles(config: AuthauditConfig, options: ConfigProfilesOptions = {}): Promise<SendingProfile[]> {
  const cwd = options.cwd ?? process.cwd();
  const perEntry = await Promise.all(config.profiles.map((entry) => entryProfiles(entry, config, cwd)));
  const seen = new Map<string, string>();
  const problems: string[] = [];
  perEntry.forEach((profiles, i) => {
    const entry = config.profiles[i] as ProfileConfig;
    for (const p of profiles) {
      const first = seen.get(p.name);
      if (first === undefined) seen.set(p.name, entry.origin);
      else problems.push(`${entry.origin}: the stream name "${p.name}" is also used at ${first}: stream names must differ`);
    }
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'), config.file, problems);
  return perEntry.flat();
}
