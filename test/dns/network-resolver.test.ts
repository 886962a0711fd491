// The network resolver against the loopback server: what it asks, and how it reads the answers.

import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { latin1ToBytes, joinTxt } from '../../src/model/txt.js';
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { LONG_TXT_STRINGS, resolverFor, withServer } from './network-fixture.js';

// Loopback answers take milliseconds; a test that waits seconds is a hang, not a slow machine.
vi.setConfig({ testTimeout: 5000 });

let server: TestDnsServer;
beforeAll(async () => {
  server = await withServer();
});
afterAll(() => server.stop());

function receivedFor(name: string): string[] {
  return server.received.filter((q) => q.name.toLowerCase() === name).map((q) => `${q.transport} ${q.type}`);
}

describe('the query (RFC 1035 §4.1, RFC 6891)', () => {
  test('asks for recursion, advertises a 1232-byte EDNS0 payload and uses random ids', async () => {
    const resolver = resolverFor(server);
    for (let i = 0; i < 8; i++) await resolver.query(`ns1.example.test`, 'A');
    const asked = server.received.filter((q) => q.name === 'ns1.example.test');
    expect(asked).toHaveLength(8);
    expect(asked.every((q) => q.recursionDesired && q.ednsPayload === 1232 && q.transport === 'udp')).toBe(true);
    expect(new Set(asked.map((q) => q.id)).size).toBeGreaterThan(1);
  });

  test('without EDNS, it advertises none', async () => {
    await resolverFor(server, { ednsPayload: null }).query('mx1.example.test', 'A');
    expect(server.received.filter((q) => q.name === 'mx1.example.test' && q.type === 'A').map((q) => q.ednsPayload)).toEqual([null]);
  });
});

describe('answers', () => {
  test('TXT character-strings arrive as bytes, unchanged (RFC 1035 §3.3.14)', async () => {
    const answer = await resolverFor(server).query('bytes.example.test', 'TXT');
    expect(answer.kind).toBe('records');
    if (answer.kind !== 'records') return;
    expect(answer.records[0]!.strings).toEqual([latin1ToBytes('caf\u00e9 \u0000end')]);
  });

  test('type 99 SPF records are read like TXT (RFC 7208 §3.1)', async () => {
    const answer = await resolverFor(server).query('_spf.example.test', 'SPF');
    expect(answer.kind === 'records' && joinTxt(answer.records[0]!.strings)).toBe('v=spf1 ~all');
  });

  test('AAAA addresses are given in RFC 5952 form, with their own TTL', async () => {
    const answer = await resolverFor(server).query('mx1.example.test', 'AAAA');
    expect(answer).toMatchObject({ kind: 'records', records: [{ type: 'AAAA', address: '2001:db8::25', ttl: 120 }] });
  });

  test('MX and SOA records are typed', async () => {
    const resolver = resolverFor(server);
    expect(await resolver.query('example.test', 'MX')).toMatchObject({
      kind: 'records', records: [{ type: 'MX', preference: 10, exchange: 'mx1.example.test' }],
    });
    expect(await resolver.query('example.test', 'SOA')).toMatchObject({
      kind: 'records',
      records: [{ type: 'SOA', mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 2024010101, minimum: 60 }],
    });
  });

  test('the CNAME chain in the answer is followed and reported link by link', async () => {
    const answer = await resolverFor(server).query('alias.example.test', 'A');
    expect(answer).toEqual({
      kind: 'records', name: 'alias.example.test', type: 'A',
      cnameChain: [
        { name: 'alias.example.test', target: 'www.example.test', ttl: 300 },
        { name: 'www.example.test', target: 'web.example.test', ttl: 600 },
      ],
      records: [{ type: 'A', name: 'web.example.test', ttl: 90, address: '192.0.2.80' }],
    });
  });

  test('asking for the CNAME itself returns it', async () => {
    const answer = await resolverFor(server).query('www.example.test', 'CNAME');
    expect(answer).toMatchObject({ kind: 'records', cnameChain: [], records: [{ type: 'CNAME', target: 'web.example.test' }] });
  });

  test('names are matched case-insensitively, and the answer keeps the name as asked', async () => {
    const answer = await resolverFor(server).query('WWW.Example.TEST', 'A');
    expect(answer).toMatchObject({ kind: 'records', name: 'WWW.Example.TEST', records: [{ address: '192.0.2.80' }] });
  });

  test('NXDOMAIN carries the negative TTL from the SOA (RFC 2308 §5)', async () => {
    expect(await resolverFor(server).query('nope.example.test', 'A')).toEqual({
      kind: 'nxdomain', name: 'nope.example.test', type: 'A', cnameChain: [], ttl: 60,
    });
  });

  test('a CNAME to a missing name is NXDOMAIN with the chain (RFC 6604 §3)', async () => {
    expect(await resolverFor(server).query('dangling.example.test', 'TXT')).toMatchObject({
      kind: 'nxdomain', cnameChain: [{ name: 'dangling.example.test', target: 'gone.example.test' }], ttl: 60,
    });
  });

  test('no data for an existing name without the type, and for an empty non-terminal', async () => {
    const resolver = resolverFor(server);
    expect(await resolver.query('ns1.example.test', 'MX')).toMatchObject({ kind: 'nodata', ttl: 60 });
    expect(await resolver.query('deep.example.test', 'A')).toMatchObject({ kind: 'nodata', ttl: 60 });
  });
});

