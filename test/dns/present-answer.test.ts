// Answers as people read them (RFC 1035 §5.1 presentation form): the outcome in a few words
// (describeAnswer, also `lookup`'s first line) and the whole answer on one line (presentAnswer, the
// --verbose log), which is printable ASCII whatever the DNS sent.

import { describe, expect, test } from 'vitest';
import { describeAnswer, presentAnswer } from '../../src/dns/present.js';
import { latin1ToBytes } from '../../src/model/txt.js';
import type { DnsAnswer } from '../../src/dns/types.js';

const txt = (name: string, ttl: number, ...strings: string[]) => ({ type: 'TXT' as const, name, ttl, strings: strings.map(latin1ToBytes) });

describe('describeAnswer: the outcome', () => {
  test.each<[string, DnsAnswer, string]>([
    ['one record', { kind: 'records', name: 'a.test', type: 'A', cnameChain: [], records: [{ type: 'A', name: 'a.test', ttl: 5, address: '192.0.2.1' }] }, '1 record'],
    ['several records', { kind: 'records', name: 'a.test', type: 'TXT', cnameChain: [], records: [txt('a.test', 5, 'x'), txt('a.test', 5, 'y')] }, '2 records'],
    ['NXDOMAIN', { kind: 'nxdomain', name: 'a.test', type: 'A', cnameChain: [], ttl: 60 }, 'NXDOMAIN'],
    ['no data', { kind: 'nodata', name: 'a.test', type: 'A', cnameChain: [], ttl: null }, 'no data'],
    ['a failure with its kind and detail', { kind: 'failure', name: 'a.test', type: 'A', cnameChain: [], failure: 'timeout', detail: 'no answer from 192.0.2.53' }, 'failure: timeout (no answer from 192.0.2.53)'],
  ])('%s', (_, answer, expected) => {
    expect(describeAnswer(answer)).toBe(expected);
  });
});

describe('presentAnswer: the whole answer on one line', () => {
  test('the CNAME chain followed, the smallest TTL of the records, and their data in zone-file form', () => {
    const answer: DnsAnswer = {
      kind: 'records', name: 'www.test', type: 'MX',
      cnameChain: [{ name: 'www.test', target: 'alias.test', ttl: 300 }, { name: 'alias.test', target: 'mail.test', ttl: 300 }],
      records: [
        { type: 'MX', name: 'mail.test', ttl: 600, preference: 10, exchange: 'mx1.test' },
        { type: 'MX', name: 'mail.test', ttl: 120, preference: 0, exchange: '' },
      ],
    };
    expect(presentAnswer(answer)).toBe('www.test MX -> CNAME alias.test. -> CNAME mail.test. -> 2 records (TTL 120): 10 mx1.test. | 0 .');
  });

  test('TXT records keep their character-strings apart, quoted as in a zone file', () => {
    const answer: DnsAnswer = {
      kind: 'records', name: 'example.test', type: 'TXT', cnameChain: [],
      records: [txt('example.test', 300, 'v=spf1 ', 'include:_spf.test -all'), txt('example.test', 300, 'say "hi" \\o/')],
    };
    expect(presentAnswer(answer)).toBe('example.test TXT -> 2 records (TTL 300): "v=spf1 " "include:_spf.test -all" | "say \\"hi\\" \\\\o/"');
  });

  test('negative answers show the TTL they are kept for, when the server gave one (RFC 2308 §5)', () => {
    expect(presentAnswer({ kind: 'nxdomain', name: 'gone.test', type: 'MX', cnameChain: [], ttl: 60 })).toBe('gone.test MX -> NXDOMAIN (negative TTL 60)');
    expect(presentAnswer({ kind: 'nodata', name: 'a.test', type: 'AAAA', cnameChain: [], ttl: null })).toBe('a.test AAAA -> no data');
  });

  test('the root is shown as "."', () => {
    expect(presentAnswer({ kind: 'nodata', name: '', type: 'TXT', cnameChain: [], ttl: 86400 })).toBe('. TXT -> no data (negative TTL 86400)');
  });

  test('nothing from the DNS can drive the terminal: record bytes and name bytes as \\DDD, failure text escaped', () => {
    const records: DnsAnswer = {
      kind: 'records', name: 'evil\u001b.test', type: 'TXT', cnameChain: [{ name: 'evil\u001b.test', target: 'x\u009b.test', ttl: 5 }],
      records: [txt('x\u009b.test', 5, '\u001b[2J\u0007 \u00e9')],
    };
    expect(presentAnswer(records)).toBe('evil\\027.test TXT -> CNAME x\\155.test. -> 1 record (TTL 5): "\\027[2J\\007 \\233"');
    const failure = presentAnswer({ kind: 'failure', name: 'a.test', type: 'A', cnameChain: [], failure: 'malformed', detail: 'bad \u001b[31mred\u2028' });
    expect(failure).toBe('a.test A -> failure: malformed (bad \\x1b[31mred\\u{2028})');
    // eslint-disable-next-line no-control-regex
    expect(presentAnswer(records) + failure).toMatch(/^[\x20-\x7e]*$/);
  });
});
