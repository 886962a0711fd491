// The network resolver when servers misbehave: lost, late, truncated, refused, spoofed and
// garbled replies. Outcomes and what the servers saw are asserted, never durations.

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { joinTxt } from '../../src/model/txt.js';
import type { TestDnsServer } from '../helpers/dns-server.js';
import { LONG_TXT_STRINGS, resolverFor, withServer } from './network-fixture.js';

// Loopback answers take milliseconds; a test that waits seconds is a hang, not a slow machine.
vi.setConfig({ testTimeout: 5000 });

let server: TestDnsServer;
let second: TestDnsServer;
beforeEach(async () => {
  server = await withServer();
  second = await withServer();
});
afterEach(async () => {
  await server.stop();
  await second.stop();
});

const WEB = { kind: 'records', records: [{ type: 'A', address: '192.0.2.80' }] };

describe('lost and late replies', () => {
  test('a dropped reply is asked again, with a new id', async () => {
    server.fault({ kind: 'drop' }, { times: 1 });
    expect(await resolverFor(server).query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received.map((q) => q.fault)).toEqual(['drop', null]);
    expect(server.received[0]!.id).not.toBe(server.received[1]!.id);
  });

  test('a server that never answers gives a time-out after every try', async () => {
    server.fault({ kind: 'drop' });
    const answer = await resolverFor(server, { attempts: 3, timeoutMs: 150 }).query('web.example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'timeout', cnameChain: [] });
    expect(answer.kind === 'failure' && answer.detail).toContain(`127.0.0.1:${server.ipv4.port}`);
    expect(server.received).toHaveLength(3);
  });

  test('a reply later than the time-out is not waited for: the next try answers', async () => {
    server.fault({ kind: 'delay', ms: 700 }, { times: 1 });
    expect(await resolverFor(server, { timeoutMs: 200 }).query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received.map((q) => q.fault)).toEqual(['delay', null]);
  });

  test('the overall deadline ends the tries early', async () => {
    server.fault({ kind: 'drop' });
    const resolver = resolverFor(server, { timeoutMs: 100, attempts: 50, deadlineMs: 250 });
    const answer = await resolver.query('web.example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'timeout' });
    expect(answer.kind === 'failure' && answer.detail).toContain('250 ms deadline');
    expect(server.received.length).toBeLessThanOrEqual(5); // 100 + 100 + 50 ms of tries, never 50 of them
  });
});

describe('several servers (tried in turn, in rounds)', () => {
  test('when the first server is silent, the second answers', async () => {
    server.fault({ kind: 'drop' });
    const resolver = new NetworkResolver({ servers: [server.ipv4, second.ipv4], timeoutMs: 200 });
    expect(await resolver.query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received).toHaveLength(1);
    expect(second.received).toHaveLength(1);
  });

  test('tries rotate over the servers: first, second, first, second', async () => {
    server.fault({ kind: 'drop' });
    second.fault({ kind: 'drop' });
    const resolver = new NetworkResolver({ servers: [server.ipv4, second.ipv4], timeoutMs: 100, attempts: 2, deadlineMs: 5000 });
    const answer = await resolver.query('web.example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'timeout' });
    expect(answer.kind === 'failure' && answer.detail).toContain('4 tries, 2 servers');
    const order = [...server.received, ...second.received].sort((a, b) => a.sequence - b.sequence);
    expect(order.map((q) => (q.server.port === server.ipv4.port ? 'first' : 'second'))).toEqual(['first', 'second', 'first', 'second']);
  });

  test('SERVFAIL from one server sends the question to the next', async () => {
    server.fault({ kind: 'rcode', rcode: 'SERVFAIL' });
    const resolver = new NetworkResolver({ servers: [server.ipv4, second.ipv4], timeoutMs: 300 });
    expect(await resolver.query('web.example.test', 'A')).toMatchObject(WEB);
  });

  test('SERVFAIL everywhere is a servfail failure, after trying each server again', async () => {
    server.fault({ kind: 'rcode', rcode: 'SERVFAIL' });
    const answer = await resolverFor(server).query('web.example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'servfail' });
    expect(answer.kind === 'failure' && answer.detail).toContain('answered SERVFAIL');
    expect(server.received).toHaveLength(2);
  });

  test('REFUSED is a refused failure, and a refusing server is not asked again', async () => {
    server.fault({ kind: 'rcode', rcode: 'REFUSED' });
    expect(await resolverFor(server, { attempts: 3 }).query('web.example.test', 'A')).toMatchObject({
      kind: 'failure', failure: 'refused',
    });
    expect(server.received).toHaveLength(1);
  });

  test('a closed port is a network failure', async () => {
    const closed = second.ipv4;
    await second.stop();
    const answer = await resolverFor(server, { servers: [closed], attempts: 1 }).query('web.example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'network' });
    expect(answer.kind === 'failure' && answer.detail).toContain('ECONNREFUSED');
    second = await withServer(); // for afterEach
  });
});

describe('replies that do not answer the query are ignored (RFC 5452 §9.1)', () => {
  test('a reply with the wrong id first, then the right one: the right one is taken, no retry', async () => {
    server.fault({ kind: 'wrong-id-first' });
    expect(await resolverFor(server).query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received).toHaveLength(1);
  });

  test('a reply to another question first, then the right one', async () => {
    server.fault({ kind: 'wrong-question-first' });
    expect(await resolverFor(server).query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received).toHaveLength(1);
  });

  test('a reply from another port first, then from the server', async () => {
    server.fault({ kind: 'wrong-source-first' });
    expect(await resolverFor(server).query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received).toHaveLength(1);
  });

  test.each(['wrong-id-first', 'wrong-question-first', 'wrong-source-first'] as const)(
    'only %s replies, never the right one: a time-out that says what was ignored',
    async (kind) => {
      server.fault({ kind, only: true });
      const answer = await resolverFor(server, { attempts: 1, timeoutMs: 200 }).query('web.example.test', 'A');
      expect(answer).toMatchObject({ kind: 'failure', failure: 'timeout' });
      // The kernel drops datagrams from another port on a connected socket before we see them.
      if (kind !== 'wrong-source-first') expect(answer.kind === 'failure' && answer.detail).toContain('ignored 1 packet');
    },
  );
});

describe('garbled and odd replies', () => {
  test('an undecodable reply with our id is a malformed failure once every try has had one', async () => {
    server.fault({ kind: 'malformed' });
    const answer = await resolverFor(server).query('web.example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'malformed' });
    expect(server.received).toHaveLength(2);
  });

  test('one undecodable reply is followed by another try', async () => {
    server.fault({ kind: 'malformed' }, { times: 1 });
    expect(await resolverFor(server).query('web.example.test', 'A')).toMatchObject(WEB);
  });

  test('FORMERR to an EDNS query is asked again without EDNS (RFC 6891 §7)', async () => {
    server.fault({ kind: 'rcode', rcode: 'FORMERR' }, { times: 1 });
    expect(await resolverFor(server).query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received.map((q) => q.ednsPayload)).toEqual([1232, null]);
  });
});

describe('truncation and TCP', () => {
  test('a truncated reply, even a small one, is asked again over TCP', async () => {
    server.fault({ kind: 'truncate' }, { transport: 'udp' });
    expect(await resolverFor(server).query('web.example.test', 'A')).toMatchObject(WEB);
    expect(server.received.map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  test('a TCP reply that arrives in pieces is put back together', async () => {
    server.fault({ kind: 'trickle' }, { transport: 'tcp' });
    const answer = await resolverFor(server).query('big.example.test', 'TXT');
    expect(answer.kind === 'records' && joinTxt(answer.records[0]!.strings)).toBe(LONG_TXT_STRINGS.join(''));
    expect(server.received.map((q) => `${q.transport} ${q.fault}`)).toEqual(['udp null', 'tcp trickle']);
  });

  test('a TCP reply with the wrong id first is skipped for the right one on the same connection', async () => {
    server.fault({ kind: 'wrong-id-first' }, { transport: 'tcp' });
    const answer = await resolverFor(server).query('big.example.test', 'TXT');
    expect(answer.kind === 'records' && answer.records[0]!.strings).toHaveLength(LONG_TXT_STRINGS.length);
  });

  test('when TCP is silent too, the next try starts over with UDP', async () => {
    server.fault({ kind: 'drop' }, { transport: 'tcp', times: 1 });
    const answer = await resolverFor(server).query('big.example.test', 'TXT');
    expect(answer.kind).toBe('records');
    expect(server.received.map((q) => q.transport)).toEqual(['udp', 'tcp', 'udp', 'tcp']);
  });
});

describe('resources', () => {
  test('no more than maxConcurrent questions are in flight at once; the rest wait their turn', async () => {
    server.fault({ kind: 'delay', ms: 40 });
    const resolver = resolverFor(server, { maxConcurrent: 2, timeoutMs: 1000, deadlineMs: 5000 });
    const names = ['web', 'ns1', 'mx1', 'www', 'alias', 'sub.deep'].map((n) => `${n}.example.test`);
    const answers = await Promise.all(names.map((n) => resolver.query(n, 'A')));
    expect(answers.every((a) => a.kind === 'records')).toBe(true);
    expect(server.received).toHaveLength(6);
    expect(server.peakInFlight()).toBeLessThanOrEqual(2);
  });

  test('every socket is closed when the answers are in, so the process can exit', async () => {
    const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap' || r === 'TCPSocketWrap').length;
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50)); // closing handles go
    await settle();
    const before = sockets();
    server.fault({ kind: 'drop' }, { times: 1 });
    const resolver = resolverFor(server);
    await Promise.all([resolver.query('web.example.test', 'A'), resolver.query('big.example.test', 'TXT')]);
    await settle();
    expect(sockets()).toBe(before);
  });

  test('a caller that aborts gets a failure at once', async () => {
    server.fault({ kind: 'drop' });
    const answer = await resolverFor(server).query('web.example.test', 'A', { signal: AbortSignal.abort() });
    expect(answer).toMatchObject({ kind: 'failure', failure: 'other', detail: expect.stringContaining('aborted') });
  });
});
