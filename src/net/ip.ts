// Strict IP address parsing, formatting and CIDR containment: the one address module. The reading
// of an address argument is in read-address.ts, reverse-lookup names in reverse-name.ts.
// IPv4 is a strict dotted quad (RFC 7208 §5.6 ip4-network: no leading zeros, no short or octal forms);
// ipaddr.js accepts "1.2.3", "0x7f.1" and "010.1.1.1", so the text's shape is checked here first.
// IPv6 is RFC 4291 §2.2 text, parsed by ipaddr.js after a shape check (no zone ids), with the embedded
// dotted quad of "::a.b.c.d" read here (ipaddr.js turns "::1.2.3.4" into "::ffff:1.2.3.4").
import ipaddr from 'ipaddr.js';

/** The address family: 4 for IPv4, 6 for IPv6. */
export type IpFamily = 4 | 6;

export interface IpAddress {
  version: IpFamily;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

// RFC 7208 §5.6: qnum = DIGIT / %x31-39 DIGIT / "1" 2DIGIT / "2" %x30-34 DIGIT / "25" %x30-35
const QNUM = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])';
const IP4_RE = new RegExp(`^${QNUM}\\.${QNUM}\\.${QNUM}\\.${QNUM}$`);
const IP6_SHAPE_RE = /^[0-9A-Fa-f:]+$/;
const IP6_EMBEDDED_RE = /^([0-9A-Fa-f:]*:)([0-9]*\.[0-9.]*)$/;

/** A strict dotted quad, or null. */
export function parseIp4(text: string): IpAddress | null {
  if (!IP4_RE.test(text)) return null;
  const parts = text.split('.');
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) bytes[i] = Number(parts[i]);
  return { version: 4, bytes };
}

/** RFC 4291 §2.2 text form (no zone id), or null. */
export function parseIp6(text: string): IpAddress | null {
  let hexText = text;
  let tail: Uint8Array | null = null;
  const embedded = IP6_EMBEDDED_RE.exec(text);
  if (embedded) {
    const quad = parseIp4(embedded[2] ?? '');
    if (!quad) return null;
    tail = quad.bytes;
    const b = quad.bytes;
    // Replace the dotted quad by two hex groups so that ipaddr.js reads the rest verbatim.
    hexText = `${embedded[1] ?? ''}${(((b[0] ?? 0) << 8) | (b[1] ?? 0)).toString(16)}:${(((b[2] ?? 0) << 8) | (b[3] ?? 0)).toString(16)}`;
  }
  if (!IP6_SHAPE_RE.test(hexText) || !ipaddr.IPv6.isValid(hexText)) return null;
  // An embedded quad must take the last 32 bits of a full address (RFC 4291 §2.2 form 3).
  const groups = hexText.split(':').filter((g) => g !== '').length;
  if (tail && !hexText.includes('::') && groups !== 8) return null;
  const bytes = Uint8Array.from(ipaddr.IPv6.parse(hexText).toByteArray());
  return { version: 6, bytes };
}

/** Either family; IPv4 first. */
export function parseIp(text: string): IpAddress | null {
  return text.includes(':') ? parseIp6(text) : parseIp4(text);
}

/**
 * RFC 7208 §5: an IPv4-mapped IPv6 address (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) is treated as the
 * IPv4 address. An IPv4-compatible one (::a.b.c.d, RFC 4291 §2.5.5.1, deprecated) is not mapped:
 * it stays the IPv6 address it is (::1.2.3.4 is ::102:304).
 */
export function unmapIp4(address: IpAddress): IpAddress {
  if (address.version !== 6) return address;
  const b = address.bytes;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return address;
  if (b[10] !== 0xff || b[11] !== 0xff) return address;
  return { version: 4, bytes: b.slice(12, 16) };
}

/** True when `address` lies in `network`/`prefix` (same family; bits past the prefix are ignored). */
export function ipInCidr(address: IpAddress, network: IpAddress, prefix: number): boolean {
  if (address.version !== network.version) return false;
  const a = address.bytes;
  const n = network.bytes;
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== n[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[full] ?? 0) & mask) === ((n[full] ?? 0) & mask);
}

/** Bits in an address of the family. */
export function maxPrefix(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/** Dotted quad, or the RFC 5952 canonical IPv6 text (lowercase, compressed). */
export function formatIp(address: IpAddress): string {
  if (address.version === 4) return Array.from(address.bytes).join('.');
  return ipaddr.IPv6.parse(ipv6Groups(address).join(':')).toRFC5952String();
}

function ipv6Groups(address: IpAddress): string[] {
  const out: string[] = [];
  for (let i = 0; i < 16; i += 2) {
    out.push((((address.bytes[i] ?? 0) << 8) | (address.bytes[i + 1] ?? 0)).toString(16));
  }
  return out;
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.version === b.version && ipInCidr(a, b, maxPrefix(a.version));
}
