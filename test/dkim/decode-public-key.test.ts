import { describe, expect, test } from 'vitest';
import { decodeBase64Strict, decodePublicKey } from '../../src/dkim/decode-public-key.js';
import { parseKeyRecord } from '../../src/dkim/parse-key-record.js';
import { EC_P256_SPKI, ED25519_RAW, ED25519_SPKI, RSA_1024, RSA_2048, RSA_2048_PKCS1, RSA_4608, RSA_512 } from './keys.js';

const decode = (text: string) => decodePublicKey(parseKeyRecord(text).record);

describe('key data decoded with node:crypto', () => {
  test.each([
    [RSA_512, 512],
    [RSA_1024, 1024],
    [RSA_2048, 2048],
    [RSA_4608, 4608],
  ])('an RSA SubjectPublicKeyInfo gives its modulus length', (key, bits) => {
    expect(decode(`k=rsa; p=${key}`)).toMatchObject({ state: 'rsa', bits, encoding: 'spki' });
  });

  test('a bare RSAPublicKey (PKCS#1) is accepted and marked as such', () => {
    expect(decode(`p=${RSA_2048_PKCS1}`)).toMatchObject({ state: 'rsa', bits: 2048, encoding: 'pkcs1' });
  });

  test('RFC 8463 §4.2: Ed25519 is the raw 32-byte key', () => {
    expect(decode(`k=ed25519; p=${ED25519_RAW}`)).toEqual({ state: 'ed25519', bits: 256, bytes: 32 });
  });

  test('an SPKI-wrapped Ed25519 key is undecodable, and the fix gives the raw key', () => {
    expect(decode(`k=ed25519; p=${ED25519_SPKI}`)).toMatchObject({ state: 'undecodable', keyType: 'ed25519', suggestedValue: ED25519_RAW });
  });

  test('key data of the wrong kind for k= is undecodable and says what it is', () => {
    expect(decode(`k=rsa; p=${ED25519_RAW}`)).toMatchObject({ state: 'undecodable', reason: expect.stringContaining('Ed25519') });
    expect(decode(`k=rsa; p=${EC_P256_SPKI}`)).toMatchObject({ state: 'undecodable', reason: expect.stringContaining('ec key') });
    expect(decode(`k=ed25519; p=${RSA_1024}`)).toMatchObject({ state: 'undecodable', reason: expect.stringContaining('RSA') });
    expect(decode('k=ed25519; p=AAAA')).toMatchObject({ state: 'undecodable', reason: expect.stringContaining('3 bytes') });
  });

  test('a truncated RSA key is undecodable', () => {
    expect(decode(`p=${RSA_2048.slice(0, 200)}`)).toMatchObject({ state: 'undecodable', keyType: 'rsa' });
  });

  test('non-base64 characters are pointed at in the record text', () => {
    const text = `v=DKIM1; p=${RSA_1024.slice(0, 10)} ${RSA_1024.slice(10, 20)}!${RSA_1024.slice(21)}`;
    expect(decode(text)).toMatchObject({ state: 'undecodable', position: text.indexOf('!') });
  });

  test('an unknown k= is not decoded as a key, but what it holds is named', () => {
    expect(decode(`k=dsa; p=${RSA_1024}`)).toEqual({ state: 'unknown-type', keyType: 'dsa', looksLike: 'rsa' });
    expect(decode(`k=RSA; p=${RSA_1024}`)).toMatchObject({ state: 'unknown-type', keyType: 'RSA' });
    expect(decode('k=x; p=!!!!')).toEqual({ state: 'unknown-type', keyType: 'x', looksLike: null });
  });

  test('revoked and missing keys', () => {
    expect(decode('p=')).toEqual({ state: 'revoked' });
    expect(decode('k=rsa')).toEqual({ state: 'missing' });
  });
});

describe('strict base64 (RFC 2045 §6.8)', () => {
  test.each([
    ['QUJD', true],
    ['QUI=', true],
    ['QQ==', true],
    ['QUI', false],
    ['Q===', false],
    ['QU=I', false],
    ['QU-I', false],
  ])('%s valid: %s', (text, ok) => {
    expect(decodeBase64Strict(text).ok).toBe(ok);
  });
});
