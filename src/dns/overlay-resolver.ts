// Zone files laid over another resolver: how a proposed DNS change is audited before it is
// published. Names inside the files' zones are answered from the files (NXDOMAIN included);
// every other name, and every CNAME target outside the files, is asked of `live`.

import type { DnsAnswer, QueryOptions, Resolver, RRType } from './types.js';
import type { ZoneResolver } from './zone-resolver.js';

export function overlayResolver(zone: ZoneResolver, live: Resolver): Resolver {
  const files = zone.withOutside(live);
  return {
    query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      return files.isInside(name) ? files.query(name, type, options) : live.query(name, type, options);
    },
  };
}
