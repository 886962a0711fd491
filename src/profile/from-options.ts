// A profile from `authaudit predict --from F [--mail-from M] [--helo H] [--dkim d:s]... [--ip A]... [--volume N]`.
// The same checks as the profile file; problems name the option instead of a JSON path.
import type { JsonValue } from '../config/json-source.js';
import { ProfileReader } from './validate-profile.js';
import { ProfileError, type SendingProfile } from './types.js';

export interface ProfileOptions {
  from: string;
  mailFrom?: string | undefined;
  helo?: string | undefined;
  dkim?: readonly string[] | undefined;
  ip?: readonly string[] | undefined;
  /** Messages a day, as typed. */
  volume?: string | undefined;
  name?: string | undefined;
}

const OPTION_OF: Record<string, string> = { from: '--from', mailFrom: '--mail-from', helo: '--helo', dkim: '--dkim', ips: '--ip', volume: '--volume', name: '--name' };

/** Throws ProfileError (message: `--ip '300.1.1.1': …`). */
export function profileFromOptions(options: ProfileOptions): SendingProfile {
  const problems: string[] = [];
  let volume: JsonValue = null;
  if (options.volume !== undefined) {
    if (/^\d+$/.test(options.volume) && Number.isSafeInteger(Number(options.volume))) volume = Number(options.volume);
    else problems.push(`--volume '${options.volume}': must be a whole number of messages a day`);
  }
  const value: { [key: string]: JsonValue } = {
    from: options.from,
    ips: [...(options.ip ?? [])],
    dkim: [...(options.dkim ?? [])],
    volume,
  };
  if (options.mailFrom !== undefined) value['mailFrom'] = options.mailFrom;
  if (options.helo !== undefined) value['helo'] = options.helo;
  if (options.name !== undefined) value['name'] = options.name;
  const reader = new ProfileReader();
  const profile = reader.profile(value, [], 'default');
  for (const issue of reader.issues) {
    const key = String(issue.path[0] ?? '');
    const index = issue.path[1];
    const option = OPTION_OF[key] ?? key;
    const given = typeof index === 'number' ? ` '${String((value[key] as JsonValue[])[index])}'` : '';
    problems.push(`${option}${given}: ${key === 'ips' && issue.path.length === 1 ? 'is required (a sending IP address; repeat it for several)' : issue.message}`);
  }
  if (problems.length > 0 || profile === null) throw new ProfileError(problems.join('\n'), problems);
  return profile;
}
