// The identity of a resource record, for treating an RRset as a set (RFC 2181 §5):
// two records are the same when owner, type and RDATA match (names compared case-insensitively).

import type { DnsRecord } from '../model/records.js';
import { nameKey } from '../model/names.js';
import { bytesToLatin1 } from '../model/txt.js';
import type { OtherRecord } from './types.js';
import { dnssecRdataBytes, isDnssecType, type DnssecFields } from './dnssec-rdata.js';

export function rdataKey(record: DnsRecord): string {
  // RFC 4034 §6.2: the canonical RDATA (the signer's name in lowercase)
  if (isDnssecType(record.type)) return Buffer.from(dnssecRdataBytes(record as DnssecFields, true)).toString('hex');
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return record.address;
    case 'MX':
      return `${record.preference} ${nameKey(record.exchange)}`;
    case 'TXT':
    case 'SPF':
      return JSON.stringify(record.strings.map(bytesToLatin1));
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return nameKey(record.target);
    case 'SOA':
      return [nameKey(record.mname), nameKey(record.rname), record.serial, record.refresh, record.retry, record.expire, record.minimum].join(' ');
  }
}

export function recordKey(record: DnsRecord | OtherRecord): string {
  const rdata = 'typeCode' in record ? record.rdata : rdataKey(record);
  return `${nameKey(record.name)}\u0000${record.type}\u0000${rdata}`;
}
