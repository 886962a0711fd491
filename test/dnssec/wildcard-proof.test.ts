// RFC 4035 §5.3.4: an answer expanded from a wildcard is secure only with the proof that the name
// asked does not exist itself. A zone signed here with an Ed25519 key made by node:crypto (the rule
// under test is the proof, not the signing), anchored at its own DNSKEY.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, DnsRecord, DNSKEYRecord, NSECRecord, QueryOptions, Resolver, RRSIGRecord, RRType, TXTRecord } from '../../src/dns/types.js';
import { RR_TYPE_CODES } from '../../src/model/type-codes.js';
import { DnssecValidator } from '../../src/dnssec/validator.js';
import { keyTag } from '../../src/dnssec/key-tag.js';
import { signedData } from '../../src/dnssec/signed-data.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
const key: DNSKEYRecord = { type: 'DNSKEY', name: 'w.test', ttl: 300, flags: 257, protocol: 3, algorithm: 15, publicKey: Uint8Array.from(raw) };
const now = Math.floor(Date.now() / 1000);

function rrsig(rrset: DnsRecord[], labels: number): RRSIGRecord {
  const first = rrset[0]!;
  const unsigned: RRSIGRecord = {
    type: 'RRSIG', name: first.name, ttl: 300, typeCovered: RR_TYPE_CODES[first.type], algorithm: 15, labels, originalTtl: 300,
    expiration: now + 86400, inception: now - 86400, keyTag: keyTag(key), signerName: 'w.test', signature: new Uint8Array(0),
  };
  return { ...unsigned, signature: Uint8Array.from(sign(null, signedData(unsigned, rrset), privateKey)) };
}

// the wildcard's TXT, as served for a.w.test (2 labels signed: *.w.test)
const txt: TXTRecord = { type: 'TXT', name: 'a.w.test', ttl: 300, strings: [Buffer.from('from the wildcard')] };
// *.w.test -> w.test covers a.w.test: nothing closer than the wildcard matches
const nsec: NSECRecord = { type: 'NSEC', name: '*.w.test', ttl: 300, nextName: 'w.test', types: [16, 46, 47] };

function world(withProof: boolean): Resolver {
  const proof = [nsec, rrsig([nsec], 2)]; // RFC 4034 §3.1.3: the '*' label is not counted
  return {
    async query<T extends RRType>(name: string, type: T, _options?: QueryOptions): Promise<DnsAnswer<T>> {
      const base = { name, type, cnameChain: [] };
      if (name === 'w.test' && type === 'DNSKEY') return { ...base, kind: 'records', records: [key], signed: { rrsigs: [rrsig([key], 2)], authority: [] } } as unknown as DnsAnswer<T>;
      if (name === 'a.w.test' && type === 'DS') return { ...base, kind: 'nxdomain', ttl: 300, signed: { rrsigs: [], authority: proof } } as unknown as DnsAnswer<T>;
      if (name === 'a.w.test' && type === 'TXT') {
        return { ...base, kind: 'records', records: [txt], signed: { rrsigs: [rrsig([txt], 2)], authority: withProof ? proof : [] } } as unknown as DnsAnswer<T>;
      }
      return { ...base, kind: 'failure', failure: 'other', detail: `not in this test: ${name} ${type}` } as DnsAnswer<T>;
    },
  };
}

const anchor = { zone: 'w.test', ds: [], dnskey: [key], source: 'test' };

describe('answers expanded from a wildcard', () => {
  it('are secure with the NSEC proving the name itself does not exist', async () => {
    expect((await new DnssecValidator(world(true), { anchor, now }).validate('a.w.test', 'TXT')).verdict).toEqual({ status: 'secure', reason: null, detail: null });
  });
  it('are bogus without it, although the signature verifies', async () => {
    expect((await new DnssecValidator(world(false), { anchor, now }).validate('a.w.test', 'TXT')).verdict).toMatchObject({ status: 'bogus', reason: 'no-denial-proof' });
  });
});
