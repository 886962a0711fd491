// DNS messages (RFC 1035 §4.1) to and from bytes, for the record types authaudit reads.
//
// dns-packet's name codec writes labels as UTF-8 and splits on every '.', so a label holding a
// byte over 0x7f, a '.' or a '\' does not survive it (and an overlong label corrupts the packet).
// Names here go through wire-name.ts, byte for byte; record data keeps the shapes dns-packet gives
// (so the rest of the code reads either), and anything not understood is kept as raw bytes.

import ipaddr from 'ipaddr.js';
import { typeName } from './type-codes.js';
import { WireNameError, decodeWireName } from './wire-name.js';

export class MessageFormatError extends Error {
  override name = 'MessageFormatError';
}

/** RFC 1035 §4.1.1, RFC 2136 §2.2: the response codes of the header's 4 bits, by number. */
export const RCODE_NAMES: readonly string[] = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];
const OPCODES = ['QUERY', 'IQUERY', 'STATUS', 'OPCODE_3', 'NOTIFY', 'UPDATE'];
const CLASSES = new Map<number, string>([[1, 'IN'], [3, 'CH'], [4, 'HS'], [254, 'NONE'], [255, 'ANY']]);

function className(code: number): string {
  return CLASSES.get(code) ?? `CLASS${code}`;
}

/** RFC 1035 §4.1.1 header flag bits. */
export const FLAG_QR = 1 << 15;
export const FLAG_AA = 1 << 10;
export const FLAG_TC = 1 << 9;
export const FLAG_RD = 1 << 8;
export const FLAG_RA = 1 << 7;

// ---- decoding ---------------------------------------------------------------------------------

export interface DecodedQuestion {
  name: string;
  type: string;
  class: string;
}

/** A decoded resource record; OPT records carry the EDNS fields (RFC 6891 §6.1.3) instead of class, TTL and data. */
export interface DecodedRecord {
  name: string;
  type: string;
  class?: string;
  ttl?: number;
  data?: unknown;
  udpPayloadSize?: number;
  extendedRcode?: number;
  ednsVersion?: number;
  flags?: number;
  flag_do?: boolean;
}

export interface DecodedMessage {
  id: number;
  type: 'query' | 'response';
  /** The header flags without the QR bit (as dns-packet gives them). */
  flags: number;
  opcode: string;
  rcode: string;
  flag_qr: boolean;
  flag_aa: boolean;
  flag_tc: boolean;
  flag_rd: boolean;
  flag_ra: boolean;
  questions: DecodedQuestion[];
  answers: DecodedRecord[];
  authorities: DecodedRecord[];
  additionals: DecodedRecord[];
}

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
  bytes(n: number, what: string): Buffer {
    this.need(n, what);
    const out = Buffer.from(this.buf.subarray(this.at, this.at + n)); // a copy: does not pin the packet
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

/** Decode one DNS message; throws MessageFormatError on bytes that are not one. */
export function decodeDnsMessage(bytes: Uint8Array): DecodedMessage {
  const r = new Reader(bytes);
  if (bytes.length < 12) throw new MessageFormatError('shorter than a DNS header');
  const id = r.u16('header');
  const flags = r.u16('header');
  const counts = [r.u16('header'), r.u16('header'), r.u16('header'), r.u16('header')] as const;
  const questions: DecodedQuestion[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const name = r.name('question name');
    questions.push({ name, type: typeName(r.u16('question type')), class: className(r.u16('question class')) });
  }
  const section = (count: number, what: string): DecodedRecord[] => {
    const out: DecodedRecord[] = [];
    for (let i = 0; i < count; i++) out.push(decodeRecord(r, `${what} record ${i + 1}`));
    return out;
  };
  const answers = section(counts[1], 'answer');
  const authorities = section(counts[2], 'authority');
  const additionals = section(counts[3], 'additional');
  if (r.at !== bytes.length) throw new MessageFormatError(`${bytes.length - r.at} bytes after the last record`);
  return {
    id,
    type: flags & FLAG_QR ? 'response' : 'query',
    flags: flags & ~FLAG_QR,
    opcode: OPCODES[(flags >> 11) & 0xf] ?? `OPCODE_${(flags >> 11) & 0xf}`,
    rcode: RCODE_NAMES[flags & 0xf] ?? `RCODE_${flags & 0xf}`,
    flag_qr: (flags & FLAG_QR) !== 0,
    flag_aa: (flags & FLAG_AA) !== 0,
    flag_tc: (flags & FLAG_TC) !== 0,
    flag_rd: (flags & FLAG_RD) !== 0,
    flag_ra: (flags & FLAG_RA) !== 0,
    questions,
    answers,
    authorities,
    additionals,
  };
}

function decodeRecord(r: Reader, what: string): DecodedRecord {
  const name = r.name(`${what} owner`);
  const type = typeName(r.u16(`${what} type`));
  const cls = r.u16(`${what} class`);
  const ttl = r.u32(`${what} TTL`);
  const length = r.u16(`${what} data length`);
  r.need(length, `${what} data`);
  const end = r.at + length;
  if (type === 'OPT') {
    // RFC 6891 §6.1.2-3: the class is the UDP payload size, the TTL the extended rcode and flags.
    r.at = end;
    return {
      name, type, udpPayloadSize: cls, extendedRcode: ttl >>> 24, ednsVersion: (ttl >>> 16) & 0xff,
      flags: ttl & 0xffff, flag_do: (ttl & 0x8000) !== 0,
    };
  }
  const data = decodeRdata(r, type, end, what);
  if (r.at !== end) throw new MessageFormatError(`${what}: the ${type} data does not fill its ${length} bytes`);
  return { name, type, class: className(cls), ttl, data };
}

function decodeRdata(r: Reader, type: string, end: number, what: string): unknown {
  const inside = (): void => {
    if (r.at > end) throw new MessageFormatError(`${what}: the ${type} data runs past its length`);
  };
  switch (type) {
    case 'A': {
      if (end - r.at !== 4) throw new MessageFormatError(`${what}: A data is ${end - r.at} bytes, not 4`);
      return Array.from(r.bytes(4, what)).join('.');
    }
    case 'AAAA': {
      if (end - r.at !== 16) throw new MessageFormatError(`${what}: AAAA data is ${end - r.at} bytes, not 16`);
      return ipaddr.fromByteArray(Array.from(r.bytes(16, what))).toString();
    }
    case 'MX': {
      const preference = r.u16(`${what} MX preference`);
      const exchange = r.name(`${what} MX exchange`);
      inside();
      return { preference, exchange };
    }
    case 'TXT': {
      // RFC 1035 §3.3.14: one or more <character-string>s.
      const strings: Buffer[] = [];
      while (r.at < end) {
        const n = r.u8(what);
        if (r.at + n > end) throw new MessageFormatError(`${what}: a character-string runs past the TXT data`);
        strings.push(r.bytes(n, what));
      }
      return strings;
    }
    case 'PTR':
    case 'CNAME':
    case 'NS': {
      const target = r.name(`${what} ${type} target`);
      inside();
      return target;
    }
    case 'SOA': {
      const mname = r.name(`${what} SOA MNAME`);
      const rname = r.name(`${what} SOA RNAME`);
      const [serial, refresh, retry, expire, minimum] = [0, 0, 0, 0, 0].map(() => r.u32(`${what} SOA`)) as [number, number, number, number, number];
      inside();
      return { mname, rname, serial, refresh, retry, expire, minimum };
    }
    default:
      // SPF (type 99) and every other type: the raw RDATA.
      return r.bytes(end - r.at, what);
  }
}
