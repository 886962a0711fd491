// Addresses as socket APIs write them: an IPv6 address may name the link it is on with a zone
// index, "<address>%<zone_id>" (RFC 4007 §11.2), as /etc/resolv.conf or --resolver may give a
// link-local name server (fe80::1%eth0). The address part is read by the one parser (./ip.ts);
// DNS data and SPF never carry a zone index, so only socket code reads this form.
import { parseIp, parseIp6, sameIp, unmapIp4, type IpAddress } from './ip.js';

export interface ScopedAddress {
  address: IpAddress;
  /** The zone index after '%', or null when there is none. */
  zone: string | null;
}

// RFC 4007 §11.2 leaves the zone id's form to the system (an interface name or number); these are
// the characters Node's net.isIPv6() took there, and '_'.
const ZONE_ID_RE = /^[0-9A-Za-z_.:-]+$/;

/** An address, IPv6 with an optional zone index (RFC 4007 §11.2); null when the text is not one. */
export function parseScopedIp(text: string): ScopedAddress | null {
  const percent = text.indexOf('%');
  if (percent < 0) {
    const address = parseIp(text);
    return address === null ? null : { address, zone: null };
  }
  // RFC 4007 §11: zones are a property of IPv6 scoped addresses
  const address = parseIp6(text.slice(0, percent));
  const zone = text.slice(percent + 1);
  return address !== null && ZONE_ID_RE.test(zone) ? { address, zone } : null;
}

/**
 * Whether two socket addresses are the same host: the same bytes whatever the spelling, an
 * IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2, as a dual-stack socket reports IPv4 peers) the
 * same as its IPv4 address; zone indexes are not compared.
 */
export function sameHost(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseScopedIp(a);
  const y = parseScopedIp(b);
  return x !== null && y !== null && sameIp(unmapIp4(x.address), unmapIp4(y.address));
}
