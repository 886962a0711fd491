// The one Resolver interface that every part of authaudit asks DNS through.
// DNS outcomes are values, never exceptions: records, NXDOMAIN, no data, or a typed failure.

import type { DnsRecord, RecordOf, RecordSource, RRSIGRecord, RRType } from '../model/records.js';

// the records themselves are model types, shared with the zone reader (src/model/records.ts)
export type { AAAARecord, ARecord, CNAMERecord, DnsRecord, DNSKEYRecord, DSRecord, MXRecord, NSEC3Record, NSECRecord, NSRecord, PTRRecord, RecordOf, RecordSource, RRSIGRecord, RRType, SOARecord, SPFRecord, TLSARecord, TXTRecord } from '../model/records.js';
export { RR_TYPES } from '../model/records.js';

/** The longest CNAME chain any resolver follows; a longer one is a typed failure, never a hang. */
export const MAX_CNAME_CHAIN = 16;

/** One CNAME followed on the way to the answer. */
export interface CnameLink {
  name: string;
  target: string;
  ttl: number;
  source?: RecordSource;
}

export type FailureKind =
  /** The name cannot be asked: an empty or overlong label, over 255 bytes, not bytes (RFC 1035 §2.3.4). */
  | 'invalid-name'
  | 'timeout'
  | 'servfail'
  | 'refused'
  | 'malformed'
  | 'network'
  | 'cname-loop'
  | 'cname-chain-too-long'
  | 'http'
  | 'other';

interface AnswerBase<T extends RRType> {
  /** The name that was asked (as given, without a trailing dot). */
  name: string;
  type: T;
  /** CNAMEs followed from `name` before the final answer (empty when none). */
  cnameChain: CnameLink[];
  /** Asked with `dnssec`: what the validator needs besides the records (absent otherwise). */
  signed?: SignedMaterial;
}

/**
 * RFC 4035 §3.1: what a response to a DO query carries for the final name of the chain: the RRSIGs
 * of the answer section (over the RRset asked for), and the authority section's records (NSEC,
 * NSEC3 and SOA with their RRSIGs: the proof of a negative answer). Nothing here is validated yet.
 */
export interface SignedMaterial {
  rrsigs: RRSIGRecord[];
  authority: DnsRecord[];
}

export interface RecordsAnswer<T extends RRType = RRType> extends AnswerBase<T> {
  kind: 'records';
  records: RecordOf<T>[];
}
export interface NxdomainAnswer<T extends RRType = RRType> extends AnswerBase<T> {
  kind: 'nxdomain';
  /** Negative-caching TTL (SOA minimum) when known. */
  ttl: number | null;
}
export interface NodataAnswer<T extends RRType = RRType> extends AnswerBase<T> {
  kind: 'nodata';
  ttl: number | null;
}
export interface FailureAnswer<T extends RRType = RRType> extends AnswerBase<T> {
  kind: 'failure';
  failure: FailureKind;
  /** Human-readable detail: which server, what went wrong. */
  detail: string;
}

export type DnsAnswer<T extends RRType = RRType> =
  | RecordsAnswer<T>
  | NxdomainAnswer<T>
  | NodataAnswer<T>
  | FailureAnswer<T>;

export interface QueryOptions {
  signal?: AbortSignal;
  /**
   * Ask for the DNSSEC records too (DO, RFC 3225; CD, RFC 4035 §3.2.2, so that a validating
   * resolver hands over what it would reject and authaudit judges it): the answer carries `signed`.
   */
  dnssec?: boolean;
}

/**
 * Ask one question, get exactly one outcome. Implementations never throw for DNS outcomes;
 * a thrown error is a bug.
 */
export interface Resolver {
  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>>;
}

/** Counters that the cache exposes for reports and benchmarks. */
export interface ResolverStats {
  /** Questions passed to the underlying resolver. */
  sent: number;
  /** Questions answered from the cache (including those that joined an in-flight query). */
  cached: number;
}
