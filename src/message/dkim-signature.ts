// Read a DKIM-Signature header field (RFC 6376 §3.5) into a typed value with the tag list parser
// shared with key records (RFC 6376 §3.2). Problems are the reasons a verifier gives permerror
// (§6.1.1); the first one decides. Parsing never touches DNS.
import { decodeBase64Strict } from '../dkim/decode-public-key.js';
import { parseTagList, type TagSpec } from '../model/tag-list.js';
import type { Canonicalization, HashAlgorithm } from './body-canon.js';
import type { BodyHashSpec, HeaderField } from './read-message.js';

export type SigningAlgorithm = 'rsa-sha256' | 'ed25519-sha256' | 'rsa-sha1';

/**
 * The three signature fields with DKIM's syntax: DKIM-Signature (RFC 6376 §3.5), and ARC's
 * ARC-Message-Signature (RFC 8617 §4.1.2: DKIM's tags without v=, i= the instance) and ARC-Seal
 * (§4.1.3: no h=, no bh=, cv= the chain validation status, relaxed header canonicalization only).
 */
export type SignatureKind = 'dkim' | 'arc-message-signature' | 'arc-seal';
/** RFC 8617 §4.1.3: the chain validation status an ARC-Seal records. */
export type ChainValidation = 'none' | 'pass' | 'fail';

export interface SignatureProblem {
  /** A short reason, as Authentication-Results carries it (`reason="…"`). */
  reason: string;
  message: string;
}

export interface DkimSignature {
  kind: SignatureKind;
  field: HeaderField;
  /** Index of the field in the header section (0 = topmost). */
  index: number;
  /** `a=` as written (null when missing). */
  algorithmText: string | null;
  algorithm: SigningAlgorithm | null;
  keyType: 'rsa' | 'ed25519' | null;
  hash: HashAlgorithm | null;
  headerCanonicalization: Canonicalization;
  bodyCanonicalization: Canonicalization;
  /** `d=` lower-cased; null when missing. */
  domain: string | null;
  /** `s=` as written; null when missing. */
  selector: string | null;
  /** `i=`, default "@" + d (§3.5); null for ARC fields, whose i= is the instance. */
  identity: string | null;
  /** ARC fields: `i=`, the instance 1..50 (RFC 8617 §4.2.1); null for DKIM-Signature or when unreadable. */
  instance: number | null;
  /** ARC-Seal: `cv=` (RFC 8617 §4.1.3); null otherwise. */
  chainValidation: ChainValidation | null;
  /** `h=` items as written. */
  signedHeaders: string[];
  /** `l=`, null when absent. */
  bodyLength: number | null;
  /** `t=` and `x=` in seconds since the epoch. */
  timestamp: number | null;
  expiration: number | null;
  /** Decoded `b=` and `bh=`; null when missing or not base64. */
  signature: Buffer | null;
  bodyHash: Buffer | null;
  /** `b=` as written without white space (its start names the signature in header.b, RFC 6008). */
  signatureText: string | null;
  /** Offsets in `field.raw` of the b= value (after "b=", to the next ";" or the end). */
  bValue: { start: number; end: number } | null;
  /** Every reason the signature is unusable; empty when it can be verified. */
  problems: SignatureProblem[];
}

const REQUIRED: Readonly<Record<SignatureKind, readonly string[]>> = {
  dkim: ['v', 'a', 'b', 'bh', 'd', 'h', 's'], // RFC 6376 §3.5
  'arc-message-signature': ['i', 'a', 'b', 'bh', 'd', 'h', 's'], // RFC 8617 §4.1.2
  'arc-seal': ['i', 'a', 'b', 'cv', 'd', 's'], // RFC 8617 §4.1.3
};
const RULE: Readonly<Record<SignatureKind, string>> = { dkim: 'RFC 6376 §3.5', 'arc-message-signature': 'RFC 8617 §4.1.2', 'arc-seal': 'RFC 8617 §4.1.3' };
/** RFC 8617 §4.2.1: instances run from 1 to 50. */
export const ARC_MAX_INSTANCE = 50;
const noWsp = (v: string): string => v.replace(/[ \t\r\n]/g, '');

function canonicalizations(tag: TagSpec | undefined, problems: SignatureProblem[]): [Canonicalization, Canonicalization] {
  if (tag === undefined) return ['simple', 'simple']; // §3.5: c= defaults to simple/simple
  const [h = '', b = 'simple', ...rest] = noWsp(tag.value).toLowerCase().split('/');
  const ok = (x: string): x is Canonicalization => x === 'simple' || x === 'relaxed';
  if (!ok(h) || !ok(b) || rest.length > 0) {
    problems.push({ reason: 'unknown canonicalization', message: `c=${tag.value} is not simple or relaxed for header and body (RFC 6376 §3.5)` });
    return ['simple', 'simple'];
  }
  return [h, b];
}

