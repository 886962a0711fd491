// MTA-STS, TLS-RPT and the STARTTLS probe against real servers, through the built CLI: nginx serves
// policies over HTTPS on a loopback address (certificates from a test CA made here with openssl),
// Postfix listens on loopback addresses with STARTTLS, without it, and with a certificate for another
// name; node plays the hostile peers (an HTTPS server that never answers, an SMTP server that never
// greets, one whose banner never ends). Names resolve through --zone files only, so nothing leaves
// the machine; every check must end bounded, with a finding.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type NginxLab } from '../helpers/nginx-lab.js';
import { freeTcpPort, startPostfix, type PostfixLab } from '../helpers/postfix-lab.js';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { makeExpiredLeaf, makeLeaf, makeTestCa, type TestCa } from '../helpers/test-pki.js';

const WEB = '127.0.18.1'; // nginx, port 443
const SLOW_WEB = '127.0.18.2'; // node: TLS, then silence
const MX_TLS = '127.0.18.25';
const MX_PLAIN = '127.0.18.26';
const MX_WRONG_NAME = '127.0.18.27';
const MX_SILENT = '127.0.18.28';
const MX_ENDLESS = '127.0.18.29';

const POLICY = (mode: string, mx: string[], maxAge = 604800): string => `version: STSv1\r\nmode: ${mode}\r\n${mx.map((m) => `mx: ${m}\r\n`).join('')}max_age: ${maxAge}\r\n`;

/** One domain of the lab zone: its MTA-STS TXT record and MX hosts (name → address). */
function domainLines(d: string, mx: Record<string, string>, txt = 'v=STSv1; id=20261206'): string[] {
  const lines = [`_mta-sts.${d}. TXT "${txt}"`];
  let pref = 10;
  for (const [host, address] of Object.entries(mx)) {
    lines.push(`${d}. MX ${pref} ${host}.`, `${host}. A ${address}`);
    pref += 10;
  }
  return lines;
}

let dir: string;
let ca: TestCa;
let nginx: NginxLab;
let postfixes: PostfixLab[] = [];
let smtpPort: number;
const nodeServers: net.Server[] = [];
const openSockets = new Set<net.Socket>();

