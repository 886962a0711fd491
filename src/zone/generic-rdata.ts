// RFC 3597 §5: the generic form of any RDATA, `\# <length> <hex…>`, and the wire decoding
// needed when a typed record (A, MX, TXT, …) is written that way.

import type { DnsRecord, RRType } from '../model/records.js';
import type { Token } from './lexer.js';
import { WireReader } from './wire-reader.js';
import { decodeDnssecRdata, isDnssecType } from './dnssec-rdata.js';
import { parseUnsigned } from './ttl.js';
import { formatIp, ipFromBytes } from '../net/ip.js';
import { zoneError, type Position } from './zone-file-error.js';
import { checkRdataLength } from './rdata-size.js';

export function isGenericRdata(tokens: readonly Token[]): boolean {
  const first = tokens[0];
  return first !== undefined && !first.quoted && first.text === '\\#';
}

/**
 * The bytes of `\# len hex…` (tokens include the `\#`) of a record of `type`. A length over
 * 65,535 is refused at the `\#` (RFC 1035 §3.2.1, as for every record: the first RDATA token).
 */
export function parseGenericRdata(tokens: readonly Token[], end: Position, type: string): Uint8Array {
  const lengthToken = tokens[1];
  if (lengthToken === undefined) throw zoneError(end, 'generic RDATA needs a length after \\# (RFC 3597 §5)');
  const length = parseUnsigned(lengthToken, 'generic RDATA length', Number.MAX_SAFE_INTEGER);
  checkRdataLength(length, type, tokens[0] as Token);
  const hexTokens = tokens.slice(2);
  for (const t of hexTokens) {
    if (t.quoted || !/^[0-9a-fA-F]+$/.test(t.text)) throw zoneError(t, `bad hex '${t.text}' in generic RDATA`);
  }
  const hex = hexTokens.map((t) => t.text).join('');
  if (hex.length % 2 !== 0) throw zoneError(hexTokens[hexTokens.length - 1] ?? end, 'generic RDATA has an odd number of hex digits');
  if (hex.length / 2 !== length) {
    throw zoneError(lengthToken, `generic RDATA length ${length} does not match the ${hex.length / 2} bytes of data`);
  }
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export type RdataFields = DnsRecord extends infer R ? (R extends DnsRecord ? Omit<R, 'name' | 'ttl' | 'source'> : never) : never;

/** Decode the wire RDATA of a typed record; null when it is malformed. */
export function decodeTypedRdata(type: RRType, data: Uint8Array): RdataFields | null {
  const reader = new WireReader(data);
  const result = decode(type, reader);
  return result !== null && reader.atEnd() ? result : null;
}

function decode(type: RRType, r: WireReader): RdataFields | null {
  if (isDnssecType(type)) return decodeDnssecRdata(type, r);
  switch (type) {
    case 'A':
    case 'AAAA': {
      const b = r.bytes(type === 'A' ? 4 : 16); // RFC 1035 §3.4.1, RFC 3596 §2.2
      return b === null ? null : { type, address: formatIp(ipFromBytes(b)) };
    }
    case 'MX': {
      const preference = r.uint(2);
      const exchange = r.name();
      return preference === null || exchange === null ? null : { type, preference, exchange };
    }
    case 'TXT':
    case 'SPF': {
      const strings: Uint8Array[] = [];
      while (!r.atEnd()) {
        const n = r.uint(1);
        const s = n === null ? null : r.bytes(n);
        if (s === null) return null;
        strings.push(s);
      }
      return strings.length === 0 ? null : { type, strings };
    }
    case 'PTR':
    case 'CNAME':
    case 'NS': {
      const target = r.name();
      return target === null ? null : { type, target };
    }
    case 'SOA': {
      const mname = r.name();
      const rname = r.name();
      const v = [r.uint(4), r.uint(4), r.uint(4), r.uint(4), r.uint(4)];
      if (mname === null || rname === null || v.some((x) => x === null)) return null;
      const [serial, refresh, retry, expire, minimum] = v as number[];
      return { type, mname, rname, serial: serial!, refresh: refresh!, retry: retry!, expire: expire!, minimum: minimum! };
    }
  }
}

