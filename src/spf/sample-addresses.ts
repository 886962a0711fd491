// Sample addresses of the ranges an SPF tree authorizes, for predictions made before the sender names
// the addresses its mail leaves from: one address per CIDR block (the block's first host address that
// gets `pass`), at most MAX_SAMPLES, chosen deterministically and spread over the tree. The blocks are the
// expansion's own (the `ranges` of its ip4/ip6/a/mx terms, which flattening reads too); an address is
// taken only when check_host() with the lookup limits enforced gives it `pass` (RFC 7208 §4.6.4), so a
// range past the 10th lookup, or one an earlier `-` term takes back, gives no sample.
import { formatAddress } from '../net/cidr-address.js';
import { cidrLast, cidrSize, parseCidr, type Cidr } from '../net/cidr.js';
import { RangeSet } from '../net/range-set.js';
import { rangeGroups } from './expand-lost.js';
import { rangeOutcome, type FamilySets } from './expand-outcome.js';
import type { InOrderNode, RangeNode, SpfTreeNode } from './expand-types.js';
import { childOf, isFollow, isInOrder, isRange, isRedirect } from './term-kinds.js';
import { SPF_RESULTS, type SpfResult } from './types.js';

/** At most this many samples: enough to show how a provider's pool is set up, few enough to read. */
export const MAX_SAMPLES = 16;

export interface AddressSample {
  /** Canonical text (RFC 5952 for IPv6). */
  address: string;
  family: 4 | 6;
  /** The CIDR block the address stands for. */
  block: string;
  /** The record holding the term that lists the block, and the term as written. */
  domain: string;
  term: string;
  /** Domains from the root to that record. */
  path: string[];
}

export interface SampledRanges {
  /** The root of the tree: the domain whose SPF authorizes the samples. */
  domain: string;
  /** In the order chosen: round-robin over the tree (see `sampleAuthorizedAddresses`). */
  samples: AddressSample[];
  /** Blocks of `+` terms receivers reach that hold an address getting `pass`, each counted once. */
  blocks: number;
  /** Blocks of `+` terms past a lookup limit (RFC 7208 §4.6.4): receivers give permerror before them. */
  blocksPastLimit: number;
}

/** One block as a candidate, with the address that would stand for it. */
interface Candidate {
  sample: AddressSample;
}

/** RFC 7208 §6.1: redirect is evaluated after every mechanism, wherever it is written. */
function inEvaluationOrder(node: SpfTreeNode): InOrderNode[] {
  const inOrder = node.terms.filter(isInOrder);
  return [...inOrder.filter((t) => !isRedirect(t)), ...inOrder.filter(isRedirect)];
}

/** A term whose match gives `pass` to the record it is in (redirect: the target's result is the result). */
const passing = (t: InOrderNode): boolean => (t.kind === 'modifier' ? true : t.qualifier === '+');

/**
 * Where the block's host addresses start. A block of more than two addresses does not begin with a
 * host's: its first address is a network's own (RFC 1122 §3.2.1.3: a host number is never 0) or the
 * subnet-router anycast address (RFC 4291 §2.6.1). A single address, a /31 and a /127 are all hosts
 * (RFC 3021, RFC 6164).
 */
function firstHost(cidr: Cidr): bigint {
  return cidrSize(cidr) > 2n ? cidr.first + 1n : cidr.first;
}

/** The lowest host address of the block that gets `pass` (else any that does), or null when none does. */
function firstPassing(cidr: Cidr, pass: FamilySets): bigint | null {
  const set = cidr.family === 4 ? pass.ip4 : pass.ip6;
  const host = firstHost(cidr);
  if (set.contains(host)) return host;
  const hosts = RangeSet.fromIntervals(cidr.family, [{ first: host, last: cidrLast(cidr) }]);
  return hosts.intersection(set).first() ?? (set.contains(cidr.first) ? cidr.first : null);
}

/** Take one from each lane in turn until every lane is empty. */
function roundRobin<T>(lanes: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (let i = 0; ; i++) {
    let any = false;
    for (const lane of lanes) {
      const item = lane[i];
      if (item === undefined) continue;
      out.push(item);
      any = true;
    }
    if (!any) return out;
  }
}

