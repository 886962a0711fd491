// Record types the reader knows. Typed ones become DnsRecords; the others are accepted and kept
// as OtherRecords (they make their owner exist) but not interpreted.

import type { RRType } from '../model/records.js';
import { OTHER_TYPE_CODES as OTHER_CODES, RR_TYPE_CODES as TYPED_CODES } from '../model/type-codes.js';

/** DNSSEC records that may sit beside a CNAME (RFC 4035 §2.5, RFC 2181 §10.1). */
export const ALLOWED_BESIDE_CNAME: ReadonlySet<string> = new Set(['RRSIG', 'NSEC', 'SIG', 'NXT', 'KEY']);

export type TypeLookup =
  | { kind: 'typed'; type: RRType }
  | { kind: 'other'; mnemonic: string; code: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unknown' };

const typedByCode = new Map<number, RRType>(Object.entries(TYPED_CODES).map(([k, v]) => [v, k as RRType]));
const otherByCode = new Map<number, string>(Object.entries(OTHER_CODES).map(([k, v]) => [v, k]));

export function lookupType(text: string): TypeLookup {
  const upper = text.toUpperCase();
  if (upper === 'DNAME' || upper === 'TYPE39') {
    return { kind: 'rejected', reason: 'DNAME is not supported: it would redirect every name below it (RFC 6672)' };
  }
  if (Object.hasOwn(TYPED_CODES, upper)) return { kind: 'typed', type: upper as RRType };
  if (Object.hasOwn(OTHER_CODES, upper)) return { kind: 'other', mnemonic: upper, code: OTHER_CODES[upper] as number };
  const generic = /^TYPE([0-9]{1,5})$/.exec(upper);
  if (generic === null) return { kind: 'unknown' };
  const code = Number(generic[1]);
  if (code > 65535) return { kind: 'rejected', reason: `${text}: a type number is at most 65535` };
  // RFC 6895 §3.1: 0 is reserved, 41 is OPT, 128-255 are query and meta types.
  if (code === 0 || code === 41 || (code >= 128 && code <= 255)) {
    return { kind: 'rejected', reason: `${text} is not a data type and cannot appear in a zone file` };
  }
  // RFC 3597 §5: TYPEn for a known type means that type.
  const typed = typedByCode.get(code);
  if (typed !== undefined) return { kind: 'typed', type: typed };
  return { kind: 'other', mnemonic: otherByCode.get(code) ?? upper, code };
}

export const META_TYPES: ReadonlySet<string> = new Set(['ANY', 'AXFR', 'IXFR', 'OPT', 'TSIG', 'TKEY', 'MAILA', 'MAILB']);