function base64Tag(tag: TagSpec | undefined, name: string, problems: SignatureProblem[]): Buffer | null {
  if (tag === undefined) return null;
  const text = noWsp(tag.value);
  const decoded = decodeBase64Strict(text);
  if (!decoded.ok) {
    problems.push({ reason: `${name}= not base64`, message: `${name}= is not valid base64: ${decoded.reason} (RFC 6376 §3.5)` });
    return null;
  }
  if (decoded.bytes.length === 0) {
    problems.push({ reason: `${name}= empty`, message: `${name}= is empty (RFC 6376 §3.5)` });
    return null;
  }
  return decoded.bytes;
}

function integer(tag: TagSpec | undefined, name: string, problems: SignatureProblem[]): number | null {
  if (tag === undefined) return null;
  const text = noWsp(tag.value);
  // §3.5: t= and x= are 1*12DIGIT, l= 1*76DIGIT
  if (!/^\d{1,76}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    problems.push({ reason: `${name}= invalid`, message: `${name}=${tag.value} is not a whole number (RFC 6376 §3.5)` });
    return null;
  }
  return Number(text);
}

/** The domain part of an identity (`user@domain`), lower-cased. */
export const identityDomain = (identity: string): string => identity.slice(identity.lastIndexOf('@') + 1).toLowerCase();

/** Is `sub` equal to `domain` or a subdomain of it? */
export const withinDomain = (sub: string, domain: string): boolean => sub === domain || sub.endsWith(`.${domain}`);

function instanceOf(tag: TagSpec | undefined, problems: SignatureProblem[]): number | null {
  if (tag === undefined) return null;
  const text = noWsp(tag.value);
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > ARC_MAX_INSTANCE) {
    problems.push({ reason: 'i= invalid', message: `i=${tag.value} is not an instance from 1 to ${ARC_MAX_INSTANCE} (RFC 8617 §4.2.1)` });
    return null;
  }
  return Number(text);
}

function chainValidationOf(tag: TagSpec | undefined, problems: SignatureProblem[]): ChainValidation | null {
  if (tag === undefined) return null;
  const cv = noWsp(tag.value).toLowerCase();
  if (cv === 'none' || cv === 'pass' || cv === 'fail') return cv;
  problems.push({ reason: 'cv= invalid', message: `cv=${tag.value} is not none, pass or fail (RFC 8617 §4.1.3)` });
  return null;
}

