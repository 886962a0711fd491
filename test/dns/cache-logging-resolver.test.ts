// The --verbose wrapper: every question and its answer reach the callback; lines are safe to print.

import { describe, expect, test } from 'vitest';
import { LoggingResolver, describeAnswer, type QueryEvent } from '../../src/dns/logging-resolver.js';
import { latin1ToBytes } from '../../src/dns/txt.js';
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';

const inner: Resolver = {
  async query<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    if (name === 'gone.test') return { kind: 'nxdomain', name, type, cnameChain: [], ttl: 60 };
    return {
      kind: 'records', name, type, cnameChain: [{ name, target: 'web.test', ttl: 300 }],
      records: [{ type: 'A', name: 'web.test', ttl: 90, address: '192.0.2.80' }],
    } as DnsAnswer<T>;
  },
};

describe('LoggingResolver', () => {
  test('reports each question with its answer and the time it took, and returns the answer unchanged', async () => {
    const events: QueryEvent[] = [];
    let ms = 0;
    const resolver = new LoggingResolver(inner, (event) => events.push(event), { now: () => (ms += 5) });
    const answer = await resolver.query('www.test', 'A');
    await resolver.query('gone.test', 'TXT');
    expect(events.map((e) => [e.name, e.type, e.answer.kind, e.elapsedMs])).toEqual([
      ['www.test', 'A', 'records', 5],
      ['gone.test', 'TXT', 'nxdomain', 5],
    ]);
    expect(events[0]!.answer).toBe(answer);
  });
});

describe('describeAnswer', () => {
  test('records with the chain and the smallest TTL', async () => {
    expect(describeAnswer(await inner.query('www.test', 'A'))).toBe('www.test A -> CNAME web.test -> 1 record (ttl 90): 192.0.2.80');
  });

  test('negative answers and failures', () => {
    expect(describeAnswer({ kind: 'nxdomain', name: 'x.test', type: 'MX', cnameChain: [], ttl: 60 })).toBe('x.test MX -> NXDOMAIN (ttl 60)');
    expect(describeAnswer({ kind: 'nodata', name: 'x.test', type: 'MX', cnameChain: [], ttl: null })).toBe('x.test MX -> no data');
    expect(describeAnswer({ kind: 'failure', name: 'x.test', type: 'A', cnameChain: [], failure: 'timeout', detail: 'no answer' })).toBe(
      'x.test A -> failure timeout: no answer',
    );
  });

  test('TXT text from DNS cannot drive the terminal', () => {
    const line = describeAnswer({
      kind: 'records', name: 'evil.test', type: 'TXT', cnameChain: [],
      records: [{ type: 'TXT', name: 'evil.test', ttl: 1, strings: [latin1ToBytes('v=spf1 \u001b[2J')] }],
    });
    expect(line).not.toContain('\u001b');
    expect(line).toContain('\\\\u001b[2J'); // JSON quoting, then terminal escaping of the backslash
  });
});
