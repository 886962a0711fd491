// The smallest set of CIDR blocks covering exactly one interval of addresses (RFC 4632 §3.1
// aggregation). Greedy from the low end: at each step take the largest block that starts at the
// current address (alignment) and does not pass the end. Each step is forced, so the count is minimal.
import { addressBits, maxAddress } from './cidr-address.js';
import type { IpFamily } from './ip.js';
import type { Cidr } from './cidr.js';

const LOW32 = 0xffffffffn;

/** Number of trailing zero bits of `value` (the full width for 0), 32 bits at a time. */
function trailingZeros(value: bigint, bits: number): number {
  if (value === 0n) return bits;
  let n = 0;
  let rest = value;
  while ((rest & LOW32) === 0n) {
    rest >>= 32n;
    n += 32;
  }
  const low = Number(rest & LOW32);
  return n + 31 - Math.clz32(low & -low);
}

/** Bit length of a positive bigint: floor(log2(value)) + 1. */
function bitLength(value: bigint): number {
  let n = 0;
  let rest = value;
  while (rest > LOW32) {
    rest >>= 32n;
    n += 32;
  }
  return n + 32 - Math.clz32(Number(rest));
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
