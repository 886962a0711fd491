// The HTTPS fetch (src/fetch) and the STARTTLS probe (src/smtp) against node servers on loopback:
// the host resolved through the Resolver given (never the system's), the bounds and the outcomes as
// data. Certificates come from a test CA made here with openssl.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchHttps } from '../../src/fetch/https-fetch.js';
import { probeStarttls } from '../../src/smtp/starttls-probe.js';
import { checkMtaSts } from '../../src/transport/check-mta-sts.js';
import { checkMx } from '../../src/mx/check-mx.js';
import { makeLeaf, makeTestCa, type TestCa } from '../helpers/test-pki.js';
import { zonesResolver } from '../dkim/zone.js';

let dir: string;
let ca: TestCa;
let cert: Buffer;
let key: Buffer;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
let httpsPort = 0;
let smtpPort = 0;
let silentPort = 0;
let routes: Record<string, (res: import('node:http').ServerResponse) => void> = {};

async function serve(server: net.Server): Promise<number> {
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return (server.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authaudit-fetch-probe-'));
  ca = await makeTestCa(dir);
  const leaf = await makeLeaf(ca, { names: ['mta-sts.lab.example', 'mx.lab.example'] });
  cert = await readFile(leaf.chainFile);
  key = await readFile(leaf.keyFile);
  httpsPort = await serve(
    https.createServer({ cert, key }, (req, res) => {
      const route = routes[req.url ?? ''];
      if (route) route(res);
      else res.writeHead(404).end();
    }),
  );
  // a tiny STARTTLS server: banner, EHLO with STARTTLS, then TLS with the lab certificate
  smtpPort = await serve(
    net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.write('220 mx.lab.example ESMTP test\r\n');
      let buffer = '';
      const onData = (chunk: Buffer): void => {
        buffer += chunk.toString('latin1');
        if (buffer.includes('EHLO')) {
          buffer = '';
          socket.write('250-mx.lab.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n');
        } else if (buffer.includes('STARTTLS')) {
          socket.off('data', onData);
          socket.write('220 2.0.0 go ahead\r\n');
          const secure = new tls.TLSSocket(socket, { isServer: true, cert, key });
          secure.on('error', () => undefined);
          secure.on('data', (d: Buffer) => {
            if (d.toString().startsWith('QUIT')) secure.end('221 bye\r\n');
            if (/MAIL FROM/i.test(d.toString())) throw new Error('the probe sent MAIL FROM');
          });
        }
      };
      socket.on('data', onData);
    }),
  );
  silentPort = await serve(net.createServer(() => undefined));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await rm(dir, { recursive: true, force: true });
});

const resolver = zonesResolver({
  'lab.example': ['@ IN SOA ns hostmaster 1 3600 600 86400 300', 'mta-sts IN A 127.0.0.1', '_mta-sts IN TXT "v=STSv1; id=1"', '@ IN MX 10 mx', 'mx IN A 127.0.0.1'].join('\n'),
});
const URL_ = 'https://mta-sts.lab.example/.well-known/mta-sts.txt';

