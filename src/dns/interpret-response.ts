// What one DNS response says about one question: records (after the CNAME chain inside the
// answer section), NXDOMAIN, no data, a chain that stops short, or a failure rcode.

import { inCanonicalOrder } from './canonical-order.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { typedRecords, type DnsMessage } from './message.js';
import type { CnameLink, FailureKind, RecordOf, RRType } from './types.js';

/** Longest CNAME chain followed before giving up (the zone resolver uses the same bound). */
import { MAX_CNAME_CHAIN } from './types.js';

export type Interpretation<T extends RRType> =
  | { kind: 'records'; links: CnameLink[]; records: RecordOf<T>[] }
  | { kind: 'nxdomain' | 'nodata'; links: CnameLink[]; ttl: number | null }
  /** The chain ends at `target` with no records for it and no authoritative denial: ask again. */
  | { kind: 'continue'; links: CnameLink[]; target: string }
  | { kind: 'failure'; links: CnameLink[]; failure: FailureKind; detail: string };

/** RFC 1035 §4.1.1 response codes that end a question without an answer. */
export function failureForRcode(rcode: string): FailureKind | null {
  if (rcode === 'NOERROR' || rcode === 'NXDOMAIN') return null;
  if (rcode === 'SERVFAIL') return 'servfail';
  if (rcode === 'REFUSED') return 'refused';
  return 'other';
}

/**
 * Interpret `message` as the answer to (`qname`, `qtype`). `seen` holds the names already on the
 * chain (from earlier responses) and is extended; a name met twice is a loop.
 */
export function interpretResponse<T extends RRType>(
  message: DnsMessage,
  qname: string,
  qtype: T,
  seen: Set<string>,
  chainSoFar: number,
): Interpretation<T> {
  const links: CnameLink[] = [];
  const rcode = message.rcode;
  const failure = failureForRcode(rcode);
  if (failure !== null) return { kind: 'failure', links, failure, detail: `server answered ${rcode}` };

  const answers = typedRecords(message.answers);
  const authorities = typedRecords(message.authorities);

  // RFC 1034 §3.6.2 / §4.3.2: a CNAME at the name redirects every type but CNAME itself.
  let current = qname;
  if (qtype !== 'CNAME') {
    for (;;) {
      const key = nameKey(current);
      const cname = answers.find((r) => r.type === 'CNAME' && nameKey(r.name) === key);
      if (cname === undefined || cname.type !== 'CNAME') break;
      links.push({ name: cname.name, target: cname.target, ttl: cname.ttl });
      if (seen.has(nameKey(cname.target))) {
        return { kind: 'failure', links, failure: 'cname-loop', detail: `CNAME loop at ${cname.target}` };
      }
      if (chainSoFar + links.length > MAX_CNAME_CHAIN) {
        return { kind: 'failure', links, failure: 'cname-chain-too-long', detail: `more than ${MAX_CNAME_CHAIN} CNAMEs` };
      }
      seen.add(nameKey(cname.target));
      current = cname.target;
    }
  }

  const finalKey = nameKey(current);
  const records = answers.filter((r): r is RecordOf<T> => r.type === qtype && nameKey(r.name) === finalKey);
  // RFC 6604 §3: with a chain, the rcode describes the last name in it.
  // RFC 2181 §5: an RRset has no order; hand it over in canonical order (canonical-order.ts)
  if (rcode === 'NOERROR' && records.length > 0) return { kind: 'records', links, records: inCanonicalOrder(records) };

  // RFC 2308 §3: the SOA in the authority section of a negative answer is its proof and its TTL.
  const soa = authorities.find((r): r is RecordOf<'SOA'> => r.type === 'SOA' && isAtOrBelow(current, r.name));
  const ttl = soa === undefined ? null : Math.min(soa.ttl, soa.minimum); // RFC 2308 §5
  if (rcode === 'NXDOMAIN') return { kind: 'nxdomain', links, ttl };
  if (links.length > 0 && soa === undefined) return { kind: 'continue', links, target: current };
  // RFC 1034 §4.3.1/§4.2.1: an empty, non-authoritative answer carrying NS records for an enclosing
  // zone is a referral from a server that does not recurse, not a statement that no data exists.
  const referral = authorities.filter((r): r is RecordOf<'NS'> => r.type === 'NS' && isAtOrBelow(current, r.name));
  if (soa === undefined && !message.authoritative && referral.length > 0) {
    const servers = referral.map((r) => r.target).join(', ');
    return { kind: 'failure', links, failure: 'other', detail: `referral to ${servers} for ${referral[0]?.name}: the server does not recurse (ask a recursive resolver)` };
  }
  return { kind: 'nodata', links, ttl };
}
