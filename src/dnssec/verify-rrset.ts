// RFC 4035 §5.3: is an RRset signed by one of a zone's validated keys? Each RRSIG is checked in
// turn (§5.3.1: signer is the zone, owner within it, labels, validity period; a key with its tag
// and algorithm and the Zone Key flag, protocol 3; then the signature); the first that passes
// makes the RRset secure. Otherwise the reason is the most telling one met.

import type { DNSKEYRecord, DnsRecord, RRSIGRecord } from '../model/records.js';
import { isAtOrBelow, nameKey } from '../model/names.js';
import { RR_TYPE_CODES } from '../model/type-codes.js';
import { algorithmName, checkSignature, isSupportedAlgorithm } from './algorithms.js';
import { labelCount } from './canonical-name.js';
import { keyTag } from './key-tag.js';
import { signedData } from './signed-data.js';
import { SECURE, type SecurityReason, type Verdict } from './types.js';

/** RFC 1982 serial arithmetic on the 32-bit times of RFC 4034 §3.1.5: is a at or before b? */
function notAfter(a: number, b: number): boolean {
  const d = (b - a) >>> 0;
  return d < 2 ** 31;
}

// the reasons in the order that tells the most: a signature that is really there but out of time
// before one that does not verify, before a key or an algorithm missing, before no signature
const RANK: readonly SecurityReason[] = ['signature-expired', 'signature-not-yet-valid', 'changed-record', 'unsupported-algorithm', 'no-matching-key', 'no-signature'];

export interface RrsetCheck {
  rrset: readonly DnsRecord[];
  /** Every RRSIG met at the owner (those over other types are passed over). */
  rrsigs: readonly RRSIGRecord[];
  zone: string;
  keys: readonly DNSKEYRecord[];
  /** Seconds since the epoch. */
  now: number;
}

export function verifyRrset(check: RrsetCheck): Verdict {
  const { rrset, zone, keys, now } = check;
  const first = rrset[0];
  if (first === undefined) return { status: 'bogus', reason: 'no-signature', detail: 'an empty RRset' };
  const code = RR_TYPE_CODES[first.type];
  const owner = nameKey(first.name);
  const sigs = check.rrsigs.filter((s) => s.typeCovered === code && nameKey(s.name) === owner);
  let best: { reason: SecurityReason; detail: string } = { reason: 'no-signature', detail: `no RRSIG over ${first.name || '.'} ${first.type}` };
  const consider = (reason: SecurityReason, detail: string): void => {
    if (RANK.indexOf(reason) < RANK.indexOf(best.reason)) best = { reason, detail };
  };
  for (const sig of sigs) {
    const where = `RRSIG ${sig.keyTag}/${algorithmName(sig.algorithm)} over ${first.name || '.'} ${first.type}`;
    if (nameKey(sig.signerName) !== nameKey(zone) || !isAtOrBelow(owner, sig.signerName) || sig.labels > labelCount(first.name)) {
      consider('no-matching-key', `${where} is signed by ${sig.signerName || '.'}, not ${zone || '.'}`);
      continue;
    }
    if (!notAfter(now, sig.expiration)) {
      consider('signature-expired', `${where} expired ${new Date(sig.expiration * 1000).toISOString()}`);
      continue;
    }
    if (!notAfter(sig.inception, now)) {
      consider('signature-not-yet-valid', `${where} is valid from ${new Date(sig.inception * 1000).toISOString()}`);
      continue;
    }
    if (!isSupportedAlgorithm(sig.algorithm)) {
      consider('unsupported-algorithm', `${where}: authaudit does not validate ${algorithmName(sig.algorithm)}`);
      continue;
    }
    // RFC 4034 §2.1.1, §2.1.2: a zone key (flag bit 7), protocol 3
    const candidates = keys.filter((k) => k.algorithm === sig.algorithm && (k.flags & 0x100) !== 0 && k.protocol === 3 && keyTag(k) === sig.keyTag);
    if (candidates.length === 0) {
      consider('no-matching-key', `${where}: ${zone || '.'} has no validated DNSKEY with key tag ${sig.keyTag}`);
      continue;
    }
    const data = signedData(sig, rrset);
    if (candidates.some((k) => checkSignature(sig.algorithm, k.publicKey, data, sig.signature) === 'valid')) return SECURE;
    consider('changed-record', `${where} does not match the records: they changed after signing`);
  }
  return { status: 'bogus', ...best };
}
