// One domain's audit asks DNS once per (name, type): the checks and the predictor ask about the
// same names many times (every include, every provider rule), and the audit keeps a cache for
// the run unless the caller says its resolver has one already.
import { describe, expect, test } from 'vitest';
import type { DnsAnswer, QueryOptions, Resolver, RRType } from '../../src/dns/types.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { nameKey } from '../../src/model/names.js';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { auditDomain } from '../../src/audit/audit-domain.js';
import { readProfileFile } from '../../src/profile/read-profile-file.js';

class CountingResolver implements Resolver {
  readonly counts = new Map<string, number>();
  constructor(private readonly inner: Resolver) {}
  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    const key = `${nameKey(name)} ${type}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return this.inner.query(name, type, options);
  }
  repeated(): string[] {
    return [...this.counts].filter(([, n]) => n > 1).map(([k]) => k);
  }
}

describe('auditDomain and the cache', () => {
  test('by default every (name, type) reaches the resolver once, predictions included', async () => {
    const zone = await loadZoneResolver(['fixtures/demo']);
    const profiles = await readProfileFile('fixtures/demo/profiles.json');
    const counting = new CountingResolver(zone);
    const audit = await auditDomain('megacorp.example', counting, { profiles });
    expect(audit.predictions).not.toBeNull();
    expect(counting.counts.size).toBeGreaterThan(10);
    expect(counting.repeated()).toEqual([]);
  });

  test('cache: false leaves caching to the caller, and the results are the same', async () => {
    const zone = await loadZoneResolver(['fixtures/demo']);
    const profiles = await readProfileFile('fixtures/demo/profiles.json');
    const uncached = new CountingResolver(zone);
    const own = await auditDomain('megacorp.example', uncached, { profiles, cache: false });
    expect(uncached.repeated().length).toBeGreaterThan(0);
    const below = new CountingResolver(zone);
    const theirs = await auditDomain('megacorp.example', new CacheResolver(below), { profiles, cache: false });
    expect(below.repeated()).toEqual([]);
    expect(theirs.findings).toEqual(own.findings);
    expect(theirs.predictions).toEqual(own.predictions);
  });
});
