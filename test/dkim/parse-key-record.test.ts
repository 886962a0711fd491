import { describe, expect, test } from 'vitest';
import { parseKeyRecord, publicKeyOffset } from '../../src/dkim/parse-key-record.js';

describe('RFC 6376 §3.6.1 key records', () => {
  test('k defaults to rsa, s to every service, h to every hash, t to no flags', () => {
    const { record, errors } = parseKeyRecord('p=AAAA');
    expect(errors).toEqual([]);
    expect(record).toMatchObject({ version: null, keyType: 'rsa', keyTypeExplicit: false, serviceTypes: null, hashAlgorithms: null, flags: [], notes: null, publicKey: 'AAAA' });
  });

  test('every known tag is read', () => {
    const { record, errors } = parseKeyRecord('v=DKIM1; h=sha1:sha256; k=ed25519; n=rotated 2025; s=email:*; t=y:s; p=AAAA');
    expect(errors).toEqual([]);
    expect(record).toMatchObject({
      version: 'DKIM1',
      hashAlgorithms: ['sha1', 'sha256'],
      keyType: 'ed25519',
      keyTypeExplicit: true,
      notes: 'rotated 2025',
      serviceTypes: ['email', '*'],
      flags: ['y', 's'],
      publicKey: 'AAAA',
    });
  });

  test('an empty p= is a revoked key, not a missing one', () => {
    expect(parseKeyRecord('v=DKIM1; p=').record.publicKey).toBe('');
    expect(parseKeyRecord('v=DKIM1; p=').errors).toEqual([]);
  });

  test('p= is required', () => {
    const { record, errors } = parseKeyRecord('v=DKIM1; k=rsa');
    expect(record.publicKey).toBeNull();
    expect(errors).toMatchObject([{ code: 'missing-public-key' }]);
  });

  test('white space inside p= (from folding or split strings) is removed', () => {
    const { record } = parseKeyRecord('p=AB CD\r\n EF\tGH');
    expect(record.publicKey).toBe('ABCDEFGH');
    expect(publicKeyOffset(record, 0)).toBe(2);
    expect(publicKeyOffset(record, 2)).toBe(5);
    expect(publicKeyOffset(record, 4)).toBe(10);
  });

  test('v= must be exactly DKIM1: case and extra characters matter', () => {
    for (const bad of ['dkim1', 'DKIM2', 'DKIM1:', ' ']) {
      const text = `v=${bad}; p=AAAA`;
      const { errors } = parseKeyRecord(text);
      expect(errors.map((e) => e.code), text).toEqual(['bad-version']);
    }
    expect(parseKeyRecord('v=DKIM1; p=AAAA').errors).toEqual([]);
  });

  test('v= must come first when present', () => {
    const { errors } = parseKeyRecord('k=rsa; v=DKIM1; p=AAAA');
    expect(errors).toMatchObject([{ code: 'version-not-first', position: 7 }]);
  });

  test('a colon list with an empty item is an error at the item', () => {
    const { errors } = parseKeyRecord('h=sha256::sha1; p=AAAA');
    expect(errors).toMatchObject([{ code: 'bad-list', position: 9 }]);
  });

  test('unknown tags are kept (verifiers ignore them); a duplicate invalidates the record', () => {
    const { record, errors } = parseKeyRecord('p=AAAA; x=1; g=*');
    expect(errors).toEqual([]);
    expect(record.unknownTags.map((t) => t.name)).toEqual(['x', 'g']);
    expect(parseKeyRecord('p=AAAA; p=BBBB').errors).toMatchObject([{ code: 'duplicate-tag', position: 8 }]);
  });
});
