// What a DNS-as-code reader (octoDNS YAML, a Terraform/OpenTofu plan, dnscontrol IR) gives the zone
// layout: zones in the one zone model the master-file reader produces (src/zone/types.ts), so that
// `--zone`, `--overlay`, `diff` and every check read them the same way.

import type { ParsedZone } from '../zone/types.js';

/** The formats a `--zone`/`--overlay` file can be in; told by extension and content (detect-format.ts). */
export type ZoneFileFormat = 'master-file' | 'octodns' | 'terraform-plan' | 'dnscontrol-ir';

export interface FormatZones {
  /** One ParsedZone per file, its `apexes` the zones it defines (no SOA: the zones are named). */
  parsed: ParsedZone;
  /** What the reader passed over, for --verbose (`3 records of types authaudit does not use: ALIAS ×2, NAPTR`). */
  notes: string[];
}

/** A record as a DNS-as-code format states it, before it is read into the zone model. */
export interface RecordValue {
  /** Owner, absolute, without the trailing dot. */
  name: string;
  /** Upper-case type mnemonic. */
  type: string;
  ttl: number;
  /**
   * The RDATA fields in presentation order, each one token: names and numbers as written,
   * character-strings as their text (never escaped: the builder escapes them).
   */
  fields: readonly RecordField[];
}

export interface RecordField {
  text: string;
  /** A character-string (TXT, SPF, CAA value): kept byte for byte, quoted when presented. */
  string?: boolean;
  /** The text is already in zone-file presentation form (escapes as written: Google's `rrdatas`). */
  presented?: boolean;
}
