// intervalToCidrs counts trailing zeros and bit lengths 32 bits at a time; this holds it to the same
// greedy cover computed bit by bit (RFC 4632 §3.1), over both address families.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intervalToCidrs } from '../../src/net/cidr-cover.js';
import { addressBits, maxAddress } from '../../src/net/cidr-address.js';
import type { IpFamily } from '../../src/net/ip.js';
import type { Cidr } from '../../src/net/cidr.js';

/** The greedy cover, one bit at a time: the largest aligned block at `start` that does not pass `last`. */
function bitByBit(family: IpFamily, first: bigint, last: bigint): Cidr[] {
  const bits = addressBits(family);
  const out: Cidr[] = [];
  let start = first;
  while (start <= last) {
    let size = 0;
    while (size < bits && (start & ((1n << BigInt(size + 1)) - 1n)) === 0n && start + (1n << BigInt(size + 1)) - 1n <= last) size++;
    out.push({ family, first: start, prefix: bits - size });
    start += 1n << BigInt(size);
  }
  return out;
}

function ends(family: IpFamily): fc.Arbitrary<[bigint, bigint]> {
  const max = maxAddress(family);
  const bits = addressBits(family);
  const aligned = fc
    .tuple(fc.bigInt({ min: 0n, max }), fc.integer({ min: 0, max: bits }), fc.constantFrom(-1n, 0n, 1n))
    .map(([a, host, nudge]) => {
      const v = ((a >> BigInt(host)) << BigInt(host)) + nudge;
      return v < 0n ? 0n : v > max ? max : v;
    });
  const end = fc.oneof(fc.bigInt({ min: 0n, max }), aligned, fc.constantFrom(0n, max, 0xffffffffn, 0x100000000n, 1n << 64n));
  return fc.tuple(end, end).filter(([a, b]) => a <= max && b <= max).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
}

describe('intervalToCidrs', () => {
  for (const family of [4, 6] as const) {
    it(`gives the bit-by-bit greedy cover on IPv${family}`, () => {
      fc.assert(
        fc.property(ends(family), ([first, last]) => {
          expect(intervalToCidrs(family, first, last)).toEqual(bitByBit(family, first, last));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('covers a whole address space with one block', () => {
    expect(intervalToCidrs(4, 0n, maxAddress(4))).toEqual([{ family: 4, first: 0n, prefix: 0 }]);
    expect(intervalToCidrs(6, 0n, maxAddress(6))).toEqual([{ family: 6, first: 0n, prefix: 0 }]);
  });
});
