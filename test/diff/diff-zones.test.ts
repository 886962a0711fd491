// diffZones on fixtures/diff (base and head versions of a few zones; see the comments in each
// file): what the change introduces and resolves, the SPF lookup delta, the addresses that start
// and stop passing, predicted replies that change, and overlay versus offline resolution.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffZones, type ZoneDiff } from '../../src/diff/diff-zones.js';
import { mailDomains } from '../../src/diff/mail-domains.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { readProfileFile } from '../../src/profile/read-profile-file.js';
import type { DomainDiff } from '../../src/diff/diff-audits.js';
import { RSA_2048 } from '../dkim/keys.js';
import { quoteTxt } from '../dkim/zone.js';

let diff: ZoneDiff;
const domain = (name: string): DomainDiff => {
  const d = diff.domains.find((x) => x.domain === name);
  if (!d) throw new Error(`${name} not compared`);
  return d;
};
const ids = (list: readonly { id: string }[]) => list.map((f) => f.id).sort();

beforeAll(async () => {
  const profiles = await readProfileFile('fixtures/diff/profiles.json');
  diff = await diffZones({ base: ['fixtures/diff/base'], head: ['fixtures/diff/head'], live: null, profiles });
});

describe('diffZones on fixtures/diff (offline)', () => {
  it('compares the apexes that publish mail records, not provider or reverse zones', () => {
    expect(diff.audited).toEqual(['acme.example', 'widgets.example']);
    expect(diff.domainsFrom).toBe('zones');
    expect(diff.head.zones).toContain('bulkmail.example');
  });

  it.each([
    ['acme.example', ['predict-rejection', 'predict-rejection', 'predict-rejection-risk', 'spf-too-many-lookups'], ['dmarc-policy-none']],
    ['widgets.example', [], ['spf-neutral-all', 'spf-ptr']],
  ])('%s introduces %j and resolves %j', (name, introduced, resolved) => {
    const d = domain(name);
    expect(ids([...d.findings.introduced, ...d.escalated.map((c) => c.after)])).toEqual(introduced);
    expect(ids(d.findings.resolved)).toEqual(resolved);
  });

  it('the gate judges every domain\'s introduced findings together', () => {
    expect(ids(diff.introduced)).toEqual(['predict-rejection', 'predict-rejection', 'predict-rejection-risk', 'spf-too-many-lookups']);
    expect(ids(diff.resolved)).toEqual(['dmarc-policy-none', 'spf-neutral-all', 'spf-ptr']);
  });

  it('resolved findings point at the base zone file, introduced ones at the head', () => {
    const resolved = domain('widgets.example').findings.resolved[0];
    expect(resolved?.evidence.file).toMatch(/fixtures\/diff\/base\/widgets\.example\.zone$/);
    const introduced = domain('acme.example').findings.introduced.find((f) => f.id === 'spf-too-many-lookups');
    expect(introduced?.evidence.file).toMatch(/fixtures\/diff\/head\/bulkmail\.example\.zone$/);
  });

  it('SPF lookups: 3 -> 11 for acme, 1 -> 0 for widgets (ptr removed)', () => {
    expect(domain('acme.example').spf.lookups).toEqual({ base: 3, head: 11, delta: 8 });
    expect(domain('widgets.example').spf.lookups).toEqual({ base: 1, head: 0, delta: -1 });
  });

  it('addresses that start passing: the new address and the bulk ranges reached within 10 lookups', () => {
    // ip4:203.0.113.5 and _r1.._r6 (203.0.113.0-95); _r7 (203.0.113.96/28) is lookup 11: never passes
    expect(domain('acme.example').spf.startPassing).toEqual({ ip4: ['203.0.113.0/26', '203.0.113.64/27'], ip6: [], ip4Addresses: 96, ip6Addresses: '0' });
  });

  it('addresses that stop passing: the /28 the change removes', () => {
    expect(domain('acme.example').spf.stopPassing).toEqual({ ip4: ['192.0.2.0/28'], ip6: [], ip4Addresses: 16, ip6Addresses: '0' });
    expect(domain('widgets.example').spf.startPassing.ip4).toEqual([]);
    expect(domain('widgets.example').spf.stopPassing.ip4).toEqual([]);
  });

  it('predicted replies that change for the profile sending from 192.0.2.10', () => {
    const changes = domain('acme.example').predictions ?? [];
    expect(changes.map((c) => [c.provider, c.base?.verdict, c.head?.verdict])).toEqual([
      ['gmail', 'accepted', 'rejection'],
      ['outlook', 'accepted', 'rejection'],
      ['yahoo', 'accepted', 'rejection'],
    ]);
    expect(changes.find((c) => c.provider === 'gmail')?.head?.enhanced).toBe('5.7.27');
    expect(domain('widgets.example').predictions).toBeNull(); // no profile sends as widgets.example
  });

  it('verdicts before and after', () => {
    expect(domain('acme.example').verdict).toEqual({ base: 'at-risk', head: 'fail' });
  });
});

