// A DNS message as authaudit reads it (RFC 1035 §4.1): the header's fields, the questions, and the
// records of the three sections, each one a typed record (types.ts) or a placeholder for a record
// authaudit does not read. decode-message.ts makes one from bytes.

import type { DnsRecord } from './types.js';

/** RFC 1035 §4.1.1: flag bits of the header's second 16-bit word. */
export const FLAG_QR = 1 << 15;
export const FLAG_AA = 1 << 10;
export const FLAG_TC = 1 << 9;
export const FLAG_RD = 1 << 8;
export const FLAG_RA = 1 << 7;
/** RFC 4035 §3.2.3: authentic data, set by a validating resolver on data it found secure. */
export const FLAG_AD = 1 << 5;
/** RFC 4035 §3.2.2: checking disabled. */
export const FLAG_CD = 1 << 4;

/** RFC 1035 §4.1.2. */
export interface Question {
  /** In authaudit's text form (wire-name.ts): no trailing dot, the root is ''. */
  name: string;
  /** The type code (type-codes.ts names it). */
  type: number;
  class: number;
}

/**
 * A record authaudit does not read: another type (RFC 3597), another class than IN, or an OPT
 * record other than the additional section's first. It keeps its place in the section.
 */
export interface UnusedRecord {
  type: 'unused';
  name: string;
  typeCode: number;
  class: number;
  ttl: number;
}

export type SectionRecord = DnsRecord | UnusedRecord;

/** The OPT record's fields (RFC 6891 §6.1.2-3); its upper rcode bits are in DnsMessage.rcode. */
export interface Edns {
  udpPayloadSize: number;
  version: number;
  /** DO (RFC 3225) and the Z bits. */
  flags: number;
}

export interface DnsMessage {
  id: number;
  /** QR: a response, not a query. */
  response: boolean;
  opcode: number;
  /** AA, TC, RD and RA (RFC 1035 §4.1.1). */
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  /** AD (RFC 4035 §3.2.3): the resolver says it validated the data; authaudit never trusts it, tests compare it. */
  authenticData: boolean;
  /** CD (RFC 4035 §3.2.2): the asker validates itself. */
  checkingDisabled: boolean;
  /**
   * The response code by name ('NOERROR', 'NXDOMAIN'…, 'BADVERS', 'RCODE_n'): the header's 4 bits
   * and, with EDNS, the OPT record's upper 8 (RFC 6891 §6.1.3).
   */
  rcode: string;
  questions: Question[];
  answers: SectionRecord[];
  authorities: SectionRecord[];
  /** The additional section but for the OPT record, which is `edns`. */
  additionals: SectionRecord[];
  /** The additional section's (first) OPT record, or null: no EDNS. */
  edns: Edns | null;
}

/** The records of a section that authaudit reads, in order. */
export function typedRecords(section: readonly SectionRecord[]): DnsRecord[] {
  return section.filter((r): r is DnsRecord => r.type !== 'unused');
}
