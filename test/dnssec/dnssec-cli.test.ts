// `authaudit dnssec` as users run it: the BUILT command (npm run build first) over the signed lab
// world of fixtures/dnssec, offline, from the lab's trust anchor file or the zone files' own keys.
import { describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { reportValidator } from '../report/schemas.js';

const LAB = ['--zone', 'fixtures/dnssec/zones', '--trust-anchor', 'fixtures/dnssec/lab-anchor.txt'];

interface Report {
  dnssec: { status: string; anchor: { zone: string }; chain: { zone: string; status: string; reason: string | null }[]; records: { name: string; type: string; status: string; reason: string | null }[] };
  mx: { host: string; tlsa: { name: string; status: string; records: { usage: number; usable: boolean; matched: boolean | null }[] } }[];
  findings: { id: string; severity: string }[];
}

const run = async (domain: string, extra: string[] = LAB) => {
  const result = await runBuiltCli(['dnssec', domain, ...extra, '--format', 'json']);
  return { code: result.code, report: jsonOf(result) as unknown as Report };
};

describe('authaudit dnssec (built)', () => {
  it('a signed domain: secure from the anchor down, its MX host\'s TLSA usable; exit 0', async () => {
    const { code, report } = await run('signed.lab');
    expect(code).toBe(0);
    expect(report.dnssec.status).toBe('secure');
    expect(report.dnssec.chain.map((l) => [l.zone, l.status])).toEqual([['lab', 'secure'], ['signed.lab', 'secure']]);
    expect(report.dnssec.records.map((r) => `${r.name} ${r.type} ${r.status}`)).toEqual([
      'signed.lab TXT secure', '_dmarc.signed.lab TXT secure', 'signed.lab MX secure',
      'mail.signed.lab A secure', 'mail.signed.lab AAAA secure', '_25._tcp.mail.signed.lab TLSA secure',
    ]);
    expect(report.mx).toMatchObject([{ host: 'mail.signed.lab', tlsa: { name: '_25._tcp.mail.signed.lab', status: 'secure', records: [{ usage: 3, usable: true, matched: null }] } }]);
    expect(report.findings).toEqual([]);
  });

  it.each([
    ['bogus.lab', 'changed-record', ['dnssec-bogus']],
    ['expired.lab', 'signature-expired', ['dnssec-bogus', 'dane-tlsa-bogus']],
    ['nokey.lab', 'ds-without-matching-key', ['dnssec-bogus', 'dane-tlsa-bogus']],
  ])('%s is bogus (%s), exit 1', async (domain, reason, ids) => {
    const { code, report } = await run(domain);
    expect(code).toBe(1);
    expect(report.dnssec.status).toBe('bogus');
    expect(report.dnssec.records.find((r) => r.type === 'TXT')?.reason).toBe(reason);
    expect(report.findings.map((f) => f.id)).toEqual(ids);
  });

  it('a delegation without DS is insecure, and its TLSA records are of no use', async () => {
    const { code, report } = await run('insecure.lab');
    expect(code).toBe(0);
    expect(report.dnssec.status).toBe('insecure');
    expect(report.findings.map((f) => f.id).sort()).toEqual(['dane-tlsa-not-secure', 'dnssec-insecure']);
  });

  it('offline without --trust-anchor, zone files are validated from their own keys; unsigned ones say so', async () => {
    expect((await run('p384.lab', ['--zone', 'fixtures/dnssec/zones'])).report.dnssec).toMatchObject({ status: 'secure', anchor: { zone: 'lab' } });
    const unsigned = await run('shop.example', ['--zone', 'fixtures/demo']);
    expect(unsigned.report.dnssec.chain).toMatchObject([{ zone: 'shop.example', status: 'insecure', reason: 'unsigned' }]);
  });

  it('--now before the signatures\' inception makes them not yet valid', async () => {
    const { report } = await run('signed.lab', [...LAB, '--now', '2024-06-01T00:00:00Z']);
    expect(report.dnssec.records[0]).toMatchObject({ status: 'bogus', reason: 'signature-not-yet-valid' });
  });

  it('the text report shows the chain and each record', async () => {
    const result = await runBuiltCli(['dnssec', 'bogus.lab', ...LAB]);
    expect(result.stdout).toContain('DNSSEC bogus.lab  bogus');
    expect(result.stdout).toMatch(/bogus\s+bogus\.lab TXT\s+\(changed-record: RRSIG \d+\/ECDSAP256SHA256 over bogus\.lab TXT does not match the records/);
    expect(result.stdout).toContain('error   dnssec-bogus  bogus.lab');
  });

  it.each([
    [['--trust-anchor', 'fixtures/dnssec/missing.txt'], 'authaudit: --trust-anchor fixtures/dnssec/missing.txt: no such file'],
    [['--trust-anchor', 'fixtures/dnssec/zones/insecure.lab.zone'], 'authaudit: fixtures/dnssec/zones/insecure.lab.zone:2:1: a trust anchor holds DS or DNSKEY records only, not SOA'],
    [['--now', 'yesterday'], "authaudit: --now 'yesterday': not a time (ISO 8601 such as 2026-01-31T12:00:00Z, or seconds since the epoch)"],
  ])('bad input is exit 2 with one line: %j', async (extra, message) => {
    const result = await runBuiltCli(['dnssec', 'signed.lab', '--zone', 'fixtures/dnssec/zones', ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')[0]).toBe(message);
  });
});

describe('authaudit audit --dnssec (built)', () => {
  it('adds the dnssec report to each domain, schema-valid, and its findings to the verdict', async () => {
    const result = await runBuiltCli(['audit', 'signed.lab', 'bogus.lab', '--zone', 'fixtures/dnssec/zones', '--dnssec', '--format', 'json']);
    const json = jsonOf(result);
    const validate = reportValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const domains = json['domains'] as { domain: string; verdict: string; dnssec: { status: string; mx: { tlsa: { status: string } }[] }; findings: { id: string }[] }[];
    expect(domains.map((d) => [d.domain, d.dnssec.status, d.dnssec.mx[0]?.tlsa.status])).toEqual([['signed.lab', 'secure', 'secure'], ['bogus.lab', 'bogus', 'secure']]);
    expect(domains[1]!.verdict).toBe('fail');
    expect(domains[1]!.findings.map((f) => f.id)).toContain('dnssec-bogus');
  });

  it('without --dnssec the audit reports dnssec: null', async () => {
    const json = jsonOf(await runBuiltCli(['audit', 'signed.lab', '--zone', 'fixtures/dnssec/zones', '--format', 'json']));
    expect((json['domains'] as { dnssec: unknown }[])[0]!.dnssec).toBeNull();
  });

  it('the text report has one DNSSEC line per domain', async () => {
    const result = await runBuiltCli(['audit', 'signed.lab', '--zone', 'fixtures/dnssec/zones', '--dnssec']);
    expect(result.stdout).toContain('  DNSSEC secure (chain lab → signed.lab; mail.signed.lab TLSA secure)');
  });

  it('--trust-anchor without --dnssec is a usage error', async () => {
    const result = await runBuiltCli(['audit', 'signed.lab', '--zone', 'fixtures/dnssec/zones', '--trust-anchor', 'fixtures/dnssec/lab-anchor.txt']);
    expect([result.code, result.stderr.trim()]).toEqual([2, 'authaudit: --trust-anchor is for --dnssec: add --dnssec to validate']);
  });
});
