// Decode the `p=` key data: RSA as DER SubjectPublicKeyInfo (RFC 6376 Appendix C; a bare PKCS#1
// RSAPublicKey is accepted too, as some signers publish it), Ed25519 as the raw 32-byte key (RFC 8463
// §4.2). Canonical RSA keys are read by rsa-der.ts; node:crypto decides everything else. Never
// throws: a key that cannot be used says why.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { publicKeyOffset } from './parse-key-record.js';
import { readRsaDer } from './rsa-der.js';
import type { DecodedKey, DkimKeyRecord, KnownKeyType } from './types.js';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), followed by the 32 key bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const ED25519_KEY_BYTES = 32;

type Base64Result = { ok: true; bytes: Buffer } | { ok: false; index: number; reason: string };

/** Strict base64 (RFC 2045 §6.8, which RFC 6376 §2.4 refers to): the alphabet, padding to 4. */
export function decodeBase64Strict(text: string): Base64Result {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad !== null) return { ok: false, index: bad.index, reason: `'${bad[0]}' is not a base64 character` };
  const pad = text.indexOf('=');
  if (pad !== -1 && !/^={1,2}$/.test(text.slice(pad))) {
    return { ok: false, index: pad, reason: "'=' padding may only end the value, at most twice" };
  }
  if (text.length % 4 !== 0) {
    return { ok: false, index: text.length, reason: `${text.length} base64 characters is not a multiple of 4 (padding missing or characters lost)` };
  }
  return { ok: true, bytes: Buffer.from(text, 'base64') };
}

function tryKey(make: () => KeyObject): KeyObject | null {
  try {
    return make();
  } catch {
    return null;
  }
}

type RsaAttempt =
  | { kind: 'rsa'; bits: number; encoding: 'spki' | 'pkcs1' }
  | { kind: 'other-spki'; keyType: string }
  | { kind: 'none' };

function tryRsa(der: Buffer): RsaAttempt {
  // the usual shapes are read directly; node:crypto decides the rest
  const quick = readRsaDer(der);
  if (quick !== null) return { kind: 'rsa', bits: quick.bits, encoding: quick.encoding };
  const spki = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
  if (spki !== null) {
    const bits = spki.asymmetricKeyDetails?.modulusLength;
    if (spki.asymmetricKeyType === 'rsa' && bits !== undefined) return { kind: 'rsa', bits, encoding: 'spki' };
    return { kind: 'other-spki', keyType: spki.asymmetricKeyType ?? 'unknown' };
  }
  const pkcs1 = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }));
  const bits = pkcs1?.asymmetricKeyDetails?.modulusLength;
  if (pkcs1 !== null && bits !== undefined) return { kind: 'rsa', bits, encoding: 'pkcs1' };
  return { kind: 'none' };
}

function tryEd25519(raw: Buffer): boolean {
  if (raw.length !== ED25519_KEY_BYTES) return false;
  const key = tryKey(() => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }));
  return key?.asymmetricKeyType === 'ed25519';
}

function looksLike(bytes: Buffer): KnownKeyType | null {
  if (tryRsa(bytes).kind === 'rsa') return 'rsa';
  if (tryEd25519(bytes)) return 'ed25519';
  return null;
}

function undecodable(keyType: KnownKeyType, reason: string, position: number | null, suggestedValue: string | null = null): DecodedKey {
  return { state: 'undecodable', keyType, reason, position, suggestedValue };
}

export function decodePublicKey(record: DkimKeyRecord): DecodedKey {
  const data = record.publicKey;
  if (data === null) return { state: 'missing' };
  if (data === '') return { state: 'revoked' }; // RFC 6376 §3.6.1: an empty p= is a revoked key
  const keyType = record.keyType;
  const b64 = decodeBase64Strict(data);
  if (keyType !== 'rsa' && keyType !== 'ed25519') {
    // RFC 6376 §3.6.1: unrecognized key types MUST be ignored, so the key is unusable
    return { state: 'unknown-type', keyType, looksLike: b64.ok ? looksLike(b64.bytes) : null };
  }
  if (!b64.ok) return undecodable(keyType, `p= is not base64: ${b64.reason}`, publicKeyOffset(record, b64.index));
  const bytes = b64.bytes;
  const at = record.tagByName.p?.valuePosition ?? null;

  if (keyType === 'rsa') {
    const rsa = tryRsa(bytes);
    if (rsa.kind === 'rsa') return { state: 'rsa', bits: rsa.bits, encoding: rsa.encoding, bytes: bytes.length };
    if (rsa.kind === 'other-spki') return undecodable('rsa', `p= holds a ${rsa.keyType} key, not an RSA key`, at);
    if (tryEd25519(bytes)) return undecodable('rsa', 'p= holds 32 bytes, an Ed25519 key, but k= says rsa (RFC 8463 §4.2 needs k=ed25519)', at);
    return undecodable('rsa', `p= decodes to ${bytes.length} bytes that are neither a DER SubjectPublicKeyInfo nor an RSAPublicKey`, at);
  }

  // RFC 8463 §4.2: k=ed25519 carries the raw 32-byte public key, not an ASN.1 structure
  if (tryEd25519(bytes)) return { state: 'ed25519', bits: 256, bytes: 32 };
  if (bytes.length === ED25519_SPKI_PREFIX.length + ED25519_KEY_BYTES && bytes.subarray(0, ED25519_SPKI_PREFIX.length).equals(ED25519_SPKI_PREFIX)) {
    const raw = bytes.subarray(ED25519_SPKI_PREFIX.length).toString('base64');
    return undecodable('ed25519', 'p= holds an Ed25519 key wrapped in SubjectPublicKeyInfo; RFC 8463 §4.2 wants the raw 32 bytes', at, raw);
  }
  if (tryRsa(bytes).kind === 'rsa') return undecodable('ed25519', 'p= holds an RSA key but k= says ed25519', at);
  return undecodable('ed25519', `p= decodes to ${bytes.length} bytes; an Ed25519 key is exactly ${ED25519_KEY_BYTES} (RFC 8463 §4.2)`, at);
}
