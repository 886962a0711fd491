// The smallest set of CIDR blocks covering exactly one interval of addresses (RFC 4632 §3.1
// aggregation). Greedy from the low end: at each step take the largest block that starts at the
// current address (alignment) and does not pass the end. Each step is forced, so the count is minimal.
import { addressBits, maxAddress, type IpFamily } from './cidr-address.js';
import type { Cidr } from './cidr.js';

/** Number of trailing zero bits of `value` (the full width for 0). */
function trailingZeros(value: bigint, bits: number): number {
  if (value === 0n) return bits;
  let n = 0;
  while (((value >> BigInt(n)) & 1n) === 0n) n++;
  return n;
}

/** Bit length of a positive bigint: floor(log2(value)) + 1. */
function bitLength(value: bigint): number {
  return value.toString(2).length;
}

/** Blocks covering exactly `first`..`last` (inclusive), in address order. */
export function intervalToCidrs(family: IpFamily, first: bigint, last: bigint): Cidr[] {
  const bits = addressBits(family);
  if (first < 0n || last > maxAddress(family) || first > last) {
    throw new RangeError(`bad IPv${family} interval`);
  }
  const out: Cidr[] = [];
  let start = first;
  while (start <= last) {
    const remaining = last - start + 1n;
    // largest power of two aligned at `start` and no larger than what remains
    const size = Math.min(trailingZeros(start, bits), bitLength(remaining) - 1);
    out.push({ family, first: start, prefix: bits - size });
    start += 1n << BigInt(size);
  }
  return out;
}
