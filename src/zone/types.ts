// What the master-file reader produces.

import type { DnsRecord, RecordSource } from '../dns/types.js';
import type { FileSource } from './file-source.js';

/**
 * A record of a type authaudit does not interpret (CAA, SRV, DS, HINFO, RFC 3597 `TYPE123 \# …`, …).
 * It is kept so that its owner name exists (a query for another type there is no data, not
 * NXDOMAIN), but it is never returned as a typed record: `rdata` is its presentation text as written.
 */
export interface OtherRecord {
  name: string;
  /** The type mnemonic as written, upper-cased (`CAA`, `TYPE65534`). */
  type: string;
  /** The numeric RR type. */
  typeCode: number;
  ttl: number;
  rdata: string;
  source?: RecordSource;
}

export interface ParsedZone {
  /** The origin the file started with (the option, else its first `$ORIGIN`, else its first SOA owner, else ''). */
  origin: string;
  /** Every typed record, in file order, duplicates removed (an RRset is a set: RFC 2181 §5). */
  records: DnsRecord[];
  /**
   * The zones the file defines: the owners of its SOA records; without any SOA, the origin given
   * (or the root '' when there is none, meaning "the whole world").
   */
  apexes: string[];
  /** Records of uninterpreted types (see OtherRecord). */
  others: OtherRecord[];
}

export interface ParseZoneOptions {
  /** The file name used in error messages and record sources; `$INCLUDE` paths are relative to it. */
  file: string;
  /** The initial origin (`@` and relative names); absolute or relative to the root. */
  origin?: string;
  /** TTL for records without one, when the file sets no `$TTL`. */
  defaultTtl?: number;
  /** Where `$INCLUDE`d files are read from (default: the working tree). */
  source?: FileSource;
}
