// DMARC policy discovery both ways: RFC 7489 §6.6.3 (PSL) and RFC 9989 §4.10 (tree walk).
import { describe, expect, it } from 'vitest';
import { discoverDmarc } from '../../src/dmarc/discover.js';
import { recording, timeout, zone } from './zone.js';

describe('a record at the domain itself', () => {
  const z = zone(`
_dmarc.example.com. TXT "v=DMARC1; p=reject; sp=quarantine; np=none; rua=mailto:d@example.com"
example.com. A 192.0.2.1
`);
  it('applies p to the domain, sp to existing subdomains, np (RFC 9989) or sp (RFC 7489) to non-existent ones', async () => {
    const d = await discoverDmarc('example.com', z);
    expect(d.status).toBe('found');
    expect(d.sourceDomain).toBe('example.com');
    expect(d.record?.record.text).toContain('p=reject');
    expect([d.policyFor.domain?.tag, d.policyFor.domain?.applied]).toEqual(['p', 'reject']);
    expect([d.policyFor.subdomain?.tag, d.policyFor.subdomain?.applied]).toEqual(['sp', 'quarantine']);
    expect([d.policyFor.nonexistent?.tag, d.policyFor.nonexistent?.applied]).toEqual(['np', 'none']);
    expect([d.rfc7489.policyFor.nonexistent?.tag, d.rfc7489.policyFor.nonexistent?.applied]).toEqual(['sp', 'quarantine']);
    expect(d.orgDomainPsl).toBe('example.com');
    expect(d.orgDomainTreeWalk).toBe('example.com');
    expect(d.orgDomainsAgree).toBe(true);
  });
});

describe('a record inherited from the organizational domain', () => {
  const z = zone(`
_dmarc.example.com. TXT "v=DMARC1; p=reject; sp=quarantine; np=reject"
mail.example.com. MX 10 mx.example.com.
`);
  it('gives an existing subdomain sp', async () => {
    const d = await discoverDmarc('mail.example.com', z);
    expect(d.existence.exists).toBe(true);
    expect(d.rfc7489).toMatchObject({ status: 'found', policyDomain: 'example.com', inherited: true });
    expect(d.rfc9989).toMatchObject({ status: 'found', policyDomain: 'example.com', inherited: true });
    expect(d.policyFor.domain?.tag).toBe('sp');
    expect(d.policyFor.domain?.applied).toBe('quarantine');
  });
  it('gives a non-existent subdomain np under RFC 9989 and sp under RFC 7489', async () => {
    const d = await discoverDmarc('ghost.example.com', z);
    expect(d.existence.exists).toBe(false);
    expect(d.rfc9989.policyFor.domain?.tag).toBe('np');
    expect(d.rfc9989.policyFor.domain?.applied).toBe('reject');
    expect(d.rfc7489.policyFor.domain?.tag).toBe('sp');
    expect(d.differences.some((s) => s.includes('policy for the domain'))).toBe(true);
  });
});

describe('several records', () => {
  const z = zone(`
_dmarc.two.example.com. TXT "v=DMARC1; p=none"
_dmarc.two.example.com. TXT "v=DMARC1; p=reject"
_dmarc.example.com.     TXT "v=DMARC1; p=quarantine"
_dmarc.example.net.     TXT "v=DMARC1; p=none"
_dmarc.example.net.     TXT "v=DMARC1; p=reject"
`);
  it('at the domain: no policy for RFC 7489, the walk goes on to the parent for RFC 9989', async () => {
    const d = await discoverDmarc('two.example.com', z);
    expect(d.rfc7489.status).toBe('multiple');
    expect(d.rfc7489.policyFor.domain).toBeNull();
    expect(d.rfc9989.status).toBe('found');
    expect(d.rfc9989.policyDomain).toBe('example.com');
    expect(d.differences.length).toBeGreaterThan(0);
  });
  it('at the organizational domain: no policy either way', async () => {
    const d = await discoverDmarc('mail.example.net', z);
    expect(d.rfc7489.status).toBe('multiple');
    expect(d.rfc9989.status).toBe('none');
    expect(d.policyFor.domain).toBeNull();
  });
});

