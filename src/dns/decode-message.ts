// Bytes -> a typed DNS message (message.ts), in one pass (RFC 1035 §4.1): the header, the
// questions, and every resource record straight into its typed record, or a placeholder when
// authaudit does not read it. Names are read byte for byte (wire-name.ts), so a label holding a
// '.' or a byte above 0x7f comes through exactly. Bytes that are not a message throw.

import { formatIp, ipFromBytes } from '../net/ip.js';
import { FLAG_AA, FLAG_AD, FLAG_CD, FLAG_QR, FLAG_RA, FLAG_RD, FLAG_TC, type DnsMessage, type Question, type SectionRecord, type UnusedRecord } from './message.js';
import { OPT_TYPE_CODE, rrTypeOfCode } from '../model/type-codes.js';
import type { DnsRecord, RRType } from './types.js';
import { WireNameError, decodeWireName } from './wire-name.js';
import { decodeDnssecBytes, isDnssecType } from '../zone/dnssec-rdata.js';

export class MessageFormatError extends Error {
  override name = 'MessageFormatError';
}

/** RFC 1035 §4.1.1, RFC 2136 §2.2: the response codes of the header's 4 bits, by number. */
export const RCODE_NAMES: readonly string[] = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];

/** RFC 1035 §3.2.4: class IN. */
const CLASS_IN = 1;

class Reader {
  at = 0;
  constructor(readonly buf: Uint8Array) {}
  need(n: number, what: string): void {
    if (this.at + n > this.buf.length) throw new MessageFormatError(`${what} runs past the end of the message`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.buf[this.at++]!;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.buf[this.at]! << 8) | this.buf[this.at + 1]!;
    this.at += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const b = this.buf;
    const v = b[this.at]! * 0x1000000 + ((b[this.at + 1]! << 16) | (b[this.at + 2]! << 8) | b[this.at + 3]!);
    this.at += 4;
    return v;
  }
  /** A copy, so that a record does not pin the packet. */
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = Uint8Array.from(this.buf.subarray(this.at, this.at + n));
    this.at += n;
    return out;
  }
  name(what: string): string {
    try {
      const { name, bytes } = decodeWireName(this.buf, this.at);
      this.at += bytes;
      return name;
    } catch (error) {
      if (error instanceof WireNameError) throw new MessageFormatError(`${what}: ${error.message}`);
      throw error;
    }
  }
}

/** RFC 1035 §4.1.3: what precedes a record's RDATA. */
interface RecordHeader {
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** RDLENGTH, and where the RDATA ends. */
  length: number;
  end: number;
}

/** Decode one DNS message; throws MessageFormatError on bytes that are not one. */
export function decodeMessage(bytes: Uint8Array): DnsMessage {
  if (bytes.length < 12) throw new MessageFormatError('shorter than a DNS header');
  const r = new Reader(bytes);
  const id = r.u16('header');
  const flags = r.u16('header');
  const counts = [r.u16('header'), r.u16('header'), r.u16('header'), r.u16('header')] as const;
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const name = r.name('question name');
    questions.push({ name, type: r.u16('question type'), class: r.u16('question class') });
  }
  const answers = readSection(r, counts[1], 'answer', null);
  const authorities = readSection(r, counts[2], 'authority', null);
  const opts: RecordHeader[] = [];
  const additionals = readSection(r, counts[3], 'additional', opts);
  if (r.at !== bytes.length) throw new MessageFormatError(`${bytes.length - r.at} bytes after the last record`);
  // RFC 6891 §6.1.2-3: the OPT record's CLASS is the UDP payload size, its TTL the extended rcode, version and flags.
  const opt = opts[0];
  return {
    id,
    response: (flags & FLAG_QR) !== 0,
    opcode: (flags >> 11) & 0xf,
    authoritative: (flags & FLAG_AA) !== 0,
    truncated: (flags & FLAG_TC) !== 0,
    recursionDesired: (flags & FLAG_RD) !== 0,
    recursionAvailable: (flags & FLAG_RA) !== 0,
    authenticData: (flags & FLAG_AD) !== 0,
    checkingDisabled: (flags & FLAG_CD) !== 0,
    rcode: rcodeName(flags & 0xf, opt === undefined ? 0 : opt.ttl >>> 24),
    questions,
    answers,
    authorities,
    additionals,
    edns: opt === undefined ? null : { udpPayloadSize: opt.class, version: (opt.ttl >>> 16) & 0xff, flags: opt.ttl & 0xffff },
  };
}

/** RFC 6891 §6.1.3: the OPT record holds the upper 8 bits of the 12-bit response code (16 is BADVERS). */
function rcodeName(header: number, extended: number): string {
  if (extended === 0) return RCODE_NAMES[header] ?? `RCODE_${header}`;
  const full = (extended << 4) | header;
  return full === 16 ? 'BADVERS' : `RCODE_${full}`;
}

