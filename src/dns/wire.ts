// The resolver's side of the wire (RFC 1035 §4): the query it sends, and which packet is the
// response to it (decoded by decode-message.ts).

import { randomInt } from 'node:crypto';
import { decodeMessage } from './decode-message.js';
import { FLAG_CD, FLAG_RD, type DnsMessage } from './message.js';
import { nameKey } from '../model/names.js';
import type { RRType } from './types.js';
import { OPT_TYPE_CODE, RR_TYPE_CODES, typeName } from '../model/type-codes.js';
import { WireNameError, decodeWireName, parseName } from './wire-name.js';

/** RFC 6891 §6.2.5 and the DNS Flag Day 2020 recommendation: 1232 bytes avoids IP fragmentation. */
export const EDNS_PAYLOAD = 1232;
/** RFC 1035 §4.2.1: a UDP message without EDNS is at most 512 bytes. */
export const CLASSIC_UDP_PAYLOAD = 512;

/** A fresh, unpredictable 16-bit query id (RFC 5452 §9.2). */
export function randomQueryId(): number {
  return randomInt(0, 0x10000);
}

export interface QuerySpec {
  id: number;
  name: string;
  type: RRType;
  /** Add an EDNS0 OPT record advertising this UDP payload size (RFC 6891 §6.1.2); omit for none. */
  ednsPayload?: number;
  /** Set DO in the OPT record (RFC 3225 §3) and CD in the header (RFC 4035 §3.2.2); needs ednsPayload. */
  dnssec?: boolean;
}

/** RFC 3225 §3: DNSSEC OK, the top bit of the OPT record's flags. */
const EDNS_DO = 0x8000;

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
  out.writeUInt16BE(FLAG_RD | (spec.dnssec === true ? FLAG_CD : 0), 2); // RFC 1035 §4.1.1: a query (QR clear), recursion desired
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
    out.writeUInt16BE(OPT_TYPE_CODE, at + 1);
    out.writeUInt16BE(spec.ednsPayload! & 0xffff, at + 3);
    if (spec.dnssec === true) out.writeUInt16BE(EDNS_DO, at + 7);
  }
  return out;
}

export type ResponseMatch =
  | { kind: 'response'; message: DnsMessage }
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
  if (nameKey(question.name) !== nameKey(canonicalName(expected.name))) {
    return { kind: 'stray', reason: `question for ${question.name || '.'}` };
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
