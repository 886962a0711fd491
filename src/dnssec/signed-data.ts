// RFC 4034 §3.1.8.1 and RFC 4035 §5.3.2: the bytes an RRSIG signs: its own RDATA without the
// signature, then each record of the RRset in canonical form (owner lowercased, the original TTL,
// RDATA of §6.2) in canonical order (§6.3), without duplicates.

import type { DnsRecord, RRSIGRecord } from '../model/records.js';
import { canonicalRdata } from '../dns/canonical-order.js';
import { RR_TYPE_CODES } from '../model/type-codes.js';
import { rrsigHeaderBytes, wireNameBytes } from '../zone/dnssec-rdata.js';
import { ancestor, labelCount } from './canonical-name.js';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function signedData(rrsig: RRSIGRecord, rrset: readonly DnsRecord[]): Uint8Array {
  const first = rrset[0];
  if (first === undefined) return rrsigHeaderBytes(rrsig, true);
  // RFC 4035 §5.3.2: an owner with more labels than the RRSIG's was expanded from a wildcard
  const labels = labelCount(first.name);
  const owner = rrsig.labels < labels ? `*${rrsig.labels === 0 ? '' : `.${ancestor(first.name, labels - rrsig.labels)}`}` : first.name;
  const ownerBytes = wireNameBytes(owner, true);
  const rdatas = [...new Map(rrset.map((r) => {
    const rdata = canonicalRdata(r);
    return [Buffer.from(rdata).toString('hex'), rdata] as const;
  })).values()].sort(compareBytes);
  const head = Buffer.alloc(10);
  head.writeUInt16BE(RR_TYPE_CODES[first.type], 0);
  head.writeUInt16BE(1, 2); // class IN
  head.writeUInt32BE(rrsig.originalTtl, 4);
  const parts: Uint8Array[] = [rrsigHeaderBytes(rrsig, true)];
  for (const rdata of rdatas) {
    const fixed = Buffer.from(head);
    fixed.writeUInt16BE(rdata.length, 8);
    parts.push(ownerBytes, fixed, rdata);
  }
  return Buffer.concat(parts);
}
