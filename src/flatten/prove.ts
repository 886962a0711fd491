// The proof: check_host() on the flattened records (limits in force, RFC 7208 §4.6.4) against
// check_host() on the original tree with the lookup limits lifted (what the owner means to authorize),
// at the first and last address of every range on either side and the addresses just outside them.
// Any difference, or any permerror on the flattened side, is a counter-example.
import type { Resolver } from '../dns/types.js';
import { formatAddress, maxAddress } from '../net/cidr-address.js';
import type { IpFamily } from '../net/ip.js';
import { cidrLast, parseCidr, type Cidr } from '../net/cidr.js';
import { checkHost } from '../spf/check-host.js';
import type { CheckHostResult } from '../spf/types.js';
import type { ProofMismatch, ProofReport, ExplanationMismatch } from './types.js';

/**
 * Limits for the original side: the lookup limit is lifted (high enough never to bind, finite so a loop
 * still ends), since exceeding it is what flattening fixes. The void-lookup and MX limits stay: a record
 * over them is broken, and a flattening that hides it must fail the proof.
 */
export const LIFTED_LIMITS = { lookups: 100_000 } as const;

export interface ProofInput {
  domain: string;
  /** The DNS as it is (the original policy at `domain`). */
  original: Resolver;
  /** The DNS with the flattened records in place. */
  flattened: Resolver;
  /** CIDR texts of both sides: every range of the original tree and every range written in the result. */
  ranges: readonly string[];
  timeoutMs?: number;
  /** check_host() runs at once (default 8). */
  concurrency?: number;
}

/** The first and last address of each range, the addresses just outside, and both ends of each family. */
export function probeAddresses(ranges: readonly string[]): string[] {
  const seen = new Map<string, { family: IpFamily; value: bigint }>();
  const add = (family: IpFamily, value: bigint): void => {
    if (value < 0n || value > maxAddress(family)) return;
    seen.set(`${family}/${value}`, { family, value });
  };
  for (const family of [4, 6] as const) {
    add(family, 0n);
    add(family, maxAddress(family));
  }
  const cidrs = ranges.map(parseCidr).filter((c): c is Cidr => c !== null);
  for (const c of cidrs) {
    const last = cidrLast(c);
    add(c.family, c.first - 1n);
    add(c.family, c.first);
    add(c.family, last);
    add(c.family, last + 1n);
  }
  return [...seen.values()]
    .sort((a, b) => a.family - b.family || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .map((p) => formatAddress(p.family, p.value));
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function decidingTerm(r: CheckHostResult): string | null {
  return r.matched ? `${r.matched.term} (${r.matched.domain})` : null;
}

/** The side that went wrong and why: the original's permerror first (it is already broken), else the flattened side's problem. */
function problemText(original: CheckHostResult, flattened: CheckHostResult): string | null {
  const text = (side: string, r: CheckHostResult): string | null => (r.problem ? `${side}${r.problem.message} (${r.problem.rule})` : null);
  if (original.result === 'permerror') return text('original: ', original);
  return text('', flattened) ?? text('original: ', original);
}

export async function proveEquivalent(input: ProofInput): Promise<ProofReport> {
  const addresses = probeAddresses(input.ranges);
  const sender = `postmaster@${input.domain}`;
  const helo = input.domain;
  const base = input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs };
  const mismatches: ProofMismatch[] = [];
  const explanationMismatches: ExplanationMismatch[] = [];
  let maxLookups = 0;
  await mapLimited(addresses, input.concurrency ?? 8, async (address) => {
    const [original, flattened] = await Promise.all([
      checkHost(address, input.domain, sender, helo, { ...base, resolver: input.original, limits: LIFTED_LIMITS }),
      checkHost(address, input.domain, sender, helo, { ...base, resolver: input.flattened }),
    ]);
    maxLookups = Math.max(maxLookups, flattened.lookups);
    if (original.result !== flattened.result || flattened.result === 'permerror') {
      mismatches.push({
        address,
        original: original.result,
        flattened: flattened.result,
        originalTerm: decidingTerm(original),
        flattenedTerm: decidingTerm(flattened),
        detail: problemText(original, flattened),
      });
    } else if (original.result === 'fail' && original.explanation !== flattened.explanation) {
      explanationMismatches.push({ address, original: original.explanation, flattened: flattened.explanation });
    }
  });
  const order = new Map(addresses.map((a, i) => [a, i]));
  const byAddress = (a: { address: string }, b: { address: string }): number => (order.get(a.address) ?? 0) - (order.get(b.address) ?? 0);
  mismatches.sort(byAddress);
  explanationMismatches.sort(byAddress);
  return { addresses: addresses.length, equivalent: mismatches.length === 0, mismatches, explanationMismatches, maxLookups };
}
