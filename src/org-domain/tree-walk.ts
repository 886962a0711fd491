// The RFC 9989 DNS Tree Walk (§4.10) and the organizational domain it gives (§4.10.2).
// Querying and evaluating are separate: the queries go out together, the answers are read in order.
import type { Resolver } from '../dns/types.js';
import { labels, nameKey } from '../model/names.js';
import { lookupDmarc, singleRecord, type DmarcLookup } from '../dmarc/lookup-dmarc.js';

/** RFC 9989 §4.10: never more than eight queries. */
export const MAX_TREE_WALK_QUERIES = 8;

/**
 * The names whose `_dmarc` the walk may query, in order: the name itself, then labels dropped from
 * the left one at a time, except that a name of eight or more labels jumps straight to its last
 * seven (RFC 9989 §4.10 step 5). Ends with the top-level domain; at most eight names.
 */
export function treeWalkTargets(name: string): string[] {
  const parts = labels(name);
  const targets: string[] = [];
  let count = parts.length;
  while (count >= 1) {
    targets.push(parts.slice(parts.length - count).join('.'));
    count = count >= 8 ? 7 : count - 1;
  }
  return targets;
}

export type TreeWalkStop = 'psd-n' | 'psd-y' | 'exhausted' | 'failure';
export type OrgDomainRule = 'psd-n' | 'psd-y' | 'fewest-labels' | 'no-record';

export interface TreeWalk {
  start: string;
  /** Every name the walk may query (at most eight). */
  targets: string[];
  /** The lookups the walk read, in order, up to and including the one that stopped it. */
  steps: DmarcLookup[];
  stop: TreeWalkStop;
  /** The name whose lookup failed, when a DNS failure cut the walk short. */
  failedAt: string | null;
  /** The organizational domain (RFC 9989 §4.10.2); computed from what was read when incomplete. */
  orgDomain: string;
  orgDomainRule: OrgDomainRule;
  /** False when a DNS failure cut the walk short: the organizational domain may be wrong. */
  complete: boolean;
}

/** Suffix of `name` with `count` labels. */
function suffix(name: string, count: number): string {
  const parts = labels(name);
  return parts.slice(Math.max(0, parts.length - count)).join('.');
}

/** RFC 9989 §4.10.2, applied to the steps in walk order (longest name first). */
export function orgDomainFromSteps(start: string, steps: readonly DmarcLookup[]): { domain: string; rule: OrgDomainRule } {
  const startKey = nameKey(start);
  const found = steps.filter((s) => singleRecord(s) !== null);
  for (const step of found) {
    const psd = singleRecord(step)?.record.effective.psd;
    // a record with psd=n: that domain is the organizational domain
    if (psd === 'n') return { domain: step.domain, rule: 'psd-n' };
    // a record with psd=y, other than at the start: the domain one label below it, towards the start
    if (psd === 'y' && step.domain !== startKey) return { domain: suffix(startKey, labels(step.domain).length + 1), rule: 'psd-y' };
  }
  // otherwise the record for the domain with the fewest labels; with no record, the name itself
  const last = found[found.length - 1];
  if (last === undefined) return { domain: startKey, rule: 'no-record' };
  return { domain: last.domain, rule: 'fewest-labels' };
}

/** Evaluate the walk over answers already fetched (pure). `lookup` must answer every target. */
export function evaluateTreeWalk(start: string, lookup: (name: string) => DmarcLookup): TreeWalk {
  const startKey = nameKey(start);
  const targets = treeWalkTargets(startKey);
  const steps: DmarcLookup[] = [];
  let stop: TreeWalkStop = 'exhausted';
  let failedAt: string | null = null;
  for (const [i, target] of targets.entries()) {
    const step = lookup(target);
    steps.push(step);
    if (step.outcome === 'failure') {
      stop = 'failure';
      failedAt = target;
      break;
    }
    // several DMARC records at one name are all discarded and the walk goes on (§4.10 steps 2 and 7)
    const psd = singleRecord(step)?.record.effective.psd;
    // at the start only psd=n stops the walk (step 2); above it psd=y or psd=n does (step 7)
    if (psd === 'n') {
      stop = 'psd-n';
      break;
    }
    if (psd === 'y' && i > 0) {
      stop = 'psd-y';
      break;
    }
  }
  const org = orgDomainFromSteps(startKey, steps);
  return { start: startKey, targets, steps, stop, failedAt, orgDomain: org.domain, orgDomainRule: org.rule, complete: stop !== 'failure' };
}

export type LookupFn = (domain: string) => Promise<DmarcLookup>;

/** Send every query of the walk at once, then read the answers in walk order. */
export async function walkDmarcTree(start: string, resolver: Resolver, lookupFn?: LookupFn): Promise<TreeWalk> {
  const ask: LookupFn = lookupFn ?? ((d) => lookupDmarc(d, resolver));
  const targets = treeWalkTargets(start);
  const answers = await Promise.all(targets.map(ask));
  const byName = new Map(targets.map((t, i) => [t, answers[i] as DmarcLookup]));
  return evaluateTreeWalk(start, (name) => byName.get(name) as DmarcLookup);
}
