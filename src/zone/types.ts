// What the master-file reader produces.

import type { DnsRecord, RecordSource } from '../model/records.js';
import type { FileSource } from './file-source.js';
import type { Position } from './zone-file-error.js';

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
  /** How the first SOA record's owner got its name; null when the file has no SOA. */
  soaNaming: SoaNaming | null;
  /** Every file read through `$INCLUDE`, in reading order. */
  included: string[];
  /**
   * RRsets whose records the input cannot tell (a Terraform plan value known only after apply):
   * a question for one is answered with a typed failure naming why, never with "no records".
   */
  unknown?: UnknownRRset[];
}

export interface UnknownRRset {
  name: string;
  type: string;
  /** Why, with the place (`the value of cloudflare_record.spf is known only after apply`). */
  detail: string;
}

/**
 * What named the first SOA's owner: an absolute owner name (`example.com. IN SOA …`), the
 * `$ORIGIN` in force (`@ IN SOA …` after `$ORIGIN example.com.`), or the origin the caller started
 * the file with (`@ IN SOA …` and no `$ORIGIN`).
 */
export type SoaNaming = 'soa-owner' | 'origin' | 'initial';

export interface ParseZoneOptions {
  /** The file name used in error messages and record sources; `$INCLUDE` paths are relative to it. */
  file: string;
  /** The initial origin (`@` and relative names); absolute or relative to the root. */
  origin?: string;
  /** TTL for records without one, when the file sets no `$TTL`. */
  defaultTtl?: number;
  /** Where `$INCLUDE`d files are read from (default: the working tree). */
  source?: FileSource;
  /**
   * The path to read for `$INCLUDE <written>` met in `includingFile`; throws a ZoneFileError at
   * `at` when it may not be read. Default: relative to the including file's folder.
   */
  resolveInclude?: (written: string, includingFile: string, at: Position) => string;
}
