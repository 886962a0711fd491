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
import { hostFailures, hostVoids } from './host-failures.js';
import { RFC7208_LIMITS, type SpfLimits } from './limits.js';
import { RangeSet } from '../net/range-set.js';
import type { AddressTotals, DnsProblem, MechanismNode, RangeNode, RedirectNode, ResolvedHost, SpfTreeNode } from './expand-types.js';
import { isLookup, isRedirect } from './term-kinds.js';
import { QUALIFIER_RESULT, SPF_RESULTS, type SpfResult } from './types.js';

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

/** The addresses a term's ranges cover (ip4/ip6 terms, and `a`/`mx` resolved to their addresses). */
function termSets(t: RangeNode): FamilySets {
  return setsOfRanges(t.ranges);
}

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
  const walk: Walk = { limits, keys: new Map() };
  // the node itself is evaluated afresh, so the caller gets its own object; the memoized outcomes of
  // the subtrees below are shared and only ever read
  return evaluateNode(node, START, walk).out;
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
  keys: Map<SpfTreeNode, string>;
}

/**
 * Subtree outcomes already worked out, by the walk's mode, the counts the subtree is entered with, and
 * `outcomeKey`. The same provider record (include:_spf.google.com and what it includes) sits in the
 * trees of hundreds of domains; its outcome is computed once for each count it is entered with.
 * The key holds everything the outcome depends on, so an entry is right for any tree in any run.
 */
const memo = new Map<string, NodeOutcome>();
const MEMO_ENTRIES = 2048;
/** Keys longer than this (huge subtrees, rarely shared) are not kept. */
const MEMO_KEY_CHARS = 1 << 16;