class Sampler {
  readonly reached = new Set<string>();
  readonly pastLimit = new Set<string>();

  constructor(private readonly pass: FamilySets) {}

  /**
   * The node's candidates, spread: its own blocks form one lane (placed where its first such term
   * is), each followed include or redirect is a lane of its own, and the lanes are taken in turn, so
   * a provider listing many blocks gets as many turns as one listing a few. Recursively, the same
   * holds inside every included record.
   */
  candidates(node: SpfTreeNode): Candidate[] {
    const own: Candidate[] = [];
    const lanes: Candidate[][] = [];
    for (const t of inEvaluationOrder(node)) {
      if (!t.evaluated || !passing(t)) continue;
      if (t.pastLimit) {
        this.notePastLimit(t);
        continue;
      }
      if (isFollow(t)) {
        if (t.child !== null) lanes.push(this.candidates(t.child));
        continue;
      }
      if (!isRange(t) || t.ranges.length === 0) continue;
      if (!lanes.includes(own)) lanes.push(own);
      // an `mx` term reached whose later hosts are past the void limit: those hosts' blocks are not reached
      for (const { ranges, pastLimit } of rangeGroups(t)) {
        for (const text of ranges) {
          if (pastLimit) {
            this.pastLimit.add(text);
            continue;
          }
          const candidate = this.candidate(node, t, text);
          if (candidate !== null) own.push(candidate);
        }
      }
    }
    return roundRobin(lanes);
  }

  private candidate(node: SpfTreeNode, t: RangeNode, text: string): Candidate | null {
    const cidr = parseCidr(text);
    if (cidr === null) return null;
    const first = firstPassing(cidr, this.pass);
    if (first === null) return null;
    this.reached.add(text);
    return { sample: { address: formatAddress(cidr.family, first), family: cidr.family, block: text, domain: node.domain, term: t.text, path: node.path } };
  }

  /** Every block under a term receivers never reach, its included records' too. */
  private notePastLimit(t: InOrderNode): void {
    if (isRange(t)) for (const text of t.ranges) this.pastLimit.add(text);
    const child = childOf(t);
    if (child === null) return;
    for (const inner of inEvaluationOrder(child)) if (inner.evaluated && passing(inner)) this.notePastLimit(inner);
  }
}

/**
 * Sample addresses of what `root` authorizes, as check_host() evaluates it with the lookup limits
 * enforced: one per block (its first host address that passes: the address itself for a single-address
 * block), at most `max`, without repeats, in a fixed order spread round-robin over the includes.
 */
export function sampleAuthorizedAddresses(root: SpfTreeNode, max: number = MAX_SAMPLES): SampledRanges {
  const pass = rangeOutcome(root, { enforceLimits: true }).pass;
  const sampler = new Sampler(pass);
  const samples: AddressSample[] = [];
  const taken = new Set<string>();
  for (const { sample } of sampler.candidates(root)) {
    if (samples.length >= max) break;
    if (taken.has(sample.address)) continue;
    taken.add(sample.address);
    samples.push(sample);
  }
  // a block reached on one path and past the limit on another is reached
  const pastLimit = [...sampler.pastLimit].filter((b) => !sampler.reached.has(b));
  return { domain: root.domain, samples, blocks: sampler.reached.size, blocksPastLimit: pastLimit.length };
}

/**
 * The result every address gets from `root` with the limits enforced, when every IPv4 and IPv6 address
 * gets the same one and no evaluated term depends on the message or the client (`dependsOnMessage`:
 * macros, `ptr`); null otherwise. A domain without SPF gives `none` (RFC 7208 §4.5), `v=spf1 -all`
 * gives `fail` to everyone.
 */
export function uniformResult(root: SpfTreeNode, dependsOnMessage: boolean): SpfResult | null {
  if (dependsOnMessage) return null;
  const outcome = rangeOutcome(root, { enforceLimits: true });
  const whole = SPF_RESULTS.find((r) => outcome[r].ip4.count() === 1n << 32n && outcome[r].ip6.count() === 1n << 128n);
  return whole ?? null;
}
