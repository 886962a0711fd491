// The message types the DNS code works with. Messages are decoded by message-codec.ts; decoded
// record data is `unknown` until wire.ts checks it. (Stream framing is done by hand in tcp-exchange.ts.)

import { decodeDnsMessage, type DecodedMessage, type DecodedQuestion, type DecodedRecord } from './message-codec.js';

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
