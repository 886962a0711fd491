// The cache: one question per (name, type) per run, TTLs honoured, failures kept.

import { describe, expect, test } from 'vitest';
import { CacheResolver, answerLifetimeSeconds } from '../../src/dns/cache-resolver.js';
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';
import { ScriptedResolver } from '../helpers/scripted-resolver.js';


const a = (name: string, ttl: number, chainTtl?: number): DnsAnswer => ({
  kind: 'records', name, type: 'A',
  cnameChain: chainTtl === undefined ? [] : [{ name, target: `t.${name}`, ttl: chainTtl }],
  records: [{ type: 'A', name, ttl, address: '192.0.2.1' }],
});

function clock(): { now: () => number; advance: (seconds: number) => void } {
  let ms = 1_000_000;
  return { now: () => ms, advance: (seconds) => (ms += seconds * 1000) };
}

describe('one question per (name, type)', () => {
  test('asked again, the name in any case, it is answered from the cache with the name as asked (without its trailing dot)', async () => {
    const inner = new ScriptedResolver((name) => a(name, 300));
    const cache = new CacheResolver(inner);
    await cache.query('Example.test', 'A');
    const again = await cache.query('EXAMPLE.TEST.', 'A');
    expect(inner.asked).toEqual(['Example.test A']);
    expect(again.name).toBe('EXAMPLE.TEST');
    expect(cache.stats()).toEqual({ sent: 1, cached: 1 });
  });

  test('another type is another question', async () => {
    const inner = new ScriptedResolver((name) => a(name, 300));
    const cache = new CacheResolver(inner);
    await cache.query('example.test', 'A');
    await cache.query('example.test', 'TXT');
    expect(inner.asked).toEqual(['example.test A', 'example.test TXT']);
    expect(cache.stats()).toEqual({ sent: 2, cached: 0 });
  });

  test('concurrent asks share the one query in flight', async () => {
    const inner = new ScriptedResolver((name) => a(name, 300));
    inner.hold();
    const cache = new CacheResolver(inner);
    const pending = [cache.query('x.test', 'A'), cache.query('X.test', 'A'), cache.query('x.test', 'A')];
    inner.release();
    const answers = await Promise.all(pending);
    expect(inner.asked).toEqual(['x.test A']);
    expect(answers.map((answer) => answer.kind)).toEqual(['records', 'records', 'records']);
    expect(cache.stats()).toEqual({ sent: 1, cached: 2 });
  });
});

describe('TTLs', () => {
  test('records are kept for their smallest TTL, the CNAME chain included (RFC 2181 §5.2)', async () => {
    const time = clock();
    const inner = new ScriptedResolver((name) => a(name, 300, 60));
    const cache = new CacheResolver(inner, { now: time.now });
    await cache.query('x.test', 'A');
    time.advance(59);
    await cache.query('x.test', 'A');
    expect(inner.asked).toHaveLength(1);
    time.advance(1);
    await cache.query('x.test', 'A');
    expect(inner.asked).toHaveLength(2);
    expect(cache.stats()).toEqual({ sent: 2, cached: 1 });
  });

  test('a TTL of 0 is not kept (RFC 1035 §3.2.1)', async () => {
    const inner = new ScriptedResolver((name) => a(name, 0));
    const cache = new CacheResolver(inner, { now: clock().now });
    await cache.query('x.test', 'A');
    await cache.query('x.test', 'A');
    expect(inner.asked).toHaveLength(2);
  });

  test('negative answers are kept for their negative TTL (RFC 2308 §5)', async () => {
    const time = clock();
    const inner = new ScriptedResolver((name, type) => ({ kind: 'nxdomain', name, type, cnameChain: [], ttl: 30 }));
    const cache = new CacheResolver(inner, { now: time.now });
    await cache.query('gone.test', 'TXT');
    time.advance(29);
    await cache.query('gone.test', 'TXT');
    time.advance(1);
    await cache.query('gone.test', 'TXT');
    expect(inner.asked).toHaveLength(2);
  });

  test('a negative answer without a TTL, and any failure, is kept for the rest of the run', async () => {
    const time = clock();
    const inner = new ScriptedResolver((name, type) =>
      name === 'broken.test'
        ? { kind: 'failure', name, type, cnameChain: [], failure: 'servfail', detail: 'server answered SERVFAIL' }
        : { kind: 'nodata', name, type, cnameChain: [], ttl: null },
    );
    const cache = new CacheResolver(inner, { now: time.now });
    await cache.query('broken.test', 'TXT');
    await cache.query('empty.test', 'TXT');
    time.advance(7 * 24 * 3600);
    expect(await cache.query('broken.test', 'TXT')).toMatchObject({ kind: 'failure', failure: 'servfail' });
    expect(await cache.query('empty.test', 'TXT')).toMatchObject({ kind: 'nodata' });
    expect(inner.asked).toEqual(['broken.test TXT', 'empty.test TXT']);
  });

  test('answerLifetimeSeconds', () => {
    expect(answerLifetimeSeconds(a('x.test', 300, 60))).toBe(60);
    expect(answerLifetimeSeconds({ kind: 'nodata', name: 'x', type: 'A', cnameChain: [{ name: 'x', target: 'y', ttl: 20 }], ttl: 90 })).toBe(20);
    expect(answerLifetimeSeconds({ kind: 'failure', name: 'x', type: 'A', cnameChain: [], failure: 'timeout', detail: '' })).toBe(Infinity);
  });
});

describe('callers who give up', () => {
  test('an aborted caller gets its own failure; the shared answer still arrives for the others and is kept', async () => {
    const inner = new ScriptedResolver((name) => a(name, 300));
    inner.hold();
    const cache = new CacheResolver(inner);
    const controller = new AbortController();
    const impatient = cache.query('x.test', 'A', { signal: controller.signal });
    const patient = cache.query('x.test', 'A');
    controller.abort();
    expect(await impatient).toMatchObject({ kind: 'failure', failure: 'other', detail: 'aborted by the caller' });
    inner.release();
    expect((await patient).kind).toBe('records');
    expect((await cache.query('x.test', 'A')).kind).toBe('records');
    expect(inner.asked).toEqual(['x.test A']);
  });

  test('a resolver that throws (a bug) is not cached: the next ask tries again', async () => {
    let calls = 0;
    const throwing: Resolver = {
      query: async () => {
        calls++;
        throw new Error('bug');
      },
    };
    const cache = new CacheResolver(throwing);
    await expect(cache.query('x.test', 'A')).rejects.toThrow('bug');
    await expect(cache.query('x.test', 'A')).rejects.toThrow('bug');
    expect(calls).toBe(2);
  });
});
