import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RangeSet, type Interval } from '../../src/net/range-set.js';
import { intervalToCidrs } from '../../src/net/cidr-cover.js';
import { cidrLast, formatCidr, parseCidr, type Cidr } from '../../src/net/cidr.js';
import { maxAddress, parseAddress } from '../../src/net/cidr-address.js';
import type { IpFamily } from '../../src/net/ip.js';

const v4 = (text: string): bigint => parseAddress(text)!.value;
const block = (text: string): Cidr => parseCidr(text)!;
const texts = (set: RangeSet): string[] => set.toCidrs().map(formatCidr);

/** Intervals inside a window of `size` addresses starting at `base`, so membership can be checked address by address. */
function windowIntervals(base: bigint, size: number): fc.Arbitrary<Interval[]> {
  return fc.array(
    fc.tuple(fc.nat(size - 1), fc.nat(40)).map(([start, length]) => {
      const first = base + BigInt(start);
      const last = base + BigInt(Math.min(size - 1, start + length));
      return { first, last };
    }),
    { maxLength: 12 },
  );
}

const inRaw = (raw: Interval[], address: bigint): boolean => raw.some((i) => i.first <= address && address <= i.last);

/** Independent oracle: sort + merge, written plainly. */
function mergedOracle(raw: Interval[]): Interval[] {
  const sorted = [...raw].sort((a, b) => (a.first < b.first ? -1 : 1));
  const out: Interval[] = [];
  for (const i of sorted) {
    const prev = out.at(-1);
    if (prev && i.first <= prev.last + 1n) prev.last = prev.last > i.last ? prev.last : i.last;
    else out.push({ ...i });
  }
  return out;
}

/**
 * Independent oracle for the minimal exact cover, top-down: an aligned block wholly inside the set
 * costs 1, one disjoint from it costs 0, any other must be split in halves (no block can contain it).
 */
function minimalCoverSize(merged: Interval[], first: bigint, bits: number): number {
  const last = first + (1n << BigInt(bits)) - 1n;
  const touching = merged.filter((i) => i.last >= first && i.first <= last);
  if (touching.length === 0) return 0;
  if (touching.some((i) => i.first <= first && i.last >= last)) return 1;
  const half = 1n << BigInt(bits - 1);
  return minimalCoverSize(touching, first, bits - 1) + minimalCoverSize(touching, first + half, bits - 1);
}

/** Interval ends anywhere in the space, biased toward block boundaries (and one off them), where covers get interesting. */
function fullScaleIntervals(family: IpFamily): fc.Arbitrary<Interval[]> {
  const max = maxAddress(family);
  const bits = family === 4 ? 32 : 128;
  const end = fc.oneof(
    fc.bigInt({ min: 0n, max }),
    fc.tuple(fc.bigInt({ min: 0n, max }), fc.integer({ min: 0, max: bits }), fc.constantFrom(-1n, 0n, 1n)).map(([a, hostBits, nudge]) => {
      const aligned = (a >> BigInt(hostBits)) << BigInt(hostBits);
      const v = aligned + nudge;
      return v < 0n ? 0n : v > max ? max : v;
    }),
  );
  return fc.array(
    fc.tuple(end, end).map(([a, b]) => (a <= b ? { first: a, last: b } : { first: b, last: a })),
    { maxLength: 6 },
  );
}

describe('RangeSet: merging', () => {
  it('merges overlapping and adjacent ranges and masks host bits', () => {
    const set = RangeSet.fromCidrs(4, [block('192.0.2.0/25'), block('192.0.2.200/25'), block('198.51.100.7/32'), block('198.51.100.6/32')]);
    expect(texts(set)).toEqual(['192.0.2.0/24', '198.51.100.6/31']);
    expect(set.intervals).toHaveLength(2);
  });

  it('keeps ranges with a gap of one address apart', () => {
    const set = RangeSet.fromIntervals(4, [
      { first: v4('10.0.0.0'), last: v4('10.0.0.9') },
      { first: v4('10.0.0.11'), last: v4('10.0.0.20') },
    ]);
    expect(set.intervals).toHaveLength(2);
    expect(set.contains(v4('10.0.0.10'))).toBe(false);
  });

  it('merging never changes membership, and counts match', () => {
    fc.assert(
      fc.property(fc.constantFrom(0n, v4('203.0.113.0'), maxAddress(4) - 299n), windowIntervals(0n, 300), (base, rel) => {
        const raw = rel.map((i) => ({ first: i.first + base, last: i.last + base }));
        const set = RangeSet.fromIntervals(4, raw);
        let count = 0n;
        for (let a = base; a < base + 300n; a++) {
          expect(set.contains(a)).toBe(inRaw(raw, a));
          if (inRaw(raw, a)) count++;
        }
        expect(set.count()).toBe(count);
        // sorted, disjoint and never adjacent
        set.intervals.forEach((i, n) => {
          const next = set.intervals[n + 1];
          if (next) expect(next.first > i.last + 1n).toBe(true);
        });
      }),
    );
  });
});

