// check_host() (RFC 7208 §4) on small zones written in the RFC 7208 suite's zonedata format.
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';
import { checkHost, DEFAULT_EXPLANATION, spfIdentity, type CheckHostOptions } from '../../src/spf/check-host.js';
import { suiteZone } from './helpers/suite-zone.js';

type Zone = Parameters<typeof suiteZone>[0];

function check(zone: Zone, ip: string, mailFrom: string, helo = 'mail.example.com', options: Partial<CheckHostOptions> = {}) {
  const { sender, domain } = spfIdentity(mailFrom, helo);
  return checkHost(ip, domain, sender, helo, { resolver: suiteZone(zone), timestamp: 1_700_000_000, ...options });
}

describe('results from the qualifier of the first matching mechanism (RFC 7208 §4.6.2)', () => {
  it.each([
    ['+', 'pass'],
    ['-', 'fail'],
    ['~', 'softfail'],
    ['?', 'neutral'],
  ])('%s gives %s', async (q, result) => {
    const r = await check({ 'example.com': [{ TXT: `v=spf1 ${q}ip4:192.0.2.0/24 -all` }] }, '192.0.2.9', 'a@example.com');
    expect(r.result).toBe(result);
    expect(r.matched).toEqual({ domain: 'example.com', term: `${q}ip4:192.0.2.0/24`, position: 7 });
  });

  it('gives neutral when nothing matches and there is no redirect (§4.7)', async () => {
    const r = await check({ 'example.com': [{ TXT: 'v=spf1 ip4:192.0.2.1' }] }, '198.51.100.1', 'a@example.com');
    expect(r.result).toBe('neutral');
    expect(r.matched).toBeNull();
  });
});

describe('initial processing (RFC 7208 §4.3)', () => {
  it('gives none for a malformed domain without asking DNS', async () => {
    const asked: string[] = [];
    const resolver: Resolver = {
      query: async <T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> => {
        asked.push(name);
        return { kind: 'nxdomain', name, type, cnameChain: [], ttl: null };
      },
    };
    for (const domain of ['localhost', 'a..example.com', `${'x'.repeat(64)}.example.com`, '[192.0.2.1]']) {
      const r = await checkHost('192.0.2.1', domain, `a@${domain}`, 'helo.example.com', { resolver });
      expect(r.result).toBe('none');
    }
    expect(asked).toEqual([]);
  });

  it('uses postmaster for an empty local-part and the HELO name for an empty MAIL FROM', async () => {
    const zone: Zone = {
      'example.com': [{ TXT: 'v=spf1 -all exp=why.example.com' }],
      'why.example.com': [{ TXT: '%{l} at %{o} via %{h}' }],
    };
    expect((await check(zone, '192.0.2.1', '@example.com')).explanation).toBe('postmaster at example.com via mail.example.com');
    expect(spfIdentity('', 'helo.example.org')).toEqual({ sender: 'postmaster@helo.example.org', domain: 'helo.example.org' });
  });

  it('treats an IPv4-mapped IPv6 client as IPv4 (§5)', async () => {
    const zone: Zone = { 'example.com': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }] };
    expect((await check(zone, '::ffff:192.0.2.7', 'a@example.com')).result).toBe('pass');
  });

  it('rejects an argument that is not an IP address as a programming error', async () => {
    await expect(check({}, 'not-an-ip', 'a@example.com')).rejects.toThrow(RangeError);
  });
});

describe('record selection (RFC 7208 §4.4, §4.5)', () => {
  it('gives none without a record, permerror with two, temperror when TXT fails', async () => {
    expect((await check({ 'example.com': [{ TXT: 'hello' }] }, '192.0.2.1', 'a@example.com')).result).toBe('none');
    expect((await check({}, '192.0.2.1', 'a@example.com')).result).toBe('none');
    const two = await check({ 'example.com': [{ TXT: 'v=spf1 -all' }, { TXT: 'v=spf1 +all' }] }, '192.0.2.1', 'a@example.com');
    expect(two.result).toBe('permerror');
    expect(two.problem).toMatchObject({ rule: 'RFC 7208 §4.5' });
    const failed = await check({ 'example.com': ['TIMEOUT'] }, '192.0.2.1', 'a@example.com');
    expect(failed.result).toBe('temperror');
    expect(failed.problem).toMatchObject({ rule: 'RFC 7208 §4.4' });
  });
});

