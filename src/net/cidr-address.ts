// IPv4 and IPv6 addresses as unsigned integers (bigint), the form range arithmetic needs.
// Text goes through the one strict parser and canonical formatter of ./ip.ts; this file only
// converts between its bytes and bigints.
import { formatIp, maxPrefix, parseIp, type IpAddress, type IpFamily } from './ip.js';

/** Bits in an address of the family. */
export function addressBits(family: IpFamily): number {
  return maxPrefix(family);
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

/** `parseIp` (./ip.ts) as family and value, or null. */
export function parseAddress(text: string): { family: IpFamily; value: bigint } | null {
  const address = parseIp(text);
  return address === null ? null : { family: address.version, value: ipToBigint(address) };
}

/** `formatIp` (./ip.ts) of the value: dotted quad, or RFC 5952 §4 for IPv6. */
export function formatAddress(family: IpFamily, value: bigint): string {
  return formatIp(bigintToIp(family, value));
}