describe('size and truncation (RFC 1035 §4.2.1, RFC 7766 §5)', () => {
  test('an answer larger than the EDNS payload is truncated over UDP and asked again over TCP', async () => {
    const answer = await resolverFor(server).query('big.example.test', 'TXT');
    expect(answer.kind === 'records' && answer.records[0]!.strings.map((s) => Buffer.from(s).toString())).toEqual(LONG_TXT_STRINGS);
    expect(receivedFor('big.example.test')).toEqual(['udp TXT', 'tcp TXT']);
  });

  test('an answer between 512 and 1232 bytes fits with EDNS, but not without it', async () => {
    const medium = 'medium.example.test';
    const withEdns = await resolverFor(server).query(medium, 'TXT');
    expect(receivedFor(medium)).toEqual(['udp TXT']);
    const withoutEdns = await resolverFor(server, { ednsPayload: null }).query(medium, 'TXT');
    expect(receivedFor(medium)).toEqual(['udp TXT', 'udp TXT', 'tcp TXT']);
    expect(withoutEdns).toEqual(withEdns);
    expect(withEdns.kind === 'records' && joinTxt(withEdns.records[0]!.strings)).toBe('m'.repeat(200) + 'n'.repeat(200) + 'o'.repeat(200));
  });
});

describe('a server that is not recursive for the target (the chain stops at a CNAME)', () => {
  // A resolver whose answers stop at the first CNAME, with no SOA to prove the target empty:
  // what an authoritative server says for a CNAME into another zone.
  function stopsAtCname(links: Record<string, string>, addresses: Record<string, string>): Resolver {
    return {
      async query<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
        const target = links[name];
        if (target !== undefined) return { kind: 'nodata', name, type, cnameChain: [{ name, target, ttl: 30 }], ttl: null };
        const address = addresses[name];
        if (address !== undefined && type === 'A') {
          return { kind: 'records', name, type, cnameChain: [], records: [{ type: 'A', name, ttl: 40, address }] } as unknown as DnsAnswer<T>;
        }
        return { kind: 'nxdomain', name, type, cnameChain: [], ttl: null };
      },
    };
  }

  test('the target is asked for next, and the chain joins both answers', async () => {
    const hop = await startDnsServer(stopsAtCname({ 'a.test': 'b.test', 'b.test': 'c.test' }, { 'c.test': '192.0.2.7' }));
    try {
      const answer = await resolverFor(hop).query('a.test', 'A');
      expect(answer).toEqual({
        kind: 'records', name: 'a.test', type: 'A',
        cnameChain: [{ name: 'a.test', target: 'b.test', ttl: 30 }, { name: 'b.test', target: 'c.test', ttl: 30 }],
        records: [{ type: 'A', name: 'c.test', ttl: 40, address: '192.0.2.7' }],
      });
      expect(hop.received.filter((q) => q.type === 'A').map((q) => q.name)).toEqual(['a.test', 'b.test', 'c.test']);
    } finally {
      await hop.stop();
    }
  });

  test('a loop across answers is a cname-loop failure, not an endless series of questions', async () => {
    const loop = await startDnsServer(stopsAtCname({ 'x.test': 'y.test', 'y.test': 'x.test' }, {}));
    try {
      const answer = await resolverFor(loop).query('x.test', 'A');
      expect(answer).toMatchObject({ kind: 'failure', failure: 'cname-loop' });
      expect(loop.received.filter((q) => q.type === 'A').map((q) => q.name)).toEqual(['x.test', 'y.test']);
    } finally {
      await loop.stop();
    }
  });

  test('a chain longer than 16 links is a cname-chain-too-long failure', async () => {
    const links = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`n${i}.test`, `n${i + 1}.test`]));
    const long = await startDnsServer(stopsAtCname(links, {}));
    try {
      const answer = await resolverFor(long).query('n0.test', 'A');
      expect(answer).toMatchObject({ kind: 'failure', failure: 'cname-chain-too-long' });
      expect(long.received.filter((q) => q.type === 'A').length).toBe(17);
    } finally {
      await long.stop();
    }
  });
});

describe('IPv6 transport', () => {
  test('a server on ::1 answers over UDP and TCP', async (context) => {
    if (server.ipv6 === null) context.skip(); // no IPv6 loopback on this machine
    const resolver = new NetworkResolver({ servers: [server.ipv6!], timeoutMs: 300 });
    expect(await resolver.query('web.example.test', 'A')).toMatchObject({ kind: 'records', records: [{ address: '192.0.2.80' }] });
    const big = await resolver.query('big.example.test', 'TXT');
    expect(big.kind === 'records' && big.records[0]!.strings.length).toBe(LONG_TXT_STRINGS.length);
    expect(server.received.filter((q) => q.server.family === 6).map((q) => q.transport)).toEqual(['udp', 'udp', 'tcp']);
  });
});
