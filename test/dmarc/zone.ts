// Fixture zones for the DMARC and organizational-domain tests: master-file text with absolute names,
// served offline (everything else is NXDOMAIN), plus a resolver wrapper that records the questions.
import { ZoneResolver, type ZoneFailure } from '../../src/dns/zone-resolver.js';
import type { DnsAnswer, QueryOptions, Resolver, RRType } from '../../src/dns/types.js';

export function zone(text: string, failures: ZoneFailure[] = []): ZoneResolver {
  return ZoneResolver.fromText(`$TTL 300\n${text}`, { origin: '', file: 'test.zone', failures });
}

/** A zone failure that times out every type at `name`. */
export const timeout = (name: string): ZoneFailure => ({ name, failure: 'timeout', exceptTypes: [] });

export interface Recorded extends Resolver {
  asked: string[];
  /** The most questions that were waiting for an answer at one time. */
  maxInFlight: number;
}

/** Wraps a resolver; each answer waits one turn of the event loop so that concurrency shows. */
export function recording(inner: Resolver): Recorded {
  let inFlight = 0;
  const rec: Recorded = {
    asked: [],
    maxInFlight: 0,
    async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      rec.asked.push(`${name} ${type}`);
      inFlight++;
      rec.maxInFlight = Math.max(rec.maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      try {
        return await inner.query(name, type, options);
      } finally {
        inFlight--;
      }
    },
  };
  return rec;
}
