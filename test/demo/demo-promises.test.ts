// Each promise of fixtures/demo/README.md, checked against the zone files: the lookup counts, the
// keys, the DMARC policies, the reverse DNS. The predictor and audit tests rely on these.

import { describe, expect, it } from 'vitest';
import { nameKey } from '../../src/model/names.js';
import { joinTxt } from '../../src/model/txt.js';
import {
  demoProfiles,
  demoWorld,
  dkimKey,
  dkimKeyAt,
  exampleOrgDomain,
  fcrdns,
  firstMatchingRange,
  isSpfRecord,
  tagList,
  txtRecords,
  walkSpf,
} from './demo-world.js';

/** RFC 7208 §4.6.4: at most 10 DNS-querying terms. */
const LOOKUP_LIMIT = 10;

describe('SPF in the demo world (README: "SPF lookups in evaluation order")', () => {
  it.each([
    ['northwind.example', 0],
    ['cafe.example', 4],
    ['shop.example', 1],
    ['travel.example', 6],
    ['clinic.example', 9],
    ['megacorp.example', 12],
  ])('%s costs %i DNS lookups', async (domain, lookups) => {
    const walk = await walkSpf(await demoWorld(), domain);
    expect(walk.status).toBe('ok');
    expect(walk.lookups.map((l) => l.total)).toEqual(Array.from({ length: lookups }, (_, i) => i + 1));
  });

  it('megacorp.example crosses the limit of 10 at include:spf-b.cloudrelay.example, through nested includes', async () => {
    const walk = await walkSpf(await demoWorld(), 'megacorp.example');
    const eleventh = walk.lookups[LOOKUP_LIMIT];
    expect(eleventh?.term).toBe('include:spf-b.cloudrelay.example');
    expect(eleventh?.record).toBe('spf.protection.cloudrelay.example'); // nested, not in megacorp's own record
  });

  it('megacorp.example: 203.0.113.200 is matched only beyond lookup 10, 203.0.113.77 by the first term', async () => {
    const walk = await walkSpf(await demoWorld(), 'megacorp.example');
    expect(firstMatchingRange(walk, '203.0.113.200')?.spentBefore).toBeGreaterThan(LOOKUP_LIMIT);
    expect(firstMatchingRange(walk, '203.0.113.77')?.spentBefore).toBe(0);
  });

  it('clinic.example is at exactly 9 lookups, one provider change from permerror', async () => {
    const walk = await walkSpf(await demoWorld(), 'clinic.example');
    expect(walk.lookups).toHaveLength(LOOKUP_LIMIT - 1);
    expect(walk.voids).toEqual([]);
  });

  it('travel.example has exactly one void lookup, a:legacy-relay.travel.example (NXDOMAIN)', async () => {
    const world = await demoWorld();
    const walk = await walkSpf(world, 'travel.example');
    expect(walk.voids).toEqual(['a:legacy-relay.travel.example']);
    expect((await world.query('legacy-relay.travel.example', 'A')).kind).toBe('nxdomain');
  });

  it('ledger.example publishes two SPF records at one name', async () => {
    const world = await demoWorld();
    expect((await txtRecords(world, 'ledger.example')).filter(isSpfRecord)).toHaveLength(2);
    expect((await walkSpf(world, 'ledger.example')).status).toBe('multiple');
  });

  it('cafe.example also publishes a type 99 SPF record', async () => {
    const answer = await (await demoWorld()).query('cafe.example', 'SPF');
    expect(answer.kind === 'records' ? answer.records.map((r) => joinTxt(r.strings)).filter(isSpfRecord) : []).toHaveLength(1);
  });

  it('every sending address of every profile is authorized within 10 lookups, except where the README says not', async () => {
    const world = await demoWorld();
    const outcomes: string[] = [];
    for (const profile of demoProfiles()) {
      const walk = await walkSpf(world, profile.mailFrom);
      for (const ip of profile.ips) {
        const match = walk.status === 'ok' ? firstMatchingRange(walk, ip) : null;
        const verdict = walk.status !== 'ok' ? walk.status : match === null ? 'no match' : match.spentBefore > LOOKUP_LIMIT ? 'beyond 10' : 'pass';
        if (verdict !== 'pass') outcomes.push(`${profile.name} ${ip}: ${verdict}`);
      }
    }
    expect(outcomes.sort()).toEqual(['ledger 192.0.2.40: multiple', 'ledger 2001:db8:40::25: multiple', 'megacorp 203.0.113.200: beyond 10']);
  });
});

