// RFC 4034 §5.1.4: a DS record's digest is a hash of the owner name (canonical wire form) and the
// DNSKEY RDATA; digest types 1 (SHA-1), 2 (SHA-256, RFC 4509) and 4 (SHA-384, RFC 6605).

import { createHash } from 'node:crypto';
import type { DNSKEYRecord, DSRecord } from '../model/records.js';
import { dnssecRdataBytes, wireNameBytes } from '../zone/dnssec-rdata.js';
import { keyTag } from './key-tag.js';

const DIGESTS: Readonly<Record<number, string>> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

export function isSupportedDigest(digestType: number): boolean {
  return Object.hasOwn(DIGESTS, digestType);
}

/** Whether the DS names this DNSKEY: key tag, algorithm and digest (RFC 4035 §5.2). */
export function dsMatchesKey(ds: DSRecord, key: DNSKEYRecord): boolean {
  const hash = DIGESTS[ds.digestType];
  if (hash === undefined || ds.algorithm !== key.algorithm || ds.keyTag !== keyTag(key)) return false;
  const digest = createHash(hash).update(wireNameBytes(key.name, true)).update(dnssecRdataBytes(key)).digest();
  return Buffer.compare(digest, Buffer.from(ds.digest)) === 0;
}
