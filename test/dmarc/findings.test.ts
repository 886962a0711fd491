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
