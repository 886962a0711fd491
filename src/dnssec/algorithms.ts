// The signature algorithms authaudit validates (RFC 8624 §3.1: the ones to implement), each checked
// with node:crypto from the DNSKEY's public key as DNS writes it.

import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DNSKEY/RRSIG algorithm numbers (IANA "DNS Security Algorithm Numbers"). */
export const ALGORITHM_NAMES: Readonly<Record<number, string>> = {
  5: 'RSASHA1', 7: 'RSASHA1-NSEC3-SHA1', 8: 'RSASHA256', 10: 'RSASHA512', 13: 'ECDSAP256SHA256', 14: 'ECDSAP384SHA384', 15: 'ED25519', 16: 'ED448',
};

export function algorithmName(algorithm: number): string {
  return ALGORITHM_NAMES[algorithm] ?? `algorithm ${algorithm}`;
}

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported';

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** The public key as node:crypto takes it; null when the bytes are not a key of that algorithm. */
function publicKey(algorithm: number, key: Uint8Array): KeyObject | null {
  try {
    switch (algorithm) {
      case 8:
      case 10: {
        // RFC 3110 §2: a one-byte exponent length (or 0 and two bytes), the exponent, the modulus
        const long = key[0] === 0;
        const expLength = long ? ((key[1] ?? 0) << 8) | (key[2] ?? 0) : (key[0] ?? 0);
        const start = long ? 3 : 1;
        const e = key.subarray(start, start + expLength);
        const n = key.subarray(start + expLength);
        if (expLength === 0 || n.length === 0) return null;
        return createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
      }
      case 13:
      case 14: {
        // RFC 6605 §4: Q as x | y, 32 or 48 bytes each
        const size = algorithm === 13 ? 32 : 48;
        if (key.length !== 2 * size) return null;
        const crv = algorithm === 13 ? 'P-256' : 'P-384';
        return createPublicKey({ key: { kty: 'EC', crv, x: b64url(key.subarray(0, size)), y: b64url(key.subarray(size)) }, format: 'jwk' });
      }
      case 15:
        // RFC 8080 §3: the 32-byte public key
        if (key.length !== 32) return null;
        return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(key) }, format: 'jwk' });
      default:
        return null;
    }
  } catch {
    return null;
  }
}

const HASHES: Readonly<Record<number, string | null>> = { 8: 'sha256', 10: 'sha512', 13: 'sha256', 14: 'sha384', 15: null };

/** Whether algorithm (RSA/SHA-256, RSA/SHA-512, ECDSA P-256/P-384, Ed25519) is one authaudit checks. */
export function isSupportedAlgorithm(algorithm: number): boolean {
  return Object.hasOwn(HASHES, algorithm);
}

/** Check `signature` over `data` with a DNSKEY's public key. */
export function checkSignature(algorithm: number, key: Uint8Array, data: Uint8Array, signature: Uint8Array): SignatureCheck {
  if (!isSupportedAlgorithm(algorithm)) return 'unsupported';
  const keyObject = publicKey(algorithm, key);
  if (keyObject === null) return 'invalid';
  try {
    // RFC 6605 §4: an ECDSA signature is r | s, not DER
    const dsaEncoding = algorithm === 13 || algorithm === 14 ? ('ieee-p1363' as const) : undefined;
    const ok = verify(HASHES[algorithm] ?? null, data, dsaEncoding === undefined ? keyObject : { key: keyObject, dsaEncoding }, signature);
    return ok ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
