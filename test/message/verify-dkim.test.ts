// RFC 6376 §6.1 verification of signatures made in the test with node:crypto (test/message/signer.ts,
// written apart from the code under test), keys served from zone text through a ZoneResolver; and
// of signatures made by mailauth's signer, an independent implementation.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { bodyHashSpecs, dkimSignatures } from '../../src/message/dkim-signature.js';
import { chunksOf, readMessage } from '../../src/message/read-message.js';
import { verifyDkimSignature, type DkimVerification } from '../../src/message/verify-dkim.js';
import type { Resolver } from '../../src/dns/types.js';
import { ed25519Key, rsaKey, signMessage, testMessage, zoneWithKeys, zonesResolver, type SignOptions } from './signer.js';

const NOW = 1772445600; // 2026-03-02T10:00:00Z
const RSA = rsaKey();
const RSA_OTHER = rsaKey();
const ED = ed25519Key();
const RSA_512 = rsaKey(512);

function resolver(extra: Record<string, string> = {}, failures: Parameters<typeof zonesResolver>[1] = {}): Resolver {
  return zonesResolver(
    {
      'shop.example': zoneWithKeys('shop.example', {
        rsa: RSA,
        ed: ED,
        other: RSA_OTHER,
        revoked: 'v=DKIM1; p=',
        short: RSA_512,
        strict: `v=DKIM1; t=s; p=${RSA.p}`,
        sha1only: `v=DKIM1; h=sha1; p=${RSA.p}`,
        edtype: `v=DKIM1; k=ed25519; p=${ED.p}`,
        mislabeled: `v=DKIM1; k=ed25519; p=${RSA.p}`,
        ...extra,
      }),
    },
    failures,
  );
}

async function verify(message: string, options: { now?: number; dns?: Resolver } = {}): Promise<DkimVerification[]> {
  const raw = await readMessage(chunksOf(message, 13), (fields) => bodyHashSpecs(dkimSignatures(fields)));
  return Promise.all(dkimSignatures(raw.fields).map((s) => verifyDkimSignature(s, raw.fields, raw.bodyHashes, { resolver: options.dns ?? resolver(), now: options.now ?? NOW })));
}

const signed = (o: Partial<SignOptions> = {}, message = testMessage()): string => signMessage(message, { key: RSA, domain: 'shop.example', selector: 'rsa', ...o });
const brief = (rs: readonly DkimVerification[]) => rs.map((r) => [r.result, r.reason]);

describe('a signature that verifies passes (RFC 6376 §6.1.3)', () => {
  it.each(['relaxed/relaxed', 'simple/simple', 'relaxed/simple', 'simple/relaxed'] as const)('rsa-sha256, c=%s', async (c) => {
    expect(brief(await verify(signed({ canonicalization: c })))).toEqual([['pass', null]]);
  });

  it('ed25519-sha256 with the raw 32-byte key (RFC 8463)', async () => {
    const results = await verify(signed({ key: ED, selector: 'ed' }));
    expect(brief(results)).toEqual([['pass', null]]);
    expect(results[0]?.signature.algorithm).toBe('ed25519-sha256');
  });

  it('an Ed25519 and an RSA signature on one message both pass, each with its own key', async () => {
    const message = signed({ key: ED, selector: 'ed' }, signed());
    expect(brief(await verify(message))).toEqual([
      ['pass', null],
      ['pass', null],
    ]);
  });

  it('a relay adding a Received field on top does not break a signature over the Received below (§5.4.2: from the bottom)', async () => {
    const message = signed({ headers: ['from', 'received', 'subject'] }, testMessage({ extraHeaders: ['Received: from a.shop.example by b.shop.example; Mon, 02 Mar 2026 10:00:00 +0000'] }));
    const relayed = `Received: from b.shop.example by mx.inbox.example; Mon, 02 Mar 2026 10:00:01 +0000\r\n${message}`;
    expect(brief(await verify(relayed))).toEqual([['pass', null]]);
  });
});

describe('a signature that does not verify fails, with the reason', () => {
  it('body hash mismatch when the body changed', async () => {
    expect(brief(await verify(signed().replace('spring sale', 'summer sale')))).toEqual([['fail', 'body hash mismatch']]);
  });

  it('simple body canonicalization: added trailing white space fails, relaxed does not', async () => {
    const touch = (m: string): string => m.replace('starts today.', 'starts today.   ');
    expect(brief(await verify(touch(signed({ canonicalization: 'relaxed/simple' }))))).toEqual([['fail', 'body hash mismatch']]);
    expect(brief(await verify(touch(signed({ canonicalization: 'relaxed/relaxed' }))))).toEqual([['pass', null]]);
  });

  it('signature mismatch when a signed header changed, or the key at the selector is another one', async () => {
    expect(brief(await verify(signed().replace('Subject: Spring sale', 'Subject: Spring SALE')))).toEqual([['fail', 'signature mismatch']]);
    expect(brief(await verify(signed().replace('s=rsa', 's=other')))).toEqual([['fail', 'signature mismatch']]);
  });

  it('an unsigned header field may change without breaking the signature', async () => {
    const message = signed({ headers: ['from', 'subject'] });
    expect(brief(await verify(message.replace('To: Reader', 'To: Someone Else')))).toEqual([['pass', null]]);
  });
});

