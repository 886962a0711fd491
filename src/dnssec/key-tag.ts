// RFC 4034 Appendix B: the key tag of a DNSKEY, the 16-bit checksum DS and RRSIG records name it by.

import type { DNSKEYRecord } from '../model/records.js';
import { dnssecRdataBytes } from '../zone/dnssec-rdata.js';

export function keyTag(key: Omit<DNSKEYRecord, 'name' | 'ttl' | 'source'>): number {
  const rdata = dnssecRdataBytes(key);
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += (i & 1) === 1 ? rdata[i]! : rdata[i]! << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}
