// What a response says about the question: rcodes, CNAME chains, negative TTLs.

import { describe, expect, test } from 'vitest';
import { decodeMessage } from '../../src/dns/decode-message.js';
import { interpretResponse } from '../../src/dns/interpret-response.js';
import { FLAG_AA } from '../../src/dns/message.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { matchResponse } from '../../src/dns/wire.js';
import { encodeMessage, rcodeNumber } from '../helpers/dns-answer-encoder.js';

function response(rcode: string, answers: DnsRecord[], authorities: DnsRecord[] = [], extraFlags = 0) {
  const bytes = encodeMessage({
    id: 7, flags: rcodeNumber(rcode) | extraFlags,
    questions: [{ name: 'q.test', type: 'A' }], answers, authorities,
  });
  return decodeMessage(bytes);
}

const cname = (name: string, target: string, ttl = 100): DnsRecord => ({ type: 'CNAME', name, ttl, target });
const a = (name: string, address: string, ttl = 100): DnsRecord => ({ type: 'A', name, ttl, address });
const soa = (name: string, ttl: number, minimum: number): DnsRecord => ({
  type: 'SOA', name, ttl, mname: `ns.${name}`, rname: `host.${name}`, serial: 1, refresh: 1, retry: 1, expire: 1, minimum,
});

const interpret = (message: ReturnType<typeof response>, name = 'q.test') => interpretResponse(message, name, 'A', new Set([name]), 0);

describe('response codes (RFC 1035 §4.1.1)', () => {
  test.each([
    ['SERVFAIL', 'servfail'],
    ['REFUSED', 'refused'],
    ['NOTIMP', 'other'],
    ['FORMERR', 'other'],
  ])('%s is the failure %s', (rcode, failure) => {
    expect(interpret(response(rcode, []))).toMatchObject({ kind: 'failure', failure, detail: `server answered ${rcode}` });
  });
});

describe('negative answers (RFC 2308)', () => {
  test('the negative TTL is the smaller of the SOA TTL and its MINIMUM field (§5)', () => {
    expect(interpret(response('NXDOMAIN', [], [soa('test', 900, 120)]))).toEqual({ kind: 'nxdomain', links: [], ttl: 120 });
    expect(interpret(response('NXDOMAIN', [], [soa('test', 30, 120)]))).toEqual({ kind: 'nxdomain', links: [], ttl: 30 });
  });

  test('no data is NOERROR with nothing for the name; without an SOA its TTL is unknown', () => {
    expect(interpret(response('NOERROR', [], [soa('test', 300, 60)]))).toEqual({ kind: 'nodata', links: [], ttl: 60 });
    expect(interpret(response('NOERROR', []))).toEqual({ kind: 'nodata', links: [], ttl: null });
  });

  test('an SOA of an unrelated zone does not count', () => {
    expect(interpret(response('NXDOMAIN', [], [soa('other', 300, 60)]))).toEqual({ kind: 'nxdomain', links: [], ttl: null });
  });

  test('records for other names in the answer do not make an answer', () => {
    expect(interpret(response('NOERROR', [a('elsewhere.test', '192.0.2.9')]))).toMatchObject({ kind: 'nodata' });
  });
});

describe('referrals from servers that do not recurse (RFC 1034 §4.3.1)', () => {
  const ns = (name: string, target: string): DnsRecord => ({ type: 'NS', name, ttl: 300, target });

  test('an empty non-authoritative answer with NS records for an enclosing zone is a typed failure, not no data', () => {
    expect(interpret(response('NOERROR', [], [ns('q.test', 'ns1.elsewhere.example'), ns('q.test', 'ns2.elsewhere.example')]))).toEqual({
      kind: 'failure',
      links: [],
      failure: 'other',
      detail: 'referral to ns1.elsewhere.example, ns2.elsewhere.example for q.test: the server does not recurse (ask a recursive resolver)',
    });
  });

  test('the same answer with the AA bit set is the zone\'s own statement: no data', () => {
    expect(interpret(response('NOERROR', [], [ns('test', 'ns1.test')], FLAG_AA))).toEqual({ kind: 'nodata', links: [], ttl: null });
  });

  test('NS records for an unrelated zone do not make a referral', () => {
    expect(interpret(response('NOERROR', [], [ns('other.example', 'ns1.other.example')]))).toEqual({ kind: 'nodata', links: [], ttl: null });
  });
});

describe('CNAME chains in one answer (RFC 1034 §3.6.2)', () => {
  test('followed from the question name to the records, in any case and any order', () => {
    const message = response('NOERROR', [a('C.test', '192.0.2.3', 50), cname('b.test', 'c.test', 70), cname('Q.TEST', 'b.test', 60)]);
    expect(interpret(message)).toEqual({
      kind: 'records',
      links: [{ name: 'Q.TEST', target: 'b.test', ttl: 60 }, { name: 'b.test', target: 'c.test', ttl: 70 }],
      records: [{ type: 'A', name: 'C.test', ttl: 50, address: '192.0.2.3' }],
    });
  });

  test('a chain that stops at a name with nothing and no SOA must be asked again for the target', () => {
    expect(interpret(response('NOERROR', [cname('q.test', 'far.example')]))).toEqual({
      kind: 'continue', links: [{ name: 'q.test', target: 'far.example', ttl: 100 }], target: 'far.example',
    });
  });

  test('with the SOA of the target zone, it is no data for the target', () => {
    expect(interpret(response('NOERROR', [cname('q.test', 'far.example')], [soa('example', 300, 10)]))).toMatchObject({ kind: 'nodata', ttl: 10 });
  });

  test('NXDOMAIN after a chain describes the last name (RFC 6604 §3)', () => {
    expect(interpret(response('NXDOMAIN', [cname('q.test', 'gone.test')], [soa('test', 300, 5)]))).toEqual({
      kind: 'nxdomain', links: [{ name: 'q.test', target: 'gone.test', ttl: 100 }], ttl: 5,
    });
  });

  test('a loop inside the answer is cname-loop', () => {
    expect(interpret(response('NOERROR', [cname('q.test', 'r.test'), cname('r.test', 'q.test')]))).toMatchObject({
      kind: 'failure', failure: 'cname-loop',
    });
  });

  test('more than 16 links is cname-chain-too-long', () => {
    const links = Array.from({ length: 20 }, (_, i) => cname(i === 0 ? 'q.test' : `n${i}.test`, `n${i + 1}.test`));
    expect(interpret(response('NOERROR', links))).toMatchObject({ kind: 'failure', failure: 'cname-chain-too-long' });
  });

  test('asking for the CNAME type returns the CNAME, not its target', () => {
    const message = decodeMessage(encodeMessage({
      id: 1, questions: [{ name: 'q.test', type: 'CNAME' }], answers: [cname('q.test', 'r.test')],
    }));
    expect(interpretResponse(message, 'q.test', 'CNAME', new Set(['q.test']), 0)).toMatchObject({
      kind: 'records', links: [], records: [{ type: 'CNAME', target: 'r.test' }],
    });
  });
});

test('records whose data cannot be read make the response malformed before it is interpreted', () => {
  const bytes = encodeMessage({
    id: 7, questions: [{ name: 'q.test', type: 'A' }], answers: [{ type: 1, name: 'q.test', ttl: 100, rdata: Uint8Array.of(192, 0, 2) }],
  });
  expect(matchResponse(bytes, { id: 7, name: 'q.test', type: 'A' })).toEqual({
    kind: 'malformed', detail: 'undecodable response: answer record 1: A data is 3 bytes, not 4',
  });
});