describe('pct and t', () => {
  const z = zone(`
_dmarc.pct.example. TXT "v=DMARC1; p=reject; pct=25"
_dmarc.t.example.   TXT "v=DMARC1; p=reject; t=y"
_dmarc.tq.example.  TXT "v=DMARC1; p=quarantine; t=y"
`);
  it('pct: RFC 7489 applies the policy to pct% and the next lower one to the rest; RFC 9989 ignores pct', async () => {
    const d = await discoverDmarc('pct.example', z);
    expect(d.rfc7489.policyFor.domain).toMatchObject({ applied: 'reject', pct: 25, remainder: 'quarantine' });
    expect(d.rfc9989.policyFor.domain).toMatchObject({ applied: 'reject', pct: 100, remainder: null });
  });
  it.each([
    ['t.example', 'reject', 'quarantine'],
    ['tq.example', 'quarantine', 'none'],
  ])('t=y on %s: %s is applied as %s by RFC 9989 receivers', async (domain, published, applied) => {
    const d = await discoverDmarc(domain, z);
    expect(d.rfc9989.policyFor.domain).toMatchObject({ published, applied, testing: true });
    expect(d.rfc7489.policyFor.domain).toMatchObject({ published, applied: published, testing: false });
  });
});

describe('p missing or invalid', () => {
  const z = zone(`
_dmarc.fallback.example. TXT "v=DMARC1; p=strict; sp=reject; rua=mailto:d@fallback.example"
_dmarc.nopolicy.example. TXT "v=DMARC1; adkim=s"
`);
  it('with a valid rua: p=none for every case', async () => {
    const d = await discoverDmarc('fallback.example', z);
    expect(d.status).toBe('found');
    for (const which of ['domain', 'subdomain', 'nonexistent'] as const) {
      expect(d.policyFor[which]).toMatchObject({ tag: 'fallback', applied: 'none' });
    }
  });
  it('without a valid rua: a record, but no policy', async () => {
    const d = await discoverDmarc('nopolicy.example', z);
    expect(d.status).toBe('no-policy');
    expect(d.record).not.toBeNull();
    expect(d.policyFor).toEqual({ domain: null, subdomain: null, nonexistent: null });
  });
});

describe('an invalid np (a tag RFC 7489 does not know)', () => {
  const z = zone(`
_dmarc.np.example. TXT "v=DMARC1; p=reject; np=rejectt; rua=mailto:d@np.example"
_dmarc.norua.example. TXT "v=DMARC1; p=reject; np=rejectt"
`);
  it('with a valid rua: p=none for RFC 9989 receivers, p=reject still for RFC 7489 ones, and the difference is shown', async () => {
    const d = await discoverDmarc('np.example', z);
    expect(d.rfc9989.policyFor.domain).toMatchObject({ tag: 'fallback', applied: 'none' });
    expect(d.rfc7489.policyFor.domain).toMatchObject({ tag: 'p', applied: 'reject' });
    expect(d.rfc7489.policyFor.nonexistent).toMatchObject({ tag: 'p', applied: 'reject' });
    expect(d.differences).toContain('policy for the domain: reject (RFC 7489), none (RFC 9989)');
  });
  it('without one: no policy for RFC 9989 receivers, found for RFC 7489 ones', async () => {
    const d = await discoverDmarc('norua.example', z);
    expect(d.rfc9989.status).toBe('no-policy');
    expect(d.rfc7489.status).toBe('found');
    expect(d.rfc7489.policyFor.domain?.applied).toBe('reject');
  });
});

describe('a public suffix operator record (psd=y)', () => {
  const z = zone(`
_dmarc.psd. TXT "v=DMARC1; p=reject; sp=quarantine; np=reject; psd=y"
shop.psd. A 192.0.2.7
`);
  it('applies to an organizational domain below it under RFC 9989 only', async () => {
    const d = await discoverDmarc('shop.psd', z);
    expect(d.orgDomainTreeWalk).toBe('shop.psd');
    expect(d.rfc9989).toMatchObject({ status: 'found', policyDomain: 'psd', inherited: true });
    expect(d.rfc9989.policyFor.domain?.tag).toBe('sp');
    // "psd" is not on the Public Suffix List; tldts treats an unlisted TLD as a suffix, so RFC 7489 looks no further
    expect(d.orgDomainPsl).toBe('shop.psd');
    expect(d.rfc7489.status).toBe('none');
  });
});

