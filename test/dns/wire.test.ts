// DNS messages -> typed records, and which packets count as the answer to a query.

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { MessageFormatError, decodeMessage } from '../../src/dns/decode-message.js';
import { latin1ToBytes } from '../../src/model/txt.js';
import { LengthPrefixedReader, withLengthPrefix } from '../../src/dns/tcp-exchange.js';
import type { SectionRecord } from '../../src/dns/message.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { encodeQuery, matchResponse } from '../../src/dns/wire.js';
import { characterStringsForWire, encodeMessage, type RawRecord } from '../helpers/dns-answer-encoder.js';

/** A record through a real encode and decode, as a server would send it. */
function roundTrip(record: DnsRecord): SectionRecord | undefined {
  const bytes = encodeMessage({ id: 1, answers: [record] });
  return decodeMessage(bytes).answers[0];
}

/** A message with one answer given as raw RDATA. */
const withRaw = (record: Omit<RawRecord, 'name' | 'ttl'>): Buffer => encodeMessage({ id: 1, answers: [{ name: 'a.test', ttl: 1, ...record }] });

describe('the query', () => {
  test('has the id, RD, one IN question and an EDNS0 OPT with the payload size', () => {
    const message = decodeMessage(encodeQuery({ id: 0xbeef, name: 'Example.TEST', type: 'TXT', ednsPayload: 1232 }));
    expect(message).toMatchObject({ id: 0xbeef, response: false, recursionDesired: true, questions: [{ name: 'Example.TEST', type: 16, class: 1 }] });
    expect(message.edns).toEqual({ udpPayloadSize: 1232, version: 0, flags: 0 });
    expect(message.additionals).toEqual([]);
  });

  test('asks for type 99 by number when the type is SPF', () => {
    const bytes = encodeQuery({ id: 1, name: 'a.test', type: 'SPF' });
    expect(bytes.readUInt16BE(bytes.length - 4)).toBe(99);
    expect(decodeMessage(bytes)).toMatchObject({ additionals: [], edns: null });
  });
});

describe('records', () => {
  const records: DnsRecord[] = [
    { type: 'A', name: 'a.test', ttl: 1, address: '192.0.2.1' },
    { type: 'AAAA', name: 'a.test', ttl: 2, address: '2001:db8::1' },
    { type: 'MX', name: 'a.test', ttl: 3, preference: 10, exchange: 'mx.a.test' },
    { type: 'MX', name: 'null.test', ttl: 3, preference: 0, exchange: '' },
    { type: 'TXT', name: 'a.test', ttl: 4, strings: [latin1ToBytes('v=spf1 -all'), latin1ToBytes('')] },
    { type: 'SPF', name: 'a.test', ttl: 5, strings: [latin1ToBytes('v=spf1'), latin1ToBytes(' -all')] },
    { type: 'PTR', name: '1.2.0.192.in-addr.arpa', ttl: 6, target: 'a.test' },
    { type: 'CNAME', name: 'www.a.test', ttl: 7, target: 'a.test' },
    { type: 'NS', name: 'a.test', ttl: 8, target: 'ns.a.test' },
    { type: 'SOA', name: 'a.test', ttl: 9, mname: 'ns.a.test', rname: 'host.a.test', serial: 4294967295, refresh: 1, retry: 2, expire: 3, minimum: 4 },
  ];
  test.each(records.map((r) => [`${r.type} ${r.name}`, r] as const))('%s survives encode and decode', (_label, record) => {
    expect(roundTrip(record)).toEqual(record);
  });

  test('TXT bytes are kept exactly, including bytes that are not UTF-8', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 255 }), { minLength: 1, maxLength: 5 }), (strings) => {
        const back = roundTrip({ type: 'TXT', name: 't.test', ttl: 1, strings });
        expect(back).toEqual({ type: 'TXT', name: 't.test', ttl: 1, strings: strings.map((s) => Uint8Array.from(s)) });
      }),
    );
  });

  test('a string over 255 bytes is sent as 255-byte pieces with the same joined text (RFC 1035 §3.3.14)', () => {
    const long = latin1ToBytes('k'.repeat(255) + 'l'.repeat(255) + 'm'.repeat(90));
    expect(characterStringsForWire([long]).map((s) => s.length)).toEqual([255, 255, 90]);
    const back = roundTrip({ type: 'TXT', name: 't.test', ttl: 1, strings: [long] });
    expect(back?.type === 'TXT' && Buffer.concat(back.strings).toString('latin1')).toBe('k'.repeat(255) + 'l'.repeat(255) + 'm'.repeat(90));
  });

  test('a TXT record with no strings is sent as one empty string', () => {
    expect(characterStringsForWire([])).toEqual([new Uint8Array(0)]);
  });

  test('TXT or SPF data whose character-string runs past its end is a format error (RFC 1035 §3.3.14)', () => {
    expect(() => decodeMessage(withRaw({ type: 99, rdata: Uint8Array.of(5, 97, 98) }))).toThrow(/answer record 1: a character-string runs past the SPF data/);
    expect(() => decodeMessage(withRaw({ type: 16, rdata: Uint8Array.of(2, 97, 98, 1) }))).toThrow(/runs past the TXT data/);
  });

  test('records of other types and classes are placeholders, in their place', () => {
    const srv = Uint8Array.of(0, 1, 0, 2, 0, 3, 0);
    expect(decodeMessage(withRaw({ type: 33, rdata: srv })).answers).toEqual([{ type: 'unused', name: 'a.test', typeCode: 33, class: 1, ttl: 1 }]);
    expect(decodeMessage(withRaw({ type: 1, class: 3, rdata: Uint8Array.of(1, 2, 3, 4) })).answers).toEqual([
      { type: 'unused', name: 'a.test', typeCode: 1, class: 3, ttl: 1 },
    ]);
  });

  test('data that is not its type’s is a format error in any class, not a crash later', () => {
    expect(() => decodeMessage(withRaw({ type: 15, rdata: Buffer.from('nope') }))).toThrow(MessageFormatError);
    expect(() => decodeMessage(withRaw({ type: 15, rdata: Uint8Array.of(0, 10, 0, 0) }))).toThrow(/the MX data does not fill its 4 bytes/);
    expect(() => decodeMessage(withRaw({ type: 1, rdata: Uint8Array.of(1, 2, 3) }))).toThrow(/A data is 3 bytes, not 4/);
    expect(() => decodeMessage(withRaw({ type: 1, class: 3, rdata: Uint8Array.of(1, 2, 3) }))).toThrow(/A data is 3 bytes, not 4/);
    expect(() => decodeMessage(withRaw({ type: 5, rdata: Uint8Array.of(1, 97) }))).toThrow('answer record 1 CNAME target: name runs past the end of the message');
  });
});

