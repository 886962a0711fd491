// Which sending profiles and addresses belong to an audited domain: a profile belongs to the
// domain its RFC 5322 From address is at (or below); its sending addresses join the --ip ones
// for the reverse-DNS check.
import { isAtOrBelow, labels, nameKey } from '../model/names.js';
import { readAddress } from '../net/read-address.js';
import type { SendingProfile } from '../profile/types.js';

/** The profiles whose From domain is `domain` or below it. */
export function profilesFor(domain: string, profiles: readonly SendingProfile[]): SendingProfile[] {
  return profiles.filter((p) => isAtOrBelow(p.fromDomain, domain));
}

/**
 * profilesFor over many domains at once: each profile is filed under its From domain and every
 * domain above it, so a lookup costs one map access instead of a pass over every profile.
 */
export function profileIndex(profiles: readonly SendingProfile[]): (domain: string) => SendingProfile[] {
  const byDomain = new Map<string, SendingProfile[]>();
  for (const profile of profiles) {
    const parts = labels(profile.fromDomain);
    for (let i = 0; i <= parts.length; i++) {
      const key = parts.slice(i).join('.');
      const list = byDomain.get(key);
      if (list === undefined) byDomain.set(key, [profile]);
      else list.push(profile);
    }
  }
  return (domain) => byDomain.get(nameKey(domain)) ?? [];
}

/**
 * The addresses to check reverse DNS for: `ips`, then every profile's, canonical and without
 * repeats. Throws a RangeError for text that is not an address (validate user input first).
 */
export function addressesFor(ips: readonly string[], profiles: readonly Pick<SendingProfile, 'ips'>[]): string[] {
  const out: string[] = [];
  for (const text of [...ips, ...profiles.flatMap((p) => p.ips)]) {
    const read = readAddress(text);
    if (!read.ok) throw new RangeError(`'${text}' ${read.problem}`);
    if (!out.includes(read.value.canonical)) out.push(read.value.canonical);
  }
  return out;
}