describe('fetchHttps', () => {
  it('resolves the host through the Resolver, validates against --ca-file, returns the body and the certificate', async () => {
    routes = { '/.well-known/mta-sts.txt': (res) => res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('version: STSv1\n') };
    const lines: string[] = [];
    const r = await fetchHttps(URL_, { resolver, ca: ca.pem, port: httpsPort, acceptTypes: ['text/plain'], log: (l) => lines.push(l) });
    expect(r).toMatchObject({ kind: 'ok', address: '127.0.0.1', status: 200, contentType: 'text/plain; charset=utf-8' });
    expect(r.kind === 'ok' && r.body.toString()).toBe('version: STSv1\n');
    expect(r.kind === 'ok' && r.certificate?.nameMatch).toBe(true);
    expect(lines[0]).toMatch(/^https: GET https:\/\/mta-sts\.lab\.example\/\.well-known\/mta-sts\.txt \(127\.0\.0\.1\) -> 200 text\/plain; charset=utf-8, 15 bytes/);
  });

  it('without the CA the certificate is not trusted', async () => {
    const r = await fetchHttps(URL_, { resolver, port: httpsPort });
    expect(r).toMatchObject({ kind: 'failed', step: 'tls' });
  });

  it('a host without an address stops before any connection', async () => {
    const r = await fetchHttps('https://mta-sts.nowhere.lab.example/x', { resolver, ca: ca.pem, port: httpsPort });
    expect(r).toMatchObject({ kind: 'failed', step: 'dns', address: null });
  });

  it.each([
    ['a redirect is not followed', (res: import('node:http').ServerResponse) => res.writeHead(302, { Location: 'https://elsewhere.example/' }).end(), { step: 'redirect', status: 302, location: 'https://elsewhere.example/' }],
    ['a media type not accepted', (res: import('node:http').ServerResponse) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>'), { step: 'content-type' }],
    ['a declared length over the bound', (res: import('node:http').ServerResponse) => res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '70000' }).end('x'.repeat(70000)), { step: 'too-large' }],
    ['a streamed body over the bound', (res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      for (let i = 0; i < 80; i++) res.write('x'.repeat(1024));
      res.end();
    }, { step: 'too-large' }],
    ['a 500', (res: import('node:http').ServerResponse) => res.writeHead(500).end(), { step: 'status', status: 500 }],
    ['no answer at all', () => undefined, { step: 'response' }],
  ])('%s', async (_name, route, expected) => {
    routes = { '/.well-known/mta-sts.txt': route };
    const r = await fetchHttps(URL_, { resolver, ca: ca.pem, port: httpsPort, acceptTypes: ['text/plain'], timeouts: { connectMs: 1000, responseMs: 300, totalMs: 3000 } });
    expect(r).toMatchObject({ kind: 'failed', ...expected });
  });

  it('checkMtaSts with fetches on: the policy, and which pattern covers the MX', async () => {
    routes = { '/.well-known/mta-sts.txt': (res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('version: STSv1\nmode: enforce\nmx: *.lab.example\nmax_age: 604800\n') };
    const mx = await checkMx('lab.example', resolver);
    const report = await checkMtaSts('lab.example', resolver, mx, { https: { allowed: true, offReason: null, ca: ca.pem, port: httpsPort } });
    expect(report.mxCoverage).toEqual([{ host: 'mx.lab.example', pattern: '*.lab.example' }]);
    expect(report.findings).toEqual([]);
  });
});

describe('probeStarttls', () => {
  it('banner, EHLO, STARTTLS, TLS: the version, the chain as DER, validity and name; QUIT, never MAIL FROM', async () => {
    const lines: string[] = [];
    const r = await probeStarttls({ host: 'mx.lab.example', address: '127.0.0.1', port: smtpPort, ca: ca.pem, log: (l) => lines.push(l) });
    expect(r).toMatchObject({ banner: 'mx.lab.example ESMTP test', starttls: true, failure: null, certificate: { valid: true, nameMatch: true } });
    expect(r.ehlo).toEqual(['PIPELINING', 'STARTTLS']);
    expect(r.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(r.certificate?.chain.map((d) => d.length > 100)).toEqual([true, true]);
    expect(lines).toContain(`smtp: mx.lab.example [127.0.0.1]:${smtpPort} C: STARTTLS`);
    expect(r.transcript.at(-1)).toBe('C: QUIT');
    expect(r.transcript.join('\n')).not.toMatch(/MAIL FROM/i);
  });

  it('judges the name apart from the chain', async () => {
    const r = await probeStarttls({ host: 'other.lab.example', address: '127.0.0.1', port: smtpPort, ca: ca.pem });
    expect(r.certificate).toMatchObject({ valid: true, nameMatch: false });
  });

  it('a server that never greets: bounded by the reply time-out', async () => {
    const r = await probeStarttls({ host: 'mx.lab.example', address: '127.0.0.1', port: silentPort, timeouts: { replyMs: 200 } });
    expect(r).toMatchObject({ banner: null, starttls: null, failure: { step: 'banner', detail: 'no reply within 200 ms' } });
  });

  it('a refused connection', async () => {
    const port = await serve(net.createServer());
    await new Promise((r) => servers.pop()?.close(r));
    const r = await probeStarttls({ host: 'mx.lab.example', address: '127.0.0.1', port });
    expect(r.failure?.step).toBe('connect');
  });
});
