// What the expanded tree means for every address: the check_host() result each IPv4 and IPv6 address
// would get, every term that depends on the message (macros, `ptr`) taken as not matching. One walk,
// two modes: the lookup limits lifted (what the owner means to authorize; flattening proves its output
// against it) or enforced as receivers enforce them (RFC 7208 §4.6.4; `authaudit diff` reports the
// addresses that start or stop passing). Enforced, the counts are kept per address, as check_host()
// keeps them: the count at a term depends on the path an address took to reach it. A DNS failure gives
// temperror only to the addresses whose evaluation asks the failed question: an `a`/`mx` host's A
// (AAAA) question is asked for IPv4 (IPv6) clients only, and for `mx` only for those the hosts before
// it did not match (RFC 7208 §5.3, §5.4). An MX host without addresses of a family is a void lookup
// for the clients of that family that reach it, in the same order (§4.6.4, see check-host-terms.ts).
import { maxAddress } from '../net/cidr-address.js';
import type { IpFamily } from '../net/ip.js';
import { parseCidr } from '../net/cidr.js';
import { RFC7208_LIMITS, type SpfLimits } from './limits.js';
import { RangeSet } from '../net/range-set.js';
import type { AddressTotals, SpfTreeNode } from './expand-types.js';
import { recordProgram, type Families, type HostStep, type RecordProgram } from './outcome-program.js';
import { SPF_RESULTS, type SpfResult } from './types.js';

export interface FamilySets {
  ip4: RangeSet;
  ip6: RangeSet;
}

/** For each result word, the addresses that get it; together they partition both address spaces. */
export type RangeOutcome = Record<SpfResult, FamilySets>;

const FAMILIES = [4, 6] as const;
const familyKey = (f: IpFamily): keyof FamilySets => (f === 4 ? 'ip4' : 'ip6');

// Sets are immutable, so these are shared.
const ALL = {
  ip4: RangeSet.fromIntervals(4, [{ first: 0n, last: maxAddress(4) }]),
  ip6: RangeSet.fromIntervals(6, [{ first: 0n, last: maxAddress(6) }]),
};
const NONE = { ip4: RangeSet.empty(4), ip6: RangeSet.empty(6) };

function everything(): FamilySets {
  return { ...ALL };
}

export function nothing(): FamilySets {
  return { ...NONE };
}

/** The addresses a term's or host's blocks cover. */
function setsOfRanges(ranges: readonly string[]): FamilySets {
  const sets = nothing();
  for (const text of ranges) {
    const cidr = parseCidr(text);
    if (cidr) sets[familyKey(cidr.family)] = sets[familyKey(cidr.family)].add(cidr);
  }
  return sets;
}

function union(a: FamilySets, b: FamilySets): FamilySets {
  return { ip4: a.ip4.union(b.ip4), ip6: a.ip6.union(b.ip6) };
}

/** RFC 7208 §4.6.4: DNS-querying terms and void lookups one check_host() evaluation may make. */
export type LookupLimits = Pick<SpfLimits, 'lookups' | 'voidLookups'>;

export interface OutcomeOptions {
  /**
   * Count lookups and void lookups for each address along the path it takes, as check_host() does, and
   * give permerror where a count passes its limit (RFC 7208 §4.6.4). Default false: the limits lifted.
   * The per-term MX-name limit is applied either way, as the tree marks it (`mxOverLimit`).
   */
  enforceLimits?: boolean;
  /** The limits enforced (default RFC7208_LIMITS); read only with `enforceLimits`. */
  limits?: Partial<LookupLimits>;
}

/** The result every address gets from this node's record, with the limits lifted or enforced. */
export function rangeOutcome(node: SpfTreeNode, options: OutcomeOptions = {}): RangeOutcome {
  const limits = options.enforceLimits ? { lookups: RFC7208_LIMITS.lookups, voidLookups: RFC7208_LIMITS.voidLookups, ...options.limits } : null;
  const walk: Walk = { limits, memo: sharedMemos.get(node) ?? new OutcomeMemo() };
  // the node itself is evaluated afresh, so the caller gets its own object; the memoized outcomes of
  // the subtrees below are shared and only ever read
  return evaluate(recordProgram(node), START, walk).out;
}

