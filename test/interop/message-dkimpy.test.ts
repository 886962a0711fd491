// Interop: messages signed and ARC-sealed by a real signer, dkimpy (Debian's python3-dkim, installed
// by .ci/run), verified by the built `authaudit message` and by dkimpy itself; the results must be
// equal, and they are not vacuous (passes that pass, tampered messages that fail). Keys are
// generated here and served by Knot DNS on loopback: both verifiers ask it (authaudit through
// --resolver, dkimpy through dnspython). dkimpy or Knot missing is a failure of this suite, never a skip.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { ed25519Key, rsaKey, testMessage, zoneWithKeys, type TestKey } from '../message/signer.js';
import { dkimpyArcSeal, dkimpyArcVerify, dkimpySign, dkimpyVerify, PYTHON, type DnsServer } from './dkimpy.js';

const RSA = rsaKey();
const ED = ed25519Key();
const LIST = rsaKey();
const FWD = rsaKey();
const HEADERS = ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'];
const pem = (k: TestKey): string => k.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
const PARENT = '$ORIGIN example.\n@ IN SOA ns.example. hostmaster.example. 1 3600 600 86400 300\n@ IN NS ns.example.\nns IN A 192.0.2.53\n';
let dir = '';
let knot: KnotServer;
let dns: DnsServer;
let signed = '';

