// Signed zone files answering through a wildcard (RFC 4592): the zone resolver sends what an
// authoritative server sends (RFC 4035 §3.1.3.3): the wildcard RRset's RRSIGs under the name asked,
// their labels field naming the wildcard, and the NSEC records, among them the one proving no closer
// name exists; so the validator finds such answers secure offline as it does served. The zone
// z.test is signed here (an Ed25519 key made by node:crypto), written as a zone file and read back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { presentRecord } from '../../src/dns/present.js';
import type { DnsRecord, NSECRecord, RRSIGRecord, RRType } from '../../src/dns/types.js';
import { RR_TYPE_CODES } from '../../src/model/type-codes.js';
import { DnssecValidator } from '../../src/dnssec/validator.js';
import { checkMailDnssec } from '../../src/dane/mail-dnssec.js';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { zoneSigner } from '../helpers/zone-signer.js';

const now = Math.floor(Date.now() / 1000);
const signer = zoneSigner('z.test', now);
const codes = (...types: RRType[]): number[] => types.map((t) => RR_TYPE_CODES[t]);
const nsec = (name: string, nextName: string, types: number[]): NSECRecord => ({ type: 'NSEC', name, ttl: 300, nextName, types });

/** z.test: its apex, mail.z.test, and *.w.z.test with TXT and MX; NSEC in canonical order (RFC 4034 §6.1). */
function signedZone(): string {
  const rrsets: DnsRecord[][] = [
    [{ type: 'SOA', name: 'z.test', ttl: 300, mname: 'ns.z.test', rname: 'hostmaster.z.test', serial: 1, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 }],
    [{ type: 'NS', name: 'z.test', ttl: 300, target: 'ns.z.test' }],
    [signer.key],
    [{ type: 'A', name: 'mail.z.test', ttl: 300, address: '192.0.2.25' }],
    [{ type: 'TXT', name: '*.w.z.test', ttl: 300, strings: [Buffer.from('v=spf1 -all')] }],
    [{ type: 'MX', name: '*.w.z.test', ttl: 300, preference: 10, exchange: 'mail.z.test' }],
    [nsec('z.test', 'mail.z.test', codes('NS', 'SOA', 'RRSIG', 'NSEC', 'DNSKEY'))],
    [nsec('mail.z.test', '*.w.z.test', codes('A', 'RRSIG', 'NSEC'))],
    [nsec('*.w.z.test', 'z.test', codes('MX', 'TXT', 'RRSIG', 'NSEC'))],
  ];
  return `${rrsets.flatMap((rrset) => [...rrset, signer.rrsig(rrset)]).map(presentRecord).join('\n')}\n`;
}

let zones: ZoneResolver;
let dir: string;
beforeAll(() => {
  const text = signedZone();
  zones = ZoneResolver.fromText(text, { origin: 'z.test', file: 'z.test.zone' });
  dir = mkdtempSync(join(tmpdir(), 'authaudit-offline-wildcard-'));
  writeFileSync(join(dir, 'z.test.zone'), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verdict = async (name: string, type: RRType) => (await new DnssecValidator(zones, { anchor: signer.anchor, now }).validate(name, type)).verdict;
const SECURE = { status: 'secure', reason: null, detail: null };

describe('a wildcard answer from signed zone files', () => {
  it('carries the wildcard\'s RRSIGs under the name asked (labels: the wildcard\'s) and the NSEC records', async () => {
    const answer = await zones.query('a.w.z.test', 'TXT', { dnssec: true });
    expect(answer.kind).toBe('records');
    const rrsigs = answer.signed?.rrsigs ?? [];
    expect(rrsigs.map((s: RRSIGRecord) => [s.name, s.typeCovered, s.labels])).toEqual([['a.w.z.test', RR_TYPE_CODES.TXT, 3]]);
    // the NSEC at *.w.z.test covers a.w.z.test: no closer name exists
    expect((answer.signed?.authority ?? []).filter((r) => r.type === 'NSEC').map((r) => r.name)).toContain('*.w.z.test');
  });

  it('without DNSSEC asked, no signed material', async () => {
    expect((await zones.query('a.w.z.test', 'TXT')).signed).toBeUndefined();
  });

  it.each([
    ['a.w.z.test', 'TXT'], ['a.w.z.test', 'MX'], ['b.a.w.z.test', 'TXT'],
    // wildcard no data (RFC 4035 §3.1.3.4): nothing closer matches, and the wildcard has no AAAA
    ['a.w.z.test', 'AAAA'],
  ] as [string, RRType][])('%s %s validates as secure', async (name, type) => {
    expect(await verdict(name, type)).toEqual(SECURE);
  });

  it('the wildcard\'s records changed after signing: bogus, not passed as secure', async () => {
    const tampered = ZoneResolver.fromText(signedZone().replace('"v=spf1 -all"', '"v=spf1 +all"'), { origin: 'z.test' });
    const { verdict: v } = await new DnssecValidator(tampered, { anchor: signer.anchor, now }).validate('a.w.z.test', 'TXT');
    expect(v).toMatchObject({ status: 'bogus', reason: 'changed-record' });
  });

  it('a domain whose mail records a wildcard answers is secure', async () => {
    const report = await checkMailDnssec('a.w.z.test', zones, { anchor: signer.anchor, now });
    expect(report.records.filter((r) => r.status !== 'secure')).toEqual([]);
    expect([report.status, report.findings]).toEqual(['secure', []]);
  });

  it('the built command: authaudit dnssec --zone <signed zone file> says secure', async () => {
    const result = await runBuiltCli(['dnssec', 'a.w.z.test', '--zone', join(dir, 'z.test.zone'), '--format', 'json']);
    const doc = jsonOf(result) as { dnssec: { status: string; records: { name: string; type: string; status: string }[] } };
    expect(doc.dnssec.records.map((r) => `${r.name} ${r.type} ${r.status}`)).toContain('a.w.z.test TXT secure');
    expect([doc.dnssec.status, result.code]).toEqual(['secure', 0]);
  });
});
