// The names under which an address's PTR records live (RFC 1035 §3.5 in-addr.arpa, RFC 3596 §2.5
// ip6.arpa), and the IPv6 nibbles that SPF's %{i} macro writes (RFC 7208 §7.3).
import type { IpAddress } from './ip.js';

/** IPv6 nibbles, most significant first, uppercase hex (RFC 7208 §7.4 examples). */
export function ipv6Nibbles(address: IpAddress): string[] {
  const out: string[] = [];
  for (const byte of address.bytes) {
    out.push((byte >> 4).toString(16).toUpperCase(), (byte & 15).toString(16).toUpperCase());
  }
  return out;
}

/** The reverse-lookup name: `4.3.2.1.in-addr.arpa` (RFC 1035 §3.5) or the 32 nibbles under `ip6.arpa` (RFC 3596 §2.5). */
export function reverseName(address: IpAddress): string {
  if (address.version === 4) return `${Array.from(address.bytes).reverse().join('.')}.in-addr.arpa`;
  return `${ipv6Nibbles(address).reverse().join('.').toLowerCase()}.ip6.arpa`;
}
