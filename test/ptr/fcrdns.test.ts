// Forward-confirmed reverse DNS on fixture zones: every result and finding.
import { describe, expect, test } from 'vitest';
import { checkFcrdns, MAX_PTR_NAMES } from '../../src/ptr/fcrdns.js';
import { zonesResolver } from '../dkim/zone.js';

const V6_ZONE = '8.b.d.0.1.0.0.2.ip6.arpa';
const V6_OWNER = '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0'; // 2001:db8::1 inside V6_ZONE

const world = zonesResolver({
  'example.com': [
    'mail IN A 192.0.2.10',
    'mail IN AAAA 2001:db8::1',
    'other IN A 192.0.2.99',
    'alias IN CNAME host14',
    'host14 IN A 192.0.2.14',
    'host16 IN A 192.0.2.16',
    'host64 IN A 192.0.2.64',
    'v6only IN AAAA 2001:db8::1',
    '192-0-2-40.pool IN A 192.0.2.40',
    'one IN A 192.0.2.50',
    'two IN A 192.0.2.51',
  ].join('\n'),
  '2.0.192.in-addr.arpa': [
    '10 IN PTR mail.example.com.',
    '11 IN PTR other.example.com.',
    '12 IN PTR nowhere.example.com.',
    '13 IN PTR v6only.example.com.',
    '14 IN PTR alias.example.com.',
    '15 IN PTR slow.example.com.',
    '16 IN PTR slow.example.com.',
    '16 IN PTR host16.example.com.',
    '40 IN PTR 192-0-2-40.pool.example.com.',
    '50 IN PTR other.example.com.',
    '50 IN PTR one.example.com.',
    // RFC 2317 classless delegation: the PTR is reached through a CNAME
    '64 IN CNAME 64.64-127.2.0.192.in-addr.arpa.',
    '64.64-127 IN PTR host64.example.com.',
    ...Array.from({ length: 12 }, (_, i) => `77 IN PTR h${i}.example.com.`),
    '201 IN TXT "no PTR here"',
  ].join('\n'),
  [V6_ZONE]: `${V6_OWNER} IN PTR mail.example.com.\n${V6_OWNER.replace(/^1/, '2')} IN PTR other.example.com.`,
}, {
  failures: [
    { name: 'slow.example.com', failure: 'timeout', exceptTypes: [] },
    { name: '99.2.0.192.in-addr.arpa', failure: 'servfail', exceptTypes: [] },
  ],
});

