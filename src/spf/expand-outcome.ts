// What the expanded tree means for every address: the check_host() result each IPv4 and IPv6 address
// would get, with the lookup limits lifted (what the owner means to authorize) and every term that
// depends on the message (macros, `ptr`) taken as not matching. Flattening proves its output against it.
import { maxAddress, type IpFamily } from '../net/cidr-address.js';
import { parseCidr } from '../net/cidr.js';
import { RangeSet } from '../net/range-set.js';
import type { AddressTotals, SpfTermNode, SpfTreeNode } from './expand-types.js';
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

function uniform(result: SpfResult): RangeOutcome {
  const out = Object.fromEntries(SPF_RESULTS.map((r) => [r, nothing()])) as RangeOutcome;
  out[result] = everything();
  return out;
}

/** Accumulates results in evaluation order: the first term to decide an address wins (RFC 7208 §4.6.2). */
export class Decider {
  readonly out = Object.fromEntries(SPF_RESULTS.map((r) => [r, nothing()])) as RangeOutcome;
  private decided = nothing();

  give(result: SpfResult, sets: FamilySets): void {
    for (const f of FAMILIES) {
      const k = familyKey(f);
      this.out[result][k] = this.out[result][k].union(sets[k].difference(this.decided[k]));
      this.decided[k] = this.decided[k].union(sets[k]);
    }
  }

  /** Everything not decided yet gets `result`. */
  rest(result: SpfResult): void {
    this.give(result, everything());
  }
}

/** The addresses a term's ranges cover (ip4/ip6 terms, and `a`/`mx` resolved to their addresses). */
export function termSets(t: SpfTermNode): FamilySets {
  const sets = nothing();
  for (const text of t.ranges) {
    const cidr = parseCidr(text);
    if (cidr) sets[familyKey(cidr.family)] = sets[familyKey(cidr.family)].add(cidr);
  }
  return sets;
}

function union(a: FamilySets, b: FamilySets): FamilySets {
  return { ip4: a.ip4.union(b.ip4), ip6: a.ip6.union(b.ip6) };
}

/** The result every address gets from this node's record (limits lifted). */
export function rangeOutcome(node: SpfTreeNode): RangeOutcome {
  const keys = new Map<SpfTreeNode, string>();
  // the node itself is evaluated afresh, so the caller gets its own object; the memoized outcomes of
  // the subtrees below are shared and only ever read
  return evaluateNode(node, (child) => memoizedOutcome(child, keys));
}

/**
 * Subtree outcomes already worked out, by `outcomeKey`. The same provider record (include:_spf.google.com
 * and what it includes) sits in the trees of hundreds of domains; its outcome is computed once.
 * The key holds everything the outcome depends on, so an entry is right for any tree in any run.
 */
const memo = new Map<string, RangeOutcome>();
const MEMO_ENTRIES = 2048;
/** Keys longer than this (huge subtrees, rarely shared) are not kept. */
const MEMO_KEY_CHARS = 1 << 16;

function memoizedOutcome(node: SpfTreeNode, keys: Map<SpfTreeNode, string>): RangeOutcome {
  const key = outcomeKey(node, keys);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const computed = evaluateNode(node, (child) => memoizedOutcome(child, keys));
  if (key.length <= MEMO_KEY_CHARS) {
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value as string); // oldest first
    memo.set(key, computed);
  }
  return computed;
}

/**
 * A text that determines `evaluateNode`'s result: the node's status, and for a record each term that
 * can decide an address, in order — qualifier, mechanism, and what it matches (its ranges, whether
 * its name exists, the key of the record it includes), a DNS failure or MX overflow where evaluation
 * stops — then the redirect target's key. Mechanism names and CIDR texts never hold `{};|`, and
 * a record's key is braced, so two different inputs never share a key.
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
      if (!t.evaluated || t.kind !== 'mechanism' || t.macro || t.dependsOnIp) continue;
      out += `${t.qualifier ?? '+'}${t.name}`;
      if (t.failure) {
        out += '|failure';
        break;
      }
      if (t.name === 'mx' && t.mxOverLimit) {
        out += '|over';
        break;
      }
      if (t.name === 'ip4' || t.name === 'ip6' || t.name === 'a' || t.name === 'mx') out += `|${t.ranges.join('|')}`;
      else if (t.name === 'exists') out += t.exists ? '|1' : '|0';
      else if (t.name === 'include') out += t.child ? `|${outcomeKey(t.child, keys)}` : '|-';
      out += ';';
    }
    const redirect = node.terms.find((t) => t.evaluated && t.name === 'redirect');
    if (redirect?.child) out += `redirect|${outcomeKey(redirect.child, keys)}`;
    key = `${out}}`;
  }
  keys.set(node, key);
  return key;
}

/** One record's outcome, given the outcome of each record it includes or redirects to. */
function evaluateNode(node: SpfTreeNode, childOutcome: (child: SpfTreeNode) => RangeOutcome): RangeOutcome {
  switch (node.status) {
    case 'none':
      return uniform('none');
    case 'failure':
      return uniform('temperror'); // RFC 7208 §4.4
    case 'multiple':
      return uniform('permerror'); // RFC 7208 §4.5
    case 'loop':
    case 'truncated':
      // a loop never ends: receivers run into the lookup limit (RFC 7208 §4.6.4)
      return uniform('permerror');
    case 'record':
      break;
  }
  if (node.parseErrors.length > 0) return uniform('permerror'); // RFC 7208 §4.6
  const d = new Decider();
  const mechanisms = node.terms.filter((t) => t.evaluated && t.kind === 'mechanism');
  for (const t of mechanisms) {
    const result = QUALIFIER_RESULT[t.qualifier ?? '+'];
    if (t.macro || t.dependsOnIp) continue; // depends on the message: taken as not matching
    if (t.failure) {
      d.rest('temperror');
      return d.out;
    }
    switch (t.name) {
      case 'ip4':
      case 'ip6':
      case 'a':
        d.give(result, termSets(t));
        break;
      case 'mx':
        if (t.mxOverLimit) {
          d.rest('permerror'); // RFC 7208 §4.6.4
          return d.out;
        }
        d.give(result, termSets(t));
        break;
      case 'exists':
        if (t.exists) d.rest(result);
        break;
      case 'all':
        d.rest(result);
        break;
      case 'include': {
        if (!t.child) break;
        // RFC 7208 §5.2: include matches on pass; none or permerror gives permerror; temperror passes up.
        const inner = childOutcome(t.child);
        d.give(result, inner.pass);
        d.give('permerror', union(inner.permerror, inner.none));
        d.give('temperror', inner.temperror);
        break;
      }
    }
  }
  const redirect = node.terms.find((t) => t.evaluated && t.name === 'redirect');
  if (redirect?.child) {
    // RFC 7208 §6.1: the redirect target's result is the result; none there becomes permerror.
    const inner = childOutcome(redirect.child);
    for (const r of SPF_RESULTS) d.give(r === 'none' ? 'permerror' : r, inner[r]);
  }
  d.rest('neutral'); // RFC 7208 §4.7: no match, no redirect
  return d.out;
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
