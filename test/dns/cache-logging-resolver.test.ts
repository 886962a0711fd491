// The --verbose query log: every question the run asks reaches the callback with its answer and
// where the answer came from (sent below, kept in the cache, shared while in flight), and each
// line is safe to print.

import { describe, expect, test } from 'vitest';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { LoggingResolver, describeQueryEvent, type QueryEvent } from '../../src/dns/logging-resolver.js';
import { latin1ToBytes } from '../../src/model/txt.js';
import type { DnsAnswer, Resolver } from '../../src/dns/types.js';
import { ScriptedResolver } from '../helpers/scripted-resolver.js';

/** Answers www.test through a CNAME, gone.test NXDOMAIN; records every question; answers wait for `release`. */
class HeldResolver extends ScriptedResolver {
  constructor() {
    super((name, type): DnsAnswer => {
      if (name === 'gone.test') return { kind: 'nxdomain', name, type, cnameChain: [], ttl: 60 };
      return {
        kind: 'records', name, type, cnameChain: [{ name, target: 'web.test', ttl: 300 }],
        records: [{ type: 'A', name: 'web.test', ttl: 90, address: '192.0.2.80' }],
      } as DnsAnswer;
    });
  }
}

/** A clock that moves 5 ms each time it is read, and can jump ahead. */
function steppingClock(): { now: () => number; advance: (seconds: number) => void } {
  let ms = 0;
  return { now: () => (ms += 5), advance: (seconds) => (ms += seconds * 1000) };
}

const summary = (events: QueryEvent[]): Array<[string, string, string, string]> =>
  events.map((e) => [e.name, e.type, e.answer.kind, e.source]);

describe('LoggingResolver (what reaches the resolver it wraps)', () => {
  test('reports each question with its answer and the time it took, and returns the answer unchanged', async () => {
    const events: QueryEvent[] = [];
    let ms = 0;
    const resolver = new LoggingResolver(new HeldResolver(), (event) => events.push(event), { now: () => (ms += 5) });
    const answer = await resolver.query('www.test', 'A');
    await resolver.query('gone.test', 'TXT');
    expect(events.map((e) => [e.name, e.type, e.answer.kind, e.elapsedMs, e.source])).toEqual([
      ['www.test', 'A', 'records', 5, 'sent'],
      ['gone.test', 'TXT', 'nxdomain', 5, 'sent'],
    ]);
    expect(events[0]!.answer).toBe(answer);
  });
});

