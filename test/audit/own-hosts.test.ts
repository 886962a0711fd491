// Reverse DNS of the domain's own hosts (fixtures/own-hosts): which addresses the audit selects from
// the SPF tree and the MX hosts (own organizational domain only, evaluated terms only, a cap), the
// findings it gives for them, What to change, and the addresses it hands the predictor.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DnsAnswer, QueryOptions, Resolver, RRType } from '../../src/dns/types.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { nameKey } from '../../src/model/names.js';
import { expandSpf } from '../../src/spf/expand.js';
import { checkMx } from '../../src/mx/check-mx.js';
import { MAX_OWN_HOST_ADDRESSES, selectOwnHostAddresses } from '../../src/audit/own-hosts.js';
import { auditDomain } from '../../src/audit/audit-domain.js';
import { whatToChange } from '../../src/changes/what-to-change.js';
import { findingRegistry } from '../../src/report/finding-registry.js';
import type { SendingProfile } from '../../src/profile/types.js';

const WORLD = 'fixtures/own-hosts';

class RecordingResolver implements Resolver {
  readonly asked: string[] = [];
  constructor(private readonly inner: Resolver) {}
  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    this.asked.push(`${nameKey(name)} ${type}`);
    return this.inner.query(name, type, options);
  }
}

let zone: ZoneResolver;
beforeAll(async () => {
  zone = await loadZoneResolver([WORLD]);
});

async function selection(domain: string, max?: number) {
  const [spf, mx] = await Promise.all([expandSpf(domain, zone), checkMx(domain, zone)]);
  return selectOwnHostAddresses(domain, spf, mx, max === undefined ? {} : { max });
}

describe('selectOwnHostAddresses', () => {
  it('takes the a/mx hosts of the SPF tree in evaluation order, then the MX hosts, each address once with all its roles', async () => {
    const s = await selection('acme.example');
    expect(s.addresses.map((a) => a.address)).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.20']);
    expect(s.omitted).toBe(0);
    const mx2 = s.addresses[1];
    expect(mx2?.roles).toEqual([
      { role: 'spf', host: 'mx2.acme.example', term: 'mx', recordDomain: 'acme.example', path: ['acme.example'], preference: null },
      { role: 'mx', host: 'mx2.acme.example', term: null, recordDomain: 'acme.example', path: null, preference: 20 },
    ]);
    expect(s.addresses[2]?.roles.map((r) => `${r.role} ${r.term ?? ''}`)).toEqual(['spf a:relay.acme.example']);
  });

  it("leaves out a provider's host reached through an include (outside the organizational domain)", async () => {
    const s = await selection('acme.example');
    expect(s.addresses.flatMap((a) => a.roles.map((r) => r.host))).not.toContain('out.sendco.example');
    expect(s.addresses.map((a) => a.address)).not.toContain('198.51.100.5');
    // the provider's own audit does check it: it is in sendco.example's organizational domain
    const spf = await expandSpf('_spf.sendco.example', zone);
    const own = selectOwnHostAddresses('_spf.sendco.example', spf, await checkMx('_spf.sendco.example', zone));
    expect(own.addresses.map((a) => a.address)).toEqual(['198.51.100.5']);
  });

  it('takes evaluated terms only: not after all, not past the lookup limit', async () => {
    expect((await selection('post.example')).addresses.map((a) => a.address)).toEqual(['192.0.2.60']);
    expect((await selection('far.example')).addresses).toEqual([]);
  });

  it(`checks at most ${MAX_OWN_HOST_ADDRESSES} addresses, the first ones in order, and counts the rest`, async () => {
    const s = await selection('many.example');
    expect(s.addresses.map((a) => a.address)).toEqual(Array.from({ length: 16 }, (_, i) => `192.0.2.${100 + i}`));
    expect(s.omitted).toBe(4);
    const small = await selection('acme.example', 2);
    expect(small.addresses.map((a) => a.address)).toEqual(['192.0.2.10', '192.0.2.11']);
    // 192.0.2.11 met again as an MX host still gets that role; 192.0.2.20 is past the cap
    expect(small.addresses[1]?.roles.map((r) => r.role)).toEqual(['spf', 'mx']);
    expect(small.omitted).toBe(1);
  });
});