describe('DNS failures', () => {
  it('at the domain: a temporary error both ways', async () => {
    const z = zone(`_dmarc.example.com. TXT "v=DMARC1; p=reject"\n`, [timeout('_dmarc.mail.example.com')]);
    const d = await discoverDmarc('mail.example.com', z);
    expect(d.rfc7489.status).toBe('dns-failure');
    expect(d.rfc9989.status).toBe('dns-failure');
    expect(d.rfc9989.failure).toMatchObject({ name: '_dmarc.mail.example.com', kind: 'timeout' });
  });
  it('at the organizational domain: RFC 7489 fails, the walk is incomplete', async () => {
    const z = zone(`mail.example.com. A 192.0.2.1\n`, [timeout('_dmarc.example.com')]);
    const d = await discoverDmarc('mail.example.com', z);
    expect(d.rfc7489.status).toBe('dns-failure');
    expect(d.rfc9989.status).toBe('dns-failure');
    expect(d.treeWalk.complete).toBe(false);
  });
  it('a failure above the domain\'s own record does not hide it', async () => {
    const z = zone(`_dmarc.example.com. TXT "v=DMARC1; p=reject"\n`, [timeout('_dmarc.com')]);
    const d = await discoverDmarc('example.com', z);
    expect(d.rfc9989.status).toBe('found');
    expect(d.rfc9989.orgDomainComplete).toBe(false);
    expect(d.rfc7489.status).toBe('found');
  });
});

describe('what else sits at _dmarc and at the apex', () => {
  const z = zone(`
_dmarc.example.com. TXT "v=DMARC1; p=reject"
_dmarc.example.com. TXT "google-site-verification=abc"
_dmarc.example.com. TXT "v=spf1 -all"
_dmarc.example.com. TXT "v=dmarc1; p=none"
example.com. TXT "v=DMARC1; p=quarantine"
`);
  it('keeps the one DMARC record and sorts the rest', async () => {
    const d = await discoverDmarc('example.com', z);
    const own = d.treeWalk.steps[0];
    expect(own?.outcome).toBe('record');
    expect(own?.ignored.map((i) => i.kind).sort()).toEqual(['dmarc-like', 'other', 'spf']);
    // the discarded DMARC-like text carries why and where; the others carry no problem
    expect(own?.ignored.find((i) => i.kind === 'dmarc-like')?.problem).toMatchObject({ position: 2 });
    expect(own?.ignored.find((i) => i.kind === 'dmarc-like')?.problem?.message).toContain('is not exactly "DMARC1"');
    expect(own?.ignored.filter((i) => i.kind !== 'dmarc-like').map((i) => i.problem)).toEqual([null, null]);
    expect(d.apexRecords.map((a) => [a.domain, a.text])).toEqual([['example.com', 'v=DMARC1; p=quarantine']]);
  });
});

describe('report destinations (RFC 7489 §7.1)', () => {
  const z = zone(`
_dmarc.example.com. TXT "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@reports.example.com,mailto:c@vendor.example,mailto:d@other.example,mailto:e@wild.example; ruf=mailto:f@broken.example"
example.com._report._dmarc.vendor.example. TXT "v=DMARC1"
*._report._dmarc.wild.example. TXT "v=DMARC1"
_report._dmarc.other.example. TXT "unrelated"
`, [timeout('example.com._report._dmarc.broken.example')]);
  it('checks each external destination once and leaves internal ones alone', async () => {
    const d = await discoverDmarc('example.com', z);
    expect(d.reportAuthorization.map((a) => [a.tag, a.destination, a.status])).toEqual([
      ['rua', 'example.com', 'internal'],
      ['rua', 'reports.example.com', 'internal'],
      ['rua', 'vendor.example', 'authorized'],
      ['rua', 'other.example', 'not-authorized'],
      ['rua', 'wild.example', 'authorized'],
      ['ruf', 'broken.example', 'dns-failure'],
    ]);
    expect(d.reportAuthorization[2]?.query).toBe('example.com._report._dmarc.vendor.example');
  });
});

describe('questions that do not depend on each other go out together', () => {
  it('sends the walk, the PSL lookups, existence and apex questions at once, each once', async () => {
    const r = recording(zone(`_dmarc.example.com. TXT "v=DMARC1; p=reject"\n`));
    await discoverDmarc('a.b.example.com', r);
    // 4 walk names, A/AAAA/MX, TXT at the domain and at example.com
    expect(r.asked).toHaveLength(4 + 3 + 2);
    expect(new Set(r.asked).size).toBe(r.asked.length);
    expect(r.maxInFlight).toBe(r.asked.length);
  });
});
