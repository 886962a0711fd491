// UDP sockets shared by the questions in flight (RFC 5452 §9.2 asks for unpredictable source
// ports and ids): one socket carries at most `queriesPerSocket` queries, ids are unique on a
// socket, answers find their question by id and question, and nothing stays open when idle.

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { UdpChannels } from '../../src/dns/udp-channels.js';
import { encodeQuery, type QuerySpec } from '../../src/dns/wire.js';
import type { TestDnsServer } from '../helpers/dns-server.js';
import { resolverFor, withServer } from './network-fixture.js';

vi.setConfig({ testTimeout: 5000 });

let server: TestDnsServer;
beforeEach(async () => {
  server = await withServer();
});
afterEach(async () => {
  await server.stop();
});

/** Open UDP sockets, once sockets already closing have gone (close completes on a later tick). */
async function openUdpSockets(): Promise<number> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  return process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap').length;
}
const NAMES = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'web.example.test' : `n${i}.example.test`));

function portsUsed(): Map<number, number> {
  const ports = new Map<number, number>();
  for (const q of server.received) ports.set(q.from.port, (ports.get(q.from.port) ?? 0) + 1);
  return ports;
}

describe('questions in flight share sockets', () => {
  test('20 questions at once go out on one socket and each gets its own answer', async () => {
    const resolver = resolverFor(server);
    const answers = await Promise.all(NAMES.map((name, i) => resolver.query(name, i % 4 === 0 ? 'A' : 'TXT')));
    answers.forEach((answer, i) => {
      const name = NAMES[i]!;
      if (name !== 'web.example.test') expect(answer.kind).toBe('nxdomain');
      else expect(answer.kind).toBe(i % 4 === 0 ? 'records' : 'nodata');
      expect(answer.name).toBe(name);
    });
    expect([...portsUsed().values()]).toEqual([20]);
    expect(new Set(server.received.map((q) => q.id)).size).toBe(20);
  });

  test('a socket is retired after queriesPerSocket queries: a fresh source port takes over', async () => {
    const resolver = resolverFor(server, { queriesPerSocket: 5 });
    await Promise.all(NAMES.map((name) => resolver.query(name, 'TXT')));
    const ports = portsUsed();
    expect(ports.size).toBeGreaterThanOrEqual(4);
    for (const count of ports.values()) expect(count).toBeLessThanOrEqual(5);
  });

  test('queriesPerSocket 1: every query has a socket of its own', async () => {
    const resolver = resolverFor(server, { queriesPerSocket: 1 });
    await Promise.all(NAMES.slice(0, 8).map((name) => resolver.query(name, 'TXT')));
    expect(portsUsed().size).toBe(8);
  });

  test('no socket stays open once the answers are in, nor after a time-out', async () => {
    const before = await openUdpSockets();
    const resolver = resolverFor(server, { timeoutMs: 100, attempts: 1 });
    await Promise.all(NAMES.map((name) => resolver.query(name, 'A')));
    expect(await openUdpSockets()).toBe(before);
    server.fault({ kind: 'drop' }, { name: 'web.example.test' });
    await Promise.all(NAMES.map((name) => resolver.query(name, 'A')));
    expect(await openUdpSockets()).toBe(before);
  });

  test('a reply with another id first, while other questions wait on the socket: ignored, every question answered', async () => {
    server.fault({ kind: 'wrong-id-first' }, { name: 'web.example.test', times: 3 });
    const resolver = resolverFor(server);
    const answers = await Promise.all(NAMES.map((name) => resolver.query(name, 'A')));
    expect(answers.map((a) => a.kind)).toEqual(NAMES.map((n) => (n === 'web.example.test' ? 'records' : 'nxdomain')));
  });

  test('one question dropped among many: only it times out and is asked again', async () => {
    server.fault({ kind: 'drop' }, { name: 'n1.example.test', times: 1 });
    const resolver = resolverFor(server, { timeoutMs: 150 });
    const answers = await Promise.all(NAMES.slice(0, 6).map((name) => resolver.query(name, 'A')));
    expect(answers.map((a) => a.kind)).toEqual(['records', 'nxdomain', 'records', 'nxdomain', 'records', 'nxdomain']);
    expect(server.received.filter((q) => q.name === 'n1.example.test')).toHaveLength(2);
  });
});

describe('query ids are unique on a socket', () => {
  test('two queries asking with the same id: the second is sent with another, and both are answered', async () => {
    const channels = new UdpChannels();
    const request = (spec: QuerySpec) => ({ server: server.ipv4, query: spec, bytes: encodeQuery(spec), timeoutMs: 1000, signal: undefined });
    const [a, b] = await Promise.all([
      channels.exchange(request({ id: 4242, name: 'web.example.test', type: 'A' })),
      channels.exchange(request({ id: 4242, name: 'mx1.example.test', type: 'A' })),
    ]);
    expect(a.kind === 'response' && a.message.answers.map((r) => r.name)).toEqual(['web.example.test']);
    expect(b.kind === 'response' && b.message.answers.map((r) => r.name)).toEqual(['mx1.example.test']);
    const ids = server.received.map((q) => q.id);
    expect(ids[0]).toBe(4242);
    expect(ids[1]).not.toBe(4242);
  });

  test('queriesPerSocket must be a positive whole number', () => {
    expect(() => new UdpChannels(0)).toThrow(RangeError);
    expect(() => new UdpChannels(1.5)).toThrow(RangeError);
  });
});
