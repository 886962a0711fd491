// The one address module: IP address text read strictly, written canonically, and compared as
// bytes. Every part of the project that reads or writes address text goes through here.
//
// Read:
// - IPv4 is a dotted quad: four decimal numbers 0-255 (RFC 1035 §3.4.1 A RDATA, written as in
//   RFC 1035 §5.1 master files; RFC 7208 §5.6 ip4-network). A leading zero is refused (RFC 7208
//   §5.6 qnum): inet_aton() reads "010" as octal 8 (RFC 6943 §3.1.1), so such text means different
//   addresses to different readers. Short ("127.1"), hex ("0x7f.0.0.1") and whole-number forms too.
// - IPv6 is one of the three text forms of RFC 4291 §2.2 (RFC 3596 §2.4 for AAAA): eight groups of
//   one to four hex digits, either case; one "::" for one or more zero groups; a dotted quad for the
//   last 32 bits only. "::1.2.3.4" is the IPv4-compatible address ::102:304 (RFC 4291 §2.5.5.1), not
//   the IPv4-mapped ::ffff:1.2.3.4 (§2.5.5.2). A zone index ("fe80::1%eth0", RFC 4007 §11) is not
//   part of an address: scoped-address.ts reads it where a socket address is meant.
// Written: the dotted quad, or RFC 5952 §4 text for IPv6 (lowercase, no leading zeros, the longest
// run of two or more zero groups as "::"). RFC 5952 §5's mixed form for IPv4-mapped addresses is not
// used: an address reads the same whatever produced it.
//
// Hand-written rather than ipaddr.js: that library accepts "1.2.3", "0x7f.1", "010.1.1.1" and zone
// indexes, and reads "::1.2.3.4" as ::ffff:1.2.3.4, so every caller had to check the text first.

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
// RFC 4291 §2.2 form 1: "one to four hexadecimal digits" per 16-bit group
const HEX_GROUP_RE = /^[0-9A-Fa-f]{1,4}$/;

/** A dotted quad (see the head of this file), or null. */
export function parseIp4(text: string): IpAddress | null {
  if (!IP4_RE.test(text)) return null;
  return { version: 4, bytes: Uint8Array.from(text.split('.'), Number) };
}

/** RFC 4291 §2.2 text (no zone index), or null. */
export function parseIp6(text: string): IpAddress | null {
  // RFC 4291 §2.2 form 2: "::" may appear only once
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = readGroups(halves[0] ?? '');
  const tail = compressed ? readGroups(halves[1] ?? '') : { groups: [], quad: false };
  if (head === null || tail === null) return null;
  // a dotted quad stands only for the last 32 bits (form 3), so never before "::"
  if (compressed && head.quad) return null;
  const written = head.groups.length + tail.groups.length;
  // form 1: all eight groups; form 2: "::" is one or more groups of zeros
  if (compressed ? written > 7 : written !== 8) return null;
  const groups = [...head.groups, ...new Array<number>(8 - written).fill(0), ...tail.groups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return { version: 6, bytes };
}

/** The 16-bit groups of one side of "::" (a dotted quad, last, is two), or null when malformed. */
function readGroups(part: string): { groups: number[]; quad: boolean } | null {
  if (part === '') return { groups: [], quad: false };
  const pieces = part.split(':');
  const groups: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (HEX_GROUP_RE.test(piece)) {
      groups.push(parseInt(piece, 16));
      continue;
    }
    // RFC 4291 §2.2 form 3: "the d's are the decimal values of the four low-order 8-bit pieces"
    const quad = i === pieces.length - 1 ? parseIp4(piece) : null;
    if (quad === null) return null;
    const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = quad.bytes;
    groups.push((b0 << 8) | b1, (b2 << 8) | b3);
    return { groups, quad: true };
  }
  return { groups, quad: false };
}

/** IPv6 text when it holds a colon, else a dotted quad; null when it is neither. */
export function parseIp(text: string): IpAddress | null {
  return text.includes(':') ? parseIp6(text) : parseIp4(text);
}

/** The address in 4 (IPv4) or 16 (IPv6) network-order bytes, as A and AAAA RDATA hold it (RFC 1035 §3.4.1, RFC 3596 §2.2). */
export function ipFromBytes(bytes: Uint8Array): IpAddress {
  if (bytes.length === 4) return { version: 4, bytes: Uint8Array.from(bytes) };
  if (bytes.length === 16) return { version: 6, bytes: Uint8Array.from(bytes) };
  throw new RangeError(`an address is 4 or 16 bytes, not ${bytes.length}`);
}

/** The dotted quad, or RFC 5952 §4 IPv6 text. */
export function formatIp(address: IpAddress): string {
  if (address.version === 4) return Array.from(address.bytes).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((address.bytes[i] ?? 0) << 8) | (address.bytes[i + 1] ?? 0));
  // RFC 5952 §4.2.1: shorten the longest run of zero groups; §4.2.2: not a single one;
  // §4.2.3: on a tie, the first
  let runStart = -1;
  let runLength = 1;
  for (let i = 0; i < 8; ) {
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > runLength) [runStart, runLength] = [i, end - i];
    i = Math.max(end, i + 1);
  }
  // RFC 5952 §4.1: no leading zeros; §4.3: lowercase
  const hex = groups.map((g) => g.toString(16));
  if (runStart < 0) return hex.join(':');
  return `${hex.slice(0, runStart).join(':')}::${hex.slice(runStart + runLength).join(':')}`;
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

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.version === b.version && ipInCidr(a, b, maxPrefix(a.version));
}
