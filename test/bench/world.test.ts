// The benchmark's generated world: seeded, large enough, shaped like real provider trees, and
// readable by the project's own zone reader (so Knot and authaudit see the same records).
import { createPublicKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld, txtRdata, worldIndex, writeWorld, zoneFileText, UNLISTED_IP, type World } from '../../bench/lib/world.mjs';
import { questionPlan, dependencyDepth, planDepth } from '../../bench/lib/dependency.mjs';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { joinTxt } from '../../src/model/txt.js';
import { expandSpf } from '../../src/spf/expand.js';
import type { DnsAnswer } from '../../src/dns/types.js';

const texts = (answer: DnsAnswer<'TXT'>): string[] => (answer.kind === 'records' ? answer.records.map((r) => joinTxt(r.strings)) : []);
const zoneTexts = (world: World): string[] => world.zones.map(zoneFileText);

describe('generateWorld', () => {
  const world = generateWorld();

  it('is the same world for the same seed, and another for another seed', () => {
    expect(zoneTexts(generateWorld())).toEqual(zoneTexts(world));
    expect(zoneTexts(generateWorld({ seed: 7 }))).not.toEqual(zoneTexts(world));
  });

  it('has at least 200 distinct sender domains, each its own zone under .example or .test', () => {
    const domains = world.senders.map((s) => s.domain);
    expect(domains.length).toBeGreaterThanOrEqual(200);
    expect(new Set(domains).size).toBe(domains.length);
    for (const domain of domains) {
      expect(domain).toMatch(/^[a-z0-9-]+\.(example|test)$/);
      expect(world.zoneOf(domain)).toBe(domain);
    }
  });

  it('serves the parent zones, so names inside the world never fall outside every zone', () => {
    for (const origin of ['example', 'test', 'in-addr.arpa', 'ip6.arpa']) expect(world.zoneOf(`_dmarc.${origin}`)).toBe(origin);
  });

  it('splits TXT data into character-strings of at most 255 bytes (RFC 1035 §3.3.14)', () => {
    const rdata = txtRdata('x'.repeat(600));
    expect(rdata.match(/"[^"]*"/g)?.map((s) => s.length - 2)).toEqual([255, 255, 90]);
    expect(txtRdata('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('publishes DMARC with every policy, and some domains without DMARC', () => {
    const policies = new Set(world.senders.map((s) => /p=(\w+)/.exec(s.dmarc ?? '')?.[1] ?? 'missing'));
    for (const p of ['none', 'quarantine', 'reject', 'missing']) expect(policies).toContain(p);
  });

  it('publishes RSA keys whose size node:crypto reads back', () => {
    const index = worldIndex(world);
    const google = world.senders.find((s) => s.kind === 'google');
    const key = index.lookup(`google._domainkey.${google?.domain}`, 'TXT').records[0]?.data as string;
    const der = Buffer.from(/p=([A-Za-z0-9+/=]+)/.exec(key)?.[1] ?? '', 'base64');
    const details = createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyDetails;
    expect([1024, 2048]).toContain(details?.modulusLength);
  });
});

describe('the world as zone files', () => {
  const world = generateWorld();
  let dir: string;
  let zones: ZoneResolver;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'authaudit-world-test-'));
    await writeWorld(world, dir);
    zones = await loadZoneResolver([dir]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has a Google-like include tree: _spf includes three netblock records', async () => {
    const spf = texts(await zones.query('_spf.gsuite.test', 'TXT'));
    expect(spf).toEqual(['v=spf1 include:_netblocks.gsuite.test include:_netblocks2.gsuite.test include:_netblocks3.gsuite.test ~all']);
    for (const n of ['_netblocks', '_netblocks2', '_netblocks3']) expect(texts(await zones.query(`${n}.gsuite.test`, 'TXT'))[0]).toMatch(/^v=spf1 ip[46]:/);
  });

  it('delegates Microsoft-like DKIM selectors by CNAME to a key in another zone', async () => {
    const sender = world.senders.find((s) => s.kind === 'microsoft');
    const answer = await zones.query(`selector1._domainkey.${sender?.domain}`, 'TXT');
    expect(answer.cnameChain).toHaveLength(1);
    expect(answer.cnameChain[0]?.target).toMatch(/\.onmicrosoft\.o365\.test$/);
    expect(texts(answer)[0]).toMatch(/^v=DKIM1; k=rsa; p=/);
  });

  it('has domains over the 10-lookup limit (RFC 7208 §4.6.4), domains under it, and redirects', async () => {
    const lookups = await Promise.all(world.senders.map(async (s) => (await expandSpf(s.domain, zones)).lookups.total));
    expect(lookups.filter((n) => n > 10).length).toBeGreaterThan(5);
    expect(lookups.filter((n) => n <= 10).length).toBeGreaterThan(100);
    expect(world.senders.filter((s) => s.spf?.startsWith('v=spf1 redirect=')).length).toBeGreaterThan(5);
  });

  it('gives self-hosted sending addresses a PTR record that mostly names a host resolving back', async () => {
    const self = world.senders.filter((s) => s.kind === 'self' && s.ip.startsWith('198.18.'));
    expect(self.length).toBeGreaterThan(5);
    let confirmed = 0;
    for (const s of self) {
      const ptr = await zones.query(`${s.ip.split('.').reverse().join('.')}.in-addr.arpa`, 'PTR');
      expect(ptr.kind).toBe('records');
      const target = ptr.kind === 'records' ? ptr.records[0]?.target : undefined;
      const forward = target === undefined ? null : await zones.query(target, 'A');
      if (forward?.kind === 'records' && forward.records.some((r) => r.address === s.ip)) confirmed++;
    }
    expect(confirmed).toBeGreaterThan(self.length / 2);
  });
});

