// What DNSSEC validation says about an answer (RFC 4033 §5, RFC 4035 §4.3): secure, insecure (a
// validated proof that the chain of trust ends above it), bogus (with the reason), or
// indeterminate (no trust anchor above it, or DNS did not answer).

export type SecurityStatus = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

/** Why an answer is bogus, insecure or indeterminate; stable words for JSON and findings. */
export type SecurityReason =
  | 'signature-expired'
  | 'signature-not-yet-valid'
  | 'no-signature'
  | 'no-matching-key'
  | 'ds-without-matching-key'
  | 'changed-record'
  | 'unsupported-algorithm'
  | 'no-denial-proof'
  | 'no-ds'
  /** The trust anchor's own zone holds no keys (offline: zone files that are not signed). */
  | 'unsigned'
  | 'opt-out'
  /** The proof's NSEC3 records use more iterations than validators hash (RFC 9276 §3.2). */
  | 'nsec3-iterations'
  | 'outside-trust-anchor'
  | 'dns-failure';

export interface Verdict {
  status: SecurityStatus;
  /** Null for secure. */
  reason: SecurityReason | null;
  /** What the reason is about, in words (the key tag, the zone, the DNS failure). */
  detail: string | null;
}

export const SECURE: Verdict = { status: 'secure', reason: null, detail: null };

/** One link of the chain of trust: a zone, its DS set (from the parent or the anchor) and its keys. */
export interface ChainLink {
  zone: string;
  /** DS records as presentation text (`keytag alg digesttype digest`); empty for an anchor given as DNSKEY. */
  ds: string[];
  /** DNSKEY key tags with their flags, e.g. `51568 (KSK, ECDSAP256SHA256)`. */
  dnskey: string[];
  status: SecurityStatus;
  reason: SecurityReason | null;
  detail: string | null;
  /** The NSEC3 parameters of the zone's validated NSEC3 records met this run; null when none was met. */
  nsec3: Nsec3Parameters | null;
}

/** RFC 5155 §3.1: what the signer chose, as every NSEC3 record of the zone (and its NSEC3PARAM) carries it. */
export interface Nsec3Parameters {
  iterations: number;
  /** Hex; '' when empty. */
  salt: string;
}
