// readRsaDer reads canonical DER RSA keys without node:crypto. Whatever it answers must be what
// node:crypto answers for the same bytes (modulus size, SPKI first, then PKCS #1); whatever it
// declines goes to node:crypto, so only its answers are checked, on real keys, on random canonical
// structures, and on damaged copies of both.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readRsaDer } from '../../src/dkim/rsa-der.js';
import { decodePublicKey } from '../../src/dkim/decode-public-key.js';
import { parseKeyRecord } from '../../src/dkim/parse-key-record.js';

/** What node:crypto makes of the bytes: the way decode-public-key.ts asked it before the quick path. */
function viaCrypto(der: Uint8Array): { bits: number; encoding: 'spki' | 'pkcs1' } | 'not-rsa' {
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: Buffer.from(der), format: 'der', type });
      const bits = key.asymmetricKeyDetails?.modulusLength;
      if (key.asymmetricKeyType === 'rsa' && bits !== undefined) return { bits, encoding: type };
      return 'not-rsa';
    } catch {
      // try the next encoding
    }
  }
  return 'not-rsa';
}

const length = (n: number): number[] => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
const tlv = (tag: number, body: number[]): number[] => [tag, ...length(body.length), ...body];
const integer = (magnitude: number[]): number[] => tlv(0x02, (magnitude[0] ?? 0) >= 0x80 ? [0, ...magnitude] : magnitude);
const RSA_ALGORITHM = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
const pkcs1 = (n: number[], e: number[]): number[] => tlv(0x30, [...integer(n), ...integer(e)]);
const spki = (n: number[], e: number[]): number[] => tlv(0x30, [...RSA_ALGORITHM, ...tlv(0x03, [0, ...pkcs1(n, e)])]);

/** A modulus (no leading zero octets) of 56 to 520 octets, and an exponent of 1 to 9 octets. */
const numbers = fc.tuple(
  fc.integer({ min: 1, max: 255 }),
  fc.uint8Array({ minLength: 55, maxLength: 519 }),
  fc.integer({ min: 1, max: 255 }),
  fc.uint8Array({ maxLength: 8 }),
);

const realKeys = [512, 1024, 2048].map((modulusLength) => generateKeyPairSync('rsa', { modulusLength }).publicKey);
const realDer = realKeys.flatMap((k) => [k.export({ type: 'spki', format: 'der' }), k.export({ type: 'pkcs1', format: 'der' })]);

describe('readRsaDer', () => {
  it('reads real keys in both encodings as node:crypto does', () => {
    for (const der of realDer) expect(readRsaDer(der)).toEqual(viaCrypto(der));
    expect(realDer.map((d) => readRsaDer(d)?.bits)).toEqual([512, 512, 1024, 1024, 2048, 2048]);
  });

  it('answers as node:crypto does for random canonical keys', () => {
    fc.assert(
      fc.property(numbers, fc.boolean(), ([n0, nRest, e0, eRest], wrapped) => {
        const der = Uint8Array.from((wrapped ? spki : pkcs1)([n0, ...nRest], [e0, ...eRest]));
        const quick = readRsaDer(der);
        if (quick !== null) expect(quick).toEqual(viaCrypto(der));
        // the quick path does cover the usual sizes: 512 to 16384 bits, an exponent above 1 of at most 8 octets
        const bits = nRest.length * 8 + (32 - Math.clz32(n0));
        const usual = bits >= 512 && eRest.length < 8 && (eRest.length > 0 || e0 > 1);
        expect(quick !== null).toBe(usual);
      }),
      { numRuns: 200 },
    );
  });

  it('answers as node:crypto does for damaged keys: bytes changed, dropped or added', () => {
    const damage = fc.tuple(fc.nat(), fc.constantFrom('change', 'drop', 'add'), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(numbers, fc.boolean(), fc.array(damage, { minLength: 1, maxLength: 3 }), ([n0, nRest, e0, eRest], wrapped, damages) => {
        const bytes = (wrapped ? spki : pkcs1)([n0, ...nRest], [e0, ...eRest]);
        for (const [at, how, value] of damages) {
          const i = at % (bytes.length + 1);
          if (how === 'change') bytes[Math.min(i, bytes.length - 1)] = value;
          else if (how === 'drop') bytes.splice(i, 1);
          else bytes.splice(i, 0, value);
        }
        const der = Uint8Array.from(bytes);
        const quick = readRsaDer(der);
        if (quick !== null) expect(quick).toEqual(viaCrypto(der));
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it('leaves to node:crypto what is not canonical: padded, negative or tiny numbers, other algorithms, extra bytes', () => {
    const n = [0xc3, ...Array<number>(255).fill(0x55)];
    const declined = [
      tlv(0x30, [...tlv(0x02, [0, 0, ...n]), ...integer([1, 0, 1])]), // a needless leading zero
      tlv(0x30, [...tlv(0x02, n), ...integer([1, 0, 1])]), // a negative modulus
      pkcs1([0x05], [3]), // a 3-bit modulus
      pkcs1(n, [1]), // exponent 1
      [...spki(n, [1, 0, 1]), 0], // a byte after the key
      tlv(0x30, [...tlv(0x30, RSA_ALGORITHM.slice(2, 13)), ...tlv(0x03, [0, ...pkcs1(n, [1, 0, 1])])]), // no NULL parameters
      tlv(0x30, [0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, ...tlv(0x03, [0, ...Array<number>(32).fill(7)])]), // Ed25519 SPKI
    ];
    for (const der of declined) expect(readRsaDer(Uint8Array.from(der))).toBeNull();
  });

  it('leaves decodePublicKey’s verdicts as node:crypto gave them', () => {
    const b64 = (der: Uint8Array | number[]): string => Buffer.from(Uint8Array.from(der)).toString('base64');
    for (const der of realDer) {
      const decoded = decodePublicKey(parseKeyRecord(`v=DKIM1; k=rsa; p=${b64(der)}`).record);
      const expected = viaCrypto(der);
      expect(expected).not.toBe('not-rsa');
      if (expected !== 'not-rsa') expect(decoded).toEqual({ state: 'rsa', bits: expected.bits, encoding: expected.encoding, bytes: der.length });
    }
    const negative = [0x30, 0x0a, 0x02, 0x03, 0x83, 0x00, 0x01, 0x02, 0x03, 0x01, 0x00, 0x01];
    expect(decodePublicKey(parseKeyRecord(`v=DKIM1; k=rsa; p=${b64(negative)}`).record).state).toBe(viaCrypto(Uint8Array.from(negative)) === 'not-rsa' ? 'undecodable' : 'rsa');
  });
});
