// The domains a sending profile names: the From domain, the MAIL FROM domain (none for the null
// sender) and each DKIM signing domain, in that order, each once. What a user names, as opposed to
// the names the checks visit on their own (includes, MX hosts, the DMARC tree walk).
import { nameKey } from '../model/names.js';
import type { SendingProfile } from './types.js';

export function namedDomains(profile: SendingProfile): string[] {
  const all = [profile.fromDomain, profile.mailFromDomain, ...profile.dkim.map((d) => d.domain)].filter((d): d is string => d !== null);
  return [...new Set(all.map(nameKey))];
}