describe('the whole record is parsed before evaluation (RFC 7208 §4.6)', () => {
  it('gives permerror for a syntax error after a matching term, naming its position', async () => {
    const text = 'v=spf1 ip4:192.0.2.1 -all ip4:1.2.3.4/33';
    const r = await check({ 'example.com': [{ TXT: text }] }, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('permerror');
    expect(r.problem).toMatchObject({ domain: 'example.com', record: text, position: text.indexOf('/33'), rule: 'RFC 7208 §5.6' });
    expect(r.lookups).toBe(0);
  });
});

describe('DNS-querying terms are limited to 10 (RFC 7208 §4.6.4)', () => {
  const tenA = 'a:h1.example.com a:h2.example.com a:h3.example.com a:h4.example.com a:h5.example.com a:h6.example.com a:h7.example.com a:h8.example.com a:h9.example.com a:h10.example.com';
  const hosts: Zone = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`h${i + 1}.example.com`, [{ A: '198.51.100.1' }]]));

  it('evaluates a 10th lookup and a later ip4', async () => {
    const r = await check({ ...hosts, 'example.com': [{ TXT: `v=spf1 ${tenA} ip4:192.0.2.1 -all` }] }, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('pass');
    expect(r.lookups).toBe(10);
  });

  it('gives permerror when the 11th is reached, pointing at it', async () => {
    const text = `v=spf1 ${tenA} a:h11.example.com ip4:192.0.2.1 -all`;
    const r = await check({ ...hosts, 'example.com': [{ TXT: text }] }, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('permerror');
    expect(r.problem).toMatchObject({ rule: 'RFC 7208 §4.6.4', position: text.indexOf('a:h11') });
    expect(r.lookups).toBe(10);
    expect(r.trace.at(-1)).toMatchObject({ term: 'a:h11.example.com', outcome: 'error', result: 'permerror' });
  });

  it('counts include and redirect, and the terms of included records', async () => {
    const zone: Zone = {
      ...hosts,
      'example.com': [{ TXT: 'v=spf1 include:inc.example.com redirect=next.example.com' }],
      'inc.example.com': [{ TXT: `v=spf1 ${tenA.split(' ').slice(0, 8).join(' ')}` }],
      'next.example.com': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }],
    };
    const r = await check(zone, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('pass');
    expect(r.lookups).toBe(10);
  });

  it('stops an include loop with permerror', async () => {
    const zone: Zone = {
      'a.example.com': [{ TXT: 'v=spf1 include:b.example.com' }],
      'b.example.com': [{ TXT: 'v=spf1 include:a.example.com' }],
    };
    const r = await check(zone, '192.0.2.1', 'x@a.example.com');
    expect(r.result).toBe('permerror');
    expect(r.lookups).toBe(10);
  });
});

describe('void lookups are limited to 2 (RFC 7208 §4.6.4)', () => {
  it('allows two and gives permerror on the third', async () => {
    const two = await check({ 'example.com': [{ TXT: 'v=spf1 a:n1.example.com a:n2.example.com ?all' }] }, '192.0.2.1', 'a@example.com');
    expect(two).toMatchObject({ result: 'neutral', voidLookups: 2 });
    const three = await check(
      { 'example.com': [{ TXT: 'v=spf1 a:n1.example.com exists:n2.example.com mx:n3.example.com ?all' }] },
      '192.0.2.1',
      'a@example.com',
    );
    expect(three.result).toBe('permerror');
    expect(three.problem?.message).toContain('void lookups');
  });
});

