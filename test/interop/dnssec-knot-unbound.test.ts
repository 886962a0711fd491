// DNSSEC interop (RFC 4035, RFC 5155): authaudit's own verdicts must equal Unbound's.
// - Knot #1 signs p256.lab (ECDSA P-256), rsa.lab (RSA/SHA-256) and ed.lab (Ed25519) itself.
// - Zones that must be bogus are signed here by ldns-signzone with explicit dates and served
//   presigned: changed.lab (a record changed after signing), expired.lab (signatures that ended five
//   days ago), nokey.lab (the parent's DS names a key the zone does not publish); insecure.lab is
//   unsigned and delegated without DS. NSEC3 parameters (RFC 9276), presigned the same way:
//   iter200.lab and iter2501.lab hash names 200 and 2,501 times (above the 150 Unbound 1.17 hashes:
//   their denials are insecure), salted.lab 5 times with a salt (validated, and the signer's
//   settings are a finding).
// - Knot #2 serves those and the parent lab., which it signs itself with NSEC3, holding the DS of
//   every signed child (computed from the children's DNSKEYs by ldns-key2ds).
// - Unbound validates from lab.'s DNSKEY (the lab trust anchor); authaudit asks Unbound with CD set
//   and validates from the same anchor. Insecure is authaudit's own NSEC3 proof, never the AD bit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { decodeMessage } from '../../src/dns/decode-message.js';
import type { DnsMessage } from '../../src/dns/message.js';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { presentRecord } from '../../src/dns/present.js';
import type { DnsRecord, RRType } from '../../src/dns/types.js';
import { encodeQuery } from '../../src/dns/wire.js';
import { DnssecValidator } from '../../src/dnssec/validator.js';
import { readTrustAnchor } from '../../src/dnssec/trust-anchor.js';
import { findExecutable, startKnot, type KnotServer, type KnotZone } from '../helpers/knot.js';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { startUnbound, type UnboundServer } from '../helpers/unbound.js';

const LDNS_MISSING = 'ldns-signzone, ldns-keygen and ldns-key2ds are not installed, and the interop suite needs them: install the Debian package "ldnsutils"';

let dir: string;
let knotChildren: KnotServer;
let knotParent: KnotServer;
let unbound: UnboundServer;
let anchorFile: string;

const AUTO: [string, NonNullable<KnotZone['signing']>['algorithm']][] = [['p256.lab', 'ecdsap256sha256'], ['rsa.lab', 'rsasha256'], ['ed.lab', 'ed25519']];
const PRESIGNED = ['changed.lab', 'expired.lab', 'nokey.lab'];
/** RFC 9276: NSEC3 iterations and salt as ldns-signzone's -t and -s. */
const NSEC3_PARAMS: [string, number, string][] = [['iter200.lab', 200, 'ab12cd34'], ['iter2501.lab', 2501, 'ab12cd34'], ['salted.lab', 5, 'beef']];
/** Presigned with NSEC and valid: its zone file is validated offline too. */
const NSEC_PRESIGNED = 'nsec.lab';
const SERVED = [...PRESIGNED, NSEC_PRESIGNED, ...NSEC3_PARAMS.map(([z]) => z), 'insecure.lab'];
const ALL = [...AUTO.map(([z]) => z), ...SERVED];

function zoneText(zone: string, extra = ''): string {
  return [
    '$TTL 300',
    `${zone}. SOA ns1.lab. hostmaster.lab. 1 7200 3600 1209600 300`,
    `${zone}. NS ns1.lab.`,
    `${zone}. MX 10 mail.${zone}.`,
    `mail.${zone}. A 192.0.2.25`,
    `${zone}. TXT "v=spf1 mx -all"`,
    `_dmarc.${zone}. TXT "v=DMARC1; p=reject"`,
    `_25._tcp.mail.${zone}. TLSA 3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6`,
    // every name below w.<zone> is answered by the wildcard (RFC 4592)
    `*.w.${zone}. TXT "v=spf1 -all"`,
    `*.w.${zone}. MX 10 mail.${zone}.`,
    extra,
    '',
  ].join('\n');
}

