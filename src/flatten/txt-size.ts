// TXT character-strings and the size of the DNS answer that carries them. A character-string holds at
// most 255 bytes (RFC 1035 §3.3.14); receivers join a record's strings with nothing between them
// (RFC 7208 §3.3), so a long record is cut into strings, preferably right after a space.
import type { TXTRecord } from '../dns/types.js';
import { latin1ToBytes, splitTxtStrings } from '../model/txt.js';
import { txtAnswerSize } from '../spf/answer-size.js';

export function txtRecordOf(name: string, text: string, ttl: number): TXTRecord {
  return { type: 'TXT', name, ttl, strings: splitTxtStrings(text).map(latin1ToBytes) };
}

/** RFC 6891 §6.1.2: the OPT record of an EDNS response (root owner, type, class, TTL, empty RDATA). */
export const OPT_RECORD_BYTES = 11;

/** A response larger than 512 bytes reaches a UDP client only over EDNS (RFC 6891 §7), whose OPT record it carries. */
export function needsEdns(udpSize: number): boolean {
  return udpSize > 512;
}

/**
 * Bytes of the DNS response to `TXT <name>` when it holds this record and `others` (the name's other TXT
 * records): header, question, and each record with its owner compressed (RFC 1035 §4.1, §4.1.4), plus
 * the OPT record when the answer is sent over EDNS.
 */
export function answerBytes(name: string, text: string, others: readonly TXTRecord[] = [], edns = false): number {
  return txtAnswerSize(name, [...others, txtRecordOf(name, text, 0)]) + (edns ? OPT_RECORD_BYTES : 0);
}
