// The size of the DNS response to a TXT question, to check RFC 7208 §3.4: "the published SPF record
// for a given domain name SHOULD remain small enough that the results of a query for it will fit
// within 512 octets" (the RFC 1035 §2.3.4 UDP limit without EDNS). Every TXT record at the name is
// in that answer, not only the SPF one.
import type { CnameLink, TXTRecord } from '../dns/types.js';
import { labels } from '../model/names.js';

/** RFC 1035 §3.1: uncompressed wire length of a name (length octets, labels, the root octet). */
export function nameWireLength(name: string): number {
  return labels(name).reduce((sum, label) => sum + 1 + label.length, 1);
}

const HEADER = 12; // RFC 1035 §4.1.1
const QUESTION_FIXED = 4; // QTYPE + QCLASS (§4.1.2)
const RR_FIXED = 10; // TYPE CLASS TTL RDLENGTH (§4.1.3)
const POINTER = 2; // §4.1.4 compression pointer

/**
 * Bytes of the response: header, the question, each CNAME followed (owner compressed to a pointer,
 * target written in full) and each TXT record (owner compressed, every character-string with its
 * length octet). Names in RDATA are counted uncompressed, so this is an upper bound within a few bytes.
 */
export function txtAnswerSize(question: string, records: readonly TXTRecord[], cnameChain: readonly CnameLink[] = []): number {
  let size = HEADER + nameWireLength(question) + QUESTION_FIXED;
  for (const link of cnameChain) size += POINTER + RR_FIXED + nameWireLength(link.target);
  for (const record of records) {
    size += POINTER + RR_FIXED + record.strings.reduce((sum, s) => sum + 1 + s.length, 0);
  }
  return size;
}

/** RFC 1035 §2.3.4: the largest UDP message without EDNS. */
export const CLASSIC_UDP_LIMIT = 512;