describe('mx (RFC 7208 §5.4)', () => {
  it('matches an address of an exchange, with the CIDR length', async () => {
    const zone: Zone = {
      'example.com': [{ TXT: 'v=spf1 mx/24 -all' }, { MX: [10, 'mx1.example.com'] }, { MX: [20, 'mx2.example.com'] }],
      'mx1.example.com': [{ A: '198.51.100.1' }],
      'mx2.example.com': [{ A: '192.0.2.200' }],
    };
    expect((await check(zone, '192.0.2.9', 'a@example.com')).result).toBe('pass');
    expect((await check(zone, '203.0.113.9', 'a@example.com')).result).toBe('fail');
  });

  it('gives permerror for more than 10 MX records', async () => {
    const mx = Array.from({ length: 11 }, (_, i) => ({ MX: [i, `mx${i}.example.com`] }));
    const r = await check({ 'example.com': [{ TXT: 'v=spf1 mx -all' }, ...mx] }, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('permerror');
    expect(r.problem?.message).toContain('11 host names');
  });

  it('does not treat a domain without MX as its own MX (§5.4)', async () => {
    const r = await check({ 'example.com': [{ TXT: 'v=spf1 mx ?all' }, { A: '192.0.2.1' }] }, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('neutral');
  });

  it('gives temperror when an exchange address lookup fails (§5)', async () => {
    const zone: Zone = {
      'example.com': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'mx1.example.com'] }],
      'mx1.example.com': ['TIMEOUT'],
    };
    expect((await check(zone, '192.0.2.1', 'a@example.com')).result).toBe('temperror');
  });
});

describe('include (RFC 7208 §5.2 table)', () => {
  const inner = (record: string): Zone => ({
    'example.com': [{ TXT: 'v=spf1 include:inner.example.com ~all' }],
    'inner.example.com': [{ TXT: record }],
  });
  it.each([
    ['v=spf1 +all', 'pass'],
    ['v=spf1 -all', 'softfail'],
    ['v=spf1 ~all', 'softfail'],
    ['v=spf1 ?all', 'softfail'],
    ['v=spf1 moo', 'permerror'],
    ['not spf', 'permerror'],
  ])('inner record %s gives %s', async (record, result) => {
    expect((await check(inner(record), '192.0.2.1', 'a@example.com')).result).toBe(result);
  });

  it('propagates temperror', async () => {
    const zone: Zone = { 'example.com': [{ TXT: 'v=spf1 include:inner.example.com ~all' }], 'inner.example.com': ['TIMEOUT'] };
    expect((await check(zone, '192.0.2.1', 'a@example.com')).result).toBe('temperror');
  });
});

