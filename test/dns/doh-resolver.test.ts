// DNS over HTTPS (RFC 8484) against nock: the endpoint answers from a zone, or misbehaves.

import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { DohResolver, DohUrlError, parseDohUrl } from '../../src/dns/doh-resolver.js';
import { decodeMessage } from '../../src/dns/decode-message.js';
import { joinTxt } from '../../src/model/txt.js';
import { typeName } from '../../src/model/type-codes.js';
import { encodeMessage } from '../helpers/dns-answer-encoder.js';
import { answerMessage } from '../helpers/dns-server.js';
import { zoneResolver } from './network-fixture.js';

// Loopback answers take milliseconds; a test that waits seconds is a hang, not a slow machine.
vi.setConfig({ testTimeout: 5000 });

const ORIGIN = 'https://doh.example.test';
const PATH = '/dns-query';
const URL_ = `${ORIGIN}${PATH}`;
const DNS_MESSAGE = { 'content-type': 'application/dns-message' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const zone = zoneResolver();
/** What the endpoint received, decoded. */
const asked: Array<{ id: number; name: string; type: string; contentType: unknown; accept: unknown }> = [];

/** The endpoint answers every POST from the zone, as a DoH server in front of it would. */
function serveZone(times = 1): nock.Scope {
  return nock(ORIGIN)
    .post(PATH)
    .times(times)
    .reply(async function (_uri, body) {
      const query = Buffer.from(body as string, 'hex');
      const message = decodeMessage(query);
      asked.push({
        id: message.id, name: message.questions[0]!.name, type: typeName(message.questions[0]!.type),
        contentType: this.req.headers['content-type'], accept: this.req.headers['accept'],
      });
      return [200, (await answerMessage(zone, query))!, DNS_MESSAGE];
    });
}

const doh = (timeoutMs = 1000): DohResolver => new DohResolver({ url: URL_, timeoutMs });

describe('the exchange (RFC 8484 §4)', () => {
  test('POSTs an application/dns-message with id 0 and reads the typed answer', async () => {
    asked.length = 0;
    const scope = serveZone();
    const answer = await doh().query('example.test', 'TXT');
    expect(answer.kind === 'records' && joinTxt(answer.records[0]!.strings)).toBe('v=spf1 ip4:192.0.2.0/24 -all');
    expect(asked).toEqual([{ id: 0, name: 'example.test', type: 'TXT', contentType: 'application/dns-message', accept: 'application/dns-message' }]);
    expect(scope.isDone()).toBe(true);
  });

  test('a large answer comes whole (no UDP limit over HTTPS)', async () => {
    serveZone();
    const answer = await doh().query('big.example.test', 'TXT');
    expect(answer.kind === 'records' && answer.records[0]!.strings).toHaveLength(40);
  });

  test('CNAME chains, NXDOMAIN and no data read as over UDP', async () => {
    serveZone(3);
    const resolver = doh();
    expect(await resolver.query('alias.example.test', 'A')).toMatchObject({
      kind: 'records', cnameChain: [{ target: 'www.example.test' }, { target: 'web.example.test' }], records: [{ address: '192.0.2.80' }],
    });
    expect(await resolver.query('nope.example.test', 'A')).toEqual({ kind: 'nxdomain', name: 'nope.example.test', type: 'A', cnameChain: [], ttl: 60 });
    expect(await resolver.query('ns1.example.test', 'TXT')).toMatchObject({ kind: 'nodata', ttl: 60 });
  });
});

describe('failures are typed answers', () => {
  test('an HTTP error status is an http failure naming the status', async () => {
    nock(ORIGIN).post(PATH).reply(503, 'overloaded', { 'content-type': 'text/plain' });
    const answer = await doh().query('example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'http', detail: expect.stringContaining(`${URL_}: HTTP 503`) });
  });

  test('a body that is not application/dns-message is malformed', async () => {
    nock(ORIGIN).post(PATH).reply(200, '<html>captive portal</html>', { 'content-type': 'text/html; charset=utf-8' });
    const answer = await doh().query('example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'malformed' });
    expect(answer.kind === 'failure' && answer.detail).toContain("content type 'text/html'");
  });

  test('a dns-message body that does not decode is malformed', async () => {
    // Our question (example.test A IN), then an answer count of 1 and no answer.
    const question = [7, ...Buffer.from('example'), 4, ...Buffer.from('test'), 0, 0, 1, 0, 1];
    nock(ORIGIN).post(PATH).reply(200, Buffer.from([0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, ...question]), DNS_MESSAGE);
    expect(await doh().query('example.test', 'A')).toMatchObject({ kind: 'failure', failure: 'malformed', detail: expect.stringContaining('undecodable') });
  });

  test('a body whose question does not decode is malformed too (it cannot be matched to the query)', async () => {
    nock(ORIGIN).post(PATH).reply(200, Buffer.from([0, 0, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xff, 0xff]), DNS_MESSAGE);
    expect(await doh().query('example.test', 'A')).toMatchObject({ kind: 'failure', failure: 'malformed', detail: expect.stringContaining('does not match') });
  });

  test('an answer to another question is malformed', async () => {
    const other = encodeMessage({ id: 0, questions: [{ name: 'other.test', type: 'A' }] });
    nock(ORIGIN).post(PATH).reply(200, other, DNS_MESSAGE);
    expect(await doh().query('example.test', 'A')).toMatchObject({ kind: 'failure', failure: 'malformed', detail: expect.stringContaining('does not match') });
  });

  test('SERVFAIL from the DoH server is servfail', async () => {
    nock(ORIGIN).post(PATH).reply(200, (_uri, body) => {
      const query = decodeMessage(Buffer.from(body as string, 'hex'));
      return encodeMessage({ id: query.id, flags: 2, questions: [{ name: query.questions[0]!.name, type: 'A' }] });
    }, DNS_MESSAGE);
    expect(await doh().query('example.test', 'A')).toMatchObject({ kind: 'failure', failure: 'servfail' });
  });

  test('a connection error is a network failure', async () => {
    nock(ORIGIN).post(PATH).replyWithError('socket hang up');
    expect(await doh().query('example.test', 'A')).toMatchObject({ kind: 'failure', failure: 'network', detail: expect.stringContaining('socket hang up') });
  });

  test('no answer within the time-out is a timeout failure', async () => {
    nock(ORIGIN).post(PATH).delay(2000).reply(200, Buffer.alloc(0), DNS_MESSAGE);
    expect(await doh(100).query('example.test', 'A')).toMatchObject({ kind: 'failure', failure: 'timeout' });
  });

  test('a chain that keeps stopping short is cut by the deadline for the whole question, not asked 17 times', async () => {
    // Each answer is a CNAME to a new name, with no SOA and no records for it: the resolver asks again.
    let requests = 0;
    nock(ORIGIN).post(PATH).times(20).delay(120).reply(200, (_uri, body) => {
      requests++;
      const query = decodeMessage(Buffer.from(body as string, 'hex'));
      const name = query.questions[0]!.name;
      return encodeMessage({
        id: 0, flags: 0x0180, questions: [{ name, type: 'A' }],
        answers: [{ type: 'CNAME', name, ttl: 60, target: `n${requests}.${name}` }],
      });
    }, DNS_MESSAGE);
    const resolver = new DohResolver({ url: URL_, timeoutMs: 200, deadlineMs: 300 });
    const answer = await resolver.query('example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'timeout', detail: expect.stringContaining('300 ms deadline') });
    expect(requests).toBeLessThan(17);
  });

  test("the caller's abort is an abort, not a time-out", async () => {
    nock(ORIGIN).post(PATH).delay(2000).reply(200, Buffer.alloc(0), DNS_MESSAGE);
    const controller = new AbortController();
    const pending = doh(5000).query('example.test', 'A', { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'failure', failure: 'other', detail: expect.stringContaining('aborted') });
  });
});

describe('parseDohUrl', () => {
  test('https URLs, and http only to this machine', () => {
    expect(parseDohUrl('https://dns.example/dns-query').href).toBe('https://dns.example/dns-query');
    expect(parseDohUrl('http://127.0.0.1:8053/dns-query').port).toBe('8053');
  });

  test.each([
    ['dns.example/dns-query', /not a URL/],
    ['http://dns.example/dns-query', /scheme http is not https/],
    ['ftp://dns.example/', /scheme ftp/],
    ['https://user:pw@dns.example/', /credentials/],
  ])('%s is refused', (text, reason) => {
    expect(() => parseDohUrl(text)).toThrow(DohUrlError);
    expect(() => parseDohUrl(text)).toThrow(reason);
  });
});
