// Which sending profiles and addresses belong to an audited domain: a profile belongs to the
// domain its RFC 5322 From address is at (or below); its sending addresses join the --ip ones
// for the reverse-DNS check.
import { isAtOrBelow } from '../dns/names.js';
import { parseAddress } from '../ptr/address.js';
import type { SendingProfile } from '../profile/types.js';

/** The profiles whose From domain is `domain` or below it. */
export function profilesFor(domain: string, profiles: readonly SendingProfile[]): SendingProfile[] {
  return profiles.filter((p) => isAtOrBelow(p.fromDomain, domain));
}

/**
 * The addresses to check reverse DNS for: `ips`, then every profile's, canonical and without
 * repeats. Throws a RangeError for text that is not an address (validate user input first).
 */
export function addressesFor(ips: readonly string[], profiles: readonly Pick<SendingProfile, 'ips'>[]): string[] {
  const out: string[] = [];
  for (const text of [...ips, ...profiles.flatMap((p) => p.ips)]) {
    const parsed = parseAddress(text);
    if (!parsed.ok) throw new RangeError(parsed.reason);
    if (!out.includes(parsed.value.address)) out.push(parsed.value.address);
  }
  return out;
}
