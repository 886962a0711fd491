// A set of addresses of one family, kept as sorted, disjoint, non-adjacent inclusive intervals.
// Immutable: every operation returns a set (one of its inputs when nothing changes), and sets share
// their frozen intervals; union and difference are linear passes over the sorted lists. Flattening
// builds on it to aggregate ranges exactly and to prove two records authorize the same addresses.
import { maxAddress } from './cidr-address.js';
import type { IpFamily } from './ip.js';
import { cidrLast, cidrOf, type Cidr } from './cidr.js';
import { intervalToCidrs } from './cidr-cover.js';

/** Inclusive interval of addresses. */
export interface Interval {
  first: bigint;
  last: bigint;
}

/** A frozen interval: sets share them, so none may change after it is made. */
function frozen(first: bigint, last: bigint): Interval {
  return Object.freeze({ first, last });
}

/** Sort and merge overlapping and adjacent intervals. */
function normalize(family: IpFamily, input: readonly Interval[]): Interval[] {
  const max = maxAddress(family);
  for (const { first, last } of input) {
    if (first < 0n || last > max || first > last) throw new RangeError(`bad IPv${family} interval`);
  }
  const sorted = input.length < 2 ? input : [...input].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return mergeSorted(sorted, [], false);
}

/**
 * One pass over intervals sorted by `first` (or two sorted lists, merged as they go): overlapping
 * and adjacent ones are joined. With `reuse` (inputs are sets' own frozen intervals), an interval
 * that comes out unchanged is kept, not copied.
 */
function mergeSorted(a: readonly Interval[], b: readonly Interval[], reuse: boolean): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  let first = 0n;
  let last = -1n;
  /** The input interval equal to the pending one, when it was not widened. */
  let same: Interval | null = null;
  let open = false;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]!.first <= b[j]!.first) ? a[i++]! : b[j++]!;
    if (open && next.first <= last + 1n) {
      if (next.last > last) {
        last = next.last;
        same = null;
      }
      continue;
    }
    if (open) out.push(same ?? frozen(first, last));
    first = next.first;
    last = next.last;
    same = reuse ? next : null;
    open = true;
  }
  if (open) out.push(same ?? frozen(first, last));
  return out;
}

export class RangeSet {
  readonly family: IpFamily;
  /** Sorted, disjoint, never adjacent. */
  readonly intervals: readonly Interval[];

  /** `intervals` must already be sorted, disjoint, non-adjacent and frozen. */
  private constructor(family: IpFamily, intervals: Interval[]) {
    this.family = family;
    this.intervals = Object.freeze(intervals);
  }

  static empty(family: IpFamily): RangeSet {
    return new RangeSet(family, []);
  }

  /** Any intervals (overlapping, adjacent, unsorted): merged. Throws RangeError on an out-of-range one (a bug). */
  static fromIntervals(family: IpFamily, intervals: readonly Interval[]): RangeSet {
    return new RangeSet(family, normalize(family, intervals));
  }

  /** Blocks of this set's family (host bits masked); a block of the other family is an error (a bug). */
  static fromCidrs(family: IpFamily, cidrs: readonly Cidr[]): RangeSet {
    const intervals = cidrs.map((c) => {
      if (c.family !== family) throw new RangeError(`IPv${c.family} block in an IPv${family} set`);
      const masked = cidrOf(c.family, c.first, c.prefix);
      return { first: masked.first, last: cidrLast(masked) };
    });
    return RangeSet.fromIntervals(family, intervals);
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  /** Number of addresses. */
  count(): bigint {
    return this.intervals.reduce((sum, i) => sum + (i.last - i.first + 1n), 0n);
  }

  /** Lowest address, or null when empty. */
  first(): bigint | null {
    return this.intervals[0]?.first ?? null;
  }

  /** Highest address, or null when empty. */
  last(): bigint | null {
    return this.intervals[this.intervals.length - 1]?.last ?? null;
  }

  /** Binary search over the intervals. */
  contains(address: bigint): boolean {
    let lo = 0;
    let hi = this.intervals.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const i = this.intervals[mid]!;
      if (address < i.first) hi = mid - 1;
      else if (address > i.last) lo = mid + 1;
      else return true;
    }
    return false;
  }

  add(...cidrs: Cidr[]): RangeSet {
    return this.union(RangeSet.fromCidrs(this.family, cidrs));
  }

  /** A linear merge of the two sorted lists. */
  union(other: RangeSet): RangeSet {
    this.sameFamily(other);
    if (other.intervals.length === 0) return this;
    if (this.intervals.length === 0) return other;
    return new RangeSet(this.family, mergeSorted(this.intervals, other.intervals, true));
  }

  /** Addresses in this set and not in `other`. */
  difference(other: RangeSet): RangeSet {
    this.sameFamily(other);
    const cut = other.intervals;
    if (cut.length === 0 || this.intervals.length === 0) return this;
    const out: Interval[] = [];
    let j = 0;
    for (const interval of this.intervals) {
      const { first, last } = interval;
      let start = first;
      while (j < cut.length && cut[j]!.last < start) j++;
      let k = j;
      while (start <= last && k < cut.length && cut[k]!.first <= last) {
        const c = cut[k]!;
        if (c.first > start) out.push(frozen(start, c.first - 1n));
        start = c.last + 1n;
        if (c.last > last) break;
        k++;
      }
      if (start === first) out.push(interval); // untouched
      else if (start <= last) out.push(frozen(start, last));
    }
    return new RangeSet(this.family, out);
  }

  intersection(other: RangeSet): RangeSet {
    return this.difference(this.difference(other));
  }

  /** True when every address of `other` is in this set. */
  covers(other: RangeSet): boolean {
    return other.difference(this).isEmpty();
  }

  equals(other: RangeSet): boolean {
    return (
      this.family === other.family &&
      this.intervals.length === other.intervals.length &&
      this.intervals.every((i, n) => i.first === other.intervals[n]!.first && i.last === other.intervals[n]!.last)
    );
  }

  /** The minimal list of CIDR blocks covering exactly this set, in address order. */
  toCidrs(): Cidr[] {
    return this.intervals.flatMap((i) => intervalToCidrs(this.family, i.first, i.last));
  }

  /**
   * For each interval its first and last address and the addresses just outside it (when they
   * exist): the probes that tell two sets apart if they differ anywhere near a boundary.
   */
  edgeAddresses(): bigint[] {
    const max = maxAddress(this.family);
    const out = new Set<bigint>();
    for (const { first, last } of this.intervals) {
      if (first > 0n) out.add(first - 1n);
      out.add(first);
      out.add(last);
      if (last < max) out.add(last + 1n);
    }
    return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private sameFamily(other: RangeSet): void {
    if (other.family !== this.family) throw new RangeError(`IPv${this.family} set combined with IPv${other.family}`);
  }
}
