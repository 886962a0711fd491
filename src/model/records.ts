// DNS records as typed values (RFC 1035 §3.3, RFC 3596, RFC 7208 §3.1; DNSSEC's RFC 4034 and
// RFC 5155; TLSA of RFC 6698): what the zone reader
// reads, the wire decoder decodes and every check reads. The Resolver that answers with them is
// in src/dns/types.ts.

/** The record types authaudit asks for. `SPF` is RR type 99 (RFC 7208 §3.1 deprecated it). */
export type RRType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR' | 'CNAME' | 'NS' | 'SOA' | 'SPF' | DnssecType;

/** The DNSSEC types (RFC 4034 §2-§5, RFC 5155 §3) and TLSA (RFC 6698 §2), read for validation and DANE. */
export type DnssecType = 'DS' | 'DNSKEY' | 'RRSIG' | 'NSEC' | 'NSEC3' | 'TLSA';

export const RR_TYPES: readonly RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'NS', 'SOA', 'SPF', 'DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3', 'TLSA'];

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

/** RFC 4034 §5.1. */
export interface DSRecord extends RecordBase { type: 'DS'; keyTag: number; algorithm: number; digestType: number; digest: Uint8Array }
/** RFC 4034 §2.1: bit 7 of `flags` (256) is the Zone Key flag, bit 15 (1) the Secure Entry Point. */
export interface DNSKEYRecord extends RecordBase { type: 'DNSKEY'; flags: number; protocol: number; algorithm: number; publicKey: Uint8Array }
/** RFC 4034 §3.1: `typeCovered` is a type code; times are seconds since the epoch (serial arithmetic, RFC 1982). */
export interface RRSIGRecord extends RecordBase {
  type: 'RRSIG';
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  expiration: number;
  inception: number;
  keyTag: number;
  signerName: string;
  signature: Uint8Array;
}
/** RFC 4034 §4.1: `types` are the type codes of the bitmap, ascending. */
export interface NSECRecord extends RecordBase { type: 'NSEC'; nextName: string; types: number[] }
/** RFC 5155 §3.2: `nextHashed` is the raw hash (base32hex in presentation form). */
export interface NSEC3Record extends RecordBase {
  type: 'NSEC3';
  hashAlgorithm: number;
  flags: number;
  iterations: number;
  salt: Uint8Array;
  nextHashed: Uint8Array;
  types: number[];
}
/** RFC 6698 §2.1. */
export interface TLSARecord extends RecordBase { type: 'TLSA'; usage: number; selector: number; matchingType: number; data: Uint8Array }

export type DnsRecord =
  | ARecord
  | AAAARecord
  | MXRecord
  | TXTRecord
  | SPFRecord
  | PTRRecord
  | CNAMERecord
  | NSRecord
  | SOARecord
  | DSRecord
  | DNSKEYRecord
  | RRSIGRecord
  | NSECRecord
  | NSEC3Record
  | TLSARecord;

export type RecordOf<T extends RRType> = Extract<DnsRecord, { type: T }>;
