// RFC 9276 §3.2: NSEC3 records hashed more often than validators do (150, as Unbound 1.17 and
// BIND 9.18) make a zone's denials insecure, and are never hashed; what the zone's keys sign stays
// secure. A zone n.test signed here with an Ed25519 key made by node:crypto, anchored at its own
// DNSKEY, whose one NSEC3 record covers every name but the apex.
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, DnsRecord, NSEC3Record, QueryOptions, Resolver, RRType, TXTRecord } from '../../src/dns/types.js';
import { RR_TYPE_CODES } from '../../src/model/type-codes.js';
import { DnssecValidator } from '../../src/dnssec/validator.js';
import { MAX_NSEC3_ITERATIONS, nsec3Hash, validatedDenials } from '../../src/dnssec/denial.js';
import { toBase32Hex } from '../../src/zone/dnssec-rdata.js';
import { mailDnssecFindings } from '../../src/dane/mail-dnssec-findings.js';
import type { MailDnssecReport } from '../../src/dane/mail-dnssec.js';
import { zoneSigner } from '../helpers/zone-signer.js';

const now = Math.floor(Date.now() / 1000);
const { key, anchor, rrsig } = zoneSigner('n.test', now);

/** The apex's NSEC3 (next: itself, so it covers every other hash), its owner hashed only when `hashOwner`. */
function nsec3(iterations: number, salt: Uint8Array, hashOwner: boolean): NSEC3Record {
  const hash = hashOwner ? nsec3Hash('n.test', salt, iterations) : new Uint8Array(20).fill(7);
  const types = ['SOA', 'NS', 'TXT', 'RRSIG', 'DNSKEY'].map((t) => RR_TYPE_CODES[t as RRType]);
  return { type: 'NSEC3', name: `${toBase32Hex(hash).toLowerCase()}.n.test`, ttl: 300, hashAlgorithm: 1, flags: 0, iterations, salt, nextHashed: hash, types };
}

const txt = (name: string): TXTRecord => ({ type: 'TXT', name, ttl: 300, strings: [Buffer.from('v=DMARC1; p=reject')] });

/** n.test: _dmarc.n.test TXT signed, unsigned.n.test TXT without RRSIG, every other name NXDOMAIN. */
function world(record: NSEC3Record): Resolver {
  const proof: DnsRecord[] = [record, rrsig([record])];
  return {
    async query<T extends RRType>(name: string, type: T, _options?: QueryOptions): Promise<DnsAnswer<T>> {
      const base = { name, type, cnameChain: [] };
      const answer = (a: object) => ({ ...base, ...a }) as unknown as DnsAnswer<T>;
      if (name === 'n.test' && type === 'DNSKEY') return answer({ kind: 'records', records: [key], signed: { rrsigs: [rrsig([key])], authority: [] } });
      const exists = name === '_dmarc.n.test' || name === 'unsigned.n.test';
      if (exists && type === 'TXT') return answer({ kind: 'records', records: [txt(name)], signed: { rrsigs: name === '_dmarc.n.test' ? [rrsig([txt(name)])] : [], authority: [] } });
      return answer({ kind: exists || name === 'n.test' ? 'nodata' : 'nxdomain', ttl: 300, signed: { rrsigs: [], authority: proof } });
    },
  };
}

const verdict = async (resolver: Resolver, name: string, type: RRType) => (await new DnssecValidator(resolver, { anchor, now }).validate(name, type)).verdict;