/**
 * `count` records. `opts`, for the additional section, takes the first OPT record's header (its
 * options are not read); any other OPT record is a placeholder.
 */
function readSection(r: Reader, count: number, what: string, opts: RecordHeader[] | null): SectionRecord[] {
  const out: SectionRecord[] = [];
  for (let i = 0; i < count; i++) {
    const where = `${what} record ${i + 1}`;
    const header = readRecordHeader(r, where);
    if (header.type !== OPT_TYPE_CODE) {
      out.push(readRecord(r, header, where));
      continue;
    }
    r.at = header.end;
    if (opts !== null && opts.length === 0) opts.push(header);
    else out.push(unused(header));
  }
  return out;
}

function readRecordHeader(r: Reader, what: string): RecordHeader {
  const name = r.name(`${what} owner`);
  const type = r.u16(`${what} type`);
  const cls = r.u16(`${what} class`);
  const ttl = r.u32(`${what} TTL`);
  const length = r.u16(`${what} data length`);
  r.need(length, `${what} data`);
  return { name, type, class: cls, ttl, length, end: r.at + length };
}

function unused(header: RecordHeader): UnusedRecord {
  return { type: 'unused', name: header.name, typeCode: header.type, class: header.class, ttl: header.ttl };
}

/**
 * The record's RDATA read as its type's (in any class: data that is not its type's is an error
 * wherever it stands), typed when it is in class IN.
 */
function readRecord(r: Reader, header: RecordHeader, what: string): SectionRecord {
  const type = rrTypeOfCode(header.type);
  if (type === undefined) {
    r.at = header.end;
    return unused(header);
  }
  const record = readData(r, type, header, what);
  if (r.at !== header.end) throw new MessageFormatError(`${what}: the ${type} data does not fill its ${header.length} bytes`);
  return header.class === CLASS_IN ? record : unused(header);
}

/** RFC 1035 §3.3 and §3.4, RFC 3596 §2.2 (AAAA), RFC 7208 §3.1 (SPF: TXT's format). */
function readData(r: Reader, type: RRType, header: RecordHeader, what: string): DnsRecord {
  const { name, ttl, end } = header;
  /** A name in the RDATA may end past it (its bytes are within the message): then it does not fit. */
  const inside = (): void => {
    if (r.at > end) throw new MessageFormatError(`${what}: the ${type} data runs past its length`);
  };
  if (isDnssecType(type)) {
    // RFC 4034 §3.1.7, §4.1.1: the names in this RDATA are never compressed, so it reads on its own
    const fields = decodeDnssecBytes(type, r.bytes(header.length, what));
    if (fields === null) throw new MessageFormatError(`${what}: malformed ${type} data`);
    return { ...fields, name, ttl } as DnsRecord;
  }
  switch (type) {
    case 'A': {
      if (header.length !== 4) throw new MessageFormatError(`${what}: A data is ${header.length} bytes, not 4`);
      return { type, name, ttl, address: formatIp(ipFromBytes(r.bytes(4, what))) };
    }
    case 'AAAA': {
      if (header.length !== 16) throw new MessageFormatError(`${what}: AAAA data is ${header.length} bytes, not 16`);
      return { type, name, ttl, address: formatIp(ipFromBytes(r.bytes(16, what))) }; // RFC 5952 form
    }
    case 'MX': {
      const preference = r.u16(`${what} MX preference`);
      const exchange = r.name(`${what} MX exchange`);
      inside();
      return { type, name, ttl, preference, exchange };
    }
    case 'TXT':
    case 'SPF': {
      // RFC 1035 §3.3.14: one or more <character-string>s, each a length byte and that many bytes.
      const strings: Uint8Array[] = [];
      while (r.at < end) {
        const n = r.u8(what);
        if (r.at + n > end) throw new MessageFormatError(`${what}: a character-string runs past the ${type} data`);
        strings.push(r.bytes(n, what));
      }
      return { type, name, ttl, strings };
    }
    case 'PTR':
    case 'CNAME':
    case 'NS': {
      const target = r.name(`${what} ${type} target`);
      inside();
      return { type, name, ttl, target };
    }
    case 'SOA': {
      const mname = r.name(`${what} SOA MNAME`);
      const rname = r.name(`${what} SOA RNAME`);
      const [serial, refresh, retry, expire, minimum] = [0, 0, 0, 0, 0].map(() => r.u32(`${what} SOA`)) as [number, number, number, number, number];
      inside();
      return { type, name, ttl, mname, rname, serial, refresh, retry, expire, minimum };
    }
  }
}
