// RFC 4035 §5.3.4: an answer expanded from a wildcard is secure only with the proof that the name
// asked does not exist itself. A zone signed here with an Ed25519 key made by node:crypto (the rule
// under test is the proof, not the signing), anchored at its own DNSKEY.
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, NSECRecord, QueryOptions, Resolver, RRType, TXTRecord } from '../../src/dns/types.js';
import { DnssecValidator } from '../../src/dnssec/validator.js';
import { zoneSigner } from '../helpers/zone-signer.js';

const now = Math.floor(Date.now() / 1000);
const { key, anchor, rrsig } = zoneSigner('w.test', now);

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

describe('answers expanded from a wildcard', () => {
  it('are secure with the NSEC proving the name itself does not exist', async () => {
    expect((await new DnssecValidator(world(true), { anchor, now }).validate('a.w.test', 'TXT')).verdict).toEqual({ status: 'secure', reason: null, detail: null });
  });
  it('are bogus without it, although the signature verifies', async () => {
    expect((await new DnssecValidator(world(false), { anchor, now }).validate('a.w.test', 'TXT')).verdict).toMatchObject({ status: 'bogus', reason: 'no-denial-proof' });
  });
});
