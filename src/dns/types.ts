// The one Resolver interface that every part of authaudit asks DNS through.
// DNS outcomes are values, never exceptions: records, NXDOMAIN, no data, or a typed failure.

/** The record types authaudit asks for. `SPF` is RR type 99 (RFC 7208 §3.1 deprecated it). */
export type RRType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR' | 'CNAME' | 'NS' | 'SOA' | 'SPF';

export const RR_TYPES: readonly RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'NS', 'SOA', 'SPF'];

/** Where a record came from, when it was read from a zone file (for SARIF / annotations). */
export interface RecordSource {
  file: string;
  line: number;
}

interface RecordBase {
  /** Owner name as served, without the trailing dot (the root is ''). */
  name: string;
  ttl: number;
  source?: RecordSource;
}

export interface ARecord extends RecordBase { type: 'A'; address: string }
/** `address` is in the canonical RFC 5952 form (lowercase, compressed). */
export interface AAAARecord extends RecordBase { type: 'AAAA'; address: string }
/** `exchange` '' is the root: a null MX (RFC 7505) when the preference is 0. */
export interface MXRecord extends RecordBase { type: 'MX'; preference: number; exchange: string }
/** Each character-string with its bytes preserved (RFC 1035 §3.3.14). */
export interface TXTRecord extends RecordBase { type: 'TXT'; strings: Uint8Array[] }
export interface SPFRecord extends RecordBase { type: 'SPF'; strings: Uint8Array[] }
export interface PTRRecord extends RecordBase { type: 'PTR'; target: string }
export interface CNAMERecord extends RecordBase { type: 'CNAME'; target: string }
export interface NSRecord extends RecordBase { type: 'NS'; target: string }
export interface SOARecord extends RecordBase {
  type: 'SOA';
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export type DnsRecord =
  | ARecord
  | AAAARecord
  | MXRecord
  | TXTRecord
  | SPFRecord
  | PTRRecord
  | CNAMERecord
  | NSRecord
  | SOARecord;

export type RecordOf<T extends RRType> = Extract<DnsRecord, { type: T }>;

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
