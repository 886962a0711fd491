// DNSSEC through the network resolver: the signed lab world served by the loopback test server,
// asked with DO and CD through the per-run cache; the verdicts must equal those of the zone files
// read directly, and plain questions must still go out without DO.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { RRType } from '../../src/dns/types.js';
import { DnssecValidator } from '../../src/dnssec/validator.js';
import { readTrustAnchor, type TrustAnchor } from '../../src/dnssec/trust-anchor.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

let server: TestDnsServer;
let files: ZoneResolver;
let anchor: TrustAnchor;

beforeAll(async () => {
  files = await loadZoneResolver(['fixtures/dnssec/zones']);
  anchor = readTrustAnchor(readFileSync('fixtures/dnssec/lab-anchor.txt', 'utf8'), 'lab-anchor.txt');
  server = await startDnsServer(files);
});
afterAll(() => server.stop());

const QUESTIONS: [string, RRType][] = ['signed', 'p384', 'ed', 'bogus', 'expired', 'nokey', 'insecure'].flatMap((z): [string, RRType][] => [
  [`${z}.lab`, 'TXT'], [`_dmarc.${z}.lab`, 'TXT'], [`absent.${z}.lab`, 'MX'], [`_25._tcp.mail.${z}.lab`, 'TLSA'],
]);

describe('validation over UDP/TCP', () => {
  it('gives the verdicts of the zone files, every question asked with DO and CD', async () => {
    const network = new CacheResolver(new NetworkResolver({ servers: [server.ipv4], timeoutMs: 3000 }));
    const overWire = new DnssecValidator(network, { anchor });
    const offline = new DnssecValidator(files, { anchor });
    for (const [name, type] of QUESTIONS) {
      const wire = (await overWire.validate(name, type)).verdict;
      expect({ name, type, ...wire }).toEqual({ name, type, ...(await offline.validate(name, type)).verdict });
    }
    expect(server.received.length).toBeGreaterThan(QUESTIONS.length);
    expect(server.received.filter((q) => !q.dnssecOk || !q.checkingDisabled || q.ednsPayload === null)).toEqual([]);
  });

  it('a question without dnssec carries no DO and no CD, and its answer no signatures', async () => {
    const before = server.received.length;
    const answer = await new NetworkResolver({ servers: [server.ipv4] }).query('signed.lab', 'TXT');
    expect(answer.signed).toBeUndefined();
    expect(server.received.slice(before)).toMatchObject([{ dnssecOk: false, checkingDisabled: false }]);
  });
});
