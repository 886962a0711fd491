// The audit on the demo world (fixtures/demo/README.md): every promised defect is found by the
// check that owns it, the clean domain has nothing above info, and the predicted replies the
// README expects become delivery findings.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { readProfileFile } from '../../src/profile/read-profile-file.js';
import { auditDomains } from '../../src/audit/audit-domains.js';
import { spfStateText } from '../../src/audit/summaries.js';
import { auditJson, auditJsonDeferred } from '../../src/audit/to-json.js';
import type { DomainAudit } from '../../src/audit/types.js';
import type { AuditVerdict } from '../../src/audit/verdict.js';

const DEMO = 'fixtures/demo';

interface Promise_ {
  domain: string;
  verdict: AuditVerdict;
  /** Finding ids the README promises for the domain. */
  ids: string[];
  /** Finding ids that must not appear. */
  notIds?: string[];
  lookups: number | null;
  voidLookups?: number;
  /** (provider, address) -> enhanced code the README expects, or 'accepted'. */
  replies?: Array<[string, string, string]>;
}

const PROMISES: Promise_[] = [
  { domain: 'northwind.example', verdict: 'pass', ids: [], lookups: 0, replies: [['gmail', '203.0.113.10', 'accepted'], ['outlook', '2001:db8:10::25', 'accepted'], ['yahoo', '203.0.113.11', 'accepted']] },
  { domain: 'cafe.example', verdict: 'at-risk', ids: ['dkim-rsa-1024', 'dmarc-policy-none', 'spf-type99-record'], notIds: ['predict-rejection'], lookups: 4, replies: [['gmail', '198.51.100.20', 'accepted']] },
  {
    domain: 'megacorp.example',
    verdict: 'fail',
    ids: ['spf-too-many-lookups', 'ptr-none', 'dmarc-subdomain-policy-weaker', 'predict-rejection'],
    lookups: 12,
    replies: [['gmail', '203.0.113.200', '5.7.27'], ['gmail', '203.0.113.77', '5.7.25'], ['outlook', '203.0.113.200', '5.7.515'], ['outlook', '203.0.113.77', 'accepted']],
  },
  { domain: 'clinic.example', verdict: 'fail', ids: ['spf-lookups-near-limit', 'dkim-key-revoked', 'predict-rejection'], notIds: ['spf-too-many-lookups'], lookups: 9, replies: [['gmail', '203.0.113.140', '5.7.30'], ['outlook', '203.0.113.140', '5.7.515']] },
  {
    domain: 'ledger.example',
    verdict: 'fail',
    ids: ['spf-multiple-records', 'dkim-ed25519-without-rsa', 'ptr-not-confirmed', 'ptr-none'],
    lookups: null,
    replies: [['gmail', '192.0.2.40', '5.7.25'], ['gmail', '2001:db8:40::25', '5.7.1'], ['yahoo', '192.0.2.40', '5.7.9']],
  },
  { domain: 'shop.example', verdict: 'fail', ids: ['predict-rejection'], lookups: 1, replies: [['gmail', '198.51.100.131', '5.7.26'], ['outlook', '198.51.100.131', '5.7.509'], ['yahoo', '198.51.100.131', '5.7.9']] },
  { domain: 'travel.example', verdict: 'pass', ids: [], notIds: ['spf-too-many-void-lookups'], lookups: 6, voidLookups: 1, replies: [['gmail', '198.51.100.130', 'accepted'], ['yahoo', '198.51.100.130', 'accepted']] },
];

let audits: DomainAudit[];
const progress: Array<{ done: number; total: number; domain: string }> = [];

beforeAll(async () => {
  const resolver = await loadZoneResolver([DEMO]);
  const profiles = await readProfileFile(`${DEMO}/profiles.json`);
  audits = await auditDomains(
    PROMISES.map((p) => p.domain),
    resolver,
    { profiles, concurrency: 3, onProgress: (p) => progress.push(p) },
  );
});

const auditOf = (domain: string): DomainAudit => {
  const a = audits.find((x) => x.domain === domain);
  if (!a) throw new Error(`no audit of ${domain}`);
  return a;
};