function tool(name: string, args: string[]): string {
  const path = findExecutable(name);
  if (path === null) throw new Error(LDNS_MISSING);
  return execFileSync(path, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** YYYYMMDDhhmmss, days from now (RFC 4034 §3.2, as ldns-signzone takes it). */
function date(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Sign `zone` with a fresh ECDSA P-256 key (ldns-signzone, explicit dates; NSEC3 with `nsec3`'s
 * iterations and salt); returns the DS of `dsOf` (default: that key).
 */
function presign(zone: string, inception: number, expiration: number, tamper?: (signed: string) => string, dsOf?: string, nsec3?: [number, string]): string {
  writeFileSync(join(dir, zone), zoneText(zone));
  const key = tool('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', zone]).trim();
  writeFileSync(join(dir, zone), readFileSync(join(dir, zone), 'utf8') + readFileSync(join(dir, `${key}.key`), 'utf8'));
  const denial = nsec3 === undefined ? [] : ['-n', '-t', String(nsec3[0]), '-s', nsec3[1]];
  tool('ldns-signzone', [...denial, '-i', date(inception), '-e', date(expiration), '-o', zone, '-f', `${zone}.zone`, zone, key]);
  if (tamper !== undefined) writeFileSync(join(dir, `${zone}.zone`), tamper(readFileSync(join(dir, `${zone}.zone`), 'utf8')));
  return tool('ldns-key2ds', ['-n', '-2', `${dsOf ?? key}.key`]);
}

async function dnskeys(server: KnotServer, zone: string): Promise<DnsRecord[]> {
  const answer = await new NetworkResolver({ servers: [server.server] }).query(zone, 'DNSKEY');
  if (answer.kind !== 'records') throw new Error(`no DNSKEY for ${zone} from Knot: ${answer.kind}`);
  return answer.records;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authaudit-dnssec-interop-'));
  // Knot #1: the zones it signs itself; a usage 0 TLSA in rsa.lab (not for SMTP)
  for (const [zone] of AUTO) writeFileSync(join(dir, `${zone}.zone`), zoneText(zone, zone === 'rsa.lab' ? `_25._tcp.mail2.${zone}. TLSA 0 0 1 ${'ab'.repeat(32)}\n${zone}. MX 20 mail2.${zone}.\nmail2.${zone}. A 192.0.2.26` : ''));
  knotChildren = await startKnot({ zones: AUTO.map(([origin, algorithm]) => ({ origin, file: join(dir, `${origin}.zone`), signing: { algorithm } })) });
  const ds: string[] = [];
  for (const [zone] of AUTO) {
    writeFileSync(join(dir, `${zone}.dnskey`), `${(await dnskeys(knotChildren, zone)).map(presentRecord).join('\n')}\n`);
    ds.push(tool('ldns-key2ds', ['-n', '-2', `${zone}.dnskey`]));
  }
  // presigned, to be bogus
  ds.push(presign('changed.lab', -1, 7, (s) => s.replace('"v=spf1 mx -all"', '"v=spf1 +all"')));
  ds.push(presign('expired.lab', -10, -5));
  const stray = tool('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', 'nokey.lab']).trim();
  ds.push(presign('nokey.lab', -1, 7, undefined, stray));
  ds.push(presign(NSEC_PRESIGNED, -1, 7));
  for (const [zone, iterations, salt] of NSEC3_PARAMS) ds.push(presign(zone, -1, 7, undefined, undefined, [iterations, salt]));
  writeFileSync(join(dir, 'insecure.lab.zone'), zoneText('insecure.lab'));
  // the parent, signed by Knot #2 with NSEC3
  const delegations = ALL.map((z) => `${z}. NS ns1.lab.`).join('\n');
  writeFileSync(join(dir, 'lab.zone'), `$TTL 300\nlab. SOA ns1.lab. hostmaster.lab. 1 7200 3600 1209600 300\nlab. NS ns1.lab.\nns1.lab. A 127.0.0.1\n${delegations}\n${ds.join('')}`);
  knotParent = await startKnot({
    zones: [
      { origin: 'lab', file: join(dir, 'lab.zone'), signing: { algorithm: 'ecdsap256sha256', nsec3: true } },
      ...SERVED.map((origin) => ({ origin, file: join(dir, `${origin}.zone`), semanticChecks: false })),
    ],
  });
  anchorFile = join(dir, 'lab-anchor.txt');
  writeFileSync(anchorFile, `${(await dnskeys(knotParent, 'lab')).map(presentRecord).join('\n')}\n`);
  unbound = await startUnbound({
    anchorFile,
    stubs: [
      { zone: 'lab', port: knotParent.port },
      ...AUTO.map(([zone]) => ({ zone, port: knotChildren.port })),
      ...SERVED.map((zone) => ({ zone, port: knotParent.port })),
    ],
  });
}, 120_000);

