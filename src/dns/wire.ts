// DNS messages on the wire (RFC 1035 §4) <-> the typed records of types.ts, on dns-packet.

import { randomInt } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { nameKey } from './names.js';
import type { DnsRecord, RRType } from './types.js';
import { RR_TYPES } from './types.js';
import { RR_TYPE_CODES, typeName } from './type-codes.js';
import { WireNameError, decodeWireName, parseName } from './wire-name.js';
import { FLAG_RD, decodeMessage, type WireMessage, type WireRecord } from './dns-packet-shim.js';

/** RFC 6891 §6.2.5 and the DNS Flag Day 2020 recommendation: 1232 bytes avoids IP fragmentation. */
export const EDNS_PAYLOAD = 1232;
/** RFC 1035 §4.2.1: a UDP message without EDNS is at most 512 bytes. */
export const CLASSIC_UDP_PAYLOAD = 512;

export class WireFormatError extends Error {}

/** A fresh, unpredictable 16-bit query id (RFC 5452 §9.2). */
export function randomQueryId(): number {
  return randomInt(0, 0x10000);
}

/** dns-packet writes the root as '.'; authaudit's names have no trailing dot and the root is ''. */
export function fromWireName(name: string): string {
  return name === '.' ? '' : name.endsWith('.') ? name.slice(0, -1) : name;
}

export interface QuerySpec {
  id: number;
  name: string;
  type: RRType;
  /** Add an EDNS0 OPT record advertising this UDP payload size (RFC 6891 §6.1.2); omit for none. */
  ednsPayload?: number;
}

/**
 * An RD query (we ask recursive resolvers) for one IN question (RFC 1035 §4.1), written straight
 * into one buffer: the header, the question and, with `ednsPayload`, an OPT record (RFC 6891
 * §6.1.2); no buffer per field, as this runs for every question. Throws WireNameError for a name
 * that cannot be written exactly.
 */
export function encodeQuery(spec: QuerySpec): Buffer {
  const parsed = parseName(spec.name);
  if (!parsed.ok) throw new WireNameError(parsed.reason);
  const code = RR_TYPE_CODES[spec.type];
  let length = 1;
  for (const label of parsed.labels) length += label.length + 1;
  const edns = spec.ednsPayload !== undefined;
  const out = Buffer.alloc(12 + length + 4 + (edns ? 11 : 0));
  out.writeUInt16BE(spec.id & 0xffff, 0);
  out.writeUInt16BE(FLAG_RD, 2); // RFC 1035 §4.1.1: a query (QR clear), recursion desired
  out.writeUInt16BE(1, 4); // QDCOUNT
  out.writeUInt16BE(edns ? 1 : 0, 10); // ARCOUNT
  let at = 12;
  for (const label of parsed.labels) {
    out[at++] = label.length;
    out.set(label, at);
    at += label.length;
  }
  out[at++] = 0;
  out.writeUInt16BE(code, at);
  out.writeUInt16BE(1, at + 2); // class IN
  at += 4;
  if (edns) {
    // root owner, type OPT, CLASS = payload size, TTL = extended rcode 0, version 0, flags 0, no options
    out[at] = 0;
    out.writeUInt16BE(41, at + 1);
    out.writeUInt16BE(spec.ednsPayload! & 0xffff, at + 3);
  }
  return out;
}

/** The full response code: RFC 6891 §6.1.3 puts the upper 8 bits in the OPT record. */
export function responseRcode(message: WireMessage): string {
  const opt = message.additionals.find((r) => r.type === 'OPT');
  const upper = opt?.extendedRcode ?? 0;
  if (upper === 0) return message.rcode;
  const full = (upper << 4) | (message.flags & 0xf);
  return full === 16 ? 'BADVERS' : `RCODE_${full}`;
}

export function hasEdns(message: WireMessage): boolean {
  return message.additionals.some((r) => r.type === 'OPT');
}

export type ResponseMatch =
  | { kind: 'response'; message: WireMessage }
  /** Not an answer to this query: ignore it and keep waiting (RFC 5452 §9.1). */
  | { kind: 'stray'; reason: string }
  /** It claims to answer this query (right id) but cannot be decoded. */
  | { kind: 'malformed'; detail: string };

/** A name in one canonical text form (escapes normalised, no trailing dot), for comparisons. */
function canonicalName(name: string): string {
  const parsed = parseName(name);
  return parsed.ok ? parsed.name : name;
}

/**
 * RFC 5452 §9.1: accept a response only when its id and question match the query (the caller
 * checks the source address and port). Names compare case-insensitively (RFC 4343). The question
 * is read before the rest, so that only a packet that does answer this question can end the wait
 * as malformed; anything else is ignored.
 */
export function matchResponse(bytes: Uint8Array, expected: { id: number; name: string; type: RRType }, query?: Uint8Array): ResponseMatch {
  if (bytes.length < 12) return { kind: 'stray', reason: `${bytes.length}-byte packet is shorter than a DNS header` };
  const id = (bytes[0]! << 8) | bytes[1]!;
  if (id !== expected.id) return { kind: 'stray', reason: `id ${id}, expected ${expected.id}` };
  if ((bytes[2]! & 0x80) === 0) return { kind: 'stray', reason: 'not a response (QR clear)' };
  const questions = (bytes[4]! << 8) | bytes[5]!;
  if (questions !== 1) return { kind: 'stray', reason: `${questions} questions in the response` };
  if (query !== undefined && sameQuestionBytes(bytes, query)) return decodedResponse(bytes);
  let question: { name: string; type: number; class: number };
  try {
    const { name, bytes: length } = decodeWireName(bytes, 12);
    const at = 12 + length;
    if (at + 4 > bytes.length) return { kind: 'stray', reason: 'the question runs past the end of the packet' };
    question = { name, type: (bytes[at]! << 8) | bytes[at + 1]!, class: (bytes[at + 2]! << 8) | bytes[at + 3]! };
  } catch (error) {
    return { kind: 'stray', reason: `a question that does not decode (${(error as Error).message})` };
  }
  if (nameKey(fromWireName(question.name)) !== nameKey(canonicalName(expected.name))) {
    return { kind: 'stray', reason: `question for ${question.name}` };
  }
  if (question.type !== RR_TYPE_CODES[expected.type]) return { kind: 'stray', reason: `question of type ${typeName(question.type)}` };
  if (question.class !== 1) return { kind: 'stray', reason: `question of class ${question.class}` };
  return decodedResponse(bytes);
}

