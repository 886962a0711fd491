// Coverage of the domains a user names by the zone files of the run (src/zone-coverage): offline a
// domain outside every zone is zone-not-covered (error), with an overlay it is overlay-not-covering
// (info); inside a zone, or with no files at all, nothing is said.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadZoneResolver, ZoneResolver } from '../../src/dns/zone-resolver.js';
import { apexZoneSet, coverageFinding, coverageFindings, isNotCovered, unionZoneSet, type Coverage } from '../../src/zone-coverage/coverage.js';
import { profileCoverage } from '../../src/zone-coverage/profiles.js';
import { profileFromOptions } from '../../src/profile/from-options.js';
import { findingRegistry } from '../../src/report/finding-registry.js';

let demo: ZoneResolver;
const offline = (zones: Coverage['zones']): Coverage => ({ mode: 'offline', zones, given: '--zone', liveHint: 'use --overlay instead' });
const overlay = (zones: Coverage['zones']): Coverage => ({ mode: 'overlay', zones, given: '--overlay' });

beforeAll(async () => {
  demo = await loadZoneResolver(['fixtures/demo']);
});

describe('coverageFinding', () => {
  it('offline, a domain outside every zone: zone-not-covered, naming the nearest zones and the count', () => {
    const f = coverageFinding('Nowhere.Example.', offline(demo));
    expect(f?.id).toBe('zone-not-covered');
    expect(f?.severity).toBe('error');
    expect(f?.evidence.domain).toBe('nowhere.example');
    // the .example zones share a label with the domain, so they come before the reverse zones
    expect(f?.message).toContain(`none of the ${demo.zones().length} zones read with --zone (cafe.example, clinic.example, cloudrelay.example and ${demo.zones().length - 3} more)`);
    expect(f?.message).toContain('RFC 1035 §4.1.1');
    expect(f?.fix).toBe('Add the zone file that holds nowhere.example to --zone, or use --overlay instead.');
    expect(f !== null && isNotCovered(f)).toBe(true);
  });

  it('the zones named are those nearest the domain', () => {
    const f = coverageFinding('9.9.0.192.in-addr.arpa', offline(demo));
    // 2.0.192.in-addr.arpa shares four labels with it, the other reverse zones two
    expect(f?.message).toMatch(/\(2\.0\.192\.in-addr\.arpa, 100\.51\.198\.in-addr\.arpa, 113\.0\.203\.in-addr\.arpa and \d+ more\)/);
  });

  it('with an overlay: overlay-not-covering, an info that the answers came from the live DNS', () => {
    const f = coverageFinding('nowhere.example', overlay(demo));
    expect(f?.id).toBe('overlay-not-covering');
    expect(f?.severity).toBe('info');
    expect(f?.message).toContain('came from the live DNS');
    expect(f !== null && isNotCovered(f)).toBe(false);
  });

  it.each(['shop.example', 'SHOP.example.', 'deep.below.shop.example', '_dmarc.northwind.example'])('%s lies in a zone: nothing to say', (name) => {
    expect(coverageFinding(name, offline(demo))).toBeNull();
    expect(coverageFinding(name, overlay(demo))).toBeNull();
  });

  it('no zone files (live DNS only): nothing to say', () => {
    expect(coverageFinding('nowhere.example', null)).toBeNull();
  });

  it('records with no SOA at all are the whole world (zone \'\'): every name is covered', () => {
    const world = ZoneResolver.fromRecords([{ type: 'A', name: 'host.example', ttl: 60, address: '192.0.2.1' }]);
    expect(world.zones()).toEqual(['']);
    expect(coverageFinding('anything.test', offline(world))).toBeNull();
  });

  it('a name below a zone cut whose zone is not loaded: the finding names the cut', async () => {
    const parent = await loadZoneResolver(['fixtures/zones-test/cuts/example.com.zone']);
    const f = coverageFinding('mail.eu.example.com', offline(parent));
    expect(f?.id).toBe('zone-not-covered');
    expect(f?.message).toContain('mail.eu.example.com lies at or below eu.example.com');
    expect(f?.fix).toContain('holds eu.example.com');
    expect(coverageFinding('www.example.com', offline(parent))).toBeNull();
  });

  it('the findings are in the registry, so --ignore knows them', () => {
    expect(findingRegistry().get('zone-not-covered')?.severity).toBe('error');
    expect(findingRegistry().get('overlay-not-covering')?.severity).toBe('info');
  });
});

describe('coverageFindings, apexZoneSet, unionZoneSet', () => {
  it('one finding per domain, each once, in the order given', () => {
    const found = coverageFindings(['b.test', 'shop.example', 'a.test', 'B.test.'], offline(demo));
    expect(found.map((f) => f.evidence.domain)).toEqual(['b.test', 'a.test']);
  });

  it('apexes alone: at or below an apex is inside; the union holds what either holds', () => {
    const a = apexZoneSet(['a.test']);
    const b = apexZoneSet(['b.test', 'A.TEST']);
    expect(b.zones()).toEqual(['b.test', 'a.test']);
    expect(a.isInside('x.a.test')).toBe(true);
    expect(a.isInside('xa.test')).toBe(false);
    const both = unionZoneSet([apexZoneSet(['a.test']), apexZoneSet(['b.test'])]);
    expect(both.isInside('b.test')).toBe(true);
    expect(both.zones()).toEqual(['a.test', 'b.test']);
    expect(coverageFinding('c.test', offline(both))?.message).toContain('none of the 2 zones read with --zone (a.test, b.test)');
    expect(coverageFinding('c.test', offline(apexZoneSet(['a.test'])))?.message).toContain('none of the one zone read with --zone (a.test)');
  });
});

describe('profileCoverage', () => {
  const stream = (from: string, mailFrom: string, dkim: string[]) => profileFromOptions({ from, mailFrom, dkim, ip: ['192.0.2.1'], helo: undefined, volume: undefined, name: from });

  it('offline, a stream naming a domain outside the files (From, MAIL FROM or DKIM d=) is not predicted', () => {
    const ok = stream('news@shop.example', 'bounces.sendwave.example', ['sendwave.example:smtpapi']);
    const badFrom = stream('a@nowhere.example', 'shop.example', []);
    const badDkim = stream('b@shop.example', 'shop.example', ['elsewhere.test:s1']);
    const cov = profileCoverage([ok, badFrom, badDkim], offline(demo));
    expect(cov.covered).toEqual([ok]);
    expect(cov.notCovered).toEqual([badFrom, badDkim]);
    expect(cov.findings.map((f) => [f.id, f.evidence.domain])).toEqual([
      ['zone-not-covered', 'nowhere.example'],
      ['zone-not-covered', 'elsewhere.test'],
    ]);
  });

  it('with an overlay every stream is predicted, and the domains outside it are told', () => {
    const bad = stream('a@nowhere.example', 'nowhere.example', []);
    const cov = profileCoverage([bad], overlay(demo));
    expect(cov.covered).toEqual([bad]);
    expect(cov.findings.map((f) => f.id)).toEqual(['overlay-not-covering']);
  });
});