async function listen(server: net.Server, address: string, port: number): Promise<void> {
  // every accepted connection is kept, to be ended in afterAll (close() waits for them)
  server.on('connection', (socket: net.Socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, address, () => done());
  });
  nodeServers.push(server);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authaudit-mta-sts-lab-'));
  ca = await makeTestCa(join(dir, 'pki'));
  const leaf = (name: string): Promise<{ certFile: string; keyFile: string; chainFile: string }> => makeLeaf(ca, { names: [name] });
  const site = async (name: string, files: Record<string, string | Buffer>, directives: string[] = [], certFor = name) => {
    const cert = await leaf(certFor);
    return { names: [name], certFile: cert.chainFile, keyFile: cert.keyFile, files, directives };
  };
  const policyFile = (text: string | Buffer) => ({ '.well-known/mta-sts.txt': text });
  const expired = await makeExpiredLeaf(ca, ['mta-sts.expired.lab.example']);
  nginx = await startNginx({
    address: WEB,
    sites: [
      await site('mta-sts.good.lab.example', policyFile(POLICY('enforce', ['mx1.good.lab.example']))),
      await site('mta-sts.testing.lab.example', policyFile(POLICY('testing', ['*.testing.lab.example']))),
      await site('mta-sts.miss.lab.example', policyFile(POLICY('enforce', ['*.lab.example', 'mx.elsewhere.example']))),
      await site('mta-sts.maxage.lab.example', policyFile(POLICY('enforce', ['mx.maxage.lab.example'], 40000000))),
      await site('mta-sts.redirect.lab.example', {}, ['location = /.well-known/mta-sts.txt { return 301 https://mta-sts.good.lab.example/.well-known/mta-sts.txt; }']),
      await site('mta-sts.html.lab.example', policyFile(POLICY('enforce', ['mx.html.lab.example'])), ['location = /.well-known/mta-sts.txt { types { } default_type text/html; }']),
      await site('mta-sts.big.lab.example', policyFile(Buffer.alloc(1024 * 1024, 'mx: mx.big.lab.example\n'))),
      await site('mta-sts.missing.lab.example', {}),
      { names: ['mta-sts.expired.lab.example'], certFile: expired.chainFile, keyFile: expired.keyFile, files: policyFile(POLICY('enforce', ['mx.expired.lab.example'])) },
      await site('mta-sts.wrongname.lab.example', policyFile(POLICY('enforce', ['mx.wrongname.lab.example'])), [], 'www.other.example'),
      await site('mta-sts.smtp.lab.example', policyFile(POLICY('enforce', ['*.smtp.lab.example']))),
    ],
  });

  // an HTTPS server that completes the handshake and never answers
  const slowCert = await leaf('mta-sts.slow.lab.example');
  await listen(tls.createServer({ cert: readFileSync(slowCert.chainFile), key: readFileSync(slowCert.keyFile) }, () => undefined), SLOW_WEB, 443);

  smtpPort = await freeTcpPort(MX_TLS);
  const good = await leaf('mx1.smtp.lab.example');
  const other = await leaf('mail.other.example');
  postfixes = await Promise.all([
    startPostfix({ address: MX_TLS, port: smtpPort, hostname: 'mx1.smtp.lab.example', tls: { certFile: good.chainFile, keyFile: good.keyFile } }),
    startPostfix({ address: MX_PLAIN, port: smtpPort, hostname: 'mx2.smtp.lab.example' }),
    startPostfix({ address: MX_WRONG_NAME, port: smtpPort, hostname: 'mx3.smtp.lab.example', tls: { certFile: other.chainFile, keyFile: other.keyFile } }),
  ]);
  // an SMTP server that never greets, and one whose multi-line banner never ends
  await listen(net.createServer(() => undefined), MX_SILENT, smtpPort);
  await listen(
    net.createServer((socket) => {
      socket.on('error', () => undefined);
      let sent = 0;
      const more = (): void => {
        // bounded on this side too: at most 200000 lines, stopping when the client goes
        while (!socket.destroyed && sent < 200000 && socket.write(`220-still greeting, line ${sent++}\r\n`));
        if (!socket.destroyed && sent < 200000) socket.once('drain', more);
      };
      more();
    }),
    MX_ENDLESS,
    smtpPort,
  );

  const zone = [
    '$ORIGIN lab.example.',
    '$TTL 300',
    '@ SOA ns.lab.example. hostmaster.lab.example. 1 3600 600 86400 300',
    '@ NS ns.lab.example.',
    `ns A ${WEB}`,
    ...['good', 'testing', 'miss', 'maxage', 'redirect', 'html', 'big', 'missing', 'expired', 'wrongname', 'smtp'].map((d) => `mta-sts.${d}.lab.example. A ${WEB}`),
    `mta-sts.slow.lab.example. A ${SLOW_WEB}`,
    ...domainLines('good.lab.example', { 'mx1.good.lab.example': '127.0.18.100' }),
    ...domainLines('testing.lab.example', { 'mx.testing.lab.example': '127.0.18.100' }),
    ...domainLines('miss.lab.example', { 'mx.a.miss.lab.example': '127.0.18.100' }),
    ...domainLines('maxage.lab.example', { 'mx.maxage.lab.example': '127.0.18.100' }),
    ...domainLines('redirect.lab.example', { 'mx.redirect.lab.example': '127.0.18.100' }),
    ...domainLines('html.lab.example', { 'mx.html.lab.example': '127.0.18.100' }),
    ...domainLines('big.lab.example', { 'mx.big.lab.example': '127.0.18.100' }),
    ...domainLines('missing.lab.example', { 'mx.missing.lab.example': '127.0.18.100' }),
    ...domainLines('expired.lab.example', { 'mx.expired.lab.example': '127.0.18.100' }),
    ...domainLines('wrongname.lab.example', { 'mx.wrongname.lab.example': '127.0.18.100' }),
    ...domainLines('slow.lab.example', { 'mx.slow.lab.example': '127.0.18.100' }),
    ...domainLines('smtp.lab.example', {
      'mx1.smtp.lab.example': MX_TLS,
      'mx2.smtp.lab.example': MX_PLAIN,
      'mx3.smtp.lab.example': MX_WRONG_NAME,
      'mx4.smtp.lab.example': MX_SILENT,
      'mx5.smtp.lab.example': MX_ENDLESS,
    }),
    '_smtp._tls.smtp.lab.example. TXT "v=TLSRPTv1; rua=mailto:tls@smtp.lab.example,https://reports.lab.example/tls"',
    '_smtp._tls.good.lab.example. TXT "v=TLSRPTv1; rua=ftp://x.example/"',
    '',
  ].join('\n');
  await mkdir(join(dir, 'zones'));
  await writeFile(join(dir, 'zones', 'lab.example.zone'), zone);
}, 120000);

