// A zone key made by node:crypto (Ed25519, a KSK with the Zone Key flag) and RRSIGs made with it,
// valid from a day before `now` to a day after: for tests whose subject is a proof or a resolver,
// not the signing (the interop suite signs with ldns-signzone and Knot).
import { generateKeyPairSync, sign } from 'node:crypto';
import type { DnsRecord, DNSKEYRecord, RRSIGRecord } from '../../src/dns/types.js';
import { RR_TYPE_CODES } from '../../src/model/type-codes.js';
import { keyTag } from '../../src/dnssec/key-tag.js';
import { labelCount } from '../../src/dnssec/canonical-name.js';
import { signedData } from '../../src/dnssec/signed-data.js';

export interface ZoneSigner {
  key: DNSKEYRecord;
  /** The trust anchor of the zone: its own key. */
  anchor: { zone: string; ds: []; dnskey: DNSKEYRecord[]; source: string };
  /** An RRSIG over the RRset; `labels` defaults to its owner's (RFC 4034 §3.1.3: less for a wildcard). */
  rrsig(rrset: readonly DnsRecord[], labels?: number): RRSIGRecord;
}

export function zoneSigner(zone: string, now: number): ZoneSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const key: DNSKEYRecord = { type: 'DNSKEY', name: zone, ttl: 300, flags: 257, protocol: 3, algorithm: 15, publicKey: Uint8Array.from(raw) };
  return {
    key,
    anchor: { zone, ds: [], dnskey: [key], source: 'test' },
    rrsig(rrset, labels) {
      const first = rrset[0]!;
      const unsigned: RRSIGRecord = {
        type: 'RRSIG', name: first.name, ttl: first.ttl, typeCovered: RR_TYPE_CODES[first.type], algorithm: 15, labels: labels ?? labelCount(first.name), originalTtl: first.ttl,
        expiration: now + 86400, inception: now - 86400, keyTag: keyTag(key), signerName: zone, signature: new Uint8Array(0),
      };
      return { ...unsigned, signature: Uint8Array.from(sign(null, signedData(unsigned, [...rrset]), privateKey)) };
    },
  };
}