/** Where an address stands in one check_host() evaluation: the lookups and void lookups counted so far. */
interface Counts {
  lookups: number;
  voids: number;
}
const START: Counts = { lookups: 0, voids: 0 };

/** Addresses not decided yet that stand at the same counts. */
interface Group extends Counts {
  sets: FamilySets;
}

/** Addresses that got a result other than an error, with the counts they had when they got it. */
interface Exit extends Group {
  result: Leaving;
}

/** The results an include or redirect carries on from (RFC 7208 §5.2, §6.1); the others end evaluation. */
type Leaving = 'pass' | 'fail' | 'softfail' | 'neutral';
const LEAVING: readonly Leaving[] = ['pass', 'fail', 'softfail', 'neutral'];
const isLeaving = (r: SpfResult): r is Leaving => (LEAVING as readonly SpfResult[]).includes(r);

interface NodeOutcome {
  out: RangeOutcome;
  /**
   * Limits enforced: the addresses of `out.pass`, `fail`, `softfail` and `neutral` by the counts they
   * leave this record with (an include that does not match goes on with them). Limits lifted: null.
   */
  exits: Exit[] | null;
}

interface Walk {
  /** null: the limits lifted, nothing counted. */
  limits: LookupLimits | null;
  memo: OutcomeMemo;
}

/**
 * Subtree outcomes already worked out, by the walk's mode, the counts the subtree is entered with, and
 * the subtree's program key (outcome-program.ts), which is the whole program the walk reads. The same
 * provider record (include:_spf.google.com and what it includes) sits in the trees of hundreds of
 * domains: within a run (spf-run.ts) its outcome is computed once for each count it is entered with.
 */
export class OutcomeMemo {
  /** By program key, then by mode and entry counts. */
  private readonly entries = new Map<string, Map<string, NodeOutcome>>();

  /** Subtrees whose outcomes are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** The outcome of `program` for addresses entering it at `entry`, worked out once per run. */
  outcome(program: RecordProgram, entry: Counts, walk: Walk): NodeOutcome {
    const { limits } = walk;
    const mode = limits ? `${limits.lookups},${limits.voidLookups}@${entry.lookups},${entry.voids}` : 'lifted';
    const key = program.key;
    let byMode = this.entries.get(key);
    const known = byMode?.get(mode);
    if (known !== undefined) return known;
    const computed = evaluate(program, entry, walk);
    if (key.length <= MEMO_KEY_CHARS) {
      if (!byMode) {
        if (this.entries.size >= MEMO_PROGRAMS) this.entries.delete(this.entries.keys().next().value as string); // oldest first
        byMode = new Map();
        this.entries.set(key, byMode);
      }
      byMode.set(mode, computed);
    }
    return computed;
  }
}

/** Subtrees whose outcomes a run keeps (each for every mode and count it was entered with). */
const MEMO_PROGRAMS = 1024;
/** Keys longer than this (huge subtrees, rarely shared) are not kept. */
const MEMO_KEY_CHARS = 1 << 16;

const sharedMemos = new WeakMap<SpfTreeNode, OutcomeMemo>();

/** Outcomes of the subtrees below `root` are kept in `memo` (its run's) and looked up there. */
export function shareOutcomes(root: SpfTreeNode, memo: OutcomeMemo): void {
  sharedMemos.set(root, memo);
}

/** One record's outcome for addresses entering it at `entry`, given the outcomes of the records below. */
function evaluate(program: RecordProgram, entry: Counts, walk: Walk): NodeOutcome {
  if (program.uniform !== null) return uniform(program.uniform, walk);
  const r = new RecordWalk(entry, walk.limits);
  const child = (index: number) => (counts: Counts) => walk.memo.outcome(program.targets[index] as RecordProgram, counts, walk);
  for (const step of program.steps) {
    if (r.finished()) break;
    switch (step.do) {
      case 'lookup':
        r.spendLookup();
        break;
      case 'match':
        r.give(step.result, setsOfRanges(step.ranges));
        break;
      case 'hosts':
        r.hosts(step.result, step.hosts);
        break;
      case 'rest':
        r.rest(step.result);
        break;
      case 'include':
        r.include(step.result, child(step.target));
        break;
      case 'void':
        r.spendVoid(step);
        break;
      case 'redirect':
        r.redirect(child(step.target));
        break;
    }
  }
  r.rest('neutral'); // RFC 7208 §4.7: no match, no redirect
  return r.finish();
}

