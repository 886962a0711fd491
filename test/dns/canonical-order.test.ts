// An RRset has no order (RFC 2181 §5), so every resolver hands records over in RFC 4034 §6.3
// canonical order: whatever order the zone file lists them in, or a server sends them in, the
// answer — and every report built on it — is the same.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { canonicalRdata, inCanonicalOrder } from '../../src/dns/canonical-order.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { latin1ToBytes, joinTxt } from '../../src/model/txt.js';
import type { DnsRecord } from '../../src/dns/types.js';

const base = { name: 'example.test', ttl: 300 };
const txt = (...strings: string[]): DnsRecord => ({ ...base, type: 'TXT', strings: strings.map(latin1ToBytes) });

describe('canonical order of an RRset', () => {
  test.each([
    ['A by address bytes', [{ ...base, type: 'A', address: '192.0.2.10' }, { ...base, type: 'A', address: '192.0.2.9' }, { ...base, type: 'A', address: '10.0.0.1' }], ['10.0.0.1', '192.0.2.9', '192.0.2.10']],
    ['AAAA by address bytes', [{ ...base, type: 'AAAA', address: '2001:db8::10' }, { ...base, type: 'AAAA', address: '2001:db8::9' }], ['2001:db8::9', '2001:db8::10']],
    // RFC 4291 §2.5.5.1: ::1.2.3.4 is 0…0102:0304, below every IPv4-mapped ::ffff:a.b.c.d
    ['AAAA with an embedded dotted quad, read as written', [{ ...base, type: 'AAAA', address: '::ffff:0.0.0.1' }, { ...base, type: 'AAAA', address: '::1.2.3.4' }], ['::1.2.3.4', '::ffff:0.0.0.1']],
    ['MX by preference, then lowercase host name in wire form', [
      { ...base, type: 'MX', preference: 20, exchange: 'a.example' },
      { ...base, type: 'MX', preference: 10, exchange: 'MX2.example' },
      { ...base, type: 'MX', preference: 10, exchange: 'mx1.example' },
      { ...base, type: 'MX', preference: 10, exchange: 'zz.example' },
    ], ['10 zz.example', '10 mx1.example', '10 MX2.example', '20 a.example']],
  ] as const)('%s', (_label, records, expected) => {
    const ordered = inCanonicalOrder(records as unknown as DnsRecord[]);
    const shown = ordered.map((r) => (r.type === 'MX' ? `${r.preference} ${r.exchange}` : r.type === 'A' || r.type === 'AAAA' ? r.address : ''));
    expect(shown).toEqual(expected);
  });

  test('TXT by its character-strings with their length bytes: a shorter first string sorts first', () => {
    const ordered = inCanonicalOrder([txt('v=spf1 include:a.example ~all'), txt('v=spf1 ip4:192.0.2.1 -all'), txt('v=', 'spf1 -all')]);
    expect(ordered.map((r) => (r.type === 'TXT' ? joinTxt(r.strings) : ''))).toEqual(['v=spf1 -all', 'v=spf1 ip4:192.0.2.1 -all', 'v=spf1 include:a.example ~all']);
  });

  test('any arrival order gives the same order (property)', () => {
    const records = [txt('b'), txt('a'), txt('a', 'b'), txt('ab'), txt(''), txt('\u00ff')];
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: records.length }), (shuffled) => {
        expect(inCanonicalOrder(shuffled)).toEqual(inCanonicalOrder(records));
      }),
    );
  });

  test('the key is the RDATA as RFC 4034 §6.2 writes it', () => {
    expect([...canonicalRdata({ ...base, type: 'MX', preference: 10, exchange: 'MX.Example' })]).toEqual([0, 10, 2, 0x6d, 0x78, 7, ...Buffer.from('example'), 0]);
    expect([...canonicalRdata(txt('ab', ''))]).toEqual([2, 0x61, 0x62, 0]);
  });
});

describe('the zone-file resolver answers in canonical order, not file order', () => {
  test('two SPF records listed either way round give the same answer', async () => {
    const zone = (first: string, second: string) =>
      ZoneResolver.fromText(`$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 86400 300\n@ IN TXT "${first}"\n@ IN TXT "${second}"\n`, { origin: 'example.test' });
    const one = await zone('v=spf1 ip4:192.0.2.1 -all', 'v=spf1 include:a.example ~all').query('example.test', 'TXT');
    const two = await zone('v=spf1 include:a.example ~all', 'v=spf1 ip4:192.0.2.1 -all').query('example.test', 'TXT');
    const texts = (a: typeof one) => (a.kind === 'records' ? a.records.map((r) => joinTxt(r.strings)) : []);
    expect(texts(one)).toEqual(['v=spf1 ip4:192.0.2.1 -all', 'v=spf1 include:a.example ~all']); // 25 bytes before 29
    expect(texts(two)).toEqual(texts(one));
  });
});
