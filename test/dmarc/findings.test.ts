// Every DMARC finding, each raised by a fixture zone that breaks one rule, and absent from a clean one.
import { afterAll, describe, expect, it } from 'vitest';
import { discoverDmarc } from '../../src/dmarc/discover.js';
import { dmarcFindings } from '../../src/dmarc/collect-findings.js';
import { DMARC_FINDINGS } from '../../src/dmarc/findings.js';
import type { Finding } from '../../src/findings/types.js';
import { timeout, zone } from './zone.js';
import type { ZoneFailure } from '../../src/dns/zone-resolver.js';

async function findingsFor(text: string, domain: string, failures: ZoneFailure[] = []): Promise<Finding[]> {
  return dmarcFindings(await discoverDmarc(domain, zone(text, failures)));
}

const RUA = 'rua=mailto:dmarc@example.com';
const seen = new Set<string>();

interface Case {
  id: string;
  zone: string;
  domain?: string;
  failures?: ZoneFailure[];
}

const CASES: Case[] = [
  { id: 'dmarc-no-record', zone: 'example.com. A 192.0.2.1' },
  { id: 'dmarc-multiple-records', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\n_dmarc.example.com. TXT "v=DMARC1; p=none; ${RUA}"` },
  { id: 'dmarc-dns-failure', zone: 'example.com. A 192.0.2.1', failures: [timeout('_dmarc.example.com')] },
  { id: 'dmarc-record-ignored', zone: `_dmarc.example.com. TXT "p=reject; v=DMARC1; ${RUA}"` },
  { id: 'dmarc-non-dmarc-txt', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\n_dmarc.example.com. TXT "site-verification=1"` },
  { id: 'dmarc-spf-at-dmarc', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\n_dmarc.example.com. TXT "v=spf1 mx -all"` },
  { id: 'dmarc-record-at-apex', zone: `example.com. TXT "v=DMARC1; p=reject; ${RUA}"` },
  { id: 'dmarc-syntax-error', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}; reject"` },
  { id: 'dmarc-unknown-tag', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}; sp_=none"` },
  { id: 'dmarc-duplicate-tag', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; p=none; ${RUA}"` },
  { id: 'dmarc-invalid-value', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; adkim=strict; ${RUA}"` },
  { id: 'dmarc-no-policy', zone: `_dmarc.example.com. TXT "v=DMARC1; adkim=s"` },
  { id: 'dmarc-policy-fallback-none', zone: `_dmarc.example.com. TXT "v=DMARC1; ${RUA}"` },
  { id: 'dmarc-policy-not-second', zone: `_dmarc.example.com. TXT "v=DMARC1; ${RUA}; p=reject"` },
  { id: 'dmarc-policy-none', zone: `_dmarc.example.com. TXT "v=DMARC1; p=none; ${RUA}"` },
  { id: 'dmarc-pct-below-100', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; pct=10; ${RUA}"` },
  { id: 'dmarc-testing-mode', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; t=y; ${RUA}"` },
  { id: 'dmarc-subdomain-policy-weaker', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; sp=none; ${RUA}"` },
  { id: 'dmarc-nonexistent-policy-weaker', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; np=quarantine; ${RUA}"` },
  {
    id: 'dmarc-subdomain-tags-unused',
    zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\n_dmarc.mail.example.com. TXT "v=DMARC1; p=reject; sp=reject; ${RUA}"`,
    domain: 'mail.example.com',
  },
  { id: 'dmarc-no-reporting', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject"` },
  { id: 'dmarc-report-uri-invalid', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA},mailto:nobody"` },
  { id: 'dmarc-report-uri-not-mailto', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA},https://example.com/r"` },
  { id: 'dmarc-report-size-limit', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}!10m"` },
  { id: 'dmarc-report-destination-unauthorized', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; rua=mailto:d@vendor.example"` },
  {
    id: 'dmarc-report-authorization-failure',
    zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; rua=mailto:d@vendor.example"`,
    failures: [timeout('example.com._report._dmarc.vendor.example')],
  },
  { id: 'dmarc-removed-tag', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ri=3600; ${RUA}"` },
  { id: 'dmarc-fo-without-ruf', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; fo=1; ${RUA}"` },
  { id: 'dmarc-psd-declared', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; psd=y; ${RUA}"` },
  {
    id: 'dmarc-org-domain-disagree',
    zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\n_dmarc.dept.example.com. TXT "v=DMARC1; p=reject; psd=n; ${RUA}"`,
    domain: 'mail.dept.example.com',
  },
  { id: 'dmarc-discovery-disagree', zone: `_dmarc.example.com. TXT "v=DMARC1; p=reject; t=y; ${RUA}"` },
];

describe('each rule raises its finding', () => {
  it.each(CASES)('$id', async ({ id, zone: text, domain, failures }) => {
    const findings = await findingsFor(text, domain ?? 'example.com', failures);
    for (const f of findings) seen.add(f.id);
    const f = findings.find((x) => x.id === id);
    expect(f, `${id} in ${findings.map((x) => x.id).join(', ')}`).toBeDefined();
    expect(f?.message).toMatch(/RFC \d+/);
    expect(f?.evidence.domain).not.toBeNull();
  });

  afterAll(() => {
    // the table covers every finding the module defines
    expect([...seen].filter((id) => id in DMARC_FINDINGS).sort()).toEqual(Object.keys(DMARC_FINDINGS).sort());
  });
});

describe('a clean configuration', () => {
  it('raises nothing', async () => {
    const findings = await findingsFor(`_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\nexample.com. A 192.0.2.1`, 'example.com');
    expect(findings).toEqual([]);
  });
  it('and its subdomains inherit it without findings', async () => {
    const findings = await findingsFor(`_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\nmail.example.com. A 192.0.2.1`, 'mail.example.com');
    expect(findings).toEqual([]);
  });
});

describe('evidence', () => {
  it('names the zone file, line and position in the record', async () => {
    const text = `v=DMARC1; p=reject; pct=10; ${RUA}`;
    const findings = await findingsFor(`example.com. A 192.0.2.1\n_dmarc.example.com. TXT "${text}"`, 'example.com');
    const f = findings.find((x) => x.id === 'dmarc-pct-below-100');
    // line 1 of the fixture is the $TTL the helper adds
    expect(f?.evidence).toMatchObject({ domain: 'example.com', record: text, position: text.indexOf('pct='), file: 'test.zone', line: 3 });
    expect(f?.fix).not.toBeNull();
  });

  it('an apex record with no _dmarc record is an error, beside one it is a warning', async () => {
    const alone = await findingsFor(`example.com. TXT "v=DMARC1; p=reject"`, 'example.com');
    const beside = await findingsFor(`example.com. TXT "v=DMARC1; p=reject"\n_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"`, 'example.com');
    expect(alone.find((f) => f.id === 'dmarc-record-at-apex')?.severity).toBe('error');
    expect(beside.find((f) => f.id === 'dmarc-record-at-apex')?.severity).toBe('warning');
  });

  it('a weaker sp is only reported where sp takes effect', async () => {
    const findings = await findingsFor(
      `_dmarc.example.com. TXT "v=DMARC1; p=reject; ${RUA}"\n_dmarc.mail.example.com. TXT "v=DMARC1; p=reject; sp=none; ${RUA}"`,
      'mail.example.com',
    );
    expect(findings.map((f) => f.id)).not.toContain('dmarc-subdomain-policy-weaker');
    expect(findings.map((f) => f.id)).toContain('dmarc-subdomain-tags-unused');
  });
});

describe('the policy receivers fall back to (docs/providers.md#what-the-evidence-terms-mean: p missing or invalid)', () => {
  const of = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

  it('without a valid rua there is no DMARC, and the finding says why and what Gmail makes of it', async () => {
    const text = 'v=DMARC1; adkim=s';
    const f = of(await findingsFor(`_dmarc.example.com. TXT "${text}"`, 'example.com'), 'dmarc-no-policy');
    expect(f?.message).toContain('p is missing and rua holds no valid address, so receivers apply no DMARC policy at all');
    expect(f?.message).toContain('counts as p=none when rua holds a valid address, and as no DMARC policy at all when it does not');
    expect(f?.message).toContain('Readers that take a missing p as p=none enforce nothing either');
    expect(f?.message).toContain('4.7.40');
    expect(f?.evidence.position).toBe(0);
  });

  it('an invalid p without a valid rua: the same, pointed at p', async () => {
    const text = 'v=DMARC1; adkim=s; p=rejected';
    const f = of(await findingsFor(`_dmarc.example.com. TXT "${text}"`, 'example.com'), 'dmarc-no-policy');
    expect(f?.message).toContain('p="rejected" is not valid and rua holds no valid address');
    expect(f?.message).not.toContain('missing p');
    expect(f?.evidence.position).toBe(text.indexOf('p=rejected'));
  });

  it('with a valid rua it is p=none, explained, and pointed at the tag at fault', async () => {
    const text = `v=DMARC1; p=reject; sp=rejct; ${RUA}`;
    const f = of(await findingsFor(`_dmarc.example.com. TXT "${text}"`, 'example.com'), 'dmarc-policy-fallback-none');
    expect(f?.message).toContain('sp="rejct" is not valid; rua holds a valid address, so receivers act as if the record said p=none');
    expect(f?.evidence.position).toBe(text.indexOf('sp='));
  });

  it('an invalid np affects RFC 9989 receivers only, and the finding says what RFC 7489 receivers still apply', async () => {
    const text = `v=DMARC1; p=reject; np=rejectt; ${RUA}`;
    const findings = await findingsFor(`_dmarc.example.com. TXT "${text}"`, 'example.com');
    const f = of(findings, 'dmarc-policy-fallback-none');
    expect(f?.message).toContain('so RFC 9989 receivers act as if the record said p=none');
    expect(f?.message).toContain('RFC 7489 receivers, which do not know np, still apply p=reject');
    expect(f?.evidence.position).toBe(text.indexOf('np='));
    expect(findings.map((x) => x.id)).toContain('dmarc-discovery-disagree');
  });
});

describe('text meant as DMARC that receivers discard', () => {
  it.each([
    ['p=reject; v=DMARC1', 'v=DMARC1 is not the first tag', 'v=DMARC1'],
    ['v=dmarc1; p=reject', 'is not exactly "DMARC1"', 'dmarc1'],
  ])('%j: the finding names the problem and points at it', async (text, says, at) => {
    const f = (await findingsFor(`_dmarc.example.com. TXT "${text}"`, 'example.com')).find((x) => x.id === 'dmarc-record-ignored');
    expect(f?.message).toContain(says);
    expect(f?.evidence).toMatchObject({ record: text, position: text.indexOf(at) });
  });
});

describe('a weaker sp also covers non-existent subdomains when there is no np', () => {
  it.each([
    [`v=DMARC1; p=reject; sp=none; ${RUA}`, 'so existing and non-existent subdomains can be spoofed'],
    [`v=DMARC1; p=reject; sp=none; np=reject; ${RUA}`, 'so existing subdomains can be spoofed'],
  ])('%j', async (text, says) => {
    const f = (await findingsFor(`_dmarc.example.com. TXT "${text}"`, 'example.com')).find((x) => x.id === 'dmarc-subdomain-policy-weaker');
    expect(f?.message).toContain(says);
  });
});