describe('which packet answers the query (RFC 5452 §9.1)', () => {
  const query = { id: 4242, name: 'Mail.Example.test', type: 'MX' as const };
  const reply = (patch: { id?: number; name?: string; type?: 'MX' | 'A'; response?: boolean }): Buffer =>
    encodeMessage({
      response: patch.response !== false,
      id: patch.id ?? 4242,
      questions: [{ name: patch.name ?? 'mail.example.test', type: patch.type ?? 'MX' }],
    });

  test('the same id and question, the name in any case', () => {
    expect(matchResponse(reply({}), query).kind).toBe('response');
    expect(matchResponse(reply({ name: 'MAIL.EXAMPLE.TEST' }), query).kind).toBe('response');
  });

  test.each([
    ['another id', reply({ id: 4243 }), /id 4243/],
    ['another name', reply({ name: 'other.example.test' }), /other.example.test/],
    ['another type', reply({ type: 'A' }), /type A/],
    ['a query, not a response', reply({ response: false }), /QR/],
    ['a runt', Buffer.from([0x10, 0x92, 0x81]), /shorter/],
  ])('%s is stray: ignored', (_label, bytes, reason) => {
    const match = matchResponse(bytes, query);
    expect(match.kind).toBe('stray');
    expect(match.kind === 'stray' && match.reason).toMatch(reason);
  });

  test('our id and our question followed by bytes that do not decode is malformed', () => {
    const question = encodeMessage({ id: 4242, questions: [{ name: 'mail.example.test', type: 'MX' }] });
    const bytes = Buffer.concat([question, Buffer.from([0xc0])]);
    bytes.writeUInt16BE(1, 6); // one answer, cut short
    expect(matchResponse(bytes, query).kind).toBe('malformed');
  });

  test('our id with a question that does not decode is stray: it may not be for us', () => {
    const bytes = Buffer.from([0x10, 0x92, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]);
    expect(matchResponse(bytes, query)).toMatchObject({ kind: 'stray', reason: expect.stringContaining('does not decode') });
  });

  test('a question with two questions is stray', () => {
    const bytes = encodeMessage({ id: 4242, questions: [{ name: 'mail.example.test', type: 'MX' }, { name: 'mail.example.test', type: 'MX' }] });
    expect(matchResponse(bytes, query)).toMatchObject({ kind: 'stray', reason: '2 questions in the response' });
  });
});

test('the extended rcode in the OPT record is part of the response code (RFC 6891 §6.1.3)', () => {
  const bytes = encodeMessage({ id: 1, edns: { udpPayloadSize: 1232, extendedRcode: 1 } });
  expect(decodeMessage(bytes).rcode).toBe('BADVERS');
  expect(decodeMessage(encodeMessage({ id: 1, flags: 3, edns: { udpPayloadSize: 1232, extendedRcode: 2 } })).rcode).toBe('RCODE_35');
});

describe('TCP framing (RFC 1035 §4.2.2)', () => {
  test('messages are cut out of the stream whatever the pieces: split prefixes, several per chunk', () => {
    const one = Buffer.from('first message');
    const two = Buffer.from('second');
    const stream = Buffer.concat([withLengthPrefix(one), withLengthPrefix(two)]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new LengthPrefixedReader();
      const got = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
      expect(got.map((m) => m.toString())).toEqual(['first message', 'second']);
      expect(reader.buffered).toBe(0);
    }
  });
});
