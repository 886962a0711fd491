// The verifier of RFC 6376 §6.1 for one DKIM-Signature: the signature's own checks (§6.1.1), the
// key from DNS through the run's Resolver (§6.1.2, judged by the `dkim` command's own code, so
// every key defect it finds is found here too), the body hash (§3.7, computed while the message
// was read) and the header hash with the signature (§3.7, §5.4.2: over-signed names select from
// the bottom). RSA (RFC 8017 PKCS#1 v1.5) and Ed25519 (RFC 8463 §3: signed is the SHA-256 hash of
// the header data) through node:crypto. rsa-sha1 is verified but not accepted (RFC 8301 §3.1).
// Results are RFC 8601 §2.7.1 words with a reason.
import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type { Resolver } from '../dns/types.js';
import type { Finding } from '../findings/types.js';
import { checkDkimKey } from '../dkim/evaluate-key.js';
import { RSA_MIN_BITS } from '../dkim/judge-record.js';
import type { DkimKeyReport, DkimRecordReport } from '../dkim/types.js';
import { canonicalHeader, withoutSignatureValue } from './header-canon.js';
import { identityDomain, type DkimSignature } from './dkim-signature.js';
import { bodyHashKey, type HeaderField } from './read-message.js';
import type { BodyHashResult } from './body-canon.js';

/** RFC 8601 §2.7.1. */
export type DkimResultWord = 'pass' | 'fail' | 'neutral' | 'policy' | 'none' | 'temperror' | 'permerror';

export interface DkimVerification {
  signature: DkimSignature;
  result: DkimResultWord;
  /** Why, in a few words (null for a plain pass). */
  reason: string | null;
  /** One sentence for people, citing the rule. */
  detail: string;
  /** rsa-sha1 (result policy): what the signature would have given otherwise. */
  otherwise: DkimResultWord | null;
  /** The key's report from the `dkim` checks; null when no key was looked up. */
  key: DkimKeyReport | null;
  /** The key record used; null when none. */
  keyRecord: string | null;
  keyBits: number | null;
  /** l=: the canonical body's length, to tell how much is unsigned. */
  body: BodyHashResult | null;
  /** Lower-cased names of the fields the signature covers and that are present. */
  covered: string[];
}

export interface VerifyOptions {
  resolver: Resolver;
  /** Seconds since the epoch (--now), for x= and t=. */
  now: number;
  /** Clock skew allowed for t= in the future, in seconds. */
  skew?: number;
  /** An ARC-Seal: the data it signs (RFC 8617 §5.1.1, from arc-sets.ts); it has no body hash. */
  sealed?: Buffer;
}

/**
 * The fields a signature covers, in h= order (§5.4.2): for each name, the next instance from the
 * bottom that is not taken yet; a name with no instance left contributes nothing.
 */
export function selectSignedFields(fields: readonly HeaderField[], signedHeaders: readonly string[]): HeaderField[] {
  const byName = new Map<string, HeaderField[]>();
  for (const f of fields) {
    const key = f.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), f]);
  }
  const out: HeaderField[] = [];
  for (const name of signedHeaders) {
    const left = byName.get(name.toLowerCase());
    const f = left?.pop();
    if (f !== undefined) out.push(f);
  }
  return out;
}

/** The data the signature is over (§3.7): the signed fields, then the signature field without b=. */
export function signedData(fields: readonly HeaderField[], sig: DkimSignature): Buffer {
  const selected = selectSignedFields(fields, sig.signedHeaders);
  const canon = sig.headerCanonicalization;
  const own = sig.bValue === null ? sig.field.raw : withoutSignatureValue(sig.field.raw, sig.bValue.start, sig.bValue.end);
  const text = selected.map((f) => `${canonicalHeader(f.raw, canon)}\r\n`).join('') + canonicalHeader(own, canon);
  return Buffer.from(text, 'latin1');
}

function publicKeyOf(record: DkimRecordReport): KeyObject | null {
  const der = Buffer.from(record.parse.record.publicKey ?? '', 'base64');
  try {
    if (record.key.state === 'ed25519') return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: der.toString('base64url') }, format: 'jwk' });
    if (record.key.state === 'rsa') return createPublicKey({ key: der, format: 'der', type: record.key.encoding === 'pkcs1' ? 'pkcs1' : 'spki' });
  } catch {
    return null;
  }
  return null;
}

