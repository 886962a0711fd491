// Every per-selector finding and rule, each from a record in a fixture zone.
import { describe, expect, test } from 'vitest';
import { checkDkimKey, keyRecordName } from '../../src/dkim/evaluate-key.js';
import { DKIM_FINDINGS } from '../../src/dkim/findings.js';
import { ED25519_RAW, RSA_1024, RSA_2048, RSA_2048_PKCS1, RSA_4608, RSA_512 } from './keys.js';
import { quoteTxt, zoneResolver, zonesResolver } from './zone.js';

interface Row {
  /** The TXT value at s._domainkey.example.com. */
  record: string;
  verdict: 'usable' | 'unusable';
  reason: string | null;
  ids: string[];
}

const TABLE: Record<string, Row> = {
  'a 2048-bit RSA key is clean': { record: `v=DKIM1; k=rsa; p=${RSA_2048}`, verdict: 'usable', reason: null, ids: [] },
  'an Ed25519 key alone is clean per selector (judged over the set)': { record: `v=DKIM1; k=ed25519; p=${ED25519_RAW}`, verdict: 'usable', reason: null, ids: [] },
  'RFC 8301 §3.2: below 1024 bits never verifies': { record: `v=DKIM1; p=${RSA_512}`, verdict: 'unusable', reason: 'rsa-too-short', ids: ['dkim-rsa-below-1024'] },
  'RFC 8301 §3.2: 1024 bits verifies, 2048 advised': { record: `v=DKIM1; p=${RSA_1024}`, verdict: 'usable', reason: null, ids: ['dkim-rsa-1024'] },
  'RFC 8301 §3.2: over 4096 bits is beyond what verifiers must handle': { record: `p=${RSA_4608}`, verdict: 'usable', reason: null, ids: ['dkim-rsa-over-4096'] },
  'a bare RSAPublicKey is read but flagged': { record: `p=${RSA_2048_PKCS1}`, verdict: 'usable', reason: null, ids: ['dkim-rsa-pkcs1'] },
  'RFC 6376 §3.6.1: an empty p= is revoked': { record: 'v=DKIM1; k=rsa; p=', verdict: 'unusable', reason: 'revoked', ids: ['dkim-key-revoked'] },
  'RFC 6376 §3.6.1: an unknown k= is ignored': { record: `k=rsa2; p=${RSA_2048}`, verdict: 'unusable', reason: 'unknown-key-type', ids: ['dkim-key-type-unknown'] },
  'a corrupt key cannot be decoded': { record: `p=${RSA_2048.slice(0, 120)}`, verdict: 'unusable', reason: 'undecodable', ids: ['dkim-key-undecodable'] },
  'RFC 8301 §3.1: h=sha1 alone never verifies': { record: `h=sha1; p=${RSA_2048}`, verdict: 'unusable', reason: 'sha1-only', ids: ['dkim-sha1-only'] },
  'h= with sha256 among others is fine': { record: `h=sha1:sha256; p=${RSA_2048}`, verdict: 'usable', reason: null, ids: [] },
  'h= naming only unknown hashes leaves none': { record: `h=md5; p=${RSA_2048}`, verdict: 'unusable', reason: 'no-usable-hash', ids: ['dkim-no-usable-hash'] },
  'RFC 6376 §3.6.1: s= without email excludes mail': { record: `s=tlsrpt; p=${RSA_2048}`, verdict: 'unusable', reason: 'not-for-email', ids: ['dkim-not-for-email'] },
  's=email is fine': { record: `s=email; p=${RSA_2048}`, verdict: 'usable', reason: null, ids: [] },
  's=* is fine': { record: `s=*; p=${RSA_2048}`, verdict: 'usable', reason: null, ids: [] },
  't=y is testing': { record: `t=y; p=${RSA_2048}`, verdict: 'usable', reason: null, ids: ['dkim-testing'] },
  't=s forbids subdomain identities': { record: `t=s; p=${RSA_2048}`, verdict: 'usable', reason: null, ids: ['dkim-strict-subdomain'] },
  'RFC 6376 §3.6.1: v= other than DKIM1 is discarded': { record: `v=DKIM2; p=${RSA_2048}`, verdict: 'unusable', reason: 'invalid-record', ids: ['dkim-bad-version'] },
  'RFC 6376 §3.6.1: v= must be first': { record: `k=rsa; v=DKIM1; p=${RSA_2048}`, verdict: 'unusable', reason: 'invalid-record', ids: ['dkim-version-not-first'] },
  'RFC 6376 §3.6.1: p= is required': { record: 'v=DKIM1; k=rsa', verdict: 'unusable', reason: 'invalid-record', ids: ['dkim-public-key-missing'] },
  'RFC 6376 §3.2: a duplicated tag invalidates the record': { record: `k=rsa; k=rsa; p=${RSA_2048}`, verdict: 'unusable', reason: 'invalid-record', ids: ['dkim-record-invalid'] },
  'an unknown tag is noted': { record: `p=${RSA_2048}; x=1`, verdict: 'usable', reason: null, ids: ['dkim-unknown-tag'] },
  'g= (RFC 4871) is ignored quietly': { record: `g=*; p=${RSA_2048}`, verdict: 'usable', reason: null, ids: [] },
  'an upper-case tag name is not the tag': { record: `v=DKIM1; P=${RSA_2048}`, verdict: 'unusable', reason: 'invalid-record', ids: ['dkim-public-key-missing', 'dkim-unknown-tag'] },
};

