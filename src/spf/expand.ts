// expandSpf(): the IP-independent SPF expansion (RFC 7208 §4.6.4 accounting over the whole
// include/redirect tree) for audits, the lookup gate and flattening. Questions go out concurrently
// (expand-fetch.ts); counting follows evaluation order (expand-build.ts).
import type { Resolver } from '../dns/types.js';
import { ExpansionFetcher } from './expand-fetch.js';
import { TreeBuilder } from './expand-build.js';
import { passTotals, rangeOutcome } from './expand-outcome.js';
import type { ExpandOptions, SpfExpansion } from './expand-types.js';
import { noteType99 } from './select-record.js';
import { withoutTrailingDot } from './check-host-names.js';
import { DEFAULT_LIMITS } from './check-host-context.js';

export const DEFAULT_EXPAND_LIMITS = {
  // RFC 7208 §4.6.4: the receivers' limits, the same constants check_host() enforces
  maxLookups: DEFAULT_LIMITS.lookups,
  maxVoidLookups: DEFAULT_LIMITS.voidLookups,
  maxMxNames: DEFAULT_LIMITS.mxNames,
  maxDomains: 200,
  maxNodes: 2000,
} as const;

export async function expandSpf(domain: string, resolver: Resolver, options: ExpandOptions = {}): Promise<SpfExpansion> {
  const name = withoutTrailingDot(domain);
  const limits = {
    maxLookups: options.maxLookups ?? DEFAULT_EXPAND_LIMITS.maxLookups,
    maxVoidLookups: options.maxVoidLookups ?? DEFAULT_EXPAND_LIMITS.maxVoidLookups,
    maxMxNames: options.maxMxNames ?? DEFAULT_EXPAND_LIMITS.maxMxNames,
    maxNodes: options.maxNodes ?? DEFAULT_EXPAND_LIMITS.maxNodes,
  };
  const fetcher = new ExpansionFetcher(
    resolver,
    options.maxDomains ?? DEFAULT_EXPAND_LIMITS.maxDomains,
    limits.maxMxNames,
    options.signal,
  );
  // RFC 7208 §3.1: type 99 is no longer looked up by receivers, but a record there is worth noting.
  const type99 = options.checkType99 === false ? null : fetcher.ask(name, 'SPF');
  fetcher.discover(name);
  await fetcher.settled();

  const builder = new TreeBuilder(fetcher, limits);
  const root = builder.node(name, 'root', []);
  if (type99) {
    const answer = await type99;
    root.type99 = noteType99(answer);
  }
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
