// CIDR blocks as (family, first address, prefix length). Host bits are always masked:
// `ip4:192.0.2.77/24` authorizes 192.0.2.0-192.0.2.255 (RFC 7208 §5.6, RFC 4632 §3.1).
import { addressBits, formatAddress, maxAddress, parseAddress } from './cidr-address.js';
import type { IpFamily } from './ip.js';

export interface Cidr {
  family: IpFamily;
  /** The network address (host bits zero). */
  first: bigint;
  prefix: number;
}

/** The block of `prefix` bits containing `address`, host bits masked. */
export function cidrOf(family: IpFamily, address: bigint, prefix: number): Cidr {
  const bits = addressBits(family);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new RangeError(`prefix /${prefix} out of range for IPv${family}`);
  }
  if (address < 0n || address > maxAddress(family)) throw new RangeError(`address out of range for IPv${family}`);
  const hostBits = BigInt(bits - prefix);
  return { family, first: (address >> hostBits) << hostBits, prefix };
}

/** Number of addresses in the block. */
export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt(addressBits(cidr.family) - cidr.prefix);
}

export function cidrFirst(cidr: Cidr): bigint {
  return cidr.first;
}

export function cidrLast(cidr: Cidr): bigint {
  return cidr.first + cidrSize(cidr) - 1n;
}

export function cidrContains(cidr: Cidr, family: IpFamily, address: bigint): boolean {
  return family === cidr.family && address >= cidr.first && address <= cidrLast(cidr);
}

/** `192.0.2.0/24`, `2001:db8::/32`; the prefix is always written. */
export function formatCidr(cidr: Cidr): string {
  return `${formatAddress(cidr.family, cidr.first)}/${cidr.prefix}`;
}

/**
 * `addr` or `addr/len` to a block (host bits masked); a bare address is a full-length block.
 * Null when the address or prefix is not strictly valid.
 */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseAddress(addressText);
  if (address === null) return null;
  const bits = addressBits(address.family);
  let prefix = bits;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > bits) return null;
  }
  return cidrOf(address.family, address.value, prefix);
}
