// The flattening model: what flattenSpf() takes and gives. Every field is present (null when unknown),
// so the JSON output has a fixed shape.
import { RFC7208_LIMITS } from '../spf/limits.js';
import type { Qualifier, SpfResult } from '../spf/types.js';

export interface FlattenOptions {
  /** Include targets kept as `include:` terms instead of being flattened (compared case-insensitively). */
  keep?: string[];
  /** Chained record names are `<prefix>1.<domain>`, `<prefix>2.<domain>`, … (default `_spf`). */
  prefix?: string;
  /** DNS-querying terms the result may cost at most (default DEFAULT_MAX_LOOKUPS). */
  maxLookups?: number;
  /** Largest DNS response allowed for each TXT answer (default 512, RFC 1035 §2.3.4 / RFC 7208 §3.4). */
  udpSize?: number;
  /** TTL of the emitted records; default the TTL of the domain's current SPF record, else 3600. */
  ttl?: number;
  /** The source policy text to flatten instead of the record found in DNS (evaluated as `<domain>`). */
  sourceRecord?: string;
  /** Prove the result before returning it (default true). */
  prove?: boolean;
  /** Per check_host() time limit in the proof (default 20 000 ms). */
  timeoutMs?: number;
}

export const DEFAULT_PREFIX = '_spf';
/** Lookups a flattened result may cost by default: 2 under RFC 7208 §4.6.4's limit, headroom for a provider's change. */
export const DEFAULT_MAX_LOOKUPS = RFC7208_LIMITS.lookups - 2;
export const DEFAULT_UDP_SIZE = 512;
export const DEFAULT_TTL = 3600;

/** A term kept as written (rewritten for the top record when it came from an include). */
export interface KeptTerm {
  /** The term as it appears in the flattened record. */
  text: string;
  /** The term as written in its original record, and that record's domain. */
  original: string;
  domain: string;
  /** Why it was not flattened. */
  reason: 'exists' | 'ptr' | 'macro' | 'keep-option' | 'order' | 'redirect';
  /** DNS lookups it costs (RFC 7208 §4.6.4), including the lookups of a kept include's own tree. */
  lookups: number;
}

/** One TXT record of the result. */
export interface FlatRecord {
  /** Owner name, without the trailing dot. */
  name: string;
  role: 'root' | 'chain' | 'source';
  /** The record text (the character-strings joined). */
  text: string;
  /** The character-strings, each at most 255 bytes (RFC 1035 §3.3.14). */
  strings: string[];
  ttl: number;
  /** Size of the DNS response to the TXT question at `name`, other TXT records there included (RFC 1035 §4.1). */
  answerBytes: number;
  /** The zone-file line, ready to paste. */
  zoneLine: string;
}

/** A flattened provider (or a/mx host) whose addresses are now copied into the records. */
export interface FrozenSource {
  /** The include/redirect target, or the host of an `a`/`mx` term. */
  name: string;
  via: 'include' | 'redirect' | 'a' | 'mx';
  /** The TTL of the record that was copied (SPF TXT, or the A/AAAA records), null when unknown. */
  ttl: number | null;
  /** CIDR blocks it contributed. */
  ranges: number;
}

export interface ProofMismatch {
  address: string;
  original: SpfResult;
  flattened: SpfResult;
  /** The term that decided each side, when one did. */
  originalTerm: string | null;
  flattenedTerm: string | null;
  /** The flattened side's problem (e.g. a permerror), when there is one. */
  detail: string | null;
}

export interface ExplanationMismatch {
  address: string;
  original: string | null;
  flattened: string | null;
}

export interface ProofReport {
  /** Addresses checked: the edges of every range in both sets and the addresses just outside them. */
  addresses: number;
  /** True when every address got the same result on both sides and the flattened side never gave permerror. */
  equivalent: boolean;
  mismatches: ProofMismatch[];
  /** `fail` explanations that differ (RFC 7208 §6.2); a warning, not a failed proof. */
  explanationMismatches: ExplanationMismatch[];
  /** The most DNS-querying terms one flattened check_host() evaluated. */
  maxLookups: number;
}

export interface FlattenRefusal {
  /** Where: the domain whose record holds the problem. */
  domain: string;
  term: string | null;
  message: string;
}

export type FlattenStatus = 'flattened' | 'refused' | 'proof-failed';

export interface RunCounts {
  /** CIDR terms per family in the result. */
  ip4: number;
  ip6: number;
}

export interface FlattenResult {
  domain: string;
  status: FlattenStatus;
  /** Where the flattened policy was read: `<prefix>-source.<domain>` when published, else the domain. */
  source: { name: string; record: string } | null;
  refusals: FlattenRefusal[];
  /** The root record first, then the chain in order, then the source record. */
  records: FlatRecord[];
  kept: KeptTerm[];
  frozen: FrozenSource[];
  lookups: { original: number; flattened: number; limit: number };
  ranges: RunCounts;
  /** The final `all` qualifier of the result (null: no `all`). */
  all: Qualifier | null;
  exp: string | null;
  proof: ProofReport | null;
  warnings: string[];
}
