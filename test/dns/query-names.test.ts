// Names as asked: every resolver refuses a name that cannot be put on the wire with a typed
// 'invalid-name' answer (no packet sent, no hang, no throw), and sends every other name byte for
// byte: a byte above 127, a dot or a space inside a label, any case, with or without the trailing dot.

import nock from 'nock';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { DohResolver } from '../../src/dns/doh-resolver.js';
import { decodeMessage } from '../../src/dns/decode-message.js';
import { joinTxt } from '../../src/model/txt.js';
import type { Resolver } from '../../src/dns/types.js';
import { encodeQuery } from '../../src/dns/wire.js';
import { decodeWireName, encodeWireName, parseName } from '../../src/dns/wire-name.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { encodeMessage } from '../helpers/dns-answer-encoder.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { resolverFor } from './network-fixture.js';

vi.setConfig({ testTimeout: 5000 });

const ODD_ZONE = `
$TTL 300
@            SOA ns.odd.test. host.odd.test. 1 3600 600 86400 60
caf\\233      TXT "latin-1 owner"
dot\\.inside  TXT "dot in a label"
sp\\032ace    A   192.0.2.40
toodd        CNAME caf\\233.odd.test.
`;
const files = ZoneResolver.fromText(ODD_ZONE, { origin: 'odd.test' });

const LONG_LABEL = `${'x'.repeat(64)}.odd.test`;
const LONG_NAME = `${'abcd.'.repeat(51)}odd.test`; // 51 × 5 + 10 = 265 bytes in wire form
const INVALID: Array<[string, string, RegExp]> = [
  ['an empty label', 'a..odd.test', /empty label/],
  ['two trailing dots', 'odd.test..', /empty label/],
  ['a leading dot', '.odd.test', /empty label/],
  ['a 64-byte label', LONG_LABEL, /64 bytes.*at most 63/],
  ['a 265-byte name', LONG_NAME, /265 bytes.*at most 255/],
  ['a character that is not a byte', '例.odd.test', /U\+4F8B.*A-label/],
  ['a lone backslash at the end', 'odd.test\\', /lone backslash/],
];

describe('parseName', () => {
  test.each(INVALID)('%s is refused with the reason', (_label, name, reason) => {
    const parsed = parseName(name);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  test.each([
    ['', []],
    ['.', []],
    ['Example.TEST.', ['Example', 'TEST']],
    ['a\\.b.test', ['a.b', 'test']],
    ['a\\046b.test', ['a.b', 'test']],
    ['caf\u00e9.test', ['caf\u00e9', 'test']],
    ['back\\\\slash.test', ['back\\slash', 'test']],
    ['ends\\..', ['ends.']],
  ])('%j has the labels %j', (name, labels) => {
    const parsed = parseName(name);
    expect(parsed.ok && parsed.labels.map((l) => Buffer.from(l).toString('latin1'))).toEqual(labels);
  });

  test('the longest legal name (255 bytes) and label (63 bytes) pass', () => {
    const name = [...Array.from({ length: 3 }, () => 'y'.repeat(63)), 'z'.repeat(61)].join('.');
    expect(encodeWireName(name)).toHaveLength(255);
  });
});

describe('wire names (RFC 1035 §3.1, §4.1.4)', () => {
  test('bytes above 127, dots and backslashes inside labels survive encode and decode', () => {
    for (const name of ['caf\u00e9.test', 'a\\.b.test', 'back\\\\slash.test', 'sp ace.test', 'nul\u0000.test', 'MiXeD.Test']) {
      expect(decodeWireName(encodeWireName(name), 0)).toEqual({ name, bytes: encodeWireName(name).length });
    }
  });

  test('a compression pointer that does not point backwards is refused, so a pointer loop cannot hang', () => {
    const selfPointer = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 12]);
    expect(() => decodeWireName(selfPointer, 12)).toThrow(/backwards/);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(1, 4);
    expect(() => decodeMessage(Buffer.concat([header, Buffer.from([0xc0, 12, 0, 1, 0, 1])]))).toThrow(/backwards/);
  });

  test('a name over 255 bytes through pointers is refused', () => {
    const label = Buffer.concat([Buffer.from([63]), Buffer.alloc(63, 0x61)]);
    const bytes = Buffer.concat([label, label, label, label, Buffer.from([0])]);
    expect(() => decodeWireName(bytes, 0)).toThrow(/longer than 255/);
  });

  test('the query carries the name byte for byte, not as UTF-8', () => {
    const bytes = encodeQuery({ id: 1, name: 'caf\u00e9.test', type: 'A' });
    expect([...bytes.subarray(12, 23)]).toEqual([4, 0x63, 0x61, 0x66, 0xe9, 4, 0x74, 0x65, 0x73, 0x74, 0]);
    expect(decodeMessage(bytes).questions[0]!.name).toBe('caf\u00e9.test');
  });

  test('a message with an invalid name is refused when encoding, never sent corrupted', () => {
    expect(() => encodeQuery({ id: 1, name: LONG_LABEL, type: 'A' })).toThrow(/at most 63/);
    expect(() => encodeMessage({ id: 1, questions: [{ name: 'a..b', type: 'A' }] })).toThrow(/empty label/);
  });
});

