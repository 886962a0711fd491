// Interop: messages signed by OpenDKIM's milter (driven by miltertest), rsa-sha256 relaxed/simple,
// verified by the built `authaudit message` and by dkimpy; the key is served by
// Knot DNS on loopback and both verifiers ask it. Results must be equal and not vacuous (tampered
// messages fail). OpenDKIM, miltertest, dkimpy or Knot missing fails the suite, never skips it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { rsaKey, testMessage, zoneWithKeys } from '../message/signer.js';
import { dkimpyVerify } from './dkimpy.js';
import { startOpenDkim, type OpenDkimMilter } from './opendkim-milter.js';

const KEY = rsaKey();
const PARENT = '$ORIGIN example.\n@ IN SOA ns.example. hostmaster.example. 1 3600 600 86400 300\n@ IN NS ns.example.\nns IN A 192.0.2.53\n';
let dir = '';
let knot: KnotServer;
let milter: OpenDkimMilter;
let signed = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authaudit-opendkim-'));
  fs.mkdirSync(path.join(dir, 'zones'));
  fs.writeFileSync(path.join(dir, 'zones', 'shop.example.zone'), zoneWithKeys('shop.example', { mail: KEY }));
  fs.writeFileSync(path.join(dir, 'zones', 'example.zone'), PARENT);
  knot = await startKnot({ zoneDirs: [path.join(dir, 'zones')] });
  milter = await startOpenDkim({
    dir,
    domain: 'shop.example',
    selector: 'mail',
    key: KEY.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
    canonicalization: 'relaxed/simple',
    signHeaders: ['From', 'To', 'Subject', 'Date', 'Message-ID', 'List-Unsubscribe', 'List-Unsubscribe-Post'],
  });
  const message = testMessage({ extraHeaders: ['List-Unsubscribe: <https://shop.example/u?id=1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] });
  signed = milter.sign(message, { mailFrom: 'news@shop.example', rcptTo: 'reader@inbox.example' });
}, 30_000);

afterAll(async () => {
  await milter?.stop();
  await knot?.stop();
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

async function both(message: string): Promise<{ authaudit: string[]; dkimpy: boolean[]; doc: Record<string, unknown> }> {
  const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.eml`);
  fs.writeFileSync(file, message, 'latin1');
  const run = await runBuiltCli(['message', '--resolver', `${knot.address}:${knot.port}`, '--timeout', '3000', file, '--format', 'json', '--fail-on', 'never']);
  expect(run.stderr).toBe('');
  const doc = jsonOf(run);
  const dkim = doc['dkim'] as Array<{ result: string; reason: string | null }>;
  return { authaudit: dkim.map((d) => `${d.result}:${d.reason ?? ''}`), dkimpy: dkimpyVerify(message, { server: knot.address, port: knot.port }), doc };
}

describe('OpenDKIM signs, authaudit and dkimpy verify with the key from Knot, results equal', () => {
  it("OpenDKIM's signature passes for both, and it is what was configured (rsa-sha256, relaxed/simple, d=, s=)", async () => {
    const r = await both(signed);
    expect(r.authaudit).toEqual(['pass:']);
    expect(r.dkimpy).toEqual([true]);
    expect(r.doc['dkim']).toEqual([expect.objectContaining({ domain: 'shop.example', selector: 'mail', algorithm: 'rsa-sha256', canonicalization: 'relaxed/simple' })]);
    // the one-click unsubscribe fields are in OpenDKIM's h=, so RFC 8058 §4 is met
    expect(r.doc['unsubscribe']).toMatchObject({ oneClick: true, signed: true });
  });

  it('a changed body fails for both (body hash mismatch)', async () => {
    const r = await both(signed.replace('spring sale', 'summer sale'));
    expect(r.authaudit).toEqual(['fail:body hash mismatch']);
    expect(r.dkimpy).toEqual([false]);
  });

  it('white space added at a body line end: the simple body fails for both', async () => {
    const r = await both(signed.replace('starts today.', 'starts today. '));
    expect(r.authaudit).toEqual(['fail:body hash mismatch']);
    expect(r.dkimpy).toEqual([false]);
  });

  it('a re-folded signed header: relaxed header canonicalization passes for both', async () => {
    const r = await both(signed.replace('Subject: Spring sale', 'Subject:   Spring\r\n\tsale'));
    expect(r.authaudit).toEqual(['pass:']);
    expect(r.dkimpy).toEqual([true]);
  });

  it('a changed signed header fails for both (signature mismatch)', async () => {
    const r = await both(signed.replace('Subject: Spring sale', 'Subject: Spring sale!'));
    expect(r.authaudit).toEqual(['fail:signature mismatch']);
    expect(r.dkimpy).toEqual([false]);
  });
});
