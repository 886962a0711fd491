// MX on fixture zones: every kind and finding.
import { describe, expect, test } from 'vitest';
import { checkMx, isIpLiteral } from '../../src/mx/check-mx.js';
import { unreachableRange } from '../../src/mx/mx-findings.js';
import { zonesResolver } from '../dkim/zone.js';

const world = zonesResolver(
  {
    'example.com': [
      'good IN MX 20 mx2.good',
      'good IN MX 10 mx1.good',
      'good IN MX 10 MX0.good',
      'mx0.good IN A 192.0.2.9',
      'mx1.good IN A 192.0.2.1',
      'mx1.good IN AAAA 2001:db8::1',
      'mx2.good IN AAAA 2001:db8::2',
      'nullmx IN MX 0 .',
      'nullmx IN A 192.0.2.80',
      'nullmx10 IN MX 10 .',
      'mixed IN MX 0 .',
      'mixed IN MX 10 mx1.good',
      'implicit IN A 192.0.2.30',
      'implicit IN AAAA 2001:db8::30',
      'nomail IN TXT "v=spf1 -all"',
      'dangling IN MX 10 missing.example.com.',
      'dangling IN MX 20 mx1.good',
      'allbad IN MX 10 missing.example.com.',
      'outsourced IN MX 10 mx9.mailhost.example.net.',
      'outsourced IN MX 20 mx1.good',
      'allbad IN MX 20 noaddr',
      'noaddr IN TXT "nothing"',
      'aliased IN MX 10 alias',
      'alias IN CNAME mx1.good',
      'literal IN MX 10 192.0.2.1.',
      'private IN MX 10 internal',
      'internal IN A 10.0.0.5',
      'internal IN A 192.0.2.5',
      'loopy IN MX 10 lo',
      'lo IN A 127.0.0.1',
      'flaky IN MX 10 slow',
      'flaky IN MX 20 mx1.good',
      'broken IN TXT "x"',
    ].join('\n'),
  },
  {
    failures: [
      { name: 'slow.example.com', failure: 'timeout', exceptTypes: [] },
      { name: 'broken.example.com', failure: 'servfail', exceptTypes: [] },
    ],
  },
);

const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);

describe('MX hosts', () => {
  test('sorted by preference then name, with their A and AAAA addresses', async () => {
    const r = await checkMx('good.example.com', world);
    expect(r).toMatchObject({ kind: 'mx', nullMx: false, implicit: null, findings: [] });
    expect(r.hosts.map((h) => [h.preference, h.exchange, h.addresses, h.status])).toEqual([
      [10, 'mx0.good.example.com', ['192.0.2.9'], 'ok'],
      [10, 'mx1.good.example.com', ['192.0.2.1', '2001:db8::1'], 'ok'],
      [20, 'mx2.good.example.com', ['2001:db8::2'], 'ok'],
    ]);
    expect(r.hosts[0]?.source).toEqual({ file: 'example.com.zone', line: 3 });
  });

  test('a host that does not resolve, beside one that does: a warning', async () => {
    const r = await checkMx('dangling.example.com', world);
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['mx-host-unresolvable', 'warning']]);
    expect(r.findings[0]?.message).toContain('missing.example.com does not exist (NXDOMAIN)');
    expect(r.findings[0]?.evidence).toMatchObject({ record: 'dangling.example.com. MX 10 missing.example.com.', file: 'example.com.zone', line: 16 });
  });

  test("a provider's host that does not resolve: the fix changes the user's MX, never the provider's zone", async () => {
    const r = await checkMx('outsourced.example.com', world);
    expect(r.findings.map((f) => f.id)).toEqual(['mx-host-unresolvable']);
    expect(r.findings[0]?.fix).toBe(
      "mx9.mailhost.example.net is in example.net's zone, not yours: point the MX record at the host name your mail provider documents today, or remove the MX record.",
    );
    // the user's own host keeps the direct fix
    const own = await checkMx('dangling.example.com', world);
    expect(own.findings[0]?.fix).toBe('Publish an A/AAAA record for missing.example.com, or remove the MX record.');
  });

  test('no host resolves: errors, and mail bounces', async () => {
    const r = await checkMx('allbad.example.com', world);
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([
      ['mx-host-unresolvable', 'error'],
      ['mx-host-unresolvable', 'error'],
    ]);
    expect(r.findings[1]?.message).toContain('has no A or AAAA record');
  });

  test('RFC 2181 §10.3 / RFC 5321 §5.1: an MX host that is a CNAME', async () => {
    const r = await checkMx('aliased.example.com', world);
    expect(ids(r)).toEqual(['mx-cname']);
    expect(r.hosts[0]).toMatchObject({ status: 'ok', addresses: ['192.0.2.1', '2001:db8::1'] });
    expect(r.findings[0]?.evidence.path).toEqual(['alias.example.com', 'mx1.good.example.com']);
  });

  test('an exchange written as an IP address is not a host name', async () => {
    const r = await checkMx('literal.example.com', world);
    expect(r.hosts[0]).toMatchObject({ status: 'ip-literal', a: null, aaaa: null });
    expect(ids(r)).toEqual(['mx-ip-literal']);
  });

  test('addresses no outside sender can reach', async () => {
    expect(ids(await checkMx('private.example.com', world))).toEqual(['mx-host-non-public-address']);
    const lo = await checkMx('loopy.example.com', world);
    expect(lo.findings[0]?.message).toContain('127.0.0.1, a loopback address');
  });

  test('a host whose lookups time out is a temporary failure, not unresolvable', async () => {
    const r = await checkMx('flaky.example.com', world);
    expect(r.hosts[0]).toMatchObject({ exchange: 'slow.example.com', status: 'temperror' });
    expect(ids(r)).toEqual(['mx-host-temperror']);
  });
});

