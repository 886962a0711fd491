// The parsed DKIM key record (RFC 6376 §3.6.1, RFC 8463 for Ed25519) and the decoded key.
// A record is parsed whole into these values before anything is evaluated; parsing never touches DNS.
import type { CnameLink, DnsAnswer, FailureKind, RecordSource } from '../dns/types.js';
import type { Finding } from '../findings/types.js';
import type { TagSpec } from '../model/tag-list.js';

/** RFC 6376 §3.6.1 `k=` values this tool knows: RSA (RFC 6376) and Ed25519 (RFC 8463 §4.2). */
export type KnownKeyType = 'rsa' | 'ed25519';

export type KeyRecordErrorCode =
  | 'syntax'
  | 'duplicate-tag'
  | 'bad-version'
  | 'version-not-first'
  | 'missing-public-key'
  | 'bad-list';

/** A break that makes verifiers discard the record (RFC 6376 §3.6.1, §3.2). */
export interface KeyRecordError {
  code: KeyRecordErrorCode;
  /** 0-based offset in the record text. */
  position: number;
  message: string;
}

export interface DkimKeyRecord {
  /** The record text: the TXT character-strings joined with nothing between (RFC 6376 §3.6.2.2). */
  text: string;
  /** Every tag in written order, known or not. */
  tags: TagSpec[];
  /** `v=` as written, or null when absent (it is optional, RFC 6376 §3.6.1). */
  version: string | null;
  /** `h=` items, or null when absent (then every hash algorithm is allowed). */
  hashAlgorithms: string[] | null;
  /** `k=`; `rsa` when absent (RFC 6376 §3.6.1). */
  keyType: string;
  keyTypeExplicit: boolean;
  /** `n=` notes as written, or null. */
  notes: string | null;
  /** `p=` with its white space removed; '' is a revoked key; null when the tag is missing. */
  publicKey: string | null;
  /** `s=` items; null when absent (then `*`, every service type). */
  serviceTypes: string[] | null;
  /** `t=` items (`y` testing, `s` strict); empty when absent. */
  flags: string[];
  /** Tags RFC 6376 §3.6.1 does not define (verifiers ignore them). */
  unknownTags: TagSpec[];
  /** The tag of each known name, for positions in findings. */
  tagByName: Partial<Record<'v' | 'h' | 'k' | 'n' | 'p' | 's' | 't', TagSpec>>;
}

export interface KeyRecordParse {
  record: DkimKeyRecord;
  /** Empty when verifiers would accept the record's syntax. */
  errors: KeyRecordError[];
}

/** What the `p=` value turned out to be once decoded with node:crypto. */
export type DecodedKey =
  | { state: 'missing' }
  | { state: 'revoked' }
  /** RFC 6376 Appendix C: DER SubjectPublicKeyInfo; `pkcs1` is a bare RSAPublicKey. */
  | { state: 'rsa'; bits: number; encoding: 'spki' | 'pkcs1'; bytes: number }
  /** RFC 8463 §4.2: the raw 32-byte key. */
  | { state: 'ed25519'; bits: 256; bytes: 32 }
  | {
      state: 'unknown-type';
      keyType: string;
      /** What the key data holds when it decodes as a known kind, for the fix. */
      looksLike: KnownKeyType | null;
    }
  | {
      state: 'undecodable';
      keyType: KnownKeyType;
      reason: string;
      /** Offset in the record text of the problem, when one place is at fault. */
      position: number | null;
      /** A corrected `p=` value, when the key is recoverable (an SPKI-wrapped Ed25519 key). */
      suggestedValue: string | null;
    };

// ---------------------------------------------------------------------------------------------
// What a key lookup found, evaluated

/** Why no signature made with a key record can verify. */
export type DkimUnusableReason =
  | 'invalid-record'
  | 'revoked'
  | 'undecodable'
  | 'unknown-key-type'
  | 'rsa-too-short'
  | 'sha1-only'
  | 'no-usable-hash'
  | 'not-for-email';

/** One TXT record at the selector's name, parsed, decoded and judged. */
export interface DkimRecordReport {
  text: string;
  source: RecordSource | null;
  parse: KeyRecordParse;
  key: DecodedKey;
  /** Null when a signature made with this record can verify (DNS can never prove that it will). */
  unusable: DkimUnusableReason | null;
}

/**
 * The state of one (domain, selector), as the delivery predictor needs it:
 * - `usable`: every record at the name can verify a signature (a pass is possible, never proven);
 * - `unusable`: no signature with this selector can verify (`reason` says why);
 * - `uncertain`: several records disagree, so the verifier's choice decides (RFC 6376 §6.1.2);
 * - `temperror`: the lookup failed temporarily.
 */
export type DkimKeyVerdict = 'usable' | 'unusable' | 'uncertain' | 'temperror';

export interface DkimKeyReport {
  domain: string;
  selector: string;
  /** `<selector>._domainkey.<domain>` */
  name: string;
  outcome: DnsAnswer['kind'];
  failure: { kind: FailureKind; detail: string } | null;
  /** CNAMEs followed from `name` (key delegation to a provider). */
  cnameChain: CnameLink[];
  records: DkimRecordReport[];
  verdict: DkimKeyVerdict;
  reason: DkimUnusableReason | 'no-key' | 'dns-failure' | null;
  /** Of the first usable record (else the first record), null when unknown. */
  keyType: string | null;
  bits: number | null;
  /** t=y on the record that decides (RFC 6376 §3.6.1). */
  testing: boolean;
  /** t=s: the i= domain must equal d= exactly. */
  strictSubdomains: boolean;
  findings: Finding[];
}
