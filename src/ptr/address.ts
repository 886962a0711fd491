// Sending addresses, read strictly, and their reverse-DNS names (RFC 1035 §3.5 in-addr.arpa,
// RFC 3596 §2.5 ip6.arpa), built with ipaddr.js.
import ipaddr from 'ipaddr.js';
import { escapeForTerminal } from '../report/escape.js';

export interface ParsedAddress {
  /** Canonical text: dotted quad, or RFC 5952 for IPv6. */
  address: string;
  family: 4 | 6;
  /** The address bytes, big-endian (4 or 16). */
  bytes: number[];
  /** The text as given when it was an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else null. */
  mappedFrom: string | null;
}

export type AddressParse = { ok: true; value: ParsedAddress } | { ok: false; reason: string };

const IPV4_STRICT = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/;

/**
 * Read an IPv4 address (four decimal numbers, no leading zeros, no shorthand) or an IPv6 address
 * (RFC 4291 §2.2, no zone index, no brackets). An IPv4-mapped IPv6 address is the IPv4 address it
 * maps: that is the address the receiving server sees the connection come from.
 */
export function parseAddress(text: string): AddressParse {
  // the reasons quote the input: escaped, so a control character in it cannot reach a terminal
  const shown = escapeForTerminal(text);
  if (text.includes(':')) {
    if (text.includes('%')) return { ok: false, reason: `'${shown}': a zone index (%...) is not part of an address` };
    if (!/^[0-9A-Fa-f:.]+$/.test(text)) return { ok: false, reason: `'${shown}' is not an IPv6 address` };
    const tail = /:([^:]*\.[^:]*)$/.exec(text)?.[1];
    if (tail !== undefined && !IPV4_STRICT.test(tail)) return { ok: false, reason: `'${shown}': the embedded IPv4 part '${escapeForTerminal(tail)}' is not four decimal numbers` };
    if (!ipaddr.IPv6.isValid(text)) return { ok: false, reason: `'${shown}' is not an IPv6 address` };
    const v6 = ipaddr.IPv6.parse(text);
    if (v6.isIPv4MappedAddress()) {
      const v4 = v6.toIPv4Address();
      return { ok: true, value: { address: v4.toString(), family: 4, bytes: v4.toByteArray(), mappedFrom: text } };
    }
    return { ok: true, value: { address: v6.toRFC5952String(), family: 6, bytes: v6.toByteArray(), mappedFrom: null } };
  }
  if (!IPV4_STRICT.test(text) || !ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { ok: false, reason: `'${shown}' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address` };
  }
  const v4 = ipaddr.IPv4.parse(text);
  return { ok: true, value: { address: v4.toString(), family: 4, bytes: v4.toByteArray(), mappedFrom: null } };
}

/** The PTR owner name of an address: `d.c.b.a.in-addr.arpa` or 32 nibbles under `ip6.arpa`. */
export function reverseName(address: ParsedAddress): string {
  if (address.family === 4) return `${[...address.bytes].reverse().join('.')}.in-addr.arpa`; // RFC 1035 §3.5
  const nibbles = address.bytes.flatMap((b) => [b >> 4, b & 0x0f]).map((n) => n.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`; // RFC 3596 §2.5
}

/** True when an A/AAAA record's text is the same address (compared as bytes). */
export function sameAddress(address: ParsedAddress, text: string): boolean {
  if (!ipaddr.isValid(text)) return false;
  const other = ipaddr.parse(text);
  const bytes = other.kind() === 'ipv6' && (other as ipaddr.IPv6).isIPv4MappedAddress() ? (other as ipaddr.IPv6).toIPv4Address().toByteArray() : other.toByteArray();
  return bytes.length === address.bytes.length && bytes.every((b, i) => b === address.bytes[i]);
}
