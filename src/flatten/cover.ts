// The fewest CIDR blocks that cover every address of `must` and nothing outside `allowed` (RFC 4632 §3.1
// aggregation with "don't care" addresses). Flattening uses the addresses already decided by earlier
// terms as don't-care: a receiver never reaches a later term for them (RFC 7208 §4.6.2, first match wins),
// so `-ip4:192.0.2.4 ip4:192.0.2.0/24` stays two terms instead of nine.
//
// Over the binary trie of prefixes: a block that misses `must` costs nothing; a block inside `allowed`
// that meets `must` costs exactly one (no cover can do with less); any other block must be split. Each
// choice is forced, so the result is minimal.
import { addressBits, type IpFamily } from '../net/cidr-address.js';
import type { Cidr } from '../net/cidr.js';
import type { Interval, RangeSet } from '../net/range-set.js';

/** Index of the first interval whose last address is >= `address` (intervals sorted and disjoint). */
function firstEndingAtOrAfter(intervals: readonly Interval[], address: bigint): number {
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]!.last < address) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function meets(intervals: readonly Interval[], first: bigint, last: bigint): boolean {
  const i = intervals[firstEndingAtOrAfter(intervals, first)];
  return i !== undefined && i.first <= last;
}

function inside(intervals: readonly Interval[], first: bigint, last: bigint): boolean {
  const i = intervals[firstEndingAtOrAfter(intervals, first)];
  return i !== undefined && i.first <= first && i.last >= last;
}

/** Blocks in address order. `allowed` must contain `must` (it is the union of `must` and the don't-care set). */
export function coverWithDontCare(must: RangeSet, allowed: RangeSet): Cidr[] {
  const family: IpFamily = must.family;
  const bits = addressBits(family);
  const need = must.intervals;
  const may = allowed.intervals;
  const out: Cidr[] = [];
  const visit = (first: bigint, prefix: number): void => {
    const last = first + (1n << BigInt(bits - prefix)) - 1n;
    if (!meets(need, first, last)) return;
    if (inside(may, first, last)) {
      out.push({ family, first, prefix });
      return;
    }
    // prefix < bits here: a single address in `must` is always inside `allowed`
    const half = 1n << BigInt(bits - prefix - 1);
    visit(first, prefix + 1);
    visit(first + half, prefix + 1);
  };
  if (!must.isEmpty()) visit(0n, 0);
  return out;
}