describe('questionPlan (dependency depth)', () => {
  const world = generateWorld();
  const index = worldIndex(world);
  const options = { commonSelectors: ['google', 'selector1', 's1'], wildcardProbe: 'probe' };
  const planFor = (predicate: (s: World['senders'][number]) => boolean) => {
    const sender = world.senders.find(predicate);
    if (sender === undefined) throw new Error('no such sender in the world');
    return { sender, plan: questionPlan(index, { domain: sender.domain, ips: [sender.ip, UNLISTED_IP], selectors: sender.selectors }, options) };
  };

  it('puts each include one round after the record that names it', () => {
    const { sender, plan } = planFor((s) => s.spf?.includes('include:_spf.gsuite.test') === true && !s.spf.includes('redirect'));
    expect(plan.get(`${sender.domain}|TXT`)?.round).toBe(1);
    expect(plan.get('_spf.gsuite.test|TXT')).toMatchObject({ round: 2, from: `${sender.domain}|TXT` });
    expect(plan.get('_netblocks3.gsuite.test|TXT')).toMatchObject({ round: 3, from: '_spf.gsuite.test|TXT' });
  });

  it('follows a nested ESP tree down to its a-term: TXT → include → include → include → A', () => {
    const { plan } = planFor((s) => s.kind !== 'parked' && s.esps.includes('mailgun') && s.spf?.startsWith('v=spf1 include:mailgun') === false);
    expect(plan.get('relay.mailgun.test|A')?.round).toBe(5);
    expect(planDepth(plan)).toBeGreaterThanOrEqual(5);
  });

  it('charges one more round for a CNAME into another zone', () => {
    const { sender, plan } = planFor((s) => s.kind === 'microsoft');
    expect(plan.get(`selector1._domainkey.${sender.domain}|TXT`)).toMatchObject({ round: 2, extra: 1 });
    expect(plan.get(`google._domainkey.${sender.domain}|TXT`)).toMatchObject({ round: 1, extra: 0 });
  });

  it('asks MX hosts after the MX answer, and PTR names after the PTR answer', () => {
    const { sender, plan } = planFor((s) => s.kind === 'google');
    expect(plan.get('aspmx.l.gsuite.test|A')).toMatchObject({ round: 2, from: `${sender.domain}|MX` });
    const ptrName = `${sender.ip.split('.').reverse().join('.')}.in-addr.arpa|PTR`;
    expect(plan.get(ptrName)?.round).toBe(1);
    expect([...plan.values()].some((q) => q.from === ptrName && q.type === 'A' && q.round === 2)).toBe(true);
  });

  it('takes the depth over the questions actually asked, and names the ones it does not know', () => {
    const { sender, plan } = planFor((s) => s.kind === 'google');
    const asked = [`${sender.domain}|TXT`, '_spf.gsuite.test|TXT', 'unknown.test|A'];
    expect(dependencyDepth(plan, asked)).toEqual({ depth: 2, unplanned: ['unknown.test|A'] });
  });
});

describe('generateWorld({ bulk: true })', () => {
  it('puts the senders into the few parent zones, as a DNS host serves a portfolio, with the same records', () => {
    const bulk = generateWorld({ senders: 60, bulk: true });
    const each = generateWorld({ senders: 60 });
    expect(bulk.zones.length).toBeLessThan(20);
    for (const s of bulk.senders) expect(['example', 'test']).toContain(bulk.zoneOf(s.domain));
    const records = (w: World) => w.zones.flatMap((z) => z.records.map((r) => `${r.name} ${r.type} ${JSON.stringify(r.data)}`)).sort();
    expect(records(bulk)).toEqual(records(each));
  });
});