describe('one selector, one record', () => {
  test.each(Object.entries(TABLE))('%s', async (_title, row) => {
    const zone = zoneResolver(`s._domainkey 300 IN TXT ${quoteTxt(row.record)}`);
    const report = await checkDkimKey('example.com', 's', zone);
    expect(report.verdict).toBe(row.verdict);
    expect(report.reason).toBe(row.reason);
    expect(report.findings.map((f) => f.id).sort()).toEqual([...row.ids].sort());
    for (const f of report.findings) {
      expect(f.evidence).toMatchObject({ domain: 's._domainkey.example.com', record: row.record, file: 'example.com.zone', line: 1, path: null });
      expect(f.message).toMatch(/RFC (6376|8301|8463)/);
      expect(f.severity).toBe(f.id === 'dkim-unknown-tag' ? f.severity : DKIM_FINDINGS[f.id as keyof typeof DKIM_FINDINGS].severity);
    }
  });

  test('findings point at the tag they are about', async () => {
    const record = `v=DKIM1; h=sha1; t=y; p=${RSA_2048}`;
    const report = await checkDkimKey('example.com', 's', zoneResolver(`s._domainkey IN TXT ${quoteTxt(record)}`));
    const at = (id: string) => report.findings.find((f) => f.id === id)?.evidence.position;
    expect(at('dkim-sha1-only')).toBe(record.indexOf('sha1'));
    expect(at('dkim-testing')).toBe(record.indexOf('y;'));
  });

  test('the flags a predictor needs are carried on the report', async () => {
    const report = await checkDkimKey('example.com', 's', zoneResolver(`s._domainkey IN TXT ${quoteTxt(`t=y:s; p=${RSA_2048}`)}`));
    expect(report).toMatchObject({ keyType: 'rsa', bits: 2048, testing: true, strictSubdomains: true });
  });

  test('a key split over several character-strings is joined with nothing between (RFC 6376 §3.6.2.2)', async () => {
    const zone = zoneResolver(`s._domainkey IN TXT "v=DKIM1; k=rsa; " "p=${RSA_2048.slice(0, 100)}" "${RSA_2048.slice(100, 300)}" "${RSA_2048.slice(300)}"`);
    const report = await checkDkimKey('example.com', 's', zone);
    expect(report).toMatchObject({ verdict: 'usable', bits: 2048 });
  });
});

