// Zones where an `a` or `mx` host's address questions fail, family by family, for the finding and
// text-rendering tests of per-family DNS failures (RFC 7208 §5.3, §5.4).
import type { DnsAnswer, FailureKind, Resolver, RRType } from '../../src/dns/types.js';
import type { ZoneFailure } from '../../src/dns/zone-resolver.js';
import { expandSpf } from '../../src/spf/expand.js';
import type { SpfExpansion } from '../../src/spf/expand-types.js';
import { zone } from './expand-zone.js';

/** `name` fails every question of `types` (time-out) and answers the others from the zone. */
export function fails(name: string, types: RRType[], failure: ZoneFailure['failure'] = 'timeout'): ZoneFailure {
  const asked: RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'CNAME'];
  return { name, failure, exceptTypes: asked.filter((t) => !types.includes(t)) };
}

/** An `a` term whose host has both an A and an AAAA record, and ranges after it for either family. */
export const A_TERM = `
example.com. TXT "v=spf1 a:h.example ip4:10.0.0.0/24 ip6:2001:db8::/64 -all"
h.example. A 192.0.2.1
h.example. AAAA 2001:db8:1::1
`;

/**
 * An `mx` term with three hosts, written out of preference order (receivers ask m1, m2, m3:
 * RFC 7208 §5.4); m1 has both families, m2 and m3 only A.
 */
export const MX_TERM = `
example.com. TXT "v=spf1 mx -all"
example.com. MX 30 m3.example.
example.com. MX 10 m1.example.
example.com. MX 20 m2.example.
m1.example. A 192.0.2.11
m1.example. AAAA 2001:db8::11
m2.example. A 192.0.2.12
m2.example. AAAA 2001:db8::12
m3.example. A 192.0.2.13
`;

/**
 * A zone whose `name` fails `type` with its own kind of failure: a ZoneFailure gives one kind to every
 * failing type of a name, this lets A and AAAA fail differently.
 */
export class MixedFailures implements Resolver {
  constructor(
    private readonly inner: Resolver,
    private readonly failing: readonly { name: string; type: RRType; failure: FailureKind }[],
  ) {}
  query<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    const hit = this.failing.find((f) => f.name === name && f.type === type);
    if (!hit) return this.inner.query(name, type);
    return Promise.resolve({ name, type, cnameChain: [], kind: 'failure', failure: hit.failure, detail: `${type} ${name}: ${hit.failure}` });
  }
}

export interface FailureCase {
  resolver: Resolver;
  tree: SpfExpansion;
}

export async function expandWith(text: string | Resolver, failures: ZoneFailure[] = []): Promise<FailureCase> {
  const resolver: Resolver = typeof text === 'string' ? zone(text, failures) : text;
  return { resolver, tree: await expandSpf('example.com', resolver, { checkType99: false }) };
}

export { zone };
