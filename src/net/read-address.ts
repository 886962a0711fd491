// The one reading of an address argument: the CLI's ptr and --ip, and the ips of profiles and the
// config file. The strict parser of ./ip.ts, then RFC 7208 §5 (an IPv4-mapped IPv6 address is its
// IPv4 address), and words saying why text that is not an address is refused.
import { formatIp, parseIp, parseIp4, unmapIp4, type IpAddress } from './ip.js';

/** A sending address as a user or a file gives it, read strictly (see `readAddress`). */
export interface ReadAddress {
  /** The address compared and looked up: IPv4 for an IPv4-mapped IPv6 address (RFC 7208 §5). */
  address: IpAddress;
  /** Its canonical text: dotted quad, or RFC 5952 for IPv6. */
  canonical: string;
  /** The text as given when it was an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else null. */
  mappedFrom: string | null;
}

/**
 * Why text is not an address, as words that follow the quoted text (`'1.2.3' is not an IPv4
 * address …`). The caller quotes the text, escaped for where the message goes.
 */
export type AddressReading = { ok: true; value: ReadAddress } | { ok: false; problem: string };

/**
 * The one reading of an address argument: the strict parser SPF uses (`parseIp`), then RFC 7208
 * §5: an IPv4-mapped IPv6 address is the IPv4 address, as check_host() treats it; an
 * IPv4-compatible one (::1.2.3.4, RFC 4291 §2.5.5.1) stays IPv6.
 */
export function readAddress(text: string): AddressReading {
  const parsed = parseIp(text);
  if (parsed !== null) {
    const address = unmapIp4(parsed);
    return { ok: true, value: { address, canonical: formatIp(address), mappedFrom: address === parsed ? null : text } };
  }
  if (!text.includes(':')) return { ok: false, problem: 'is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address' };
  // RFC 4007 §11: the zone index is for socket APIs, not part of the address
  if (text.includes('%')) return { ok: false, problem: 'has a zone index (%...), which is not part of an address' };
  // only hex digits, ':' and '.' reach the quote of the embedded part, so it is safe to show
  const tail = /^[0-9A-Fa-f:.]+$/.test(text) ? /:([^:]*\.[^:]*)$/.exec(text)?.[1] : undefined;
  if (tail !== undefined && parseIp4(tail) === null) return { ok: false, problem: `has an embedded IPv4 part '${tail}' that is not four decimal numbers` };
  return { ok: false, problem: 'is not an IPv6 address (RFC 4291 §2.2)' };
}
