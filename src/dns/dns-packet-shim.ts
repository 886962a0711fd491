// The message types the DNS code works with. Messages are encoded and decoded by message-codec.ts
// (dns-packet's name codec is not byte-exact: see there); the packet *types* of @types/dns-packet
// are kept for building messages, and decoded record data is `unknown` until wire.ts checks it.
// (Stream framing is done by hand in tcp-exchange.ts.)

import type { Packet } from 'dns-packet';
import {
  decodeDnsMessage,
  encodeDnsMessage,
  type DecodedMessage,
  type DecodedQuestion,
  type DecodedRecord,
  type EncodeMessage,
} from './message-codec.js';

export { FLAG_AA, FLAG_RA, FLAG_RD, FLAG_TC } from './message-codec.js';

/** The decoded message types are message-codec.ts's own; these names are what the DNS code uses. */
export type WireQuestion = DecodedQuestion;
/** A decoded resource record. `data` is unchecked; OPT records carry the EDNS fields instead. */
export type WireRecord = DecodedRecord;
export type WireMessage = DecodedMessage;

/** Decode one DNS message; throws MessageFormatError on bytes that are not one. */
export function decodeMessage(bytes: Uint8Array): WireMessage {
  return decodeDnsMessage(bytes);
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

/** Encode a message; throws MessageFormatError for a name or data that cannot be written exactly. */
export function encodeMessage(packet: EncodablePacket): Buffer {
  return encodeDnsMessage(packet as EncodeMessage);
}
