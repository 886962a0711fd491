// The records of an RRset in one order, whatever order a server sent them in. An RRset is a set
// (RFC 2181 §5): servers may rotate it, and a zone file lists it in any order. Every resolver hands
// its records over in RFC 4034 §6.3 canonical order — by RDATA as an unsigned octet string, names in
// lowercase wire form (RFC 4034 §6.2) — so that the same DNS always gives the same report.
import { parseIp4, parseIp6 } from '../net/ip.js';
import type { DnsRecord } from './types.js';
import { encodeWireName } from './wire-name.js';
import { dnssecRdataBytes, isDnssecType, type DnssecFields } from '../zone/dnssec-rdata.js';

function nameBytes(name: string): Uint8Array {
  try {
    const wire = encodeWireName(name);
    // ASCII letters in lowercase; the length bytes (at most 63) are never letters
    for (let i = 0; i < wire.length; i++) if (wire[i]! >= 0x41 && wire[i]! <= 0x5a) wire[i] = wire[i]! | 0x20;
    return wire;
  } catch {
    return Buffer.from(name.toLowerCase(), 'latin1'); // not a wire name: still ordered, and last in ties
  }
}

function u16(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}

function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/** A record's RDATA as RFC 4034 §6.2 puts it for ordering. */
export function canonicalRdata(record: DnsRecord): Uint8Array {
  if (isDnssecType(record.type)) return dnssecRdataBytes(record as DnssecFields, true);
  switch (record.type) {
    case 'A':
    case 'AAAA': {
      // RFC 1035 §3.4.1, RFC 3596 §2.2: the 4 or 16 address bytes
      const address = record.type === 'A' ? parseIp4(record.address) : parseIp6(record.address);
      return address?.bytes ?? Buffer.from(record.address, 'latin1'); // not an address: still ordered
    }
    case 'MX':
      return concat([u16(record.preference), nameBytes(record.exchange)]);
    case 'TXT':
    case 'SPF':
      return concat(record.strings.flatMap((s) => [Uint8Array.of(s.length & 0xff), s]));
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return nameBytes(record.target);
    case 'SOA':
      return concat([nameBytes(record.mname), nameBytes(record.rname), u32(record.serial), u32(record.refresh), u32(record.retry), u32(record.expire), u32(record.minimum)]);
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The records in canonical order (a new array; one record or none is returned as it is). */
export function inCanonicalOrder<R extends DnsRecord>(records: readonly R[]): R[] {
  if (records.length < 2) return [...records];
  return records
    .map((record) => ({ record, key: canonicalRdata(record) }))
    .sort((x, y) => compareBytes(x.key, y.key))
    .map((x) => x.record);
}