describe('FCrDNS results', () => {
  test('pass: the PTR name resolves back to the address', async () => {
    const r = await checkFcrdns('192.0.2.10', world);
    expect(r).toMatchObject({ result: 'pass', reverseName: '10.2.0.192.in-addr.arpa', confirmedName: 'mail.example.com', findings: [] });
    expect(r.names).toMatchObject([{ name: 'mail.example.com', forwardType: 'A', outcome: 'records', addresses: ['192.0.2.10'], matches: true }]);
    expect(r.ptr.source).toEqual({ file: '2.0.192.in-addr.arpa.zone', line: 1 });
  });

  test('pass for IPv6: PTR under ip6.arpa, then AAAA', async () => {
    const r = await checkFcrdns('2001:db8::1', world);
    expect(r).toMatchObject({ result: 'pass', family: 6, confirmedName: 'mail.example.com' });
    expect(r.names[0]).toMatchObject({ forwardType: 'AAAA', addresses: ['2001:db8::1'] });
  });

  test('fail: the PTR name points at another address', async () => {
    const r = await checkFcrdns('192.0.2.11', world);
    expect(r.result).toBe('fail');
    expect(r.findings.map((f) => f.id)).toEqual(['ptr-not-confirmed']);
    expect(r.findings[0]?.message).toContain('other.example.com → 192.0.2.99');
    expect(r.findings[0]?.message).toContain('5.7.25');
    expect(r.findings[0]?.evidence).toMatchObject({ domain: '11.2.0.192.in-addr.arpa', record: 'other.example.com', file: '2.0.192.in-addr.arpa.zone', line: 2 });
  });

  test('fail: the PTR name does not exist', async () => {
    const r = await checkFcrdns('192.0.2.12', world);
    expect(r).toMatchObject({ result: 'fail' });
    expect(r.names[0]).toMatchObject({ outcome: 'nxdomain', addresses: [] });
    expect(r.findings[0]?.message).toContain('nowhere.example.com → NXDOMAIN');
  });

  test('fail for IPv4 when the name has only AAAA: the family must match', async () => {
    const r = await checkFcrdns('192.0.2.13', world);
    expect(r.result).toBe('fail');
    expect(r.names[0]).toMatchObject({ outcome: 'nodata' });
  });

  test('IPv6 fail: the PTR name has no AAAA for the address', async () => {
    const r = await checkFcrdns('2001:db8::2', world);
    expect(r.result).toBe('fail');
  });

  test('the forward name may be a CNAME; the chain is shown', async () => {
    const r = await checkFcrdns('192.0.2.14', world);
    expect(r.result).toBe('pass');
    expect(r.names[0]?.cnameChain.map((l) => l.target)).toEqual(['host14.example.com']);
  });

  test('RFC 2317: a CNAME in the reverse zone is followed and shown', async () => {
    const r = await checkFcrdns('192.0.2.64', world);
    expect(r.result).toBe('pass');
    expect(r.ptr.cnameChain.map((l) => l.target)).toEqual(['64.64-127.2.0.192.in-addr.arpa']);
  });

  test('none: no PTR record, NXDOMAIN or no data', async () => {
    const nx = await checkFcrdns('192.0.2.200', world);
    expect(nx).toMatchObject({ result: 'none', names: [], ptr: { outcome: 'nxdomain' } });
    expect(nx.findings.map((f) => f.id)).toEqual(['ptr-none']);
    const nodata = await checkFcrdns('192.0.2.201', world);
    expect(nodata).toMatchObject({ result: 'none', ptr: { outcome: 'nodata' } });
    expect(nodata.findings[0]?.message).toContain('no PTR data');
    const v6 = await checkFcrdns('2001:db8::3', world);
    expect(v6.result).toBe('none');
    expect(v6.findings[0]?.message).toContain('Outlook.com also requires reverse DNS for IPv6');
  });

  test('temperror: the PTR lookup fails', async () => {
    const r = await checkFcrdns('192.0.2.99', world);
    expect(r).toMatchObject({ result: 'temperror', ptr: { outcome: 'failure', failure: { kind: 'servfail' } } });
    expect(r.findings.map((f) => f.id)).toEqual(['ptr-temperror']);
  });

  test('temperror for IPv6 too: the ip6.arpa lookup fails, or the AAAA of the PTR name does', async () => {
    const v6Owner3 = V6_OWNER.replace(/^1/, '3');
    const flaky = zonesResolver(
      {
        'example.com': 'slow6 IN AAAA 2001:db8::3',
        [V6_ZONE]: `${V6_OWNER} IN PTR mail.example.com.\n${v6Owner3} IN PTR slow6.example.com.`,
      },
      {
        failures: [
          { name: `${V6_OWNER}.${V6_ZONE}`, failure: 'servfail', exceptTypes: [] },
          { name: 'slow6.example.com', failure: 'timeout', exceptTypes: [] },
        ],
      },
    );
    const ptrFails = await checkFcrdns('2001:db8::1', flaky);
    expect(ptrFails).toMatchObject({ family: 6, result: 'temperror', ptr: { outcome: 'failure', failure: { kind: 'servfail' } } });
    expect(ptrFails.findings.map((f) => f.id)).toEqual(['ptr-temperror']);
    const forwardFails = await checkFcrdns('2001:db8::3', flaky);
    expect(forwardFails).toMatchObject({ family: 6, result: 'temperror', names: [{ name: 'slow6.example.com', forwardType: 'AAAA', outcome: 'failure' }] });
    expect(forwardFails.findings[0]?.message).toContain('slow6.example.com → timeout');
  });

  test('temperror: a forward lookup fails and nothing else matches', async () => {
    const r = await checkFcrdns('192.0.2.15', world);
    expect(r.result).toBe('temperror');
    expect(r.findings[0]?.message).toContain('slow.example.com → timeout');
  });

  test('a failed forward lookup does not hide a name that matches', async () => {
    const r = await checkFcrdns('192.0.2.16', world);
    expect(r).toMatchObject({ result: 'pass', confirmedName: 'host16.example.com' });
    expect(r.findings.map((f) => f.id)).toEqual(['ptr-multiple-names']);
  });

  test('every PTR name and its addresses are shown (in canonical RRset order, RFC 4034 §6.3)', async () => {
    const r = await checkFcrdns('192.0.2.50', world);
    expect(r.names.map((n) => [n.name, n.addresses, n.matches])).toEqual([
      ['one.example.com', ['192.0.2.50'], true],
      ['other.example.com', ['192.0.2.99'], false],
    ]);
  });

  test(`only the first ${MAX_PTR_NAMES} names are looked up`, async () => {
    const r = await checkFcrdns('192.0.2.77', world);
    expect(r.names).toHaveLength(12);
    expect(r.names.filter((n) => n.checked)).toHaveLength(MAX_PTR_NAMES);
    expect(r.names.slice(MAX_PTR_NAMES).every((n) => n.outcome === null)).toBe(true);
    expect(r).toMatchObject({ truncated: true, result: 'fail' });
    expect(r.findings.map((f) => f.id)).toEqual(['ptr-not-confirmed', 'ptr-too-many-names']);
  });

  test('a generic name (the address in the name) passes but is noted', async () => {
    const r = await checkFcrdns('192.0.2.40', world);
    expect(r.result).toBe('pass');
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['ptr-generic-name', 'info']]);
  });

  test('input that is not an address is a RangeError (callers validate first)', async () => {
    await expect(checkFcrdns('192.0.2', world)).rejects.toThrow(RangeError);
  });
});
