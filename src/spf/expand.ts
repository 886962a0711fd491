// expandSpf(): the IP-independent SPF expansion (RFC 7208 §4.6.4 accounting over the whole
// include/redirect tree) for audits, the lookup gate and flattening. Questions go out concurrently
// (expand-fetch.ts); counting follows evaluation order (expand-build.ts).
import type { Resolver } from '../dns/types.js';
import { ExpansionFetcher } from './expand-fetch.js';
import { TreeBuilder } from './expand-build.js';
import { passTotals, rangeOutcome, shareOutcomes } from './expand-outcome.js';
import { spfRun } from './spf-run.js';
import type { ExpandOptions, SpfExpansion } from './expand-types.js';
import { noteType99 } from './select-record.js';
import { withoutTrailingDot } from './check-host-names.js';
import { RFC7208_LIMITS } from './limits.js';

/** Guards against hostile DNS, not receivers' limits (those are RFC7208_LIMITS, read by default). */
export const DEFAULT_EXPAND_GUARDS = {
  maxDomains: 200,
  maxNodes: 2000,
} as const;

export async function expandSpf(domain: string, resolver: Resolver, options: ExpandOptions = {}): Promise<SpfExpansion> {
  const name = withoutTrailingDot(domain);
  const limits = {
    maxLookups: options.maxLookups ?? RFC7208_LIMITS.lookups,
    maxVoidLookups: options.maxVoidLookups ?? RFC7208_LIMITS.voidLookups,
    maxMxNames: options.maxMxNames ?? RFC7208_LIMITS.mxNames,
    maxNodes: options.maxNodes ?? DEFAULT_EXPAND_GUARDS.maxNodes,
  };
  const fetcher = new ExpansionFetcher(
    resolver,
    options.maxDomains ?? DEFAULT_EXPAND_GUARDS.maxDomains,
    limits.maxMxNames,
    options.signal,
  );
  // RFC 7208 §3.1: type 99 is no longer looked up by receivers, but a record there is worth noting.
  const type99 = options.checkType99 === false ? null : fetcher.ask(name, 'SPF');
  fetcher.discover(name);
  await fetcher.settled();

  const run = spfRun(resolver);
  const builder = new TreeBuilder(fetcher, limits, run);
  const root = builder.node(name, 'root', []);
  if (type99) {
    const answer = await type99;
    root.type99 = noteType99(answer);
  }
  // every tree expanded through this resolver shares its subtrees' outcomes (a provider's record is
  // in many of them): here for the totals, and for whoever evaluates the tree later
  shareOutcomes(root, run.outcomes);
  return {
    domain: name,
    record: root.record,
    root,
    lookups: {
      total: builder.lookups,
      void: builder.voids,
      limit: limits.maxLookups,
      voidLimit: limits.maxVoidLookups,
      crossing: builder.crossing,
      voidCrossing: builder.voidCrossing,
      voidPerFamily: builder.familyVoids,
      voidCrossingPerFamily: builder.familyVoidCrossing,
    },
    loops: builder.loops,
    duplicates: builder.duplicates(),
    ranges: builder.ranges,
    totals: passTotals(rangeOutcome(root)),
    dependsOnMessage: builder.dependsOnMessage,
    failures: builder.failures,
    truncated: builder.truncated || fetcher.truncated,
  };
}
