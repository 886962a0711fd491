// IPv4 and IPv6 addresses as unsigned integers (bigint), the form range arithmetic needs.
// Text goes through the one strict parser and canonical formatter of ./ip.ts (RFC 7208 §5.6 dotted
// quads; RFC 4291 §2.2 and RFC 5952 for IPv6); this file converts between its bytes and bigints.
import { formatIp, parseIp, parseIp4, parseIp6, type IpAddress } from './ip.js';

export type IpFamily = 4 | 6;

/** Bits in an address of the family. */
export function addressBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/** The largest address of the family (all bits set). */
export function maxAddress(family: IpFamily): bigint {
  return (1n << BigInt(addressBits(family))) - 1n;
}

/** The address as an unsigned integer, network order. */
export function ipToBigint(address: IpAddress): bigint {
  let value = 0n;
  for (const byte of address.bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** The address whose value is `value` (RangeError when it does not fit the family: a bug). */
export function bigintToIp(family: IpFamily, value: bigint): IpAddress {
  if (value < 0n || value > maxAddress(family)) throw new RangeError(`address out of range for IPv${family}`);
  const bytes = new Uint8Array(family === 4 ? 4 : 16);
  let rest = value;
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return { version: family, bytes };
}

/** A strict dotted quad (RFC 7208 §5.6) to its 32-bit value, else null. */
export function parseIpv4(text: string): bigint | null {
  const address = parseIp4(text);
  return address === null ? null : ipToBigint(address);
}

/** RFC 4291 §2.2 IPv6 text to its 128-bit value, else null. */
export function parseIpv6(text: string): bigint | null {
  const address = parseIp6(text);
  return address === null ? null : ipToBigint(address);
}

/** Strict text (IPv6 when it holds a colon) to family and value, or null. */
export function parseAddress(text: string): { family: IpFamily; value: bigint } | null {
  const address = parseIp(text);
  return address === null ? null : { family: address.version, value: ipToBigint(address) };
}

/** Canonical text: dotted quad, or RFC 5952 §4 for IPv6 (lowercase, longest zero run compressed). */
export function formatAddress(family: IpFamily, value: bigint): string {
  return formatIp(bigintToIp(family, value));
}