let server: TestDnsServer;
beforeAll(async () => {
  server = await startDnsServer(files, { ipv6: false });
  nock.disableNetConnect();
});
afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await server.stop();
});

const doh = (): DohResolver => new DohResolver({ url: 'https://doh.odd.test/dns-query', timeoutMs: 1000 });

describe.each([
  ['zone files', (): Resolver => files],
  ['the network', (): Resolver => resolverFor(server)],
  ['DNS over HTTPS', (): Resolver => doh()],
  ['the cache over the network', (): Resolver => new CacheResolver(resolverFor(server))],
])('%s', (_label, make) => {
  test.each(INVALID)('%s is a typed invalid-name answer, and nothing is sent', async (_what, name, reason) => {
    const before = server.received.length;
    const answer = await make().query(name, 'TXT');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'invalid-name', cnameChain: [] });
    expect(answer.kind === 'failure' && answer.detail).toMatch(reason);
    expect(server.received.length).toBe(before);
  });

  test('the root and a trailing dot are names; the answer names the question without its trailing dot', async () => {
    if (_label === 'DNS over HTTPS') return; // the answers over DoH are checked below, with nock
    const root = await make().query('.', 'SOA');
    expect(root).toMatchObject({ name: '' });
    expect(root.kind).not.toBe('failure');
    expect(await make().query('CAF\u00e9.Odd.Test.', 'TXT')).toMatchObject({ kind: 'records', name: 'CAF\u00e9.Odd.Test' });
  });
});

describe('odd bytes in names cross the wire exactly', () => {
  test.each([
    ['caf\u00e9.odd.test', 'TXT', 'latin-1 owner'],
    ['dot\\.inside.odd.test', 'TXT', 'dot in a label'],
    ['dot\\046inside.odd.test', 'TXT', 'dot in a label'],
  ])('%s %s over UDP', async (name, type, text) => {
    const answer = await resolverFor(server).query(name, type as 'TXT');
    expect(answer.kind === 'records' && answer.records.map((r) => joinTxt(r.strings))).toEqual([text]);
  });

  test('a CNAME to a name with a byte above 127, and an owner with a space', async () => {
    const answer = await resolverFor(server).query('toodd.odd.test', 'TXT');
    expect(answer).toMatchObject({ kind: 'records', cnameChain: [{ name: 'toodd.odd.test', target: 'caf\u00e9.odd.test', ttl: 300 }] });
    expect(await resolverFor(server).query('sp ace.odd.test', 'A')).toMatchObject({ kind: 'records', records: [{ address: '192.0.2.40' }] });
  });
});
