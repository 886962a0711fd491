// DANE with the certificate an MX host presented (dnssec --smtp): in the signed lab world,
// mail.signed.lab publishes a usable "3 1 1" TLSA record in a secure zone; a certificate whose key
// it does not name is refused by DANE senders (RFC 7672 §2.2, §3.1), and without a certificate
// nothing is said about matching.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMailDnssec } from '../../src/dane/mail-dnssec.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { readTrustAnchor, type TrustAnchor } from '../../src/dnssec/trust-anchor.js';
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
    const report = await checkMailDnssec('signed.lab', files, { anchor, now: NOW, certificates: new Map([['mail.signed.lab', [other]]]) });
    expect(report.hosts[0]?.records.map((r) => r.matched)).toEqual([false]);
    expect(report.findings.map((f) => f.id)).toEqual(['dane-no-match']);
  });
  it('no certificate (no --smtp): matched stays null and nothing is said', async () => {
    const report = await checkMailDnssec('signed.lab', files, { anchor, now: NOW });
    expect(report.hosts[0]?.records.map((r) => r.matched)).toEqual([null]);
    expect(report.findings.map((f) => f.id)).toEqual([]);
  });
  it('a zone that is not signed: its TLSA records are of no use, matched or not', async () => {
    const other = makeCa('mail.insecure.lab').certificate;
    const report = await checkMailDnssec('insecure.lab', files, { anchor, now: NOW, certificates: new Map([['mail.insecure.lab', [other]]]) });
    expect(report.findings.map((f) => f.id)).not.toContain('dane-no-match');
  });
});
