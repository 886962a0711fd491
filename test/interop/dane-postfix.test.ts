// DANE against real servers, through the built CLI: Knot signs a lab zone (ECDSA P-256) whose MX hosts
// are two Postfix instances on loopback addresses, each with STARTTLS and a test certificate made here
// with openssl. mail.dane.lab publishes the "3 1 1" TLSA record of the certificate it serves;
// mail2.dane.lab publishes the same record but serves another certificate. `authaudit dnssec --smtp`
// validates the zone from its own key (the trust anchor) and matches what each host presents;
// `authaudit audit --dnssec --smtp` does the same beside the rest of the audit (validation and the
// STARTTLS probe run side by side, then the certificates are matched).
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { presentRecord } from '../../src/dns/present.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { freeTcpPort, startPostfix, type PostfixLab } from '../helpers/postfix-lab.js';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { makeLeaf, makeTestCa } from '../helpers/test-pki.js';

const MX1 = '127.0.21.25';
const MX2 = '127.0.21.26';

let dir: string;
let knot: KnotServer;
let anchorFile: string;
let smtpPort: number;
let postfixes: PostfixLab[] = [];

/** TLSA 3 1 1 data: the SHA-256 of the certificate's SubjectPublicKeyInfo (RFC 6698 §2.1). */
const spkiSha256 = (pemFile: string): string =>
  createHash('sha256').update(new X509Certificate(readFileSync(pemFile)).publicKey.export({ type: 'spki', format: 'der' })).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authaudit-dane-postfix-'));
  const ca = await makeTestCa(join(dir, 'pki'));
  const served = await makeLeaf(ca, { names: ['mail.dane.lab'] });
  const other = await makeLeaf(ca, { names: ['mail2.dane.lab'] });
  const tlsa = spkiSha256(served.certFile);
  writeFileSync(
    join(dir, 'dane.lab.zone'),
    [
      '$TTL 300',
      'dane.lab. SOA ns1.dane.lab. hostmaster.dane.lab. 1 7200 3600 1209600 300',
      'dane.lab. NS ns1.dane.lab.',
      'ns1.dane.lab. A 127.0.0.1',
      'dane.lab. MX 10 mail.dane.lab.',
      'dane.lab. MX 20 mail2.dane.lab.',
      `mail.dane.lab. A ${MX1}`,
      `mail2.dane.lab. A ${MX2}`,
      'dane.lab. TXT "v=spf1 mx -all"',
      '_dmarc.dane.lab. TXT "v=DMARC1; p=reject"',
      `_25._tcp.mail.dane.lab. TLSA 3 1 1 ${tlsa}`,
      `_25._tcp.mail2.dane.lab. TLSA 3 1 1 ${tlsa}`,
      '',
    ].join('\n'),
  );
  knot = await startKnot({ zones: [{ origin: 'dane.lab', file: join(dir, 'dane.lab.zone'), signing: { algorithm: 'ecdsap256sha256' } }] });
  const keys = await new NetworkResolver({ servers: [knot.server] }).query('dane.lab', 'DNSKEY');
  if (keys.kind !== 'records') throw new Error(`no DNSKEY for dane.lab from Knot: ${keys.kind}`);
  anchorFile = join(dir, 'dane-anchor.txt');
  writeFileSync(anchorFile, `${keys.records.map(presentRecord).join('\n')}\n`);
  smtpPort = await freeTcpPort(MX1);
  postfixes = await Promise.all([
    startPostfix({ address: MX1, port: smtpPort, hostname: 'mail.dane.lab', tls: { certFile: served.chainFile, keyFile: served.keyFile } }),
    startPostfix({ address: MX2, port: smtpPort, hostname: 'mail2.dane.lab', tls: { certFile: other.chainFile, keyFile: other.keyFile } }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([knot?.stop(), ...postfixes.map((p) => p.stop())]);
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

interface DaneJson {
  dnssec: { status: string };
  mx: { host: string; tlsa: { status: string; records: { matched: boolean | null }[] } }[];
  findings: { id: string; evidence: { record: string | null } }[];
}

describe('authaudit dnssec --smtp against Postfix, the TLSA records signed by Knot', () => {
  it('the certificate mail.dane.lab serves matches its 3 1 1 record; mail2.dane.lab serves another: dane-no-match', async () => {
    const run = await runBuiltCli(['dnssec', 'dane.lab', '--resolver', `${knot.address}:${knot.port}`, '--trust-anchor', anchorFile, '--smtp', '--smtp-port', String(smtpPort), '--timeout', '3000', '--format', 'json']);
    expect(run.stderr).toBe('');
    const doc = jsonOf(run) as unknown as DaneJson;
    expect(doc.dnssec.status).toBe('secure');
    const matched = Object.fromEntries(doc.mx.map((h) => [h.host, h.tlsa.records.map((r) => r.matched)]));
    expect(matched).toEqual({ 'mail.dane.lab': [true], 'mail2.dane.lab': [false] });
    expect(doc.findings.map((f) => [f.id, f.evidence.record])).toEqual([['dane-no-match', '_25._tcp.mail2.dane.lab']]);
    expect(run.code).toBe(1);
  });
  it('without --smtp nothing is matched and nothing is said of it', async () => {
    const run = await runBuiltCli(['dnssec', 'dane.lab', '--resolver', `${knot.address}:${knot.port}`, '--trust-anchor', anchorFile, '--format', 'json']);
    const doc = jsonOf(run) as unknown as DaneJson;
    expect(doc.mx.flatMap((h) => h.tlsa.records.map((r) => r.matched))).toEqual([null, null]);
    expect(doc.findings).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe('authaudit audit --dnssec --smtp against the same hosts', () => {
  it('dane-no-match for mail2.dane.lab, whose certificate its record does not name, and not for mail.dane.lab', async () => {
    const run = await runBuiltCli(['audit', 'dane.lab', '--resolver', `${knot.address}:${knot.port}`, '--dnssec', '--trust-anchor', anchorFile, '--smtp', '--smtp-port', String(smtpPort), '--timeout', '3000', '--format', 'json']);
    const doc = jsonOf(run) as unknown as { domains: { dnssec: DaneJson['dnssec'] & { mx: DaneJson['mx'] }; findings: DaneJson['findings'] }[] };
    const entry = doc.domains[0]!;
    expect(entry.dnssec.status).toBe('secure');
    expect(Object.fromEntries(entry.dnssec.mx.map((h) => [h.host, h.tlsa.records.map((r) => r.matched)]))).toEqual({ 'mail.dane.lab': [true], 'mail2.dane.lab': [false] });
    const dane = entry.findings.filter((f) => f.id.startsWith('dane-')).map((f) => [f.id, f.evidence.record]);
    expect(dane).toEqual([['dane-no-match', '_25._tcp.mail2.dane.lab']]);
    expect(run.code).toBe(1);
  });
});