describe('redirect (RFC 7208 §6.1)', () => {
  it('is followed when nothing matched, with the new domain as %{d}', async () => {
    const zone: Zone = {
      'example.com': [{ TXT: 'v=spf1 redirect=_spf.example.net' }],
      '_spf.example.net': [{ TXT: 'v=spf1 exists:%{d}.ok.example.org -all' }],
      '_spf.example.net.ok.example.org': [{ A: '127.0.0.2' }],
    };
    const r = await check(zone, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('pass');
    expect(r.lookups).toBe(2);
    expect(r.trace.map((t) => t.term).filter((t) => t !== '')).toEqual(['redirect=_spf.example.net', 'exists:%{d}.ok.example.org']);
  });

  it('is ignored when the record has all', async () => {
    const zone: Zone = { 'example.com': [{ TXT: 'v=spf1 ?all redirect=other.example.com' }], 'other.example.com': [{ TXT: 'v=spf1 -all' }] };
    const r = await check(zone, '192.0.2.1', 'a@example.com');
    expect(r).toMatchObject({ result: 'neutral', lookups: 0 });
  });

  it('gives permerror when the target has no record', async () => {
    const r = await check({ 'example.com': [{ TXT: 'v=spf1 redirect=nowhere.example.com' }] }, '192.0.2.1', 'a@example.com');
    expect(r.result).toBe('permerror');
    expect(r.problem).toMatchObject({ rule: 'RFC 7208 §6.1', position: 7 });
  });
});

describe('ptr and %{p} (RFC 7208 §5.5, §7.3)', () => {
  const zone: Zone = {
    'example.com': [{ TXT: 'v=spf1 ptr -all exp=why.example.com' }],
    'why.example.com': [{ TXT: 'client %{p}' }],
    '1.2.0.192.in-addr.arpa': [{ PTR: 'host.example.com' }, { PTR: 'fake.example.com' }],
    'host.example.com': [{ A: '192.0.2.1' }],
    'fake.example.com': [{ A: '198.51.100.1' }],
    '2.2.0.192.in-addr.arpa': [{ PTR: 'fake.example.com' }],
  };

  it('matches a validated name within the domain', async () => {
    expect((await check(zone, '192.0.2.1', 'a@example.com')).result).toBe('pass');
  });

  it('does not match a name that does not resolve back; %{p} is then "unknown"', async () => {
    const r = await check(zone, '192.0.2.2', 'a@example.com');
    expect(r).toMatchObject({ result: 'fail', explanation: 'client unknown' });
  });

  it('looks only at the first 10 PTR names', async () => {
    const ptrs = Array.from({ length: 10 }, (_, i) => ({ PTR: `n${i}.other.example` }));
    const z: Zone = {
      'example.com': [{ TXT: 'v=spf1 ptr -all' }],
      '1.2.0.192.in-addr.arpa': [...ptrs, { PTR: 'host.example.com' }],
      'host.example.com': [{ A: '192.0.2.1' }],
    };
    expect((await check(z, '192.0.2.1', 'a@example.com')).result).toBe('fail');
  });
});

describe('explanations (RFC 7208 §6.2)', () => {
  it('expands the exp= text for a fail', async () => {
    const zone: Zone = {
      'example.com': [{ TXT: 'v=spf1 -all exp=explain._spf.%{d}' }],
      'explain._spf.example.com': [{ TXT: ['%{i} is not one of ', "%{d}'s designated mail servers."] }],
    };
    const r = await check(zone, '192.0.2.3', 'a@example.com');
    expect(r).toMatchObject({
      result: 'fail',
      explanation: "192.0.2.3 is not one of example.com's designated mail servers.",
      explanationFromRecord: true,
    });
  });

  it('falls back to the default text, expanded', async () => {
    const r = await check({ 'example.com': [{ TXT: 'v=spf1 -all' }] }, '2001:db8::1', 'a@example.com');
    expect(DEFAULT_EXPLANATION).toContain('%{c}');
    expect(r).toMatchObject({ explanation: 'example.com does not designate 2001:db8::1 as a permitted sender', explanationFromRecord: false });
  });

  it('has no explanation for results other than fail', async () => {
    const r = await check({ 'example.com': [{ TXT: 'v=spf1 ~all exp=x.example.com' }], 'x.example.com': [{ TXT: 'no' }] }, '192.0.2.1', 'a@example.com');
    expect(r.explanation).toBeNull();
  });
});

describe('time limit (RFC 7208 §4.6.4)', () => {
  const hanging: Resolver = { query: () => new Promise(() => undefined) };

  it('gives temperror when the limit is reached, even if the resolver never answers', async () => {
    const r = await checkHost('192.0.2.1', 'example.com', 'a@example.com', 'mail.example.com', { resolver: hanging, timeoutMs: 30 });
    expect(r.result).toBe('temperror');
    expect(r.problem?.message).toContain('30 ms');
  });

  it('gives temperror when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = checkHost('192.0.2.1', 'example.com', 'a@example.com', 'mail.example.com', { resolver: hanging, signal: controller.signal });
    controller.abort();
    expect((await pending).result).toBe('temperror');
  });

  it('turns a resolver that throws into temperror', async () => {
    const throwing: Resolver = { query: () => Promise.reject(new Error('boom')) };
    const r = await checkHost('192.0.2.1', 'example.com', 'a@example.com', 'mail.example.com', { resolver: throwing });
    expect(r.result).toBe('temperror');
  });
});

describe('trace', () => {
  it('lists the record and each term evaluated, with the running lookup counts', async () => {
    const zone: Zone = {
      'example.com': [{ TXT: 'v=spf1 a:nx.example.com include:inc.example.com -all' }],
      'inc.example.com': [{ TXT: 'v=spf1 ip4:198.51.100.0/24' }],
    };
    const r = await check(zone, '192.0.2.1', 'a@example.com');
    expect(r.trace.map((t) => [t.depth, t.term, t.outcome, t.result, t.lookups, t.voidLookups])).toEqual([
      [0, '', 'info', null, 0, 0],
      [0, 'a:nx.example.com', 'no-match', null, 1, 1],
      [0, 'include:inc.example.com', 'no-match', null, 2, 1],
      [1, '', 'info', null, 2, 1],
      [1, 'ip4:198.51.100.0/24', 'no-match', null, 2, 1],
      [1, '', 'info', 'neutral', 2, 1],
      [0, '-all', 'match', 'fail', 2, 1],
    ]);
    expect(r.trace[0]?.detail).toContain('v=spf1 a:nx.example.com');
  });
});
