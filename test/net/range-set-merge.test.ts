// RangeSet's union is a linear merge of two sorted lists and its difference keeps untouched
// intervals as they are. These properties hold them to the straightforward forms: union as
// "concatenate, sort, merge", difference as "cut each interval by every interval of the other".
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RangeSet, type Interval } from '../../src/net/range-set.js';
import { maxAddress } from '../../src/net/cidr-address.js';
import type { IpFamily } from '../../src/net/ip.js';

/** Sort by start and merge overlapping or adjacent intervals, plainly. */
function merged(raw: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...raw].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    const prev = out.at(-1);
    if (prev && i.first <= prev.last + 1n) prev.last = i.last > prev.last ? i.last : prev.last;
    else out.push({ first: i.first, last: i.last });
  }
  return out;
}

/** Every interval of `a` with every interval of `b` taken out of it, one cut at a time. */
function cut(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  let pieces = a.map((i) => ({ ...i }));
  for (const c of b) {
    pieces = pieces.flatMap((p) => {
      if (c.last < p.first || c.first > p.last) return [p];
      const left = c.first > p.first ? [{ first: p.first, last: c.first - 1n }] : [];
      const right = c.last < p.last ? [{ first: c.last + 1n, last: p.last }] : [];
      return [...left, ...right];
    });
  }
  return merged(pieces);
}

/** Intervals anywhere in the family's space, with ends often on or next to each other's. */
function intervals(family: IpFamily): fc.Arbitrary<Interval[]> {
  const max = maxAddress(family);
  const anchor = fc.constantFrom(0n, 1n, 255n, 256n, max >> 1n, max - 1n, max);
  const end = fc.oneof(fc.bigInt({ min: 0n, max }), anchor, fc.bigInt({ min: 0n, max: 600n }));
  return fc.array(
    fc.tuple(end, end).map(([x, y]) => (x <= y ? { first: x, last: y } : { first: y, last: x })),
    { maxLength: 10 },
  );
}

const plain = (set: RangeSet): Interval[] => set.intervals.map((i) => ({ first: i.first, last: i.last }));

describe('RangeSet union and difference', () => {
  for (const family of [4, 6] as const) {
    it(`give the straightforward results on IPv${family}`, () => {
      fc.assert(
        fc.property(intervals(family), intervals(family), (rawA, rawB) => {
          const a = RangeSet.fromIntervals(family, rawA);
          const b = RangeSet.fromIntervals(family, rawB);
          expect(plain(a)).toEqual(merged(rawA));
          expect(plain(a.union(b))).toEqual(merged([...rawA, ...rawB]));
          expect(plain(b.union(a))).toEqual(merged([...rawA, ...rawB]));
          expect(plain(a.difference(b))).toEqual(cut(merged(rawA), merged(rawB)));
          expect(plain(a.intersection(b))).toEqual(cut(merged(rawA), cut(merged(rawA), merged(rawB))));
          expect(a.union(b).equals(RangeSet.fromIntervals(family, [...rawA, ...rawB]))).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('leave their operands as they were, and share only frozen intervals', () => {
    fc.assert(
      fc.property(intervals(4), intervals(4), (rawA, rawB) => {
        const a = RangeSet.fromIntervals(4, rawA);
        const b = RangeSet.fromIntervals(4, rawB);
        const before = [plain(a), plain(b)];
        const results = [a.union(b), a.difference(b), b.difference(a), a.union(a), a.difference(RangeSet.empty(4))];
        expect([plain(a), plain(b)]).toEqual(before);
        for (const set of [a, b, ...results]) {
          expect(Object.isFrozen(set.intervals)).toBe(true);
          for (const i of set.intervals) expect(Object.isFrozen(i)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('do not keep the caller’s interval objects', () => {
    const mine = { first: 10n, last: 20n };
    const set = RangeSet.fromIntervals(4, [mine]);
    mine.last = 30n;
    expect(plain(set)).toEqual([{ first: 10n, last: 20n }]);
    expect(plain(set.union(RangeSet.empty(4)))).toEqual([{ first: 10n, last: 20n }]);
  });
});
