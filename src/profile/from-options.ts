// A profile from `authaudit predict --from F [--mail-from M] [--helo H] [--dkim d:s]... [--ip A]... [--volume N]`.
// The same checks as the profile file; problems name the option instead of a JSON path.
import type { JsonValue } from '../model/json-source.js';
import { ProfileReader } from './validate-profile.js';
import { ProfileError, type SendingProfile } from './types.js';
import { ALL_PROVIDERS, isProviderId } from '../providers/select.js';

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

const isCount = (t: string): boolean => /^\d+$/.test(t) && Number.isSafeInteger(Number(t));

/** `20000` (to each provider) or `gmail=20000,outlook=8000,yahoo=3000`; a problem as a string. */
function readVolume(text: string): JsonValue | string {
  if (!text.includes('=')) return isCount(text) ? Number(text) : 'must be a whole number of messages a day, or gmail=N,outlook=N,yahoo=N (also icloud=, gmx=, laposte=)';
  const out: { [key: string]: JsonValue } = {};
  for (const part of text.split(',')) {
    const [key = '', value = '', ...rest] = part.split('=').map((x) => x.trim());
    const provider = key.toLowerCase();
    if (!isProviderId(provider)) return `'${key}' is not a provider (${ALL_PROVIDERS.join(', ')})`;
    if (rest.length > 0 || !isCount(value)) return `'${part}': ${provider}= takes a whole number of messages a day`;
    if (provider in out) return `${provider} is given twice`;
    out[provider] = Number(value);
  }
  return out;
}

/** Throws ProfileError (message: `--ip '300.1.1.1': …`). */
export function profileFromOptions(options: ProfileOptions): SendingProfile {
  const problems: string[] = [];
  let volume: JsonValue = null;
  if (options.volume !== undefined) {
    const read = readVolume(options.volume);
    if (typeof read === 'string') problems.push(`--volume '${options.volume}': ${read}`);
    else volume = read;
  }
  const value: { [key: string]: JsonValue } = {
    from: options.from,
    dkim: [...(options.dkim ?? [])],
    volume,
  };
  // without --ip the predictor samples the ranges the MAIL FROM domain's SPF authorizes
  if (options.ip !== undefined && options.ip.length > 0) value['ips'] = [...options.ip];
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
    problems.push(`${option}${given}: ${issue.message}`);
  }
  if (problems.length > 0 || profile === null) throw new ProfileError(problems.join('\n'), problems);
  return profile;
}
