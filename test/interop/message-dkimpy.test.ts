// Interop: messages signed by a real signer, dkimpy (Debian's python3-dkim, installed by .ci/run),
// verified by the built `authaudit message` and by dkimpy itself; the results must be equal, and
// they are not vacuous (passes that pass, tampered messages that fail). Keys are generated here and
// served from a zone file. dkimpy missing is a failure of this suite, never a skip.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { ed25519Key, rsaKey, testMessage, zoneWithKeys } from '../message/signer.js';

const PYTHON = '/usr/bin/python3';

// sign: {"message": latin1, "signers": [...]} -> the signed message; verify: -> [true|false, ...] per signature
const SCRIPT = String.raw`
import sys, json, dkim
req = json.load(sys.stdin)
msg = req["message"].encode("latin1")
if req["mode"] == "sign":
    for s in req["signers"]:
        sig = dkim.sign(msg, s["selector"].encode(), s["domain"].encode(), s["key"].encode(),
                        canonicalize=tuple(x.encode() for x in s["canon"].split("/")),
                        signature_algorithm=s["algorithm"].encode(),
                        include_headers=[h.encode() for h in s["headers"]])
        msg = sig + msg
    sys.stdout.write(msg.decode("latin1"))
else:
    records = {k.encode(): v.encode() for k, v in req["records"].items()}
    def dnsfunc(name, timeout=5):
        return records.get(name.rstrip(b".").lower())
    d = dkim.DKIM(msg)
    count = sum(1 for line in msg.split(b"\r\n") if line.lower().startswith(b"dkim-signature:"))
    out = []
    for i in range(count):
        try:
            out.append(bool(d.verify(idx=i, dnsfunc=dnsfunc)))
        except Exception:
            out.append(False)
    sys.stdout.write(json.dumps(out))
`;

function python(request: Record<string, unknown>): string {
  return execFileSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(request), encoding: 'latin1' });
}

const RSA = rsaKey();
const ED = ed25519Key();
const RECORDS = {
  'rsa._domainkey.shop.example': `v=DKIM1; k=rsa; p=${RSA.p}`,
  'ed._domainkey.shop.example': `v=DKIM1; k=ed25519; p=${ED.p}`,
};
const HEADERS = ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'];
let dir = '';
let signed = '';

beforeAll(() => {
  // a missing dkimpy fails here, with the reason: .ci/run installs python3-dkim
  execFileSync(PYTHON, ['-c', 'import dkim, nacl'], { encoding: 'utf8' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authaudit-dkimpy-'));
  fs.mkdirSync(path.join(dir, 'zones'));
  fs.writeFileSync(path.join(dir, 'zones', 'shop.example.zone'), zoneWithKeys('shop.example', { rsa: RSA, ed: ED }));
  const message = testMessage({ extraHeaders: ['List-Unsubscribe: <https://shop.example/u?id=1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] });
  const rsaPem = RSA.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
  const edSeed = Buffer.from(ED.privateKey.export({ format: 'jwk' }).d as string, 'base64url').toString('base64');
  signed = python({
    mode: 'sign',
    message,
    signers: [
      { selector: 'rsa', domain: 'shop.example', key: rsaPem, canon: 'relaxed/simple', algorithm: 'rsa-sha256', headers: HEADERS },
      { selector: 'rsa', domain: 'shop.example', key: rsaPem, canon: 'simple/simple', algorithm: 'rsa-sha256', headers: HEADERS },
      { selector: 'ed', domain: 'shop.example', key: edSeed, canon: 'relaxed/relaxed', algorithm: 'ed25519-sha256', headers: HEADERS },
    ],
  });
});

afterAll(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

async function both(message: string): Promise<{ authaudit: string[]; dkimpy: boolean[] }> {
  const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.eml`);
  fs.writeFileSync(file, message, 'latin1');
  const run = await runBuiltCli(['message', '--zone', path.join(dir, 'zones'), file, '--format', 'json', '--fail-on', 'never']);
  expect(run.stderr).toBe('');
  const dkim = jsonOf(run)['dkim'] as Array<{ result: string; algorithm: string }>;
  const dkimpy = JSON.parse(python({ mode: 'verify', message, records: RECORDS })) as boolean[];
  return { authaudit: dkim.map((d) => `${d.algorithm}:${d.result}`), dkimpy };
}

describe('dkimpy signs, authaudit and dkimpy verify, results equal', () => {
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