describe('the audit finds what fixtures/demo/README.md promises', () => {
  it.each(PROMISES)('$domain: verdict $verdict with its promised findings', (p) => {
    const a = auditOf(p.domain);
    const ids = a.findings.map((f) => f.id);
    for (const id of p.ids) expect(ids, `${p.domain} should have ${id}`).toContain(id);
    for (const id of p.notIds ?? []) expect(ids).not.toContain(id);
    expect(a.verdict).toBe(p.verdict);
  });

  it.each(PROMISES)('$domain: SPF lookups as the README counts them', (p) => {
    const a = auditOf(p.domain);
    if (p.lookups === null) expect(a.spf.root.status).toBe('multiple');
    else expect(a.spf.lookups.total).toBe(p.lookups);
    if (p.voidLookups !== undefined) expect(a.spf.lookups.void).toBe(p.voidLookups);
  });

  it.each(PROMISES.filter((p) => p.replies))('$domain: predicted replies', (p) => {
    const a = auditOf(p.domain);
    expect(a.predictions).not.toBeNull();
    for (const [provider, address, expected] of p.replies ?? []) {
      const pr = a.predictions?.find((x) => x.provider === provider && x.address === address);
      expect(pr, `${provider} ${address}`).toBeDefined();
      if (expected === 'accepted') expect(pr?.verdict).toBe('accepted');
      else expect(pr?.enhanced).toBe(expected);
    }
  });

  it('the summary line says what SPF state the domain is in, not only its lookups', () => {
    expect(spfStateText(auditOf('ledger.example').spf)).toBe('2 SPF records: permerror (RFC 7208 §4.5)');
    expect(spfStateText(auditOf('megacorp.example').spf)).toBe('12 of 10 lookups, 0 void');
    expect(spfStateText(auditOf('travel.example').spf)).toBe('6 of 10 lookups, 1 void');
  });

  it('the clean domain has no finding above info and every reply is accepted', () => {
    const a = auditOf('northwind.example');
    expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(a.predictions?.every((p) => p.verdict === 'accepted')).toBe(true);
    // the profile's three sending addresses, then its own MX host (forward-confirmed too)
    expect(a.ptr.map((r) => [r.address, r.result, r.roles.map((x) => `${x.role} ${x.host}`)])).toEqual([
      ['203.0.113.10', 'pass', []],
      ['203.0.113.11', 'pass', []],
      ['2001:db8:10::25', 'pass', []],
      ['203.0.113.25', 'pass', ['mx mx1.northwind.example']],
    ]);
    expect(a.dmarc.policy?.published).toBe('reject');
  });

  it('summaries: CNAME-delegated DKIM, null-free MX, reverse DNS of every profile address', () => {
    const mega = auditOf('megacorp.example');
    expect(mega.dkim.keys.find((k) => k.selector === 'selector1')?.cnameTarget).toMatch(/cloudrelay\.example$/);
    expect(mega.mx.kind).toBe('mx');
    expect(mega.ptr.map((r) => [r.address, r.result])).toEqual([
      ['203.0.113.200', 'pass'],
      ['203.0.113.77', 'none'],
    ]);
    const ledger = auditOf('ledger.example');
    expect(ledger.ptr.find((r) => r.address === '192.0.2.40')).toMatchObject({ result: 'fail', ptrNames: ['mta.ledger.example'] });
  });

  it('reports progress once per domain, counting up to the total', () => {
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([7]));
    expect(new Set(progress.map((p) => p.domain))).toEqual(new Set(PROMISES.map((p) => p.domain)));
  });

  it('returns the audits in the order the domains were given', () => {
    expect(audits.map((a) => a.domain)).toEqual(PROMISES.map((p) => p.domain));
  });
});

describe('the JSON document, built whole or one domain at a time as it is written', () => {
  it('is the same text either way', () => {
    const shown = audits.flatMap((a) => a.findings).filter((f) => f.severity !== 'info');
    expect(JSON.stringify(auditJsonDeferred(audits, shown), null, 2)).toBe(JSON.stringify(auditJson(audits, shown), null, 2));
  });
});