/** Verify the cryptographic signature over `data` (§3.7; RFC 8463 §3 for Ed25519). */
export function cryptoCheck(sig: DkimSignature, key: KeyObject, data: Buffer): boolean {
  const b = sig.signature;
  if (b === null || sig.hash === null) return false;
  try {
    if (sig.keyType === 'ed25519') return cryptoVerify(null, createHash('sha256').update(data).digest(), key, b);
    return cryptoVerify(sig.hash, data, key, b);
  } catch {
    return false;
  }
}

const KEY_REASON: Record<string, string> = {
  revoked: 'key revoked',
  'invalid-record': 'key syntax',
  undecodable: 'key unreadable',
  'unknown-key-type': 'unknown key type',
  'rsa-too-short': 'key too short',
  'sha1-only': 'key allows only sha1',
  'no-usable-hash': 'key hash algorithms',
  'not-for-email': 'key not for email',
};

type Outcome = Pick<DkimVerification, 'result' | 'reason' | 'detail'>;

function keyOutcome(sig: DkimSignature, report: DkimKeyReport): { record: DkimRecordReport; key: KeyObject } | Outcome {
  const name = report.name;
  if (report.verdict === 'temperror') {
    return { result: 'temperror', reason: 'key lookup failed', detail: `the key lookup for ${name} failed (${report.failure?.kind ?? 'failure'}): a temporary error (RFC 6376 §6.1.2)` };
  }
  if (report.records.length === 0) {
    return { result: 'permerror', reason: 'no key', detail: `${name} holds no key record (${report.outcome}): "no key for signature" (RFC 6376 §6.1.2)` };
  }
  // §6.1.2: records that do not parse are skipped; an RSA key below 1024 bits is not accepted (RFC 8301 §3.2)
  const candidates = report.records.filter((r) => r.parse.errors.length === 0 && (r.key.state === 'rsa' || r.key.state === 'ed25519' || r.key.state === 'revoked'));
  const record = candidates[0];
  if (record === undefined) {
    const why = report.records[0]?.unusable ?? 'invalid-record';
    return { result: 'permerror', reason: KEY_REASON[why] ?? why, detail: `the key record at ${name} cannot be used (${why}); see the dkim-* finding (RFC 6376 §6.1.2)` };
  }
  const parsed = record.parse.record;
  if (record.key.state === 'revoked') return { result: 'permerror', reason: 'key revoked', detail: `${name} has an empty p=: the key is revoked (RFC 6376 §3.6.1, §6.1.2)` };
  if (parsed.keyType !== sig.keyType) {
    return { result: 'permerror', reason: 'key type mismatch', detail: `the signature is ${sig.algorithm ?? '?'} but the key at ${name} is k=${parsed.keyType} (RFC 6376 §6.1.2 step 9)` };
  }
  if (parsed.hashAlgorithms !== null && sig.hash !== null && !parsed.hashAlgorithms.includes(sig.hash)) {
    return { result: 'permerror', reason: 'hash not allowed by key', detail: `the key at ${name} allows h=${parsed.hashAlgorithms.join(':')}, not ${sig.hash} (RFC 6376 §3.6.1, §6.1.2 step 8)` };
  }
  if (parsed.serviceTypes !== null && !parsed.serviceTypes.includes('*') && !parsed.serviceTypes.includes('email')) {
    return { result: 'permerror', reason: 'key not for email', detail: `the key at ${name} has s=${parsed.serviceTypes.join(':')} (RFC 6376 §3.6.1)` };
  }
  if (parsed.flags.includes('s') && sig.identity !== null && sig.domain !== null && identityDomain(sig.identity) !== sig.domain) {
    return { result: 'permerror', reason: 'i= not d= (t=s)', detail: `the key at ${name} has t=s, so i= must be in d=${sig.domain} exactly, not ${identityDomain(sig.identity)} (RFC 6376 §3.6.1)` };
  }
  if (record.key.state === 'rsa' && record.key.bits < RSA_MIN_BITS) {
    return { result: 'permerror', reason: 'key too short', detail: `the RSA key at ${name} has ${record.key.bits} bits; verifiers do not accept keys below ${RSA_MIN_BITS} (RFC 8301 §3.2)` };
  }
  const key = publicKeyOf(record);
  if (key === null) return { result: 'permerror', reason: 'key unreadable', detail: `node:crypto cannot read the key at ${name} (RFC 6376 §6.1.2)` };
  return { record, key };
}

