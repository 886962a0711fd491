// The fewest CIDR terms for a segment (first match wins, RFC 7208 §4.6.2), with earlier-decided addresses
// as don't-care, checked against first-match evaluation and, on a small space, against every shorter list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrMechanism, segmentRuns, type Run } from '../../src/flatten/emit-order.js';
import { noAddresses, type FamilySets } from '../../src/flatten/family-sets.js';
import type { ClassSets } from '../../src/flatten/linearize.js';
import { optimalRules } from '../../src/flatten/optimal-rules.js';
import { cidrContains, parseCidr, type Cidr } from '../../src/net/cidr.js';
import { RangeSet } from '../../src/net/range-set.js';
import type { Qualifier } from '../../src/spf/types.js';

const v4 = (...cidrs: string[]): RangeSet => RangeSet.fromCidrs(4, cidrs.map((c) => parseCidr(c) as Cidr));
const sets = (ip4: RangeSet): FamilySets => ({ ...noAddresses(), ip4 });
const classes = (c: Partial<Record<Qualifier, RangeSet>>): ClassSets => ({
  '+': sets(c['+'] ?? RangeSet.empty(4)),
  '-': sets(c['-'] ?? RangeSet.empty(4)),
  '~': sets(c['~'] ?? RangeSet.empty(4)),
  '?': sets(c['?'] ?? RangeSet.empty(4)),
});
const text = (runs: Run[]): string => runs.flatMap((r) => r.cidrs.map((c) => `${r.qualifier === '+' ? '' : r.qualifier}${cidrMechanism(c)}`)).join(' ');

/** The qualifier of the first term matching `address`, or null (RFC 7208 §4.6.2). */
function firstMatch(runs: readonly Run[], address: bigint): Qualifier | null {
  for (const r of runs) for (const c of r.cidrs) if (cidrContains(c, 4, address)) return r.qualifier;
  return null;
}

describe('segmentRuns: the fewest terms', () => {
  it('writes an exception before its block rather than cutting the block (RFC 7208 §4.6.2)', () => {
    const fail = v4('192.0.2.4/32');
    const pass = v4('192.0.2.0/24').difference(fail);
    expect(text(segmentRuns(classes({ '+': pass, '-': fail }), noAddresses(), '?'))).toBe('-ip4:192.0.2.4 ip4:192.0.2.0/24');
  });

  it('writes the final class explicitly when that lets a block stay whole', () => {
    // an include's ~ip4 only ends the include: 192.0.2.5 falls through to the final ~all
    const pass = v4('192.0.2.0/28').difference(v4('192.0.2.5/32'));
    expect(text(segmentRuns(classes({ '+': pass }), noAddresses(), '~'))).toBe('~ip4:192.0.2.5 ip4:192.0.2.0/28');
  });

  it('splits one class into two runs when that saves terms', () => {
    const soft = v4('10.0.0.0/24').difference(v4('10.0.0.0/28')).union(v4('10.0.0.5/32'));
    const pass = v4('10.0.0.0/28').difference(v4('10.0.0.5/32'));
    expect(text(segmentRuns(classes({ '+': pass, '~': soft }), noAddresses(), '-'))).toBe('~ip4:10.0.0.5 ip4:10.0.0.0/28 ~ip4:10.0.0.0/24');
  });

  it('uses addresses decided earlier as don’t-care', () => {
    const decided = sets(v4('192.0.2.4/32'));
    expect(text(segmentRuns(classes({ '+': v4('192.0.2.0/24').difference(v4('192.0.2.4/32')) }), decided, '-'))).toBe('ip4:192.0.2.0/24');
  });

  it('never claims an address that must reach the next kept term: no term can say "no match"', () => {
    // not the last segment: 192.0.2.4 must go on to the kept term after this segment
    const pass = v4('192.0.2.0/24').difference(v4('192.0.2.4/32'));
    const runs = segmentRuns(classes({ '+': pass }), noAddresses(), null);
    expect(runs.flatMap((r) => r.cidrs)).toHaveLength(8);
    expect(firstMatch(runs, 0xc0000204n)).toBeNull();
  });
});

// Random labels on 10.0.0.0/29; everything else was decided earlier (don't-care).
const BASE = 0x0a000000n;
const label = fc.constantFrom<Qualifier | 'none' | 'decided'>('+', '-', '~', '?', 'none', 'decided');
const segment = fc.tuple(fc.array(label, { minLength: 8, maxLength: 8 }), fc.constantFrom<Qualifier | null>(null, '+', '-', '~', '?'));

