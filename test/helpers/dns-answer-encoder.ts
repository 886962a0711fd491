// DNS messages written from typed records (RFC 1035 §4.1), for the test DNS server and the tests:
// authaudit itself only writes queries (src/dns/wire.ts). Names go through wire-name.ts byte for
// byte and are never compressed; a name or data that cannot be written exactly throws.

import ipaddr from 'ipaddr.js';
import { RCODE_NAMES } from '../../src/dns/decode-message.js';
import { FLAG_QR } from '../../src/dns/message.js';
import { OPT_TYPE_CODE, RR_TYPE_CODES } from '../../src/model/type-codes.js';
import type { DnsRecord, RRType } from '../../src/dns/types.js';
import { encodeWireName } from '../../src/dns/wire-name.js';
import { dnssecRdataBytes, isDnssecType, type DnssecFields } from '../../src/zone/dnssec-rdata.js';

export interface QuestionToEncode {
  name: string;
  /** A type authaudit reads, or any type code. */
  type: RRType | number;
  /** Default 1, IN. */
  class?: number;
}

/** Any record, its RDATA given as bytes: other types, other classes, broken data. */
export interface RawRecord {
  /** The type code. */
  type: number;
  name: string;
  ttl?: number;
  /** Default 1, IN. */
  class?: number;
  rdata: Uint8Array;
}

/** A typed record (in class IN unless `class` says otherwise), or one given as raw RDATA. */
export type RecordToEncode = (DnsRecord & { class?: number }) | RawRecord;

/** The OPT record (RFC 6891 §6.1.2-3), written after the additional records. */
export interface EdnsToEncode {
  udpPayloadSize: number;
  /** The upper 8 bits of the response code. */
  extendedRcode?: number;
  version?: number;
  /** DO and the Z bits. */
  flags?: number;
}

export interface MessageToEncode {
  id?: number;
  /** QR; default true, a response. */
  response?: boolean;
  /** The rest of the header's second 16-bit word: opcode, AA, TC, RD, RA, Z and RCODE (RFC 1035 §4.1.1). */
  flags?: number;
  questions?: QuestionToEncode[];
  answers?: RecordToEncode[];
  authorities?: RecordToEncode[];
  additionals?: RecordToEncode[];
  edns?: EdnsToEncode;
}

/** The number of a response code's name (NOERROR, NXDOMAIN…, or RCODE_n). */
export function rcodeNumber(rcode: string): number {
  const known = RCODE_NAMES.indexOf(rcode);
  if (known >= 0) return known;
  const m = /^RCODE_(\d+)$/.exec(rcode);
  if (m === null) throw new Error(`unknown response code ${rcode}`);
  return Number(m[1]);
}

class Writer {
  private readonly parts: Uint8Array[] = [];
  u8(v: number): void {
    this.parts.push(Uint8Array.of(v & 0xff));
  }
  u16(v: number): void {
    this.parts.push(Uint8Array.of((v >> 8) & 0xff, v & 0xff));
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.parts.push(b);
  }
  raw(b: Uint8Array): void {
    this.parts.push(b);
  }
  name(text: string): void {
    this.parts.push(encodeWireName(text));
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** The message, uncompressed. */
export function encodeMessage(message: MessageToEncode): Buffer {
  const w = new Writer();
  const questions = message.questions ?? [];
  const records = [message.answers ?? [], message.authorities ?? [], message.additionals ?? []] as const;
  w.u16(message.id ?? 0);
  w.u16(((message.flags ?? 0) & ~FLAG_QR) | (message.response === false ? 0 : FLAG_QR));
  w.u16(questions.length);
  w.u16(records[0].length);
  w.u16(records[1].length);
  w.u16(records[2].length + (message.edns === undefined ? 0 : 1));
  for (const q of questions) {
    w.name(q.name);
    w.u16(typeof q.type === 'number' ? q.type : RR_TYPE_CODES[q.type]);
    w.u16(q.class ?? 1);
  }
  for (const record of records.flat()) {
    w.name(record.name);
    w.u16(typeof record.type === 'number' ? record.type : RR_TYPE_CODES[record.type]);
    w.u16(record.class ?? 1);
    w.u32(record.ttl ?? 0);
    const rdata = 'rdata' in record ? record.rdata : encodeRdata(record);
    if (rdata.length > 0xffff) throw new Error(`${record.type} data of ${rdata.length} bytes is too long (RFC 1035 §3.2.1)`);
    w.u16(rdata.length);
    w.raw(rdata);
  }
  if (message.edns !== undefined) {
    const { udpPayloadSize, extendedRcode = 0, version = 0, flags = 0 } = message.edns;
    w.u8(0); // the root
    w.u16(OPT_TYPE_CODE);
    w.u16(udpPayloadSize);
    w.u32(((extendedRcode & 0xff) << 24) | ((version & 0xff) << 16) | (flags & 0xffff));
    w.u16(0); // no options
  }
  return w.done();
}

/**
 * RFC 1035 §3.3.14: each character-string is at most 255 bytes, so a longer one is written as
 * 255-byte pieces (the joined text, which SPF and DKIM read, is the same). A TXT record has at least one.
 */
export function characterStringsForWire(strings: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const s of strings) {
    if (s.length === 0) out.push(new Uint8Array(0));
    for (let at = 0; at < s.length; at += 255) out.push(s.subarray(at, at + 255));
  }
  return out.length === 0 ? [new Uint8Array(0)] : out;
}

/** RFC 1035 §3.3 and §3.4 (RFC 3596 §2.2 for AAAA, RFC 7208 §3.1 for SPF). */
function encodeRdata(record: DnsRecord): Buffer {
  const w = new Writer();
  // RFC 4034, RFC 5155, RFC 6698: names in this RDATA are never compressed; authaudit's codec writes it
  if (isDnssecType(record.type)) return Buffer.from(dnssecRdataBytes(record as DnssecFields));
  switch (record.type) {
    case 'A':
    case 'AAAA': {
      const valid = record.type === 'A' ? ipaddr.IPv4.isValidFourPartDecimal(record.address) : ipaddr.IPv6.isValid(record.address);
      if (!valid) throw new Error(`bad ${record.type} address ${record.address}`);
      w.raw(Uint8Array.from(ipaddr.parse(record.address).toByteArray()));
      break;
    }
    case 'MX':
      w.u16(record.preference);
      w.name(record.exchange);
      break;
    case 'TXT':
    case 'SPF':
      for (const s of characterStringsForWire(record.strings)) {
        w.u8(s.length);
        w.raw(s);
      }
      break;
    case 'PTR':
    case 'CNAME':
    case 'NS':
      w.name(record.target);
      break;
    case 'SOA':
      w.name(record.mname);
      w.name(record.rname);
      for (const n of [record.serial, record.refresh, record.retry, record.expire, record.minimum]) w.u32(n);
      break;
  }
  return w.done();
}