function memoizedOutcome(node: SpfTreeNode, entry: Counts, walk: Walk): NodeOutcome {
  const { limits } = walk;
  const mode = limits ? `${limits.lookups},${limits.voidLookups}@${entry.lookups},${entry.voids}` : 'lifted';
  const key = `${mode}|${outcomeKey(node, walk.keys)}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const computed = evaluateNode(node, entry, walk);
  if (key.length <= MEMO_KEY_CHARS) {
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value as string); // oldest first
    memo.set(key, computed);
  }
  return computed;
}

/**
 * A text that determines `evaluateNode`'s result for given counts: the node's status, and for a record
 * each evaluated term, in order — qualifier, mechanism, and what it matches (its ranges, whether its
 * name exists, the key of the record it includes), which address families its lookup was void for,
 * `?` for a term that depends on the message (it still costs a lookup), a DNS failure or MX overflow
 * where evaluation stops — then the redirect target's key. An `a`/`mx` term with a failed address
 * question, and an `mx` term with a host without addresses of a family, lists its hosts in order instead
 * (`@` ranges, `!4`/`!6` for the failed families, `#4`/`#6` for the void ones).
 * Mechanism names and CIDR texts never hold `{};|?@!#`, and a record's key is braced, so two different
 * inputs never share a key.
 */
export function outcomeKey(node: SpfTreeNode, keys: Map<SpfTreeNode, string> = new Map()): string {
  const known = keys.get(node);
  if (known !== undefined) return known;
  let key: string;
  if (node.status !== 'record') key = node.status;
  else if (node.parseErrors.length > 0) key = 'syntax-error';
  else {
    let out = '{';
    for (const t of node.terms) {
      if (!t.evaluated || t.kind !== 'mechanism') continue;
      out += `${t.qualifier}${t.name}`;
      if (dependsOnMessage(t)) {
        out += '|?;';
        continue;
      }
      if (t.name === 'mx' && t.mxOverLimit) {
        out += '|over';
        break;
      }
      const steps = hostSteps(t);
      if (ownFailure(t) && steps === null) {
        out += '|failure';
        break;
      }
      if (steps !== null) {
        for (const h of steps) {
          out += `|@${h.ranges.join(',')}${h.failed.ip4 ? '!4' : ''}${h.failed.ip6 ? '!6' : ''}${h.void.ip4 ? '#4' : ''}${h.void.ip6 ? '#6' : ''}`;
        }
      }
      else if (t.name === 'ip4' || t.name === 'ip6' || t.name === 'a' || t.name === 'mx') out += `|${t.ranges.join('|')}`;
      else if (t.name === 'exists') out += t.exists ? '|1' : '|0';
      else if (t.name === 'include') out += t.child ? `|${outcomeKey(t.child, keys)}` : '|-';
      const v = voidFor(t);
      if (v.ip4 || v.ip6) out += `|void${v.ip4 ? 4 : ''}${v.ip6 ? 6 : ''}`;
      out += ';';
    }
    const redirect = evaluatedRedirect(node);
    if (redirect) out += redirect.child ? `redirect|${outcomeKey(redirect.child, keys)}` : 'redirect|?';
    key = `${out}}`;
  }
  keys.set(node, key);
  return key;
}

/**
 * One `a`/`mx` host as the walk takes it: the addresses it matches, which families' questions failed,
 * and, for an MX host, for which families its address lookup is a void lookup.
 */
interface HostStep {
  ranges: readonly string[];
  sets: FamilySets;
  failed: Record<keyof FamilySets, boolean>;
  void: Record<keyof FamilySets, boolean>;
}

const NO_FAMILY: Readonly<Record<keyof FamilySets, boolean>> = { ip4: false, ip6: false };

/** Which families' address questions failed for a host (host-failures.ts). */
function failedFamilies(host: ResolvedHost): Record<keyof FamilySets, boolean> {
  const failed = hostFailures(host);
  return { ip4: failed.ip4 !== null, ip6: failed.ip6 !== null };
}

/**
 * An `a`/`mx` term whose failure is a host's address question, not the term's own (the MX question),
 * or an `mx` term with a host that has no address of a family (a void lookup for that family's clients,
 * RFC 7208 §4.6.4): its hosts, in the order receivers ask them, for the walk to take one by one. Null
 * for any other term, for one without such hosts (its ranges decide at once), and for a tree made
 * before hosts carried their failures per family and their own ranges (a failure then ends the term
 * for every address). An `a` term's one name is the term's own question: its void lookup is
 * `voidFor`'s.
 */
function hostSteps(t: MechanismNode): HostStep[] | null {
  if ((t.name !== 'a' && t.name !== 'mx') || t.hosts === null) return null;
  const isMx = t.name === 'mx';
  const voidOf = (h: ResolvedHost): Record<keyof FamilySets, boolean> => (isMx ? hostVoids(h) : NO_FAMILY);
  const stepwise = (h: ResolvedHost): boolean => {
    const v = voidOf(h);
    return h.failure !== null || v.ip4 || v.ip6;
  };
  if (!t.hosts.some(stepwise)) return null;
  const steps: HostStep[] = [];
  for (const h of t.hosts) {
    if (h.ranges === undefined || h.ip4Failure === undefined || h.ip6Failure === undefined) return null;
    steps.push({ ranges: h.ranges, sets: setsOfRanges(h.ranges), failed: failedFamilies(h), void: voidOf(h) });
  }
  return steps;
}

/**
 * For which client families the term's own question was void (RFC 7208 §4.6.4: NXDOMAIN or no answer
 * records). An `a` term asks A for IPv4 clients and AAAA for IPv6 ones (§5.3), so a name with only A
 * records is void for IPv6 clients; `mx` (its MX question) and `exists` (always A, §5.7) are void for
 * both or neither. An include or redirect target without records has no SPF record: permerror anyway.
 */
function voidFor(t: MechanismNode): Record<keyof FamilySets, boolean> {
  if (dependsOnMessage(t)) return { ip4: false, ip6: false };
  if (t.name === 'a') {
    // a failed question is temperror, not void: per family, as each family asks its own (§5.3)
    const host = t.hosts?.[0];
    return host ? hostVoids(host) : { ip4: false, ip6: false };
  }
  if (t.name === 'mx' || t.name === 'exists') return t.failure ? { ip4: false, ip6: false } : { ip4: t.void, ip6: t.void };
  return { ip4: false, ip6: false };
}

/** The term depends on the message (macros) or the connecting address (`ptr`): taken as not matching. */
function dependsOnMessage(t: MechanismNode): boolean {
  return t.name === 'ptr' || (isLookup(t) && t.macro);
}

/** The term's own DNS question failed (the MX question of `mx`, the A question of `exists`), or a host's. */
function ownFailure(t: MechanismNode): DnsProblem | null {
  return t.name === 'a' || t.name === 'mx' || t.name === 'exists' ? t.failure : null;
}

/** RFC 7208 §6.1: the record's `redirect=`, when receivers evaluate it. */
function evaluatedRedirect(node: SpfTreeNode): RedirectNode | undefined {
  return node.terms.find((t): t is RedirectNode => isRedirect(t) && t.evaluated);
}

/** One record's outcome for addresses entering it at `entry`, given the outcomes of the records below. */
function evaluateNode(node: SpfTreeNode, entry: Counts, walk: Walk): NodeOutcome {
  switch (node.status) {
    case 'none':
      return uniform('none', walk);
    case 'failure':
      return uniform('temperror', walk); // RFC 7208 §4.4
    case 'multiple':
      return uniform('permerror', walk); // RFC 7208 §4.5
    case 'loop':
    case 'truncated':
      // a loop never ends: an address that reaches the point where it closes goes round again,
      // matching nothing it did not match before, until the lookup limit stops it (RFC 7208 §4.6.4)
      return uniform('permerror', walk);
    case 'record':
      break;
  }
  if (node.parseErrors.length > 0) return uniform('permerror', walk); // RFC 7208 §4.6
  const r = new RecordWalk(entry, walk.limits);
  const child = (target: SpfTreeNode) => (counts: Counts) => memoizedOutcome(target, counts, walk);
  for (const t of node.terms) {
    if (r.finished()) break;
    if (!t.evaluated || t.kind !== 'mechanism') continue;
    const result = QUALIFIER_RESULT[t.qualifier];
    if (isLookup(t)) r.spendLookup(); // RFC 7208 §4.6.4: counted before the term is evaluated
    if (dependsOnMessage(t)) continue; // depends on the message: taken as not matching
    if (t.name === 'mx' && t.mxOverLimit) {
      r.rest('permerror'); // RFC 7208 §4.6.4: before any MX host's address is asked
      break;
    }
    const steps = hostSteps(t);
    if (ownFailure(t) && steps === null) {
      r.rest('temperror'); // RFC 7208 §4.4, §5
      break;
    }
    switch (t.name) {
      case 'ip4':
      case 'ip6':
      case 'a':
      case 'mx':
        if (steps !== null) r.hosts(result, steps);
        else r.give(result, termSets(t));
        break;
      case 'exists':
        if (t.exists) r.rest(result);
        break;
      case 'all':
        r.rest(result);
        break;
      case 'include':
        // the target is known unless the term has macros (skipped above)
        if (t.child) r.include(result, child(t.child));
        break;
    }
    r.spendVoid(voidFor(t));
  }
  const redirect = evaluatedRedirect(node);
  if (redirect && !r.finished()) {
    r.spendLookup(); // RFC 7208 §4.6.4
    // RFC 7208 §6.1: the target's result is the result; none there becomes permerror. A target with
    // macros is unknown: what reaches it is left neutral, as for no redirect.
    if (redirect.child) r.redirect(child(redirect.child));
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
  restOf(result: SpfResult, families: Record<keyof FamilySets, boolean>): void {
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
      this.give(result, h.sets);
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
  spendVoid(families: Record<keyof FamilySets, boolean>): void {
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