const fmtTime = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/** Verify one signature. Never throws: every problem is a result. */
export async function verifyDkimSignature(sig: DkimSignature, fields: readonly HeaderField[], bodyHashes: ReadonlyMap<string, BodyHashResult>, options: VerifyOptions): Promise<DkimVerification> {
  const covered = [...new Set(selectSignedFields(fields, sig.signedHeaders).map((f) => f.name.toLowerCase()))];
  const base = { signature: sig, otherwise: null, key: null, keyRecord: null, keyBits: null, body: null, covered };
  const problem = sig.problems[0];
  if (problem !== undefined) return { ...base, result: 'permerror', reason: problem.reason, detail: problem.message };

  // §6.1.1: expired signatures, and those dated in the future
  const skew = options.skew ?? 300;
  if (sig.expiration !== null && sig.expiration < options.now) {
    return { ...base, result: 'permerror', reason: 'signature expired', detail: `x=${sig.expiration} (${fmtTime(sig.expiration)}) is before now (${fmtTime(options.now)}): the signature has expired (RFC 6376 §3.5, §6.1.1)` };
  }
  if (sig.timestamp !== null && sig.timestamp > options.now + skew) {
    return { ...base, result: 'permerror', reason: 'timestamp in the future', detail: `t=${sig.timestamp} (${fmtTime(sig.timestamp)}) is after now (${fmtTime(options.now)}): verifiers may ignore the signature (RFC 6376 §3.5)` };
  }

  const domain = sig.domain as string;
  const selector = sig.selector as string;
  const report = await checkDkimKey(domain, selector, options.resolver);
  const keyBase = { ...base, key: report };
  const found = keyOutcome(sig, report);
  if (!('key' in found)) return { ...keyBase, ...found };
  const withKey = { ...keyBase, keyRecord: found.record.text, keyBits: found.record.key.state === 'rsa' || found.record.key.state === 'ed25519' ? found.record.key.bits : null };

  const body = sig.hash === null ? undefined : bodyHashes.get(bodyHashKey({ canonicalization: sig.bodyCanonicalization, algorithm: sig.hash, limit: sig.bodyLength }));
  const withBody = { ...withKey, body: body ?? null };
  let outcome: Outcome;
  if (sig.kind === 'arc-seal') {
    // RFC 8617 §5.1.1: a seal signs the ARC sets, not the body
    const ok = options.sealed !== undefined && cryptoCheck(sig, found.key, options.sealed);
    outcome = ok
      ? { result: 'pass', reason: null, detail: `verified with the key at ${report.name} (RFC 8617 §5.2)` }
      : { result: 'fail', reason: 'signature mismatch', detail: `the ARC-Seal does not verify with the key at ${report.name}: an ARC set it covers changed after sealing, or the key is not the sealer's (RFC 8617 §5.1.1)` };
  } else if (body === undefined || sig.bodyHash === null) {
    outcome = { result: 'permerror', reason: 'body not hashed', detail: 'the body hash could not be computed' };
  } else if (sig.bodyLength !== null && sig.bodyLength > body.canonicalLength) {
    outcome = { result: 'fail', reason: 'l= beyond body', detail: `l=${sig.bodyLength} but the canonical body has ${body.canonicalLength} bytes: content was removed after signing (RFC 6376 §3.5)` };
  } else if (!body.digest.equals(sig.bodyHash)) {
    outcome = { result: 'fail', reason: 'body hash mismatch', detail: `the body hash of the message (${body.digest.toString('base64')}) is not bh= (${sig.bodyHash.toString('base64')}): the body changed after signing (RFC 6376 §3.7, §6.1.3)` };
  } else if (!cryptoCheck(sig, found.key, signedData(fields, sig))) {
    outcome = { result: 'fail', reason: 'signature mismatch', detail: `the ${sig.algorithm ?? ''} signature does not verify with the key at ${report.name}: a signed header field changed after signing, or the key is not the signer's (RFC 6376 §6.1.3)` };
  } else {
    outcome = { result: 'pass', reason: null, detail: `verified with the key at ${report.name} (RFC 6376 §6.1)` };
  }
  if (sig.algorithm === 'rsa-sha1') {
    // RFC 8301 §3.1: verifiers MUST NOT consider rsa-sha1 signatures valid
    return {
      ...withBody,
      result: 'policy',
      reason: 'rsa-sha1',
      otherwise: outcome.result,
      detail: `rsa-sha1 signatures are not accepted (RFC 8301 §3.1); otherwise it would ${outcome.result === 'pass' ? 'verify' : `not verify (${outcome.reason ?? outcome.result})`}`,
    };
  }
  return { ...withBody, ...outcome };
}

/** The key findings of the `dkim` checks, for every key a signature looked up (each key once). */
export function keyFindings(results: readonly DkimVerification[]): Finding[] {
  const seen = new Set<string>();
  return results.flatMap((r) => {
    if (r.key === null || seen.has(r.key.name)) return [];
    seen.add(r.key.name);
    return r.key.findings;
  });
}