describe('RangeSet: set operations', () => {
  it('difference, intersection and union agree with membership address by address', () => {
    fc.assert(
      fc.property(windowIntervals(1000n, 200), windowIntervals(1000n, 200), (a, b) => {
        const A = RangeSet.fromIntervals(6, a);
        const B = RangeSet.fromIntervals(6, b);
        const diff = A.difference(B);
        const inter = A.intersection(B);
        const union = A.union(B);
        for (let x = 999n; x <= 1200n; x++) {
          expect(diff.contains(x)).toBe(inRaw(a, x) && !inRaw(b, x));
          expect(inter.contains(x)).toBe(inRaw(a, x) && inRaw(b, x));
          expect(union.contains(x)).toBe(inRaw(a, x) || inRaw(b, x));
        }
        expect(A.covers(inter)).toBe(true);
        expect(union.covers(A) && union.covers(B)).toBe(true);
        expect(diff.union(inter).equals(A)).toBe(true);
      }),
    );
  });

  it('cuts a hole out of a block', () => {
    const set = RangeSet.fromCidrs(4, [block('192.0.2.0/24')]).difference(RangeSet.fromCidrs(4, [block('192.0.2.128/32')]));
    expect(texts(set)).toEqual(['192.0.2.0/25', '192.0.2.129/32', '192.0.2.130/31', '192.0.2.132/30', '192.0.2.136/29', '192.0.2.144/28', '192.0.2.160/27', '192.0.2.192/26']);
    expect(set.count()).toBe(255n);
  });

  it('refuses to mix families', () => {
    expect(() => RangeSet.empty(4).union(RangeSet.empty(6))).toThrow(RangeError);
    expect(() => RangeSet.fromCidrs(4, [block('2001:db8::/32')])).toThrow(RangeError);
  });

  it('reports first and last addresses, null when empty', () => {
    const set = RangeSet.fromCidrs(4, [block('198.51.100.0/24'), block('192.0.2.0/24')]);
    expect(set.first()).toBe(v4('192.0.2.0'));
    expect(set.last()).toBe(v4('198.51.100.255'));
    expect(RangeSet.empty(6).first()).toBeNull();
    expect(RangeSet.empty(6).last()).toBeNull();
    expect(RangeSet.empty(6).count()).toBe(0n);
  });

  it('edge addresses are each range’s ends (inside) and their neighbours (outside)', () => {
    fc.assert(
      fc.property(fullScaleIntervals(4), (raw) => {
        const set = RangeSet.fromIntervals(4, raw);
        const edges = new Set(set.edgeAddresses());
        for (const { first, last } of set.intervals) {
          expect(edges.has(first) && edges.has(last)).toBe(true);
          expect(set.contains(first) && set.contains(last)).toBe(true);
          if (first > 0n) expect(edges.has(first - 1n) && !set.contains(first - 1n)).toBe(true);
          if (last < maxAddress(4)) expect(edges.has(last + 1n) && !set.contains(last + 1n)).toBe(true);
        }
      }),
    );
  });
});

describe('RangeSet: minimal exact CIDR cover (RFC 4632 §3.1)', () => {
  it('covers the whole space with one block', () => {
    expect(texts(RangeSet.fromIntervals(4, [{ first: 0n, last: maxAddress(4) }]))).toEqual(['0.0.0.0/0']);
    expect(texts(RangeSet.fromIntervals(6, [{ first: 0n, last: maxAddress(6) }]))).toEqual(['::/0']);
  });

  it('splits an unaligned interval into the fewest blocks', () => {
    expect(intervalToCidrs(4, v4('10.0.0.1'), v4('10.0.0.6')).map(formatCidr)).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
    ]);
  });

  for (const family of [4, 6] as const) {
    it(`IPv${family}: the cover is exact, aligned, disjoint and as small as the top-down oracle`, () => {
      fc.assert(
        fc.property(fullScaleIntervals(family), (raw) => {
          const set = RangeSet.fromIntervals(family, raw);
          const cidrs = set.toCidrs();
          // exact: the blocks rebuild the same set, and they do not overlap (sizes add up)
          expect(RangeSet.fromCidrs(family, cidrs).equals(set)).toBe(true);
          const total = cidrs.reduce((s, c) => s + (cidrLast(c) - c.first + 1n), 0n);
          expect(total).toBe(set.count());
          // minimal
          expect(cidrs.length).toBe(minimalCoverSize(mergedOracle(raw), 0n, family === 4 ? 32 : 128));
        }),
        { numRuns: 200 },
      );
    });
  }
});