describe('what DNS answers at the selector', () => {
  test('no record: dkim-no-key', async () => {
    const report = await checkDkimKey('example.com', 'missing', zoneResolver('other._domainkey IN TXT "p="'));
    expect(report).toMatchObject({ outcome: 'nxdomain', verdict: 'unusable', reason: 'no-key' });
    expect(report.findings.map((f) => f.id)).toEqual(['dkim-no-key']);
  });

  test('a name without TXT: dkim-no-key, said as no TXT record', async () => {
    const report = await checkDkimKey('example.com', 's', zoneResolver('s._domainkey IN A 192.0.2.1'));
    expect(report.outcome).toBe('nodata');
    expect(report.findings[0]?.message).toContain('has no TXT record');
  });

  test('CNAME delegation is followed and the chain shown', async () => {
    const zone = zoneResolver(
      [
        's1._domainkey IN CNAME s1.domainkey.u123.wl.esp.example.com.',
        `s1.domainkey.u123.wl.esp IN TXT ${quoteTxt(`k=rsa; p=${RSA_1024}`)}`,
      ].join('\n'),
    );
    const report = await checkDkimKey('example.com', 's1', zone);
    expect(report.cnameChain.map((l) => [l.name, l.target])).toEqual([['s1._domainkey.example.com', 's1.domainkey.u123.wl.esp.example.com']]);
    expect(report.verdict).toBe('usable');
    expect(report.findings[0]).toMatchObject({
      id: 'dkim-rsa-1024',
      evidence: { path: ['s1._domainkey.example.com', 's1.domainkey.u123.wl.esp.example.com'], line: 2 },
    });
  });

  test('a CNAME to a name the provider never published: the missing end is named', async () => {
    const zone = zoneResolver('selector1._domainkey IN CNAME selector1-example-com._domainkey.tenant.example.com.');
    const report = await checkDkimKey('example.com', 'selector1', zone);
    expect(report).toMatchObject({ outcome: 'nxdomain', reason: 'no-key' });
    expect(report.findings[0]?.message).toContain(
      'is a CNAME that dangles (selector1._domainkey.example.com → selector1-example-com._domainkey.tenant.example.com): selector1-example-com._domainkey.tenant.example.com does not exist (NXDOMAIN)',
    );
    expect(report.findings[0]?.evidence.path).toEqual(['selector1._domainkey.example.com', 'selector1-example-com._domainkey.tenant.example.com']);
    // the target is in the domain's own zone: publish the key there, or fix the CNAME
    expect(report.findings[0]?.fix).toBe(
      'Publish the key as TXT at selector1-example-com._domainkey.tenant.example.com, or fix the CNAME at selector1._domainkey.example.com to point at the name that holds the key (remove it if the selector is retired).',
    );
  });

  test("a dangling CNAME into a provider's zone: the fix is the provider's settings, not their zone", async () => {
    const zone = zonesResolver({
      'example.com': 'k1._domainkey IN CNAME dkim.esp.example.\nk2._domainkey IN CNAME dkim2.esp.example.',
      'esp.example': 'dkim2 IN A 192.0.2.25',
    });
    const nx = await checkDkimKey('example.com', 'k1', zone);
    expect(nx.findings.map((f) => f.id)).toEqual(['dkim-no-key']);
    expect(nx.findings[0]?.message).toContain('k1._domainkey.example.com is a CNAME that dangles (k1._domainkey.example.com → dkim.esp.example): dkim.esp.example does not exist (NXDOMAIN)');
    expect(nx.findings[0]?.fix).toContain("dkim.esp.example is in esp.example's zone, not yours: configure (or re-enable) DKIM for example.com at that provider");
    expect(nx.findings[0]?.fix).toContain('rather than editing their zone');
    expect(nx.findings[0]?.fix).toContain('remove the CNAME at k1._domainkey.example.com');
    // no data at the end of the chain is the same break
    const nodata = await checkDkimKey('example.com', 'k2', zone);
    expect(nodata).toMatchObject({ outcome: 'nodata', verdict: 'unusable', reason: 'no-key' });
    expect(nodata.findings[0]?.message).toContain('dkim2.esp.example has no TXT record');
  });

  test('discovery: a plain NXDOMAIN is no finding, a name without a key or a dangling CNAME is one', async () => {
    const zone = zoneResolver(['k1._domainkey IN CNAME dkim.esp.example.', 'k2._domainkey IN A 192.0.2.1'].join('\n'));
    expect((await checkDkimKey('example.com', 'absent', zone, { discovered: true })).findings).toEqual([]);
    expect((await checkDkimKey('example.com', 'k1', zone, { discovered: true })).findings.map((f) => [f.id, f.severity])).toEqual([['dkim-no-key', 'error']]);
    expect((await checkDkimKey('example.com', 'k2', zone, { discovered: true })).findings.map((f) => [f.id, f.severity])).toEqual([['dkim-no-key', 'error']]);
  });

  test('a SERVFAIL or time-out is a temporary failure, not a missing key', async () => {
    const zone = zoneResolver('s._domainkey IN TXT "p="', { failures: [{ name: 's._domainkey.example.com', failure: 'servfail', exceptTypes: [] }] });
    const report = await checkDkimKey('example.com', 's', zone);
    expect(report).toMatchObject({ verdict: 'temperror', reason: 'dns-failure', failure: { kind: 'servfail' } });
    expect(report.findings.map((f) => f.id)).toEqual(['dkim-dns-failure']);
  });

  test('several records at one name: flagged, and the verdict is uncertain when they disagree', async () => {
    const zone = zoneResolver([`s._domainkey IN TXT ${quoteTxt(`p=${RSA_2048}`)}`, 's._domainkey IN TXT "p="'].join('\n'));
    const report = await checkDkimKey('example.com', 's', zone);
    expect(report.verdict).toBe('uncertain');
    expect(report.records).toHaveLength(2);
    expect(report.findings.map((f) => f.id)).toEqual(['dkim-multiple-records', 'dkim-key-revoked']);
  });

  test('several records that all work: flagged, verdict usable', async () => {
    const zone = zoneResolver([`s._domainkey IN TXT ${quoteTxt(`p=${RSA_2048}`)}`, `s._domainkey IN TXT ${quoteTxt(`v=DKIM1; p=${RSA_2048}`)}`].join('\n'));
    const report = await checkDkimKey('example.com', 's', zone);
    expect(report.verdict).toBe('usable');
    expect(report.findings.map((f) => f.id)).toEqual(['dkim-multiple-records']);
  });

  test('the key name is built as selector._domainkey.domain, case-folded', () => {
    expect(keyRecordName('Example.COM.', 'S1')).toBe('s1._domainkey.example.com');
  });
});