describe('DKIM keys in the demo world', () => {
  it.each([
    ['northwind.example', 'mail', 'rsa', 2048, 0],
    ['cafe.example', 'default', 'rsa', 1024, 0],
    ['megacorp.example', 'selector1', 'rsa', 2048, 1],
    ['megacorp.example', 'selector2', 'rsa', 2048, 1],
    ['clinic.example', 'selector1', 'rsa', 2048, 1],
    ['clinic.example', 'dkim', 'revoked', null, 0],
    ['ledger.example', 'k1', 'ed25519', null, 0],
    ['travel.example', 's1', 'rsa', 2048, 1],
    ['travel.example', 's2', 'rsa', 2048, 1],
    ['sendwave.example', 'smtpapi', 'rsa', 2048, 0],
  ] as const)('%s selector %s: %s %s (CNAMEs followed: %i)', async (domain, selector, state, bits, cnames) => {
    const key = await dkimKey(await demoWorld(), domain, selector);
    expect(key.state).toBe(state);
    if (key.state === 'rsa') expect(key.bits).toBe(bits);
    if (key.state !== 'missing') expect(key.chain).toHaveLength(cnames);
  });

  it('ledger.example has no key beside its Ed25519 one', async () => {
    const keys = (await demoWorld()).records().filter((r) => r.type === 'TXT' && nameKey(r.name).endsWith('._domainkey.ledger.example'));
    expect(keys.map((r) => nameKey(r.name))).toEqual(['k1._domainkey.ledger.example']);
  });

  it('every other DKIM key record in the demo world is 2048-bit RSA', async () => {
    const world = await demoWorld();
    const exceptions = new Set(['default._domainkey.cafe.example', 'dkim._domainkey.clinic.example', 'k1._domainkey.ledger.example']);
    const weak: string[] = [];
    for (const record of world.records()) {
      if (record.type !== 'TXT' || !/^v=DKIM1/.test(joinTxt(record.strings)) || exceptions.has(nameKey(record.name))) continue;
      const key = await dkimKeyAt(world, record.name);
      if (key.state !== 'rsa' || key.bits !== 2048) weak.push(`${record.name}: ${key.state}`);
    }
    expect(weak).toEqual([]);
  });

  it('every profile signs with a published key record', async () => {
    const world = await demoWorld();
    for (const profile of demoProfiles()) {
      for (const { domain, selector } of profile.dkim) {
        expect((await dkimKey(world, domain, selector)).state, `${profile.name} ${selector}._domainkey.${domain}`).not.toBe('missing');
      }
    }
  });
});

describe('DMARC in the demo world', () => {
  async function dmarc(domain: string): Promise<Map<string, string>> {
    const records = (await txtRecords(await demoWorld(), `_dmarc.${domain}`)).filter((t) => /^v=DMARC1/.test(t));
    expect(records, `_dmarc.${domain}`).toHaveLength(1);
    return tagList(records[0] ?? '');
  }

  it.each([
    ['northwind.example', 'reject'],
    ['cafe.example', 'none'],
    ['megacorp.example', 'quarantine'],
    ['clinic.example', 'reject'],
    ['ledger.example', 'quarantine'],
    ['shop.example', 'reject'],
    ['travel.example', 'quarantine'],
  ])('%s publishes p=%s', async (domain, policy) => {
    expect((await dmarc(domain)).get('p')).toBe(policy);
  });

  it('shop.example (p=reject) sends with a bounce domain and a DKIM domain not aligned with it', async () => {
    const shop = demoProfiles().find((p) => p.name === 'shop');
    expect(shop).toBeDefined();
    const fromDomain = (shop?.from ?? '').split('@')[1] ?? '';
    expect((await dmarc(fromDomain)).get('p')).toBe('reject');
    // RFC 7489 §3.1: relaxed alignment compares organizational domains.
    expect(exampleOrgDomain(shop?.mailFrom ?? '')).not.toBe(exampleOrgDomain(fromDomain));
    for (const { domain } of shop?.dkim ?? []) expect(exampleOrgDomain(domain)).not.toBe(exampleOrgDomain(fromDomain));
  });

  it('northwind.example is clean: p=reject, reports to its own domain, aligned SPF and DKIM, an MX', async () => {
    const world = await demoWorld();
    const tags = await dmarc('northwind.example');
    expect(tags.get('rua')).toMatch(/^mailto:[^@]+@northwind\.example$/);
    const profile = demoProfiles().find((p) => p.name === 'northwind');
    expect(profile?.mailFrom).toBe('northwind.example');
    expect(profile?.dkim.map((d) => d.domain)).toEqual(['northwind.example']);
    expect((await world.query('northwind.example', 'MX')).kind).toBe('records');
  });

  it('every other sender whose From and MAIL FROM differ keeps them in one organizational domain', () => {
    const unaligned = demoProfiles()
      .filter((p) => exampleOrgDomain(p.mailFrom) !== exampleOrgDomain(p.from.split('@')[1] ?? ''))
      .map((p) => p.name);
    expect(unaligned).toEqual(['shop']);
  });
});

