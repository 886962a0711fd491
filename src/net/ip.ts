// Strict IP address parsing and CIDR containment, as SPF needs them, and the one reading of an
// address argument (readAddress) that the CLI, profiles and the config share.
// IPv4 is a strict dotted quad (RFC 7208 §5.6 ip4-network: no leading zeros, no short or octal forms);
// ipaddr.js accepts "1.2.3", "0x7f.1" and "010.1.1.1", so the text's shape is checked here first.
// IPv6 is RFC 4291 §2.2 text, parsed by ipaddr.js after a shape check (no zone ids), with the embedded
// dotted quad of "::a.b.c.d" read here (ipaddr.js turns "::1.2.3.4" into "::ffff:1.2.3.4").
import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

export interface IpAddress {
  version: IpVersion;
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
 * The one reading of an address argument (the CLI's ptr and --ip, profile and config ips): the
 * strict parser SPF uses (`parseIp`), then RFC 7208 §5: an IPv4-mapped IPv6 address is the IPv4
 * address, as check_host() treats it; an IPv4-compatible one (::1.2.3.4) stays IPv6.
 */
export function readAddress(text: string): AddressReading {
  const parsed = parseIp(text);
  if (parsed !== null) {
    const address = unmapIp4(parsed);
    return { ok: true, value: { address, canonical: formatIp(address), mappedFrom: address === parsed ? null : text } };
  }
  if (!text.includes(':')) return { ok: false, problem: 'is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address' };
  if (text.includes('%')) return { ok: false, problem: 'has a zone index (%...), which is not part of an address' };
  // only hex digits, ':' and '.' reach the quote of the embedded part, so it is safe to show
  const tail = /^[0-9A-Fa-f:.]+$/.test(text) ? /:([^:]*\.[^:]*)$/.exec(text)?.[1] : undefined;
  if (tail !== undefined && parseIp4(tail) === null) return { ok: false, problem: `has an embedded IPv4 part '${tail}' that is not four decimal numbers` };
  return { ok: false, problem: 'is not an IPv6 address (RFC 4291 §2.2)' };
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

export function maxPrefix(version: IpVersion): number {
  return version === 4 ? 32 : 128;
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

/** IPv6 nibbles, most significant first, uppercase hex (RFC 7208 §7.4 examples). */
export function ipv6Nibbles(address: IpAddress): string[] {
  const out: string[] = [];
  for (const byte of address.bytes) {
    out.push((byte >> 4).toString(16).toUpperCase(), (byte & 15).toString(16).toUpperCase());
  }
  return out;
}

/** The reverse-lookup name: `4.3.2.1.in-addr.arpa` or the 32 nibbles under `ip6.arpa` (RFC 3596 §2.5). */
export function reverseName(address: IpAddress): string {
  if (address.version === 4) return `${Array.from(address.bytes).reverse().join('.')}.in-addr.arpa`;
  return `${ipv6Nibbles(address).reverse().join('.').toLowerCase()}.ip6.arpa`;
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.version === b.version && ipInCidr(a, b, maxPrefix(a.version));
}