function build(labels: readonly (Qualifier | 'none' | 'decided')[]): { cls: ClassSets; decided: FamilySets } {
  const by = (want: string): RangeSet =>
    RangeSet.fromIntervals(4, labels.flatMap((l, i) => (l === want ? [{ first: BASE + BigInt(i), last: BASE + BigInt(i) }] : [])));
  const outside = v4('0.0.0.0/0').difference(v4('10.0.0.0/29'));
  return { cls: classes({ '+': by('+'), '-': by('-'), '~': by('~'), '?': by('?') }), decided: sets(outside.union(by('decided'))) };
}

/** Does this label list accept `q` (a term's qualifier, or null: no term matched) at address i? */
function accepts(l: Qualifier | 'none' | 'decided', q: Qualifier | null, fallThrough: Qualifier | null): boolean {
  if (l === 'decided') return true;
  const got = q ?? fallThrough;
  return l === 'none' ? q === null || (fallThrough !== null && q === fallThrough) : got === l;
}

/** Prefix blocks inside 10.0.0.0/29 (a larger block acts as the /29 here). */
const BLOCKS: Cidr[] = [29, 30, 31, 32].flatMap((p) => Array.from({ length: 2 ** (p - 29) }, (_, i): Cidr => ({ family: 4, first: BASE + BigInt(i) * 2n ** BigInt(32 - p), prefix: p })));

/** Some list of at most `max` terms that gives every address an accepted result (longest prefix first). */
function existsShorter(labels: readonly (Qualifier | 'none' | 'decided')[], fallThrough: Qualifier | null, max: number): boolean {
  const quals: Qualifier[] = ['+', '-', '~', '?'];
  const ok = (chosen: { cidr: Cidr; q: Qualifier }[]): boolean => {
    const sorted = [...chosen].sort((a, b) => b.cidr.prefix - a.cidr.prefix);
    return labels.every((l, i) => accepts(l, sorted.find((c) => cidrContains(c.cidr, 4, BASE + BigInt(i)))?.q ?? null, fallThrough));
  };
  const search = (from: number, chosen: { cidr: Cidr; q: Qualifier }[]): boolean => {
    if (ok(chosen)) return true;
    if (chosen.length === max) return false;
    for (let b = from; b < BLOCKS.length; b++) for (const q of quals) if (search(b + 1, [...chosen, { cidr: BLOCKS[b]!, q }])) return true;
    return false;
  };
  return search(0, []);
}

describe('segmentRuns on random segments', () => {
  it('gives every address its result in first-match order, with no more terms than the exact cover of each class', () => {
    fc.assert(
      fc.property(segment, ([labels, fallThrough]) => {
        const { cls, decided } = build(labels);
        const runs = segmentRuns(cls, decided, fallThrough);
        labels.forEach((l, i) => expect(accepts(l, firstMatch(runs, BASE + BigInt(i)), fallThrough), `10.0.0.${i}: ${l} got ${text(runs)}`).toBe(true));
        const exact = (['+', '-', '~', '?'] as const).filter((q) => q !== fallThrough).reduce((n, q) => n + cls[q].ip4.toCidrs().length, 0);
        expect(runs.reduce((n, r) => n + r.cidrs.length, 0)).toBeLessThanOrEqual(exact);
      }),
      { seed: 4632, numRuns: 400 },
    );
  });

  it('is minimal: no shorter list of terms gives the same results (exhaustive search on a /29)', () => {
    let nonTrivial = 0;
    fc.assert(
      fc.property(segment, ([labels, fallThrough]) => {
        const { cls, decided } = build(labels);
        const count = optimalRules(4, { classes: { '+': cls['+'].ip4, '-': cls['-'].ip4, '~': cls['~'].ip4, '?': cls['?'].ip4 }, decidedBefore: decided.ip4, fallThrough }).length;
        if (count > 3) return; // the search below is exponential
        if (count > 0) nonTrivial++;
        expect(existsShorter(labels, fallThrough, count - 1), `${labels.join(',')} -> ${count}`).toBe(false);
      }),
      { seed: 1999, numRuns: 150 },
    );
    expect(nonTrivial).toBeGreaterThan(30);
  });
});