describe('signatures verifiers do not accept (RFC 6376 §6.1.1, RFC 8301)', () => {
  it('rsa-sha1 gives policy with reason rsa-sha1, and says whether it would otherwise verify', async () => {
    const good = await verify(signed({ hash: 'sha1' }));
    expect(good.map((r) => [r.result, r.reason, r.otherwise])).toEqual([['policy', 'rsa-sha1', 'pass']]);
    const bad = await verify(signed({ hash: 'sha1' }).replace('spring sale', 'summer sale'));
    expect(bad.map((r) => [r.result, r.reason, r.otherwise])).toEqual([['policy', 'rsa-sha1', 'fail']]);
  });

  it('h= without From is a permerror, even when the signature itself is good', async () => {
    expect(brief(await verify(signed({ headers: ['to', 'subject'] })))).toEqual([['permerror', 'From not signed']]);
  });

  it('x= in the past of --now is an expired signature; t= in the future is not accepted', async () => {
    const message = signed({ timestamp: NOW - 7200, expiration: NOW - 3600 });
    expect(brief(await verify(message))).toEqual([['permerror', 'signature expired']]);
    expect(brief(await verify(message, { now: NOW - 5000 }))).toEqual([['pass', null]]);
    expect(brief(await verify(signed({ timestamp: NOW + 86400 })))).toEqual([['permerror', 'timestamp in the future']]);
  });

  it('i= outside d= is a permerror; a subdomain of d= is fine unless the key says t=s', async () => {
    expect(brief(await verify(signed({ identity: 'news@shop.example.net' })))).toEqual([['permerror', 'i= outside d=']]);
    expect(brief(await verify(signed({ identity: 'news@mail.shop.example' })))).toEqual([['pass', null]]);
    expect(brief(await verify(signed({ identity: 'news@mail.shop.example', selector: 'strict' })))).toEqual([['permerror', 'i= not d= (t=s)']]);
  });

  it('broken base64 in b= or bh= is a permerror naming the tag', async () => {
    expect(brief(await verify(signed().replace(/ b=([A-Za-z0-9+/]{10})/, ' b=$1!')))).toEqual([['permerror', 'b= not base64']]);
    expect(brief(await verify(signed().replace(/bh=([A-Za-z0-9+/]{10})/, 'bh=$1*')))).toEqual([['permerror', 'bh= not base64']]);
  });

  it('a tag list that does not parse, or a missing required tag, is a permerror', async () => {
    expect(brief(await verify(signed().replace('v=1; ', 'v=1; v=1; ')))).toEqual([['permerror', 'syntax']]);
    expect(brief(await verify(signed().replace(/ s=rsa;/, '')))).toEqual([['permerror', 'missing s=']]);
    expect(brief(await verify(signed().replace('a=rsa-sha256', 'a=rsa-sha512')))).toEqual([['permerror', 'unknown algorithm']]);
  });
});

describe('the key (RFC 6376 §6.1.2): what DNS answers decides', () => {
  it('no key record: permerror "no key"; an empty p=: "key revoked"', async () => {
    expect(brief(await verify(signed({ selector: 'missing' })))).toEqual([['permerror', 'no key']]);
    const revoked = await verify(signed({ selector: 'revoked' }));
    expect(brief(revoked)).toEqual([['permerror', 'key revoked']]);
    // the key's own findings are the dkim command's
    expect(revoked[0]?.key?.findings.map((f) => f.id)).toEqual(['dkim-key-revoked']);
  });

  it('a key lookup that times out is a temperror', async () => {
    const dns = resolver({}, { failures: [{ name: 'rsa._domainkey.shop.example', failure: 'timeout', exceptTypes: [] }] });
    expect(brief(await verify(signed(), { dns }))).toEqual([['temperror', 'key lookup failed']]);
  });

  it('RSA below 1024 bits is not accepted (RFC 8301 §3.2); a key allowing only sha1 refuses sha256', async () => {
    expect(brief(await verify(signed({ key: RSA_512, selector: 'short' })))).toEqual([['permerror', 'key too short']]);
    expect(brief(await verify(signed({ selector: 'sha1only' })))).toEqual([['permerror', 'hash not allowed by key']]);
  });

  it('a signature algorithm that does not match the key type is a permerror', async () => {
    expect(brief(await verify(signed({ selector: 'edtype' })))).toEqual([['permerror', 'key type mismatch']]);
  });
});

describe('signatures made by another implementation (mailauth) verify', () => {
  const require = createRequire(import.meta.url);
  const { dkimSign } = require('mailauth/lib/dkim/sign') as {
    dkimSign(input: Buffer, options: Record<string, unknown>): Promise<{ signatures: string; errors: unknown[] }>;
  };
  const pem = (k: typeof RSA): string => k.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  it.each([
    ['relaxed/relaxed', RSA, 'rsa'],
    ['simple/simple', RSA, 'rsa'],
    ['relaxed/relaxed', ED, 'ed'],
  ] as const)('%s with the %s key', async (canonicalization, key, selector) => {
    const message = testMessage({ extraHeaders: ['List-Unsubscribe: <https://shop.example/u/1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'] });
    const { signatures, errors } = await dkimSign(Buffer.from(message), {
      canonicalization,
      signTime: new Date(NOW * 1000),
      signatureData: [{ signingDomain: 'shop.example', selector, privateKey: pem(key), algorithm: key.type === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256' }],
    });
    expect(errors).toEqual([]);
    const results = await verify(signatures + message);
    expect(brief(results)).toEqual([['pass', null]]);
  });
});
