// DNS records as typed values (RFC 1035 §3.3, RFC 3596, RFC 7208 §3.1): what the zone reader
// reads, the wire decoder decodes and every check reads. The Resolver that answers with them is
// in src/dns/types.ts.

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