describe('reverse DNS in the demo world', () => {
  it('192.0.2.40 has a PTR whose name resolves to another address; 203.0.113.77 and 2001:db8:40::25 have none', async () => {
    const world = await demoWorld();
    const ledger = await fcrdns(world, '192.0.2.40');
    expect(ledger).toEqual({ result: 'fail', names: ['mta.ledger.example'] });
    const forward = await world.query('mta.ledger.example', 'A');
    expect(forward.kind === 'records' ? forward.records.map((r) => r.address) : []).toEqual(['192.0.2.41']);
    expect((await fcrdns(world, '203.0.113.77')).result).toBe('none');
    expect((await fcrdns(world, '2001:db8:40::25')).result).toBe('none');
  });

  it('every other sending address of every profile is forward-confirmed', async () => {
    const world = await demoWorld();
    const results: string[] = [];
    for (const profile of demoProfiles()) {
      for (const ip of profile.ips) {
        const { result } = await fcrdns(world, ip);
        if (result !== 'pass') results.push(`${ip} ${result}`);
      }
    }
    expect(results.sort()).toEqual(['192.0.2.40 fail', '2001:db8:40::25 none', '203.0.113.77 none']);
  });

  it('every PTR record in the demo world is forward-confirmed except 192.0.2.40', async () => {
    const world = await demoWorld();
    const ptrOwners = world.records().filter((r) => r.type === 'PTR').map((r) => r.name);
    expect(ptrOwners.length).toBeGreaterThan(10);
    const failing: string[] = [];
    for (const owner of ptrOwners) {
      const ip = ptrToAddress(owner);
      if ((await fcrdns(world, ip)).result !== 'pass') failing.push(ip);
    }
    expect(failing).toEqual(['192.0.2.40']);
  });
});

describe('the sending profiles (fixtures/demo/profiles.json)', () => {
  it('hold one profile per sender with every field predict needs', () => {
    const profiles = demoProfiles();
    expect(profiles.map((p) => p.name).sort()).toEqual(['cafe', 'clinic', 'ledger', 'megacorp', 'northwind', 'shop', 'travel']);
    for (const p of profiles) {
      expect(p.from, p.name).toMatch(/^[^@\s]+@[a-z0-9.-]+\.example$/);
      expect(p.mailFrom, p.name).toMatch(/\.example$/);
      expect(p.helo, p.name).toMatch(/\.example$/);
      expect(p.ips.length, p.name).toBeGreaterThan(0);
      expect(p.dkim.length, p.name).toBeGreaterThan(0);
      expect(Number.isInteger(p.volume) && p.volume > 0, p.name).toBe(true);
    }
  });

  it('use HELO names that resolve, and MAIL FROM domains with an SPF record', async () => {
    const world = await demoWorld();
    for (const p of demoProfiles()) {
      expect((await world.query(p.helo, 'A')).kind, p.helo).toBe('records');
      expect((await txtRecords(world, p.mailFrom)).filter(isSpfRecord).length, p.mailFrom).toBeGreaterThan(0);
    }
  });
});

function ptrToAddress(owner: string): string {
  const key = nameKey(owner);
  if (key.endsWith('.in-addr.arpa')) return key.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.');
  const nibbles = key.slice(0, -'.ip6.arpa'.length).split('.').reverse().join('');
  return (nibbles.match(/.{4}/g) ?? []).join(':');
}
