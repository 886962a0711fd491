// A typed window onto dns-packet. @types/dns-packet leaves out the decoded `rcode` and types
// record data per record type, which is more than the decoder guarantees for hostile input; here
// decoded record data is `unknown` and wire.ts checks its shape before trusting it.
// (Stream framing is done by hand in tcp-exchange.ts: the typed `streamDecode` claims to return a
// Packet, but the library returns null on a partial read and only handles one message per buffer.)

import dnsPacket from 'dns-packet';
import type { Packet } from 'dns-packet';

export interface WireQuestion {
  name: string;
  type: string;
  class: string;
}

/** A decoded resource record. `data` is unchecked; OPT records carry the EDNS fields instead. */
export interface WireRecord {
  name: string;
  type: string;
  class?: string;
  ttl?: number;
  data?: unknown;
  udpPayloadSize?: number;
  extendedRcode?: number;
}

export interface WireMessage {
  id: number;
  type: 'query' | 'response';
  flags: number;
  opcode: string;
  rcode: string;
  flag_qr: boolean;
  flag_tc: boolean;
  flag_rd: boolean;
  questions: WireQuestion[];
  answers: WireRecord[];
  authorities: WireRecord[];
  additionals: WireRecord[];
}

/** Decode one DNS message; throws on bytes that are not one. */
export function decodeMessage(bytes: Uint8Array): WireMessage {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return dnsPacket.decode(buf) as unknown as WireMessage;
}

/** A packet to encode: the library's Packet, plus record types it encodes as raw rdata (SPF). */
export type EncodablePacket = Omit<Packet, 'answers' | 'authorities' | 'additionals'> & {
  answers?: EncodableRecord[];
  authorities?: EncodableRecord[];
  additionals?: EncodableRecord[];
};

export type EncodableRecord = NonNullable<Packet['answers']>[number] | RawRecord;

/** A record dns-packet has no codec for: it writes `data` as the rdata bytes. */
export interface RawRecord {
  type: 'SPF';
  name: string;
  ttl?: number;
  class?: 'IN';
  data: Buffer;
}

export function encodeMessage(packet: EncodablePacket): Buffer {
  return dnsPacket.encode(packet as Packet);
}

/** RFC 1035 §4.1.1 header flag bits (the library exports the same numbers). */
export const FLAG_TC = dnsPacket.TRUNCATED_RESPONSE;
export const FLAG_RD = dnsPacket.RECURSION_DESIRED;
export const FLAG_RA = dnsPacket.RECURSION_AVAILABLE;
export const FLAG_AA = dnsPacket.AUTHORITATIVE_ANSWER;