describe('NSEC3 iterations (RFC 9276 §3.2)', () => {
  it('the limit is the 150 of Unbound 1.17 and BIND 9.18', () => {
    expect(MAX_NSEC3_ITERATIONS).toBe(150);
  });

  it('within the limit the records are hashed and prove: NXDOMAIN and no data are secure', async () => {
    const within = world(nsec3(5, Uint8Array.of(0xbe, 0xef), true));
    expect(await verdict(within, 'absent.n.test', 'A')).toEqual({ status: 'secure', reason: null, detail: null });
    expect(await verdict(within, 'n.test', 'AAAA')).toEqual({ status: 'secure', reason: null, detail: null });
  });

  it('above it the records are set apart before any hashing (65,535 iterations: none is done)', () => {
    const heavy = nsec3(65535, Uint8Array.of(1), false);
    const denials = validatedDenials([heavy, rrsig([heavy])], 'n.test', [key], now);
    expect([denials.nsec3.length, denials.overIterations.length, denials.hashes.size]).toEqual([0, 1, 0]);
  });

  it.each([151, 2501, 65535])('above it (%i): denials are insecure, what the keys sign is secure, what they do not is insecure', async (iterations) => {
    const heavy = world(nsec3(iterations, Uint8Array.of(1), false));
    expect(await verdict(heavy, 'absent.n.test', 'A')).toMatchObject({ status: 'insecure', reason: 'nsec3-iterations' });
    expect(await verdict(heavy, 'n.test', 'AAAA')).toMatchObject({ status: 'insecure', reason: 'nsec3-iterations' });
    expect(await verdict(heavy, '_dmarc.n.test', 'TXT')).toEqual({ status: 'secure', reason: null, detail: null });
    // below a DS question the proof could not answer, an unsigned RRset may be a child zone's
    expect(await verdict(heavy, 'unsigned.n.test', 'TXT')).toMatchObject({ status: 'insecure', reason: 'nsec3-iterations' });
  });

  it('the zone\'s parameters are noted on its chain link', async () => {
    const validator = new DnssecValidator(world(nsec3(5, Uint8Array.of(0xbe, 0xef), true)), { anchor, now });
    await validator.validate('absent.n.test', 'A');
    expect(validator.chain().map((l) => [l.zone, l.nsec3])).toEqual([['n.test', { iterations: 5, salt: 'beef' }]]);
  });
});

describe('dnssec-nsec3-parameters (RFC 9276 §3.1)', () => {
  const link = (zone: string, nsec3Params: { iterations: number; salt: string } | null) => ({ zone, ds: [], dnskey: [], status: 'secure' as const, reason: null, detail: null, nsec3: nsec3Params });
  /** The chain test → n.test, the parameters given to `zone`'s link. */
  const report = (zone: string, nsec3Params: { iterations: number; salt: string } | null): MailDnssecReport => ({
    domain: 'n.test',
    anchor: { zone: 'test', source: 'test' },
    status: 'secure',
    chain: ['test', 'n.test'].map((z) => link(z, z === zone ? nsec3Params : null)),
    records: [],
    hosts: [],
    findings: [],
  });
  const said = (r: MailDnssecReport) => mailDnssecFindings(r).filter((f) => f.id === 'dnssec-nsec3-parameters');

  it('iterations or a salt in the domain\'s zone: a warning with the signer settings that fix it', () => {
    const [f] = said(report('n.test', { iterations: 5, salt: 'beef' }));
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('5 extra iterations and the salt beef');
    expect(f?.evidence.record).toBe('n.test NSEC3PARAM 1 0 5 beef');
    expect(f?.fix).toContain('nsec3-iterations: 0');
    expect(said(report('n.test', { iterations: 0, salt: 'ab' }))).toHaveLength(1);
  });
  it('above the limit it says validators treat the denials as insecure', () => {
    expect(said(report('n.test', { iterations: 200, salt: '' }))[0]?.message).toContain('above the 150 iterations Unbound and BIND hash');
  });
  it('nothing for "1 0 0 -", for NSEC zones, or for a zone above the domain\'s own (a TLD)', () => {
    expect(said(report('n.test', { iterations: 0, salt: '' }))).toEqual([]);
    expect(said(report('n.test', null))).toEqual([]);
    expect(said(report('test', { iterations: 10, salt: 'ab' }))).toEqual([]);
  });
});
