// A quick reading of the common RSA key encodings in DER (X.690 §10: definite, minimal lengths), so
// that most DKIM keys need not go through node:crypto, whose OpenSSL 3 decoders take about half a
// millisecond per key. Only the canonical shapes are read here:
//   SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with rsaEncryption and NULL parameters (RFC 8017 A.1),
//     holding an RSAPublicKey in its BIT STRING with no unused bits;
//   RSAPublicKey (RFC 8017 A.1.1) alone, as some signers publish it (PKCS #1).
// Both INTEGERs positive and minimally encoded, nothing left over at any level, a modulus of 512 to
// 16384 bits and an exponent above 1 and below 2^64. Anything else is not answered here (null) and the
// caller asks node:crypto, so every answer given is one node:crypto gives too.

export interface RsaDerKey {
  /** Bit length of the modulus. */
  bits: number;
  encoding: 'spki' | 'pkcs1';
}

const MIN_MODULUS_BITS = 512;
const MAX_MODULUS_BITS = 16384;
const MAX_EXPONENT_BYTES = 8;

/** OID 1.2.840.113549.1.1.1 (rsaEncryption) then NULL, as the AlgorithmIdentifier's contents. */
const RSA_ALGORITHM = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;

/** One TLV: its contents span [start, end). */
interface Element {
  start: number;
  end: number;
}

/** The element with `tag` at `at`, whose definite, minimal length fits before `limit`; null otherwise. */
function element(der: Uint8Array, at: number, limit: number, tag: number): Element | null {
  if (at + 2 > limit || der[at] !== tag) return null;
  const first = der[at + 1]!;
  let length: number;
  let start: number;
  if (first < 0x80) {
    length = first;
    start = at + 2;
  } else if (first === 0x81) {
    if (at + 3 > limit) return null;
    length = der[at + 2]!;
    if (length < 0x80) return null; // X.690 §10.1: the short form was due
    start = at + 3;
  } else if (first === 0x82) {
    if (at + 4 > limit) return null;
    length = (der[at + 2]! << 8) | der[at + 3]!;
    if (length < 0x100) return null; // X.690 §10.1: fewer length octets were due
    start = at + 4;
  } else return null; // indefinite, or longer than any key read here
  const end = start + length;
  return end <= limit ? { start, end } : null;
}

/** Bit length of a positive, minimally encoded INTEGER's contents; null when negative, zero or padded. */
function positiveBits(der: Uint8Array, { start, end }: Element): number | null {
  if (end <= start) return null;
  let first = start;
  if (der[first] === 0x00) {
    if (end - first < 2 || der[first + 1]! < 0x80) return null; // zero, or a needless leading zero octet
    first++;
  } else if (der[first]! >= 0x80) return null; // negative
  return (end - first - 1) * 8 + (32 - Math.clz32(der[first]!));
}

/** The RSAPublicKey SEQUENCE at `at`, filling exactly up to `limit`; its modulus bit length, or null. */
function rsaPublicKey(der: Uint8Array, at: number, limit: number): number | null {
  const seq = element(der, at, limit, SEQUENCE);
  if (seq === null || seq.end !== limit) return null;
  const modulus = element(der, seq.start, seq.end, INTEGER);
  if (modulus === null) return null;
  const exponent = element(der, modulus.end, seq.end, INTEGER);
  if (exponent === null || exponent.end !== seq.end) return null;
  const bits = positiveBits(der, modulus);
  const exponentBits = positiveBits(der, exponent);
  if (bits === null || bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) return null;
  if (exponentBits === null || exponentBits < 2 || exponentBits > MAX_EXPONENT_BYTES * 8) return null;
  return bits;
}

/** The modulus size and encoding of a canonical DER RSA public key, or null (not read here: ask node:crypto). */
export function readRsaDer(der: Uint8Array): RsaDerKey | null {
  const outer = element(der, 0, der.length, SEQUENCE);
  if (outer === null || outer.end !== der.length) return null;
  const algorithm = element(der, outer.start, outer.end, SEQUENCE);
  if (algorithm === null) {
    const bits = rsaPublicKey(der, 0, der.length);
    return bits === null ? null : { bits, encoding: 'pkcs1' };
  }
  if (algorithm.end - algorithm.start !== RSA_ALGORITHM.length) return null;
  for (let i = 0; i < RSA_ALGORITHM.length; i++) if (der[algorithm.start + i] !== RSA_ALGORITHM[i]) return null;
  const key = element(der, algorithm.end, outer.end, BIT_STRING);
  if (key === null || key.end !== outer.end || key.end - key.start < 1 || der[key.start] !== 0) return null;
  const bits = rsaPublicKey(der, key.start + 1, key.end);
  return bits === null ? null : { bits, encoding: 'spki' };
}
