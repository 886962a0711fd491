// The DMARC, MX and FCrDNS checks an audit and its predictions both make are worked out once per
// run when they share memoizedChecks, and the results are the same as running them directly.
import { describe, expect, test } from 'vitest';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { DIRECT_CHECKS, memoizedChecks } from '../../src/predict/evidence-checks.js';
import { auditDomain } from '../../src/audit/audit-domain.js';
import { predictProfiles } from '../../src/audit/predictions.js';
import { readProfileFile } from '../../src/profile/read-profile-file.js';

describe('memoizedChecks', () => {
  test('one result per name (any case, trailing dot) and per address (any spelling)', async () => {
    const resolver = new CacheResolver(await loadZoneResolver(['fixtures/demo']));
    const checks = memoizedChecks(resolver);
    expect(checks.discoverDmarc('Northwind.Example.', resolver)).toBe(checks.discoverDmarc('northwind.example', resolver));
    expect(checks.checkMx('NORTHWIND.example', resolver)).toBe(checks.checkMx('northwind.example.', resolver));
    expect(checks.checkFcrdns('2001:DB8:10:0::25', resolver)).toBe(checks.checkFcrdns('2001:db8:10::25', resolver));
    expect(checks.checkFcrdns('203.0.113.10', resolver)).not.toBe(checks.checkFcrdns('203.0.113.11', resolver));
  });

  test('another resolver is not answered from the memo', async () => {
    const resolver = new CacheResolver(await loadZoneResolver(['fixtures/demo']));
    const other = new CacheResolver(await loadZoneResolver(['fixtures/demo']));
    const checks = memoizedChecks(resolver);
    expect(checks.checkMx('northwind.example', other)).not.toBe(checks.checkMx('northwind.example', resolver));
  });

  test('the same results as the checks run directly', async () => {
    const resolver = new CacheResolver(await loadZoneResolver(['fixtures/demo']));
    const checks = memoizedChecks(resolver);
    expect(await checks.discoverDmarc('megacorp.example', resolver)).toEqual(await DIRECT_CHECKS.discoverDmarc('megacorp.example', resolver));
    expect(await checks.checkMx('cafe.example', resolver)).toEqual(await DIRECT_CHECKS.checkMx('cafe.example', resolver));
    expect(await checks.checkFcrdns('203.0.113.77', resolver)).toEqual(await DIRECT_CHECKS.checkFcrdns('203.0.113.77', resolver));
  });
});

describe('an audit with profiles shares the checks with its predictions', () => {
  test.each(['northwind.example', 'megacorp.example', 'cafe.example', 'travel.example'])('%s: predictions as the predictor alone makes them', async (domain) => {
    const zone = await loadZoneResolver(['fixtures/demo']);
    const profiles = await readProfileFile('fixtures/demo/profiles.json');
    const audit = await auditDomain(domain, zone, { profiles });
    const mine = profiles.filter((p) => p.fromDomain === domain);
    expect(mine.length).toBeGreaterThan(0);
    const alone = await predictProfiles(mine, new CacheResolver(zone));
    expect(audit.predictions).toEqual(alone);
  });
});
