// The fewest CIDR blocks covering a set, with addresses decided earlier as don't-care.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverWithDontCare } from '../../src/flatten/cover.js';
import { cidrLast, formatCidr, parseCidr, type Cidr } from '../../src/net/cidr.js';
import { RangeSet } from '../../src/net/range-set.js';

const set4 = (...cidrs: string[]): RangeSet => RangeSet.fromCidrs(4, cidrs.map((c) => parseCidr(c) as Cidr));

describe('coverWithDontCare', () => {
  it('without don’t-care addresses is the exact minimal cover (RFC 4632 §3.1)', () => {
    const must = set4('192.0.2.0/25', '192.0.2.128/26', '192.0.2.192/27');
    expect(coverWithDontCare(must, must).map(formatCidr)).toEqual(['192.0.2.0/25', '192.0.2.128/26', '192.0.2.192/27']);
  });

  it('covers a /24 minus one address with the /24 when that address was decided before', () => {
    const excepted = set4('192.0.2.4/32');
    const must = set4('192.0.2.0/24').difference(excepted);
    expect(must.toCidrs()).toHaveLength(8);
    expect(coverWithDontCare(must, must.union(excepted)).map(formatCidr)).toEqual(['192.0.2.0/24']);
  });

  it('never covers an address outside the allowed set, and never uses more blocks than the exact cover', () => {
    const block = fc.tuple(fc.integer({ min: 0, max: 1023 }), fc.integer({ min: 22, max: 32 }));
    const blocks = fc.array(block, { maxLength: 8 }).map((bs) => bs.map(([n, p]): Cidr => ({ family: 4, first: (0xc0000000n + BigInt(n)) & ~((1n << BigInt(32 - p)) - 1n), prefix: p })));
    fc.assert(
      fc.property(blocks, blocks, (a, b) => {
        const must = RangeSet.fromCidrs(4, a);
        const dontCare = RangeSet.fromCidrs(4, b).difference(must);
        const allowed = must.union(dontCare);
        const cover = coverWithDontCare(must, allowed);
        const covered = RangeSet.fromCidrs(4, cover);
        expect(covered.covers(must)).toBe(true);
        expect(allowed.covers(covered)).toBe(true);
        expect(cover.length).toBeLessThanOrEqual(must.toCidrs().length);
        for (const c of cover) expect(cidrLast(c) >= c.first).toBe(true);
      }),
      { seed: 4632, numRuns: 300 },
    );
  });

  it('works for IPv6', () => {
    const must = RangeSet.fromCidrs(6, [parseCidr('2001:db8::/33') as Cidr, parseCidr('2001:db8:8000::/33') as Cidr]);
    expect(coverWithDontCare(must, must).map(formatCidr)).toEqual(['2001:db8::/32']);
  });
});