describe('CacheResolver onAnswer (every question the run asks)', () => {
  test('a question asked again is reported as answered from the cache, with the spelling its asker used', async () => {
    const inner = new HeldResolver();
    const events: QueryEvent[] = [];
    const cache = new CacheResolver(inner, { now: steppingClock().now, onAnswer: (e) => events.push(e) });
    const first = await cache.query('www.test', 'A');
    const again = await cache.query('WWW.test.', 'A');
    expect(inner.asked).toEqual(['www.test A']);
    expect(summary(events)).toEqual([
      ['www.test', 'A', 'records', 'sent'],
      ['WWW.test', 'A', 'records', 'cache'],
    ]);
    expect(events[0]!.answer).toBe(first);
    expect(events[1]!.answer).toBe(again);
    expect(events[1]!.answer.name).toBe('WWW.test');
  });

  test('askers that wait on a question already in flight are reported as sharing it', async () => {
    const inner = new HeldResolver();
    inner.hold();
    const events: QueryEvent[] = [];
    const cache = new CacheResolver(inner, { onAnswer: (e) => events.push(e) });
    const pending = [cache.query('gone.test', 'TXT'), cache.query('Gone.test', 'TXT')];
    inner.release();
    await Promise.all(pending);
    await cache.query('gone.test', 'TXT');
    expect(inner.asked).toEqual(['gone.test TXT']);
    expect(summary(events)).toEqual([
      ['gone.test', 'TXT', 'nxdomain', 'sent'],
      ['Gone.test', 'TXT', 'nxdomain', 'shared'],
      ['gone.test', 'TXT', 'nxdomain', 'cache'],
    ]);
  });

  test('a question sent is timed from the ask to the answer; one from the cache takes no time', async () => {
    let ms = 0;
    const slow: Resolver = {
      query: async (name, type) => {
        ms += 40; // the answer takes 40 ms to come back
        return { kind: 'nodata', name, type, cnameChain: [], ttl: 300 };
      },
    };
    const events: QueryEvent[] = [];
    const cache = new CacheResolver(slow, { now: () => ms, onAnswer: (e) => events.push(e) });
    await cache.query('a.test', 'MX');
    await cache.query('a.test', 'MX');
    expect(events.map((e) => [e.source, e.elapsedMs])).toEqual([
      ['sent', 40],
      ['cache', 0],
    ]);
  });

  test('once the answer has expired the question is sent again, and reported so (RFC 1035 §3.2.1)', async () => {
    const inner = new HeldResolver();
    const clock = steppingClock();
    const events: QueryEvent[] = [];
    const cache = new CacheResolver(inner, { now: clock.now, onAnswer: (e) => events.push(e) });
    await cache.query('www.test', 'A');
    clock.advance(90);
    await cache.query('www.test', 'A');
    expect(inner.asked).toEqual(['www.test A', 'www.test A']);
    expect(events.map((e) => e.source)).toEqual(['sent', 'sent']);
  });

  test('a caller that gives up is reported with the failure it got; the others with the shared answer', async () => {
    const inner = new HeldResolver();
    inner.hold();
    const events: QueryEvent[] = [];
    const cache = new CacheResolver(inner, { onAnswer: (e) => events.push(e) });
    const controller = new AbortController();
    const impatient = cache.query('www.test', 'A', { signal: controller.signal });
    const patient = cache.query('www.test', 'A');
    controller.abort();
    await impatient;
    inner.release();
    await patient;
    expect(events.map((e) => [e.answer.kind, e.source])).toEqual([
      ['failure', 'sent'],
      ['records', 'shared'],
    ]);
    expect(events[0]!.answer).toMatchObject({ failure: 'other', detail: 'aborted by the caller' });
  });

  test('a question that is not a name is passed on, and reported as sent', async () => {
    const events: QueryEvent[] = [];
    const refusing: Resolver = {
      query: async (name, type) => ({ kind: 'failure', name, type, cnameChain: [], failure: 'other', detail: 'not a domain name' }),
    };
    const cache = new CacheResolver(refusing, { onAnswer: (e) => events.push(e) });
    await cache.query('a..test', 'A');
    expect(summary(events)).toEqual([['a..test', 'A', 'failure', 'sent']]);
  });

  test('without a callback nothing is reported and the clock is not read', async () => {
    let reads = 0;
    const cache = new CacheResolver(new HeldResolver(), { now: () => ++reads });
    await cache.query('gone.test', 'TXT'); // nxdomain, TTL 60: its expiry is read from the clock once
    const readsAfterFirst = reads;
    await cache.query('gone.test', 'TXT'); // the entry's expiry is checked: one read
    expect(readsAfterFirst).toBe(1);
    expect(reads).toBe(2);
    expect(cache.stats()).toEqual({ sent: 1, cached: 1 });
  });
});

describe('describeQueryEvent (one --verbose line)', () => {
  const answer: DnsAnswer = {
    kind: 'records', name: 'www.test', type: 'A', cnameChain: [{ name: 'www.test', target: 'web.test', ttl: 300 }],
    records: [{ type: 'A', name: 'web.test', ttl: 90, address: '192.0.2.80' }],
  };
  const event = (source: QueryEvent['source'], elapsedMs = 2.6): QueryEvent => ({ name: 'www.test', type: 'A', answer, elapsedMs, source });

  test('a question sent shows its time; the cache and a shared question say so', () => {
    expect(describeQueryEvent(event('sent'))).toBe('www.test A -> CNAME web.test. -> 1 record (TTL 90): 192.0.2.80 [3 ms]');
    expect(describeQueryEvent(event('cache'))).toBe('www.test A -> CNAME web.test. -> 1 record (TTL 90): 192.0.2.80 [cache]');
    expect(describeQueryEvent(event('shared'))).toBe('www.test A -> CNAME web.test. -> 1 record (TTL 90): 192.0.2.80 [shared]');
  });

  test('TXT text from DNS cannot drive the terminal: zone-file form, bytes as \\DDD', () => {
    const line = describeQueryEvent({
      name: 'evil.test', type: 'TXT', elapsedMs: 0, source: 'cache',
      answer: {
        kind: 'records', name: 'evil.test', type: 'TXT', cnameChain: [],
        records: [{ type: 'TXT', name: 'evil.test', ttl: 1, strings: [latin1ToBytes('v=spf1 \u001b[2J')] }],
      },
    });
    expect(line).toBe('evil.test TXT -> 1 record (TTL 1): "v=spf1 \\027[2J" [cache]');
  });
});