afterAll(async () => {
  await unbound?.stop();
  await knotParent?.stop();
  await knotChildren?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Unbound's own verdict: asked with DO (RFC 3225) and without CD: SERVFAIL is bogus, AD secure. */
function unboundVerdict(name: string, type: RRType): Promise<string> {
  const query = encodeQuery({ id: 77, name, type, ednsPayload: 1232 });
  query[query.length - 4]! |= 0x80; // the OPT record's DO bit
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer from Unbound for ${name} ${type}\n${unbound.log()}`));
    }, 5000);
    socket.on('message', (bytes) => {
      clearTimeout(timer);
      socket.close();
      const m: DnsMessage = decodeMessage(bytes);
      resolve(m.rcode === 'SERVFAIL' ? 'bogus' : m.authenticData ? 'secure' : 'insecure');
    });
    socket.send(query, unbound.port, '127.0.0.1');
  });
}

const QUESTIONS: [string, RRType][] = ALL.flatMap((z): [string, RRType][] => [
  [z, 'TXT'], [`_dmarc.${z}`, 'TXT'], [z, 'MX'], [`absent.${z}`, 'A'], [z, 'AAAA'], [`_25._tcp.mail.${z}`, 'TLSA'],
  // from the wildcard: records, records two labels down, and no data (RFC 4035 §3.1.3.3, §3.1.3.4)
  [`a.w.${z}`, 'TXT'], [`b.a.w.${z}`, 'MX'], [`a.w.${z}`, 'AAAA'],
]);

describe('authaudit validates as Unbound does', () => {
  it('every name and type: secure, insecure and bogus alike', async () => {
    const validator = new DnssecValidator(new CacheResolver(new NetworkResolver({ servers: [unbound.server], timeoutMs: 4000 })), {
      anchor: readTrustAnchor(readFileSync(anchorFile, 'latin1'), anchorFile),
    });
    const ours: string[] = [];
    const theirs: string[] = [];
    for (const [name, type] of QUESTIONS) {
      const { verdict } = await validator.validate(name, type);
      ours.push(`${name} ${type} ${verdict.status}`);
      theirs.push(`${name} ${type} ${await unboundVerdict(name, type)}`);
    }
    expect(ours).toEqual(theirs);
    // the cases the lab is built for are all there
    const statusOf = (name: string) => ours.find((l) => l.startsWith(`${name} TXT `))?.split(' ')[2];
    expect(AUTO.map(([z]) => statusOf(z))).toEqual(['secure', 'secure', 'secure']);
    expect(PRESIGNED.map(statusOf)).toEqual(['bogus', 'bogus', 'bogus']);
    expect(statusOf('insecure.lab')).toBe('insecure');
    expect([...AUTO.map(([z]) => z), NSEC_PRESIGNED, 'salted.lab'].map((z) => [`a.w.${z} TXT secure`, `b.a.w.${z} MX secure`, `a.w.${z} AAAA secure`].every((l) => ours.includes(l)))).toEqual([true, true, true, true, true]);
    // RFC 9276 §3.2: above 150 iterations the zone's denials are insecure (Unbound's verdict, and
    // authaudit never hashes them), while what its keys sign stays secure; 5 iterations are hashed
    const of = (name: string, type: RRType) => ours.find((l) => l.startsWith(`${name} ${type} `))?.split(' ')[2];
    const byZone = NSEC3_PARAMS.map(([z]) => [z, of(z, 'TXT'), of(`_25._tcp.mail.${z}`, 'TLSA'), of(`absent.${z}`, 'A'), of(z, 'AAAA')]);
    expect(byZone).toEqual([
      ['iter200.lab', 'secure', 'secure', 'insecure', 'insecure'],
      ['iter2501.lab', 'secure', 'secure', 'insecure', 'insecure'],
      ['salted.lab', 'secure', 'secure', 'secure', 'secure'],
    ]);
  });

  it('the reasons: a changed record, expired signatures, a DS without its key; insecure from the parent\'s NSEC3', async () => {
    const validator = new DnssecValidator(new NetworkResolver({ servers: [unbound.server], timeoutMs: 4000 }), {
      anchor: readTrustAnchor(readFileSync(anchorFile, 'latin1'), anchorFile),
    });
    const reasons = await Promise.all(['changed.lab', 'expired.lab', 'nokey.lab', 'insecure.lab'].map(async (z) => (await validator.validate(z, 'TXT')).verdict.reason));
    expect(reasons).toEqual(['changed-record', 'signature-expired', 'ds-without-matching-key', 'no-ds']);
  });

  it('the built command over Unbound: DANE findings for a usage 0 record and for TLSA in an unsigned zone; NSEC3 settings', async () => {
    const run = async (domain: string) => {
      const result = await runBuiltCli(['dnssec', domain, '--resolver', `127.0.0.1:${unbound.port}`, '--trust-anchor', anchorFile, '--format', 'json']);
      return { code: result.code, report: jsonOf(result) as { dnssec: { status: string }; findings: { id: string }[] } };
    };
    const rsa = await run('rsa.lab');
    expect(rsa.report.dnssec.status).toBe('secure');
    expect(rsa.report.findings.map((f) => f.id)).toEqual(['dane-tlsa-pkix-usage', 'dane-no-usable-tlsa']);
    const insecure = await run('insecure.lab');
    expect(insecure.report.findings.map((f) => f.id).sort()).toEqual(['dane-tlsa-not-secure', 'dnssec-insecure']);
    // RFC 9276 §3.1: the signer's NSEC3 settings, read from the zone's validated NSEC3 records
    for (const [zone, iterations, salt] of NSEC3_PARAMS) {
      const { code, report } = await run(zone);
      const chain = (report.dnssec as unknown as { chain: { zone: string; nsec3: unknown }[] }).chain;
      expect([report.dnssec.status, chain.find((l) => l.zone === zone)?.nsec3, report.findings.map((f) => f.id), code]).toEqual(['secure', { iterations, salt }, ['dnssec-nsec3-parameters'], 0]);
    }
    const changed = await run('changed.lab');
    expect(changed.code).toBe(1);
    expect(changed.report.dnssec.status).toBe('bogus');
  });
});

describe('signed zone files answering through a wildcard, offline and served', () => {
  it('the records of a domain a wildcard answers validate from the zone file as they do over Knot', async () => {
    type Doc = { dnssec: { status: string; records: { name: string; type: string; status: string; reason: string | null }[] } };
    const lines = (doc: Doc) => doc.dnssec.records.map((r) => `${r.name} ${r.type} ${r.status} ${r.reason ?? ''}`);
    for (const zone of [NSEC_PRESIGNED, 'salted.lab', 'iter200.lab']) {
      const domain = `a.w.${zone}`;
      const offline = jsonOf(await runBuiltCli(['dnssec', domain, '--zone', join(dir, `${zone}.zone`), '--format', 'json'])) as unknown as Doc;
      const served = jsonOf(await runBuiltCli(['dnssec', domain, '--resolver', `127.0.0.1:${knotParent.port}`, '--trust-anchor', anchorFile, '--format', 'json'])) as unknown as Doc;
      expect(lines(offline)).toEqual(lines(served));
      // above 150 iterations the proof that no closer name exists is not hashed: insecure, not secure
      expect([zone, offline.dnssec.status]).toEqual([zone, zone === 'iter200.lab' ? 'insecure' : 'secure']);
      expect(lines(offline)).toContain(`${domain} TXT ${zone === 'iter200.lab' ? 'insecure nsec3-iterations' : 'secure '}`);
    }
  });
});