afterAll(async () => {
  for (const s of openSockets) s.destroy();
  await Promise.all([nginx?.stop(), ...postfixes.map((p) => p.stop()), ...nodeServers.map((s) => new Promise((r) => s.close(r)))]);
  await rm(dir, { recursive: true, force: true });
});

const world = (): string[] => ['--zone', join(dir, 'zones'), '--fetch', '--ca-file', ca.certFile, '--timeout', '500', '--format', 'json', '--fail-on', 'never'];

async function mtaSts(domain: string, extra: string[] = []): Promise<{ json: Record<string, unknown>; ids: string[]; severities: Record<string, string>; stderr: string }> {
  const run = await runBuiltCli(['mta-sts', domain, ...world(), ...extra]);
  const json = jsonOf(run);
  const findings = json['findings'] as { id: string; severity: string }[];
  return { json, ids: findings.map((f) => f.id), severities: Object.fromEntries(findings.map((f) => [f.id, f.severity])), stderr: run.stderr };
}

describe('MTA-STS policies served by nginx', () => {
  it('an enforce policy that covers the MX: fetched, parsed, no finding', async () => {
    const { json, ids } = await mtaSts('good.lab.example');
    const m = json['mtaSts'] as Record<string, unknown>;
    expect(m['record']).toBe('v=STSv1; id=20261206');
    expect(m['policy']).toMatchObject({ mode: 'enforce', mx: ['mx1.good.lab.example'], maxAge: 604800 });
    expect(m['mxCoverage']).toEqual([{ host: 'mx1.good.lab.example', pattern: 'mx1.good.lab.example' }]);
    expect(ids).toEqual([]);
  });

  it('testing mode: an info finding, the wildcard covering one label', async () => {
    const { json, ids } = await mtaSts('testing.lab.example');
    expect((json['mtaSts'] as Record<string, unknown>)['mxCoverage']).toEqual([{ host: 'mx.testing.lab.example', pattern: '*.testing.lab.example' }]);
    expect(ids).toEqual(['mta-sts-mode-testing']);
  });

  it('a pattern that misses the MX (a wildcard covers one label only): an error, and the unused patterns', async () => {
    const { json, ids, severities } = await mtaSts('miss.lab.example');
    expect((json['mtaSts'] as Record<string, unknown>)['mxCoverage']).toEqual([{ host: 'mx.a.miss.lab.example', pattern: null }]);
    expect(severities['mta-sts-mx-not-covered']).toBe('error');
    expect(ids.filter((id) => id === 'mta-sts-pattern-unused')).toHaveLength(2);
  });

  it('max_age over a year', async () => {
    expect((await mtaSts('maxage.lab.example')).ids).toEqual(['mta-sts-max-age-out-of-range']);
  });

  it('a redirect is not followed', async () => {
    const { json, ids } = await mtaSts('redirect.lab.example');
    expect(ids).toEqual(['mta-sts-policy-redirect']);
    expect((json['mtaSts'] as Record<string, unknown>)['fetch']).toMatchObject({ status: 'failed', step: 'redirect', httpStatus: 301 });
  });

  it('text/html is refused', async () => {
    expect((await mtaSts('html.lab.example')).ids).toEqual(['mta-sts-policy-content-type']);
  });

  it('a 1 MB policy is cut off at the bound', async () => {
    expect((await mtaSts('big.lab.example')).ids).toEqual(['mta-sts-policy-too-large']);
  });

  it('a 404', async () => {
    const { json, ids } = await mtaSts('missing.lab.example');
    expect(ids).toEqual(['mta-sts-policy-unavailable']);
    expect((json['mtaSts'] as Record<string, unknown>)['fetch']).toMatchObject({ step: 'status', httpStatus: 404 });
  });

  it('an expired and a wrong-name certificate', async () => {
    const expired = await mtaSts('expired.lab.example');
    expect(expired.ids).toEqual(['mta-sts-policy-certificate']);
    expect(JSON.stringify(expired.json)).toContain('CERT_HAS_EXPIRED');
    const wrong = await mtaSts('wrongname.lab.example');
    expect(wrong.ids).toEqual(['mta-sts-policy-certificate']);
    expect(JSON.stringify(wrong.json)).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('without --ca-file the test CA is not trusted', async () => {
    const run = await runBuiltCli(['mta-sts', 'good.lab.example', '--zone', join(dir, 'zones'), '--fetch', '--timeout', '500', '--format', 'json', '--fail-on', 'never']);
    expect((jsonOf(run)['findings'] as { id: string }[]).map((f) => f.id)).toEqual(['mta-sts-policy-certificate']);
  });

  it('a server that never answers: bounded, a clear finding', async () => {
    const { json, ids } = await mtaSts('slow.lab.example');
    expect(ids).toEqual(['mta-sts-policy-unavailable']);
    expect((json['mtaSts'] as Record<string, unknown>)['fetch']).toMatchObject({ status: 'failed', step: 'response' });
  });

  it('offline without --fetch, nothing is fetched and the report says so', async () => {
    const run = await runBuiltCli(['mta-sts', 'good.lab.example', '--zone', join(dir, 'zones'), '--fail-on', 'never']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('not fetched: offline (--zone)');
    expect(run.stdout).toContain('mta-sts-policy-not-fetched');
  });

  it('--verbose shows the HTTPS request', async () => {
    const { stderr } = await mtaSts('good.lab.example', ['--verbose']);
    expect(stderr).toMatch(/^https: GET https:\/\/mta-sts\.good\.lab\.example\/\.well-known\/mta-sts\.txt \(127\.0\.18\.1\) -> 200 text\/plain/m);
  });
});

describe('the STARTTLS probe against Postfix and hostile servers', () => {
  it('reports each MX address: TLS with a valid certificate, no STARTTLS, a name mismatch, silence, an endless banner', async () => {
    const { json, severities, stderr } = await mtaSts('smtp.lab.example', ['--smtp', '--smtp-port', String(smtpPort), '--verbose']);
    const smtp = json['smtp'] as Record<string, unknown>[];
    const byHost = Object.fromEntries(smtp.map((s) => [s['host'], s]));
    const mx1 = byHost['mx1.smtp.lab.example'] as Record<string, unknown>;
    expect(mx1).toMatchObject({ address: MX_TLS, starttls: true, certificate: { valid: true, nameMatch: true } });
    expect(String(mx1['tlsVersion'])).toMatch(/^TLSv1\.[23]$/);
    const chain = (mx1['certificate'] as { chain: string[] }).chain;
    expect(chain.length).toBe(2);
    expect(Buffer.from(chain[0] as string, 'base64')[0]).toBe(0x30); // DER SEQUENCE
    expect(byHost['mx2.smtp.lab.example']).toMatchObject({ starttls: false, certificate: null });
    expect(byHost['mx3.smtp.lab.example']).toMatchObject({ starttls: true, certificate: { valid: true, nameMatch: false } });
    expect(byHost['mx4.smtp.lab.example']).toMatchObject({ starttls: null, failure: { step: 'banner' } });
    expect(byHost['mx5.smtp.lab.example']).toMatchObject({ starttls: null, failure: { step: 'banner' } });
    // in enforce mode, what a validating sender cannot use is an error
    expect(severities['smtp-starttls-missing']).toBe('error');
    expect(severities['smtp-certificate-name-mismatch']).toBe('error');
    expect(severities['smtp-unreachable']).toBe('warning');
    expect(stderr).toMatch(/^smtp: mx1\.smtp\.lab\.example \[127\.0\.18\.25\]:\d+ C: STARTTLS$/m);
    expect(stderr).not.toMatch(/MAIL FROM/i);
    expect(postfixes[0]?.log()).toMatch(/Anonymous TLS connection established|TLS connection established/);
  });

  it('TLS-RPT: the record and its report URIs, and a bad scheme', async () => {
    const ok = jsonOf(await runBuiltCli(['tls-rpt', 'smtp.lab.example', '--zone', join(dir, 'zones'), '--format', 'json']));
    expect(ok['tlsRpt']).toMatchObject({ rua: ['mailto:tls@smtp.lab.example', 'https://reports.lab.example/tls'], valid: true });
    expect(ok['findings']).toEqual([]);
    const bad = await runBuiltCli(['tls-rpt', 'good.lab.example', '--zone', join(dir, 'zones'), '--format', 'json']);
    expect(bad.code).toBe(1);
    expect((jsonOf(bad)['findings'] as { id: string }[]).map((f) => f.id)).toEqual(['tls-rpt-record-invalid']);
  });
});
