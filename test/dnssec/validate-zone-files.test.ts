// The validator over the signed lab world of fixtures/dnssec (made by ldns-signzone with explicit
// dates: scripts/make-dnssec-fixtures.sh), read as zone files: every algorithm authaudit checks,
// NSEC and NSEC3 proofs, and each way a zone goes bogus or insecure.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadZoneResolver, ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { DnsAnswer, DnsRecord, QueryOptions, Resolver, RRType } from '../../src/dns/types.js';
import { DnssecValidator } from '../../src/dnssec/validator.js';
import { readTrustAnchor, type TrustAnchor } from '../../src/dnssec/trust-anchor.js';

let zones: ZoneResolver;
let anchor: TrustAnchor;
beforeAll(async () => {
  zones = await loadZoneResolver(['fixtures/dnssec/zones']);
  anchor = readTrustAnchor(readFileSync('fixtures/dnssec/lab-anchor.txt', 'utf8'), 'lab-anchor.txt');
});

const verdict = async (resolver: Resolver, name: string, type: RRType, now?: number) =>
  (await new DnssecValidator(resolver, { anchor, ...(now === undefined ? {} : { now }) }).validate(name, type)).verdict;

describe('the signed lab world', () => {
  const secureZones = ['signed.lab', 'rsa.lab', 'rsa512.lab', 'ed.lab', 'p384.lab'];
  it.each(secureZones.flatMap((zone) => [
    [`${zone}`, 'TXT'], [`_dmarc.${zone}`, 'TXT'], [`${zone}`, 'MX'], [`_25._tcp.mail.${zone}`, 'TLSA'],
    [`${zone}`, 'AAAA'], [`absent.${zone}`, 'TXT'], [`x.absent.${zone}`, 'A'],
  ] as [string, RRType][]))('%s %s is secure (records, no data and NXDOMAIN proofs)', async (name, type) => {
    expect(await verdict(zones, name, type)).toEqual({ status: 'secure', reason: null, detail: null });
  });

  it.each([
    ['bogus.lab', 'TXT', 'changed-record'],
    ['expired.lab', 'TXT', 'signature-expired'],
    ['nokey.lab', 'MX', 'ds-without-matching-key'],
  ] as const)('%s %s is bogus: %s', async (name, type, reason) => {
    expect(await verdict(zones, name, type)).toMatchObject({ status: 'bogus', reason });
  });

  it('the records of bogus.lab that were not changed still validate', async () => {
    expect((await verdict(zones, '_dmarc.bogus.lab', 'TXT')).status).toBe('secure');
  });

  it('a delegation without DS, proven by the parent NSEC, is insecure', async () => {
    expect(await verdict(zones, '_dmarc.insecure.lab', 'TXT')).toMatchObject({ status: 'insecure', reason: 'no-ds' });
  });

  it('signatures are judged at the time given: before their inception they are not yet valid', async () => {
    const before = Date.UTC(2024, 0, 1) / 1000;
    expect(await verdict(zones, 'signed.lab', 'TXT', before)).toMatchObject({ status: 'bogus', reason: 'signature-not-yet-valid' });
  });

  it('a name outside the trust anchor is indeterminate', async () => {
    expect(await verdict(zones, 'example.com', 'TXT')).toMatchObject({ status: 'indeterminate', reason: 'outside-trust-anchor' });
  });

  it('a negative answer whose NSEC records were stripped is bogus (NSEC and NSEC3 zones)', async () => {
    const stripped: Resolver = {
      async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
        const answer = await zones.query(name, type, options);
        if (answer.kind !== 'nxdomain' || answer.signed === undefined) return answer;
        return { ...answer, signed: { rrsigs: [], authority: answer.signed.authority.filter((r: DnsRecord) => r.type === 'SOA') } };
      },
    };
    expect(await verdict(stripped, 'absent.signed.lab', 'TXT')).toMatchObject({ status: 'bogus', reason: 'no-denial-proof' });
    expect(await verdict(stripped, 'absent.p384.lab', 'TXT')).toMatchObject({ status: 'bogus', reason: 'no-denial-proof' });
  });

  it('the chain lists each zone with its DS and keys', async () => {
    const validator = new DnssecValidator(zones, { anchor });
    await validator.validate('_dmarc.signed.lab', 'TXT');
    expect(validator.chain().map((l) => [l.zone, l.status, l.ds.length, l.dnskey.length])).toEqual([
      ['lab', 'secure', 1, 1],
      ['signed.lab', 'secure', 1, 1],
    ]);
  });
});
