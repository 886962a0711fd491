// The benchmark's delaying forwarder, in front of the loopback test server: it relays answers
// unchanged over UDP and TCP, holds every query for the configured delay before the upstream sees
// it, and records what it forwarded. The delay is observed through an injected wait, never a clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDelayingForwarder, type DelayingForwarder } from '../../bench/lib/forwarder.mjs';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { joinTxt } from '../../src/model/txt.js';

const ZONE = `
$TTL 300
@      IN SOA ns1.fwd.test. hostmaster.fwd.test. ( 1 3600 600 86400 60 )
       IN NS  ns1.fwd.test.
       IN TXT "v=spf1 include:_spf.fwd.test -all"
ns1    IN A   192.0.2.53
_spf   IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
mail   IN A   192.0.2.25
`;

let upstream: TestDnsServer;
let forwarder: DelayingForwarder | null = null;

beforeEach(async () => {
  upstream = await startDnsServer(ZoneResolver.fromText(ZONE, { origin: 'fwd.test', file: 'fwd.test.zone' }), { ipv6: false });
});
afterEach(async () => {
  await forwarder?.stop();
  forwarder = null;
  await upstream.stop();
});

const resolverVia = (f: DelayingForwarder) => new NetworkResolver({ servers: [f.server], timeoutMs: 2000, attempts: 1 });

describe('startDelayingForwarder', () => {
  it('relays the upstream answer unchanged and records the question', async () => {
    forwarder = await startDelayingForwarder({ upstream: upstream.ipv4, delayMs: 0 });
    const answer = await resolverVia(forwarder).query('_spf.fwd.test', 'TXT');
    expect(answer.kind).toBe('records');
    expect(answer.kind === 'records' ? answer.records.map((r) => joinTxt(r.strings)) : []).toEqual(['v=spf1 ip4:192.0.2.0/24 -all']);
    expect(forwarder.queries).toEqual([{ transport: 'udp', name: '_spf.fwd.test', type: 'TXT' }]);
    expect(upstream.received.map((q) => [q.transport, q.name, q.type])).toEqual([['udp', '_spf.fwd.test', 'TXT']]);
  });

  it('relays NXDOMAIN as NXDOMAIN', async () => {
    forwarder = await startDelayingForwarder({ upstream: upstream.ipv4, delayMs: 0 });
    expect((await resolverVia(forwarder).query('missing.fwd.test', 'A')).kind).toBe('nxdomain');
  });

  it('holds each query for the delay before the upstream sees it', async () => {
    const waits: number[] = [];
    let release: () => void = () => undefined;
    let held: () => void = () => undefined;
    const heldNow = new Promise<void>((resolve) => (held = resolve));
    const wait = (ms: number): Promise<void> => {
      waits.push(ms);
      held();
      return new Promise((resolve) => (release = resolve));
    };
    forwarder = await startDelayingForwarder({ upstream: upstream.ipv4, delayMs: 50, wait });
    const pending = resolverVia(forwarder).query('mail.fwd.test', 'A');
    await heldNow;
    expect(waits).toEqual([50]);
    expect(upstream.received).toHaveLength(0);
    release();
    const answer = await pending;
    expect(answer.kind === 'records' ? answer.records.map((r) => r.address) : []).toEqual(['192.0.2.25']);
    expect(upstream.received).toHaveLength(1);
  });

  it('forwards the TCP retry after a truncated UDP answer, delaying it too', async () => {
    const waits: number[] = [];
    forwarder = await startDelayingForwarder({
      upstream: upstream.ipv4,
      delayMs: 30,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    upstream.fault({ kind: 'truncate' }, { name: 'fwd.test', transport: 'udp' });
    const answer = await resolverVia(forwarder).query('fwd.test', 'TXT');
    expect(answer.kind === 'records' ? answer.records.map((r) => joinTxt(r.strings)) : []).toEqual(['v=spf1 include:_spf.fwd.test -all']);
    expect(forwarder.queries.map((q) => q.transport)).toEqual(['udp', 'tcp']);
    expect(upstream.received.map((q) => q.transport)).toEqual(['udp', 'tcp']);
    expect(waits).toEqual([30, 30]);
  });

  it('forgets what it recorded on reset, and takes a new delay for later queries', async () => {
    const waits: number[] = [];
    forwarder = await startDelayingForwarder({ upstream: upstream.ipv4, delayMs: 10, wait: (ms) => (waits.push(ms), Promise.resolve()) });
    const resolver = resolverVia(forwarder);
    await resolver.query('mail.fwd.test', 'A');
    forwarder.reset();
    forwarder.setDelay(0);
    await resolver.query('mail.fwd.test', 'AAAA');
    expect(forwarder.queries).toEqual([{ transport: 'udp', name: 'mail.fwd.test', type: 'AAAA' }]);
    expect(waits).toEqual([10, 0]);
  });
});
