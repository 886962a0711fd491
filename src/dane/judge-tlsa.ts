// RFC 6698 §2.1, RFC 7672 §3.1: whether an SMTP client can use a TLSA record: usage 2 or 3,
// selector 0 or 1, matching type 0, 1 or 2, and a digest of the length its matching type gives.

import type { TLSARecord } from '../model/records.js';

/** Null when usable for SMTP; else why not, in words. */
export function tlsaProblem(record: TLSARecord): { pkix: boolean; reason: string } | null {
  if (record.usage === 0 || record.usage === 1) {
    return { pkix: true, reason: `usage ${record.usage} (${record.usage === 0 ? 'PKIX-TA' : 'PKIX-EE'}) is not used for SMTP, where no CA is trusted: publish usage 3 (DANE-EE) or 2 (DANE-TA) (RFC 7672 §3.1.3)` };
  }
  if (record.usage !== 2 && record.usage !== 3) return { pkix: false, reason: `certificate usage ${record.usage} is not defined (RFC 6698 §2.1.1)` };
  if (record.selector !== 0 && record.selector !== 1) return { pkix: false, reason: `selector ${record.selector} is not defined (RFC 6698 §2.1.2)` };
  const lengths: Record<number, number> = { 1: 32, 2: 64 };
  if (record.matchingType !== 0 && lengths[record.matchingType] === undefined) return { pkix: false, reason: `matching type ${record.matchingType} is not defined (RFC 6698 §2.1.3)` };
  const want = lengths[record.matchingType];
  if (want !== undefined && record.data.length !== want) {
    return { pkix: false, reason: `matching type ${record.matchingType} is a ${record.matchingType === 1 ? 'SHA-256' : 'SHA-512'} digest of ${want} bytes, not ${record.data.length} (RFC 6698 §2.1.3)` };
  }
  if (record.data.length === 0) return { pkix: false, reason: 'no certificate association data (RFC 6698 §2.1.4)' };
  return null;
}
