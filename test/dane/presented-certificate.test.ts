// DANE with the certificate an MX host presented (dnssec --smtp, audit --dnssec --smtp): in the
// signed lab world, mail.signed.lab publishes a usable "3 1 1" TLSA record in a secure zone; a
// certificate whose key it does not name is refused by DANE senders (RFC 7672 §2.2, §3.1), and
// without a certificate nothing is said about matching. Validation and the probe run apart; the
// pure withPresentedCertificates() joins them.
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMailDnssec } from '../../src/dane/mail-dnssec.js';
import { presentedChains, withPresentedCertificates } from '../../src/dane/presented-certificates.js';
import type { SmtpProbeResult } from '../../src/smtp/starttls-probe.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { readTrustAnchor, type TrustAnchor } from '../../src/dnssec/trust-anchor.js';
import type { TLSARecord } from '../../src/model/records.js';
import { makeCa } from '../helpers/mark-certificates.js';

let files: ZoneResolver;
let anchor: TrustAnchor;
const NOW = Date.parse('2026-12-06T12:00:00Z') / 1000;

beforeAll(async () => {
  files = await loadZoneResolver(['fixtures/dnssec/zones']);
  anchor = readTrustAnchor(readFileSync('fixtures/dnssec/lab-anchor.txt', 'utf8'), 'lab-anchor.txt');
});

describe('the certificate an MX host presents, against its TLSA records', () => {
  it('a certificate the records do not name: dane-no-match, and the record says it does not match', async () => {
    const other = makeCa('mail.signed.lab').certificate;
    const validated = await checkMailDnssec('signed.lab', files, { anchor, now: NOW });
    const report = withPresentedCertificates(validated, new Map([['mail.signed.lab', [other]]]));
    expect(report.hosts[0]?.records.map((r) => r.matched)).toEqual([false]);
    expect(report.findings.map((f) => f.id)).toEqual(['dane-no-match']);
    // the validated report is left as it was
    expect(validated.hosts[0]?.records.map((r) => r.matched)).toEqual([null]);
    expect(validated.findings).toEqual([]);
  });
  it('no certificate (no --smtp): matched stays null and nothing is said', async () => {
    const report = await checkMailDnssec('signed.lab', files, { anchor, now: NOW });
    expect(report.hosts[0]?.records.map((r) => r.matched)).toEqual([null]);
    expect(report.findings.map((f) => f.id)).toEqual([]);
  });
  it('a zone that is not signed: its TLSA records are of no use, matched or not', async () => {
    const other = makeCa('mail.insecure.lab').certificate;
    const report = withPresentedCertificates(await checkMailDnssec('insecure.lab', files, { anchor, now: NOW }), new Map([['mail.insecure.lab', [other]]]));
    expect(report.hosts[0]?.records.map((r) => r.matched)).toEqual([false]);
    expect(report.findings.map((f) => f.id)).not.toContain('dane-no-match');
  });
  it('the certificate the record names: matched, and no dane-no-match', async () => {
    const cert = new X509Certificate(makeCa('mail.signed.lab').certificate);
    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    const tlsa: TLSARecord = { type: 'TLSA', name: '_25._tcp.mail.signed.lab', ttl: 300, usage: 3, selector: 1, matchingType: 1, data: createHash('sha256').update(spki).digest() };
    const host = { host: 'mail.signed.lab', preference: 10, tlsaName: tlsa.name, tlsa: { name: tlsa.name, type: 'TLSA' as const, outcome: 'records' as const, status: 'secure' as const, reason: null, detail: null }, records: [{ record: tlsa, problem: null, matched: null }] };
    const report = { domain: 'signed.lab', anchor: { zone: 'lab', source: 'test' }, status: 'secure' as const, chain: [], records: [], hosts: [host], findings: [] };
    const other = makeCa('mail.signed.lab').certificate;
    expect(withPresentedCertificates(report, new Map([['mail.signed.lab', [cert.raw]]])).hosts[0]?.records.map((r) => r.matched)).toEqual([true]);
    const missed = withPresentedCertificates(report, new Map([['mail.signed.lab', [other]]]));
    expect(missed.findings.map((f) => f.id)).toEqual(['dane-no-match']);
  });
});

describe('the chains the probe was shown, by host', () => {
  const probe = (host: string, address: string, chain: Uint8Array[] | null): SmtpProbeResult =>
    ({ host, address, certificate: chain === null ? null : { chain } }) as unknown as SmtpProbeResult;
  it('the first address of a host that presented a chain; hosts that presented none are left out', () => {
    const a = Uint8Array.of(1);
    const b = Uint8Array.of(2);
    const chains = presentedChains([probe('mx1', '127.0.0.1', null), probe('mx1', '127.0.0.2', [a]), probe('mx1', '127.0.0.3', [b]), probe('mx2', '127.0.0.4', null)]);
    expect([...chains.entries()]).toEqual([['mx1', [a]]]);
  });
});