describe('overlay versus offline', () => {
  // base and head hold acme.example only; the providers it includes live beneath them
  const single = { base: ['fixtures/diff/base/acme.example.zone'], head: ['fixtures/diff/head/acme.example.zone'] };

  it('laid over the live DNS, names outside the zone files come from it', async () => {
    const live = await loadZoneResolver(['fixtures/diff/base/mailhost.example.zone', 'fixtures/diff/head/bulkmail.example.zone']);
    const d = await diffZones({ ...single, live });
    expect(d.domains[0]?.spf.lookups).toEqual({ base: 3, head: 11, delta: 8 });
    expect(ids(d.introduced)).toEqual(['spf-too-many-lookups']);
  });

  it('offline, the zone files are the whole world: the includes have no SPF record', async () => {
    const d = await diffZones({ ...single, live: null });
    expect(ids(d.domains[0]?.findings.unchanged ?? [])).toContain('spf-include-without-spf');
  });

  it('domains named by the caller are compared even without mail records', async () => {
    const d = await diffZones({ ...single, live: null, domains: ['ns1.acme.example'] });
    expect(d.audited).toEqual(['ns1.acme.example']);
    expect(d.domainsFrom).toBe('given');
  });
});

describe('DKIM selectors the zone files hold', () => {
  const ZONE_HEAD = ['$ORIGIN sender.example.', '$TTL 300', '@ IN SOA ns hostmaster 1 3600 600 86400 300', '@ IN NS ns', 'ns IN A 192.0.2.53', '@ IN TXT "v=spf1 -all"'];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authaudit-diff-dkim-'));
    await mkdir(join(dir, 'base'));
    await mkdir(join(dir, 'head'));
    // the change moves s2024 to a provider that never published the key, and drops old2019 (dangling)
    await writeFile(join(dir, 'base', 'sender.example.zone'), [...ZONE_HEAD, `s2024._domainkey IN TXT ${quoteTxt(`v=DKIM1; p=${RSA_2048}`)}`, 'old2019._domainkey IN CNAME gone.esp.example.', ''].join('\n'));
    await writeFile(join(dir, 'head', 'sender.example.zone'), [...ZONE_HEAD, 's2024._domainkey IN CNAME s2024.dkim.esp.example.', ''].join('\n'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('both versions check the selectors either holds: a key broken by the change is introduced, a dangling CNAME removed is resolved', async () => {
    const d = await diffZones({ base: [join(dir, 'base')], head: [join(dir, 'head')], live: null });
    expect(d.audited).toEqual(['sender.example']);
    const [base] = d.base.audits;
    const [head] = d.head.audits;
    expect(base?.dkim.selectorsFromZone).toEqual(['old2019', 's2024']);
    expect(head?.dkim.selectorsFromZone).toEqual(['old2019', 's2024']);
    expect(base?.dkim.keys.map((k) => [k.selector, k.verdict])).toEqual([
      ['old2019', 'unusable'],
      ['s2024', 'usable'],
    ]);
    const introduced = d.introduced.filter((f) => f.id.startsWith('dkim-'));
    expect(introduced.map((f) => [f.id, f.evidence.domain])).toEqual([
      ['dkim-no-key', 's2024._domainkey.sender.example'],
      ['dkim-none-found', '_domainkey.sender.example'],
    ]);
    expect(d.resolved.map((f) => [f.id, f.evidence.domain])).toContainEqual(['dkim-no-key', 'old2019._domainkey.sender.example']);
  });
});

describe('mailDomains', () => {
  it('lists apexes with MX, SPF or DMARC records, sorted, each once', async () => {
    const [base, head] = await Promise.all([loadZoneResolver(['fixtures/diff/base']), loadZoneResolver(['fixtures/diff/head'])]);
    expect(mailDomains([base, head])).toEqual(['acme.example', 'widgets.example']);
  });
});