describe('auditDomain: reverse DNS of own hosts', () => {
  it('warns for SPF hosts without FCrDNS, never asks about the provider host, and shows every address with its roles', async () => {
    const recording = new RecordingResolver(zone);
    const audit = await auditDomain('acme.example', recording);
    const own = audit.findings.filter((f) => f.id === 'spf-host-without-fcrdns');
    expect(own.map((f) => [f.severity, f.evidence.domain])).toEqual([
      ['warning', 'mx2.acme.example'],
      ['warning', 'relay.acme.example'],
    ]);
    expect(own[0]?.message).toContain('`mx` in the SPF record of acme.example names mx2.acme.example as a sender (RFC 7208 §5.4)');
    expect(own[1]?.message).toMatch(/RFC 7208 §5\.3\); 192\.0\.2\.20 has no PTR record .*RFC 8601 §3/);
    expect(own[1]?.fix).toMatch(/^Ask whoever holds 192\.0\.2\.20/);
    expect(audit.findings.map((f) => f.id)).not.toContain('mx-host-without-fcrdns'); // mx2 is an SPF host: one finding
    expect(audit.findings.map((f) => f.id)).not.toContain('ptr-none'); // no sending address was given
    expect(audit.verdict).toBe('fail'); // no DMARC record (an error of its own)
    expect(audit.ptr.map((p) => [p.address, p.result, p.roles.map((r) => r.role)])).toEqual([
      ['192.0.2.10', 'pass', ['spf', 'mx']],
      ['192.0.2.11', 'none', ['spf', 'mx']],
      ['192.0.2.20', 'none', ['spf']],
    ]);
    expect(audit.reports.ptr.map((r) => r.address)).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.20']);
    expect(recording.asked).toContain('11.2.0.192.in-addr.arpa PTR');
    expect(recording.asked.filter((q) => q.includes('5.100.51.198'))).toEqual([]);
    // the run's cache answers every question once
    expect(recording.asked.length).toBe(new Set(recording.asked).size);
  });

  it('gives the A record edit when the PTR name does not resolve back, and an info finding for an MX host', async () => {
    const audit = await auditDomain('brick.example', zone);
    const spfHost = audit.findings.find((f) => f.id === 'spf-host-without-fcrdns');
    expect(spfHost?.evidence.domain).toBe('out.brick.example');
    expect(spfHost?.evidence.path).toEqual(['brick.example', 'out.brick.example', '30.2.0.192.in-addr.arpa', 'mail.brick.example']);
    expect(spfHost?.edits).toEqual([{ action: 'add', name: 'mail.brick.example', type: 'A', value: '192.0.2.30', current: null }]);
    const mxHost = audit.findings.find((f) => f.id === 'mx-host-without-fcrdns');
    expect(mxHost?.severity).toBe('info');
    expect(mxHost?.message).toContain('in.brick.example is an MX host of brick.example (preference 10)');
    const plan = whatToChange('brick.example', audit.findings, audit.spf.record);
    expect(plan.changes.map((c) => [c.action, c.name, c.type, c.value, c.clears])).toEqual([['add', 'mail.brick.example', 'A', '192.0.2.30', ['spf-host-without-fcrdns']]]);
  });

  it('a sending address given is judged as such (ptr-none, an error) and is not checked twice', async () => {
    const recording = new RecordingResolver(zone);
    const audit = await auditDomain('acme.example', recording, { ips: ['192.0.2.20'] });
    expect(audit.ptr.map((p) => [p.address, p.roles.length])).toEqual([
      ['192.0.2.20', 0],
      ['192.0.2.10', 2],
      ['192.0.2.11', 2],
    ]);
    expect(audit.findings.filter((f) => f.id === 'ptr-none').map((f) => f.severity)).toEqual(['error']);
    expect(audit.findings.filter((f) => f.id === 'spf-host-without-fcrdns').map((f) => f.evidence.domain)).toEqual(['mx2.acme.example']);
    expect(recording.asked.filter((q) => q === '20.2.0.192.in-addr.arpa PTR')).toHaveLength(1);
  });

  it('counts the addresses past the cap', async () => {
    const audit = await auditDomain('many.example', zone);
    expect(audit.ptr).toHaveLength(16);
    expect(audit.ownHostsOmitted).toBe(4);
    expect(audit.findings.filter((f) => f.id === 'spf-host-without-fcrdns')).toHaveLength(16);
  });

  it('the finding ids are in the registry with their severities', () => {
    expect(findingRegistry().get('spf-host-without-fcrdns')?.severity).toBe('warning');
    expect(findingRegistry().get('mx-host-without-fcrdns')?.severity).toBe('info');
  });
});

describe('auditDomain: the SPF hosts as the sending addresses of a profile that names none', () => {
  const profile = (ips: string[]): SendingProfile => ({
    name: 'own',
    description: null,
    from: 'news@acme.example',
    fromDomain: 'acme.example',
    mailFrom: 'bounce@acme.example',
    mailFromDomain: 'acme.example',
    helo: null,
    dkim: [],
    ips,
    volume: { gmail: 100, outlook: 100, yahoo: 100, icloud: null, gmx: null, laposte: null },
    providers: null,
  });

  it("predicts the domain's own profile for the addresses of its SPF a/mx hosts", async () => {
    const audit = await auditDomain('acme.example', zone, { profiles: [profile([])] });
    expect(audit.profiles).toEqual(['own']);
    const addresses = [...new Set((audit.predictions ?? []).map((p) => p.address))];
    expect(addresses).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.20']);
    // the predictor reads the same FCrDNS: the relay without PTR is predicted to be rejected by Gmail
    const relay = audit.predictions?.find((p) => p.provider === 'gmail' && p.address === '192.0.2.20');
    expect([relay?.enhanced, ...(relay?.also ?? []).map((a) => a.enhanced)]).toContain('5.7.25');
  });

  it('a profile that names its addresses is predicted for those only', async () => {
    const audit = await auditDomain('acme.example', zone, { profiles: [profile(['192.0.2.10'])] });
    expect([...new Set((audit.predictions ?? []).map((p) => p.address))]).toEqual(['192.0.2.10']);
  });

  it("a profile of a subdomain that names no address is not given the parent's hosts: it is predicted for samples of its SPF", async () => {
    const sub = { ...profile([]), from: 'news@sub.acme.example', fromDomain: 'sub.acme.example' };
    const audit = await auditDomain('acme.example', zone, { profiles: [sub] });
    // predict's own rule for a stream without addresses (src/spf/sample-addresses.ts): each one a sample
    expect(audit.predictions?.length).toBeGreaterThan(0);
    expect(audit.predictions?.every((p) => p.evidence.sample !== null)).toBe(true);
  });
});