function decodedResponse(bytes: Uint8Array): ResponseMatch {
  try {
    return { kind: 'response', message: decodeMessage(bytes) };
  } catch (error) {
    return { kind: 'malformed', detail: `undecodable response: ${(error as Error).message}` };
  }
}

/**
 * Whether the response's question is the query's, byte for byte but for ASCII case (RFC 4343): the
 * common case, told without decoding the name. Anything else (a difference, a pointer, a short
 * packet) returns false and the question is decoded and compared as a name.
 */
function sameQuestionBytes(response: Uint8Array, query: Uint8Array): boolean {
  let at = 12;
  for (;;) {
    if (at >= query.length || at >= response.length) return false;
    const len = query[at]!;
    if (response[at] !== len) return false; // length bytes (and the root's 0) exactly
    if (len === 0) break;
    if (at + 1 + len > response.length) return false;
    for (let i = at + 1; i <= at + len; i++) {
      const a = query[i]!;
      const b = response[i]!;
      if (a === b) continue;
      const lower = a | 0x20;
      if (lower !== (b | 0x20) || lower < 0x61 || lower > 0x7a) return false; // only ASCII letters fold
    }
    at += len + 1;
  }
  if (at + 5 > query.length || at + 5 > response.length) return false;
  for (let i = at + 1; i < at + 5; i++) if (query[i] !== response[i]) return false; // type and class
  return true;
}

function isRRType(type: string): type is RRType {
  return (RR_TYPES as readonly string[]).includes(type);
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function wireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new WireFormatError(`${what} is not a name`);
  return value;
}

function wireNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new WireFormatError(`${what} is not a number`);
  return value;
}

/** RFC 1035 §3.3: <character-string> is a length octet followed by that many octets. */
export function parseCharacterStrings(rdata: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < rdata.length) {
    const len = rdata[at]!;
    if (at + 1 + len > rdata.length) throw new WireFormatError('character-string runs past the end of the record');
    out.push(Uint8Array.from(rdata.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return out;
}

/**
 * One decoded resource record as a typed record, or null for records authaudit does not use
 * (other types, other classes, OPT). Throws WireFormatError when the data has the wrong shape.
 */
export function recordFromWire(rr: WireRecord): DnsRecord | null {
  if (!isRRType(rr.type) || (rr.class !== undefined && rr.class !== 'IN')) return null;
  const name = fromWireName(rr.name);
  const ttl = rr.ttl ?? 0;
  const data = rr.data;
  switch (rr.type) {
    case 'A': {
      const address = wireString(data, 'A address');
      if (!ipaddr.IPv4.isValidFourPartDecimal(address)) throw new WireFormatError(`bad A address ${address}`);
      return { type: 'A', name, ttl, address };
    }
    case 'AAAA': {
      const address = wireString(data, 'AAAA address');
      if (!ipaddr.IPv6.isValid(address)) throw new WireFormatError(`bad AAAA address ${address}`);
      return { type: 'AAAA', name, ttl, address: ipaddr.IPv6.parse(address).toString() }; // RFC 5952 form
    }
    case 'MX': {
      if (!isRecordObject(data)) throw new WireFormatError('MX data missing');
      return {
        type: 'MX', name, ttl,
        preference: wireNumber(data.preference, 'MX preference'),
        exchange: fromWireName(wireString(data.exchange, 'MX exchange')),
      };
    }
    case 'TXT': {
      const parts = Array.isArray(data) ? data : [data];
      const strings = parts.map((p) => {
        if (!(p instanceof Uint8Array)) throw new WireFormatError('TXT data is not bytes');
        return Uint8Array.from(p); // a copy: the bytes stay bytes and do not pin the packet
      });
      return { type: 'TXT', name, ttl, strings };
    }
    case 'SPF': {
      // RFC 7208 §3.1 / RFC 4408: type 99 has TXT's rdata format; dns-packet hands it over raw.
      if (!(data instanceof Uint8Array)) throw new WireFormatError('SPF data is not bytes');
      return { type: 'SPF', name, ttl, strings: parseCharacterStrings(data) };
    }
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return { type: rr.type, name, ttl, target: fromWireName(wireString(data, `${rr.type} target`)) };
    case 'SOA': {
      if (!isRecordObject(data)) throw new WireFormatError('SOA data missing');
      return {
        type: 'SOA', name, ttl,
        mname: fromWireName(wireString(data.mname, 'SOA mname')),
        rname: fromWireName(wireString(data.rname, 'SOA rname')),
        serial: wireNumber(data.serial, 'SOA serial'),
        refresh: wireNumber(data.refresh, 'SOA refresh'),
        retry: wireNumber(data.retry, 'SOA retry'),
        expire: wireNumber(data.expire, 'SOA expire'),
        minimum: wireNumber(data.minimum, 'SOA minimum'),
      };
    }
  }
}