describe('RFC 7505 null MX', () => {
  test('a single "0 ." record: the domain accepts no mail', async () => {
    const r = await checkMx('nullmx.example.com', world);
    expect(r).toMatchObject({ kind: 'null-mx', nullMx: true, implicit: null });
    expect(r.hosts).toMatchObject([{ preference: 0, exchange: '', status: 'null', a: null }]);
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['mx-null', 'info']]);
  });

  test('a lone "." with a preference other than 0', async () => {
    const r = await checkMx('nullmx10.example.com', world);
    expect(r.nullMx).toBe(true);
    expect(ids(r)).toEqual(['mx-null', 'mx-null-preference']);
  });

  test('a null MX mixed with other MX records is an error, and no null MX', async () => {
    const r = await checkMx('mixed.example.com', world);
    expect(r).toMatchObject({ kind: 'mx', nullMx: false });
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([['mx-null-mixed', 'error']]);
  });
});

describe('no MX', () => {
  test('RFC 5321 §5.1: the domain\'s own A/AAAA is the implicit MX', async () => {
    const r = await checkMx('implicit.example.com', world);
    expect(r).toMatchObject({ kind: 'implicit', hosts: [], implicit: { addresses: ['192.0.2.30', '2001:db8::30'] } });
    expect(ids(r)).toEqual(['mx-implicit']);
  });

  test('no MX and no address: the domain takes no mail', async () => {
    const r = await checkMx('nomail.example.com', world);
    expect(r.kind).toBe('no-mail');
    expect(ids(r)).toEqual(['mx-none']);
  });

  test('the domain does not exist', async () => {
    const r = await checkMx('gone.example.com', world);
    expect(r).toMatchObject({ kind: 'nxdomain', mx: { outcome: 'nxdomain' } });
    expect(ids(r)).toEqual(['mx-domain-nxdomain']);
  });

  test('the MX lookup fails', async () => {
    const r = await checkMx('broken.example.com', world);
    expect(r).toMatchObject({ kind: 'temperror', mx: { failure: { kind: 'servfail' } } });
    expect(ids(r)).toEqual(['mx-dns-failure']);
  });
});

describe('helpers', () => {
  test.each([
    ['192.0.2.1', true],
    ['[192.0.2.1]', true],
    ['[IPv6:2001:db8::1]', true],
    ['mx.example.com', false],
    ['192.0.2.1.example.com', false],
  ])('%s is an IP literal: %s', (text, expected) => {
    expect(isIpLiteral(text)).toBe(expected);
  });

  test.each([
    ['10.1.2.3', 'private'],
    ['127.0.0.1', 'loopback'],
    ['fd00::1', 'uniqueLocal'],
    ['192.0.2.1', null],
    ['8.8.8.8', null],
  ])('%s is unreachable from outside: %s', (address, range) => {
    expect(unreachableRange(address)).toBe(range);
  });
});