export function parseDkimSignature(field: HeaderField, index: number, kind: SignatureKind = 'dkim'): DkimSignature {
  const list = parseTagList(field.value);
  const problems: SignatureProblem[] = [];
  const first = list.errors[0];
  if (first !== undefined) problems.push({ reason: 'syntax', message: `${first.message.replace('the whole record is invalid', 'the whole signature is invalid')}` });
  const tag: Partial<Record<string, TagSpec>> = {};
  for (const t of list.tags) tag[t.name] ??= t;
  for (const name of REQUIRED[kind]) {
    if (tag[name] === undefined) problems.push({ reason: `missing ${name}=`, message: `the required tag ${name}= is missing (${RULE[kind]})` });
  }
  const arc = kind !== 'dkim';
  const instance = arc ? instanceOf(tag['i'], problems) : null;
  const chainValidation = kind === 'arc-seal' ? chainValidationOf(tag['cv'], problems) : null;
  // RFC 8617 §4.1.3: the seal has no h= (it covers the ARC sets); §4.1.2: the AMS does not sign ARC-Seal
  if (kind === 'arc-seal' && tag['h'] !== undefined) problems.push({ reason: 'h= in ARC-Seal', message: 'an ARC-Seal carries no h= tag (RFC 8617 §4.1.3)' });
  const v = tag['v'];
  if (!arc && v !== undefined && v.value !== '1') problems.push({ reason: 'incompatible version', message: `v=${v.value}: only version 1 is defined (RFC 6376 §3.5, §6.1.1)` });

  const algorithmText = tag['a'] === undefined ? null : noWsp(tag['a'].value).toLowerCase();
  const algorithm = algorithmText === 'rsa-sha256' || algorithmText === 'ed25519-sha256' || algorithmText === 'rsa-sha1' ? algorithmText : null;
  if (algorithmText !== null && algorithm === null) problems.push({ reason: 'unknown algorithm', message: `a=${algorithmText} is not an algorithm verifiers know (rsa-sha256, RFC 6376 §3.3; ed25519-sha256, RFC 8463)` });
  // RFC 8617 §5.1.1: the seal is always over relaxed header fields
  const [headerCanonicalization, bodyCanonicalization] = kind === 'arc-seal' ? (['relaxed', 'relaxed'] as const) : canonicalizations(tag['c'], problems);

  const signatureText = tag['b'] === undefined ? null : noWsp(tag['b'].value);
  const signature = base64Tag(tag['b'], 'b', problems);
  const bodyHash = base64Tag(tag['bh'], 'bh', problems);
  const domain = tag['d'] === undefined ? null : noWsp(tag['d'].value).toLowerCase().replace(/\.$/, '');
  const selector = tag['s'] === undefined ? null : noWsp(tag['s'].value);
  const signedHeaders = tag['h'] === undefined ? [] : tag['h'].value.split(':').map((h) => h.trim()).filter((h) => h !== '');
  if (kind === 'arc-message-signature' && signedHeaders.some((h) => h.toLowerCase() === 'arc-seal')) {
    problems.push({ reason: 'ARC-Seal signed', message: 'h= includes ARC-Seal, which an ARC-Message-Signature must not sign (RFC 8617 §4.1.2)' });
  }
  if (kind !== 'arc-seal' && tag['h'] !== undefined && !signedHeaders.some((h) => h.toLowerCase() === 'from')) {
    // §6.1.1: the From header field MUST be signed
    problems.push({ reason: 'From not signed', message: `h=${tag['h'].value} does not include From, which RFC 6376 §5.4 requires and verifiers check (§6.1.1)` });
  }
  const identity = arc ? null : tag['i'] === undefined ? (domain === null ? null : `@${domain}`) : noWsp(tag['i'].value);
  if (identity !== null && domain !== null && !withinDomain(identityDomain(identity), domain)) {
    problems.push({ reason: 'i= outside d=', message: `i=${identity} is not in d=${domain} or a subdomain of it (RFC 6376 §3.5, §6.1.1)` });
  }
  const q = tag['q'];
  if (q !== undefined && !noWsp(q.value).toLowerCase().split(':').some((m) => m === 'dns/txt' || m === 'dns')) {
    problems.push({ reason: 'unknown query method', message: `q=${q.value} does not include dns/txt (RFC 6376 §3.5)` });
  }
  const bodyLength = integer(tag['l'], 'l', problems);
  const timestamp = integer(tag['t'], 't', problems);
  const expiration = integer(tag['x'], 'x', problems);
  if (timestamp !== null && expiration !== null && expiration < timestamp) {
    problems.push({ reason: 'x= before t=', message: `x=${expiration} is earlier than t=${timestamp} (RFC 6376 §3.5: x MUST be greater than t)` });
  }

  const b = tag['b'];
  let bValue: DkimSignature['bValue'] = null;
  if (b !== undefined) {
    // offsets in the value → offsets in the raw field (the value starts after the colon)
    const base = field.raw.length - field.value.length;
    const eq = field.value.indexOf('=', b.position);
    const semi = field.value.indexOf(';', eq);
    bValue = { start: base + eq + 1, end: base + (semi === -1 ? field.value.length : semi) };
  }
  const keyType = algorithm === null ? null : algorithm.startsWith('ed25519') ? 'ed25519' : 'rsa';
  const hash = algorithm === null ? null : algorithm.endsWith('sha1') ? 'sha1' : 'sha256';
  return {
    kind,
    field,
    index,
    algorithmText,
    algorithm,
    keyType,
    hash,
    headerCanonicalization,
    bodyCanonicalization,
    domain,
    selector,
    identity,
    instance,
    chainValidation,
    signedHeaders,
    bodyLength,
    timestamp,
    expiration,
    signature,
    bodyHash,
    signatureText,
    bValue,
    problems,
  };
}

export const isDkimSignature = (f: HeaderField): boolean => f.name.toLowerCase() === 'dkim-signature';

/** Every DKIM-Signature of a header section, topmost first. */
export function dkimSignatures(fields: readonly HeaderField[]): DkimSignature[] {
  return fields.flatMap((f, i) => (isDkimSignature(f) ? [parseDkimSignature(f, i)] : []));
}

/** The body hashes the signatures need (one per canonicalization, hash and l=). */
export function bodyHashSpecs(signatures: readonly DkimSignature[]): BodyHashSpec[] {
  return signatures.flatMap((s) => (s.hash === null || s.kind === 'arc-seal' ? [] : [{ canonicalization: s.bodyCanonicalization, algorithm: s.hash, limit: s.bodyLength }]));
}