function uniform(result: SpfResult, walk: Walk): NodeOutcome {
  const out = Object.fromEntries(SPF_RESULTS.map((r) => [r, nothing()])) as RangeOutcome;
  out[result] = everything();
  return { out, exits: walk.limits ? [] : null };
}

const FAMILY_KEYS = ['ip4', 'ip6'] as const;

/**
 * Evaluates one record for every address at once, first match deciding (RFC 7208 §4.6.2): the
 * addresses not decided yet are kept in groups by their counts, which split where an include's
 * record ends at different counts for different addresses, or a lookup is void for one family only.
 * With the limits lifted there is one group and nothing is counted.
 */
class RecordWalk {
  readonly out = Object.fromEntries(SPF_RESULTS.map((r) => [r, nothing()])) as RangeOutcome;
  private groups: Group[];
  private readonly exits: Map<string, Exit> | null;

  constructor(
    entry: Counts,
    private readonly limits: LookupLimits | null,
  ) {
    this.groups = [{ lookups: entry.lookups, voids: entry.voids, sets: everything() }];
    this.exits = limits ? new Map() : null;
  }

  /** Every address has its result. */
  finished(): boolean {
    return this.groups.length === 0;
  }

  /** The undecided addresses in `sets` get `result`. */
  give(result: SpfResult, sets: FamilySets): void {
    if (sets.ip4.isEmpty() && sets.ip6.isEmpty()) return;
    for (const g of this.groups) this.decide(g, result, sets, g);
    this.prune();
  }

  /** Every undecided address gets `result`. */
  rest(result: SpfResult): void {
    for (const g of this.groups) this.decide(g, result, { ...g.sets }, g);
    this.groups = [];
  }

  /** The undecided addresses of the families given get `result`. */
  restOf(result: SpfResult, families: Families): void {
    if (!families.ip4 && !families.ip6) return;
    for (const g of this.groups) {
      this.decide(g, result, { ip4: families.ip4 ? g.sets.ip4 : NONE.ip4, ip6: families.ip6 ? g.sets.ip6 : NONE.ip6 }, g);
    }
    this.prune();
  }

  /**
   * An `a`/`mx` term's hosts in the order receivers ask them (RFC 7208 §5.3, §5.4): a host's addresses
   * match with `result`; where its A (AAAA) question failed, the IPv4 (IPv6) addresses still undecided
   * get temperror (§5, §4.4) and the hosts after it are never asked for them; where it has no A (AAAA)
   * record, the IPv4 (IPv6) addresses still undecided count one void lookup (§4.6.4).
   */
  hosts(result: SpfResult, steps: readonly HostStep[]): void {
    for (const h of steps) {
      if (this.finished()) return;
      this.give(result, setsOfRanges(h.ranges));
      this.restOf('temperror', h.failed);
      this.spendVoid(h.void);
    }
  }

  /** RFC 7208 §4.6.4: one more DNS-querying term; permerror for the addresses already at the limit. */
  spendLookup(): void {
    const limits = this.limits;
    if (!limits) return;
    for (const g of this.groups) {
      if (g.lookups >= limits.lookups) this.decide(g, 'permerror', { ...g.sets }, g);
      else g.lookups++;
    }
    this.prune();
  }

  /** RFC 7208 §4.6.4: one more void lookup for the undecided addresses of the families given. */
  spendVoid(families: Families): void {
    const limits = this.limits;
    if (!limits || (!families.ip4 && !families.ip6)) return;
    const next: Group[] = [];
    for (const g of this.groups) {
      const hit = { ip4: families.ip4 ? g.sets.ip4 : NONE.ip4, ip6: families.ip6 ? g.sets.ip6 : NONE.ip6 };
      const missed = { ip4: families.ip4 ? NONE.ip4 : g.sets.ip4, ip6: families.ip6 ? NONE.ip6 : g.sets.ip6 };
      next.push({ lookups: g.lookups, voids: g.voids, sets: missed });
      const counted: Group = { lookups: g.lookups, voids: g.voids + 1, sets: hit };
      if (counted.voids > limits.voidLookups) this.decide(counted, 'permerror', hit, counted);
      else next.push(counted);
    }
    this.groups = merged(next);
  }