beforeAll(async () => {
  // a missing dkimpy (or its ARC and DNS helpers) fails here, with the reason: .ci/run installs them
  execFileSync(PYTHON, ['-c', 'import dkim, nacl, authres, dns.resolver'], { encoding: 'utf8' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authaudit-dkimpy-'));
  fs.writeFileSync(path.join(dir, 'shop.example.zone'), zoneWithKeys('shop.example', { rsa: RSA, ed: ED }));
  fs.writeFileSync(path.join(dir, 'list.example.zone'), zoneWithKeys('list.example', { arc: LIST }));
  fs.writeFileSync(path.join(dir, 'fwd.example.zone'), zoneWithKeys('fwd.example', { arc: FWD }));
  fs.writeFileSync(path.join(dir, 'example.zone'), PARENT);
  knot = await startKnot({ zoneDirs: [dir] });
  dns = { server: knot.address, port: knot.port };
  const message = testMessage({ extraHeaders: ['List-Unsubscribe: <https://shop.example/u?id=1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] });
  const edSeed = Buffer.from(ED.privateKey.export({ format: 'jwk' }).d as string, 'base64url').toString('base64');
  signed = dkimpySign(message, [
    { selector: 'rsa', domain: 'shop.example', key: pem(RSA), canon: 'relaxed/simple', algorithm: 'rsa-sha256', headers: HEADERS },
    { selector: 'rsa', domain: 'shop.example', key: pem(RSA), canon: 'simple/simple', algorithm: 'rsa-sha256', headers: HEADERS },
    { selector: 'ed', domain: 'shop.example', key: edSeed, canon: 'relaxed/relaxed', algorithm: 'ed25519-sha256', headers: HEADERS },
  ]);
}, 30_000);

afterAll(async () => {
  await knot?.stop();
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

async function authaudit(message: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.eml`);
  fs.writeFileSync(file, message, 'latin1');
  const run = await runBuiltCli(['message', '--resolver', `${knot.address}:${knot.port}`, '--timeout', '3000', file, '--format', 'json', '--fail-on', 'never']);
  expect(run.stderr).toBe('');
  return jsonOf(run);
}

async function both(message: string): Promise<{ authaudit: string[]; dkimpy: boolean[] }> {
  const dkim = (await authaudit(message))['dkim'] as Array<{ result: string; algorithm: string }>;
  return { authaudit: dkim.map((d) => `${d.algorithm}:${d.result}`), dkimpy: dkimpyVerify(message, dns) };
}

describe('dkimpy signs, authaudit and dkimpy verify with keys from Knot, results equal', () => {
  it('three signatures (ed25519-sha256 relaxed/relaxed, rsa-sha256 simple/simple and relaxed/simple) all pass', async () => {
    const r = await both(signed);
    expect(r.authaudit).toEqual(['ed25519-sha256:pass', 'rsa-sha256:pass', 'rsa-sha256:pass']);
    expect(r.dkimpy).toEqual([true, true, true]);
  });

  it('a changed body fails all three, for both', async () => {
    const r = await both(signed.replace('spring sale', 'summer sale'));
    expect(r.authaudit).toEqual(['ed25519-sha256:fail', 'rsa-sha256:fail', 'rsa-sha256:fail']);
    expect(r.dkimpy).toEqual([false, false, false]);
  });

  it('white space added at line ends of the body: relaxed body canonicalization survives it, simple does not, for both', async () => {
    const r = await both(signed.replace('starts today.', 'starts today.  '));
    expect(r.authaudit).toEqual(['ed25519-sha256:pass', 'rsa-sha256:fail', 'rsa-sha256:fail']);
    expect(r.dkimpy).toEqual([true, false, false]);
  });

  it('a re-folded Subject: relaxed header canonicalization survives it, simple does not, for both', async () => {
    const r = await both(signed.replace('Subject: Spring sale', 'Subject: Spring\r\n sale'));
    expect(r.authaudit).toEqual(['ed25519-sha256:pass', 'rsa-sha256:fail', 'rsa-sha256:pass']);
    expect(r.dkimpy).toEqual([true, false, true]);
  });
});

describe('dkimpy ARC-seals (RFC 8617), authaudit and dkimpy verify the chain, results equal', () => {
  const seal = (message: string, who: 'list' | 'fwd', results: string): string => {
    const domain = `${who}.example`;
    return dkimpyArcSeal(`Authentication-Results: ${domain}; ${results}\r\n${message}`, { selector: 'arc', domain, key: pem(who === 'list' ? LIST : FWD), authservId: domain, headers: ['from', 'to', 'subject', 'date', 'message-id'] });
  };
  let one = '';
  let two = '';
  beforeAll(() => {
    one = seal(signed, 'list', 'dkim=pass header.d=shop.example');
    two = seal(one, 'fwd', 'arc=pass; dkim=pass header.d=shop.example');
  });

  /** authaudit's chain result and per instance [AMS pass, AS pass], beside dkimpy's. */
  async function chains(message: string) {
    const arc = (await authaudit(message))['arc'] as { result: string; brokenAt: number | null; sets: Array<{ instance: number; seal: { result: string }; messageSignature: { result: string } }> };
    const sets = Object.fromEntries(arc.sets.map((s) => [String(s.instance), [s.messageSignature.result === 'pass', s.seal.result === 'pass']]));
    const py = dkimpyArcVerify(message, dns);
    return { authaudit: { cv: arc.result, sets }, dkimpy: { cv: py.cv, sets: py.sets }, brokenAt: arc.brokenAt };
  }

  it('no ARC fields: none for both', async () => {
    const r = await chains(signed);
    expect(r.authaudit).toEqual({ cv: 'none', sets: {} });
    expect(r.dkimpy).toEqual(r.authaudit);
  });

  it('one set and two sets (a list, then a forwarder): pass, every seal and message signature valid, for both', async () => {
    const r1 = await chains(one);
    expect(r1.authaudit).toEqual({ cv: 'pass', sets: { 1: [true, true] } });
    expect(r1.dkimpy).toEqual(r1.authaudit);
    const r2 = await chains(two);
    expect(r2.authaudit).toEqual({ cv: 'pass', sets: { 1: [true, true], 2: [true, true] } });
    expect(r2.dkimpy).toEqual(r2.authaudit);
  });

  it('the body changed after the last seal: every message signature fails, the seals still verify, the chain fails, for both', async () => {
    const r = await chains(two.replace('spring sale', 'summer sale'));
    expect(r.authaudit).toEqual({ cv: 'fail', sets: { 1: [false, true], 2: [false, true] } });
    expect(r.dkimpy).toEqual(r.authaudit);
    expect(r.brokenAt).toBe(2);
  });

  it('the first set altered under the second (its ARC-Authentication-Results): both seals fail, for both', async () => {
    const r = await chains(two.replace('i=1; list.example;', 'i=1; list.example; spf=pass;'));
    expect(r.authaudit).toEqual({ cv: 'fail', sets: { 1: [true, false], 2: [true, false] } });
    expect(r.dkimpy).toEqual(r.authaudit);
    expect(r.brokenAt).toBe(2);
  });
});
