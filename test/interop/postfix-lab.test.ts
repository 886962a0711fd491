// The Postfix lab helper (test/helpers/postfix-lab.ts) itself: a private instance on a loopback
// address greets, offers STARTTLS only when given a certificate, and speaks TLS with that certificate.

import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postfixMainCf, postfixMasterCf, startPostfix, type PostfixLab } from '../helpers/postfix-lab.js';
import { makeLeaf, makeTestCa, type TestCa } from '../helpers/test-pki.js';

/** EHLO's reply lines after the banner. */
function ehlo(address: string, port: number): Promise<string> {
  return new Promise((done, fail) => {
    const socket = net.connect({ host: address, port });
    let text = '';
    let sent = false;
    socket.setTimeout(5000, () => socket.destroy(new Error('time-out')));
    socket.on('error', fail);
    socket.on('data', (c) => {
      text += c.toString('latin1');
      if (!sent && /^220 .*\r\n/m.test(text)) {
        sent = true;
        text = '';
        socket.write('EHLO probe.lab.example\r\n');
      } else if (sent && /^250 .*\r\n/m.test(text)) {
        socket.end('QUIT\r\n');
        done(text);
      }
    });
  });
}

let dir: string;
let ca: TestCa;
let withTls: PostfixLab;
let plain: PostfixLab;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authaudit-postfix-lab-test-'));
  ca = await makeTestCa(dir);
  const leaf = await makeLeaf(ca, { names: ['mx1.lab.example'] });
  [withTls, plain] = await Promise.all([
    startPostfix({ address: '127.0.0.61', hostname: 'mx1.lab.example', tls: { certFile: leaf.chainFile, keyFile: leaf.keyFile } }),
    startPostfix({ address: '127.0.0.62', hostname: 'mx2.lab.example' }),
  ]);
});

afterAll(async () => {
  await Promise.all([withTls?.stop(), plain?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('the Postfix lab', () => {
  it('writes a main.cf confined to its folder and a master.cf listening on the given address only', () => {
    const main = postfixMainCf('/tmp/lab', { address: '127.0.0.9', mainCf: { myhostname: 'x.example', relayhost: '[127.0.0.10]:2525' } });
    expect(main).toContain('queue_directory = /tmp/lab/spool');
    expect(main).toContain('inet_interfaces = loopback-only');
    expect(main).toContain('inet_protocols = ipv4');
    expect(main).toContain('myhostname = x.example');
    expect(main).toContain('relayhost = [127.0.0.10]:2525');
    expect(main).toContain('smtpd_tls_security_level = none');
    expect(postfixMasterCf('::1', 2526).split('\n')[0]).toBe('[::1]:2526 inet n - n - - smtpd');
  });

  it('greets with its hostname and offers STARTTLS when given a certificate', async () => {
    const reply = await ehlo(withTls.address, withTls.port);
    expect(reply).toMatch(/^250-mx1\.lab\.example/m);
    expect(reply).toMatch(/^250[- ]STARTTLS/m);
  });

  it('offers no STARTTLS without a certificate', async () => {
    const reply = await ehlo(plain.address, plain.port);
    expect(reply).toMatch(/^250-mx2\.lab\.example/m);
    expect(reply).not.toMatch(/STARTTLS/);
  });

  it('speaks TLS with the certificate it was given, which the test CA validates', async () => {
    const socket = net.connect({ host: withTls.address, port: withTls.port });
    // banner → EHLO → its last line → STARTTLS → 220: one reply awaited per step
    const steps = ['EHLO probe.lab.example\r\n', 'STARTTLS\r\n', null];
    let text = '';
    await new Promise<void>((done, fail) => {
      socket.on('error', fail);
      socket.on('data', (c) => {
        text += c.toString('latin1');
        if (!/^\d{3} .*\r\n/m.test(text)) return;
        text = '';
        const next = steps.shift();
        if (next === null || next === undefined) {
          socket.removeAllListeners('data');
          done();
        } else socket.write(next);
      });
    });
    const secure = tls.connect({ socket, servername: 'mx1.lab.example', ca: ca.pem });
    await new Promise<void>((done, fail) => {
      secure.once('secureConnect', done);
      secure.once('error', fail);
    });
    expect(secure.authorized).toBe(true);
    expect(secure.getPeerCertificate().subject.CN).toBe('mx1.lab.example');
    secure.end('QUIT\r\n');
    expect(withTls.log()).toMatch(/postfix\/smtpd\[\d+\]: connect from/);
  });
});