  /**
   * RFC 7208 §5.2: the include matches (giving `result`) where the target passes; none or permerror
   * there is permerror, temperror is temperror, and fail, softfail or neutral go on to the next term
   * with the counts the target's evaluation left them with.
   */
  include(result: SpfResult, target: (entry: Counts) => NodeOutcome): void {
    const next: Group[] = [];
    for (const g of this.groups) {
      const inner = target(g);
      this.errors(g, inner);
      if (inner.exits === null) {
        this.decide(g, result, inner.out.pass, g);
        next.push(g);
        continue;
      }
      for (const e of inner.exits) {
        const part: Group = { lookups: e.lookups, voids: e.voids, sets: meet(g.sets, e.sets) };
        if (e.result === 'pass') this.decide(part, result, { ...part.sets }, e);
        else next.push(part);
      }
    }
    this.groups = merged(next);
  }

  /** RFC 7208 §6.1: the target's result is the result for every address that reaches the redirect. */
  redirect(target: (entry: Counts) => NodeOutcome): void {
    for (const g of this.groups) {
      const inner = target(g);
      this.errors(g, inner);
      if (inner.exits === null) for (const r of LEAVING) this.decide(g, r, inner.out[r], g);
      else for (const e of inner.exits) this.decide(g, e.result, e.sets, e);
    }
    this.groups = [];
  }

  finish(): NodeOutcome {
    return { out: this.out, exits: this.exits ? [...this.exits.values()] : null };
  }

  private errors(g: Group, inner: NodeOutcome): void {
    this.decide(g, 'permerror', inner.out.permerror, g);
    this.decide(g, 'permerror', inner.out.none, g); // RFC 7208 §5.2, §6.1
    this.decide(g, 'temperror', inner.out.temperror, g);
  }

  /** The addresses of `g` in `sets` get `result`, and leave with the counts `at`. */
  private decide(g: Group, result: SpfResult, sets: FamilySets, at: Counts): void {
    const hit = { ...NONE };
    for (const k of FAMILY_KEYS) {
      const own = g.sets[k];
      if (own.isEmpty() || sets[k].isEmpty()) continue;
      // sets ∩ own, worked out from the side of `sets` (a term's few ranges, usually): cheaper than
      // two passes over all the undecided addresses
      hit[k] = sets[k].difference(sets[k].difference(own));
      if (hit[k].isEmpty()) continue;
      g.sets[k] = own.difference(hit[k]);
      this.out[result][k] = this.out[result][k].union(hit[k]);
    }
    if (this.exits && isLeaving(result) && !(hit.ip4.isEmpty() && hit.ip6.isEmpty())) {
      const key = `${result}|${at.lookups},${at.voids}`;
      const known = this.exits.get(key);
      if (known) known.sets = union(known.sets, hit);
      else this.exits.set(key, { result, lookups: at.lookups, voids: at.voids, sets: hit });
    }
  }

  private prune(): void {
    if (this.groups.some(isEmptyGroup)) this.groups = this.groups.filter((g) => !isEmptyGroup(g));
  }
}

const isEmptyGroup = (g: Group): boolean => g.sets.ip4.isEmpty() && g.sets.ip6.isEmpty();

/** Groups with the same counts made one; empty ones dropped. */
function merged(groups: Group[]): Group[] {
  const byCounts = new Map<string, Group>();
  for (const g of groups) {
    if (isEmptyGroup(g)) continue;
    const key = `${g.lookups},${g.voids}`;
    const known = byCounts.get(key);
    if (known) known.sets = union(known.sets, g.sets);
    else byCounts.set(key, g);
  }
  return [...byCounts.values()];
}

function meet(a: FamilySets, b: FamilySets): FamilySets {
  return { ip4: a.ip4.intersection(b.ip4), ip6: a.ip6.intersection(b.ip6) };
}

/** Counts of the addresses that get `pass`, and the size of their minimal CIDR cover. */
export function passTotals(outcome: RangeOutcome): AddressTotals {
  const pass = outcome.pass;
  return {
    ip4Addresses: Number(pass.ip4.count()),
    ip6Addresses: pass.ip6.count().toString(),
    ip4Ranges: pass.ip4.toCidrs().length,
    ip6Ranges: pass.ip6.toCidrs().length,
  };
}
