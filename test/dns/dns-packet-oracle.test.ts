// dns-packet as the oracle of the project's own codec, over every message both can carry: the
// record types authaudit reads (A, AAAA, CNAME, MX, TXT, PTR, NS, SOA, SPF) and types it does not,
// in classes IN and CH, with or without an OPT record (RFC 6891). dns-packet writes names as UTF-8
// text split on '.', so the names here are labels of Unicode text without '.' (but an SOA RNAME's
// first label, which its mailbox form carries as '\.'), '\' or a line break; each such label is
// the same bytes in authaudit's form (one Latin-1 character a byte). Both ways: dns-packet encodes
// and decode-message.ts decodes; the query encoder and the test answer encoder encode and
// dns-packet decodes.

import { describe, expect, test } from 'vitest';
import dnsPacket from 'dns-packet';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { decodeMessage } from '../../src/dns/decode-message.js';
import { FLAG_AA, FLAG_AD, FLAG_CD, FLAG_RA, FLAG_RD, FLAG_TC, type DnsMessage, type SectionRecord } from '../../src/dns/message.js';
import { RR_TYPES, type DnsRecord, type RRType } from '../../src/dns/types.js';
import { RR_TYPE_CODES, rrTypeOfCode } from '../../src/model/type-codes.js';
import { encodeQuery } from '../../src/dns/wire.js';
import { encodeMessage, type MessageToEncode, type RecordToEncode } from '../helpers/dns-answer-encoder.js';

const NUM_RUNS = 1000;

// ---- the model: a message both codecs can carry -------------------------------------------------

/** A name as Unicode labels; [] is the root. */
type Name = string[];

type Data =
  | { type: 'A' | 'AAAA'; bytes: Uint8Array }
  | { type: 'CNAME' | 'PTR' | 'NS'; target: Name }
  | { type: 'MX'; preference: number; exchange: Name }
  | { type: 'TXT' | 'SPF'; strings: Uint8Array[] }
  | { type: 'SOA'; mname: Name; rname: Name; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  /** A type neither codec reads: its RDATA as bytes. */
  | { type: number; rdata: Uint8Array };

type TypedData = Exclude<Data, { type: number }>;
const isTyped = (d: Data): d is TypedData => typeof d.type !== 'number';

interface ModelRecord {
  name: Name;
  ttl: number;
  class: number;
  data: Data;
}

interface Opt {
  /** Where it stands among the additional records (dns-packet may put it anywhere). */
  at: number;
  udpPayloadSize: number;
  extendedRcode: number;
  version: number;
  flags: number;
}

interface Model {
  id: number;
  response: boolean;
  /** The header's 15 bits but QR. */
  flags: number;
  questions: Array<{ name: Name; type: number; class: number }>;
  answers: ModelRecord[];
  authorities: ModelRecord[];
  additionals: ModelRecord[];
  opt: Opt | null;
}

/** Type codes dns-packet calls UNKNOWN_n and authaudit does not read. */
const UNKNOWN_TYPES = [3, 64, 65, 256, 4660, 65280, 65534, 65535];
const CLASSES = [1, 1, 1, 3]; // IN mostly, CH (RFC 1035 §3.2.4) sometimes
const CLASS_TEXT: Record<number, string> = { 1: 'IN', 3: 'CH' };

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const wireLength = (name: Name): number => name.reduce((n, l) => n + utf8(l).length + 1, 1);

/** A character dns-packet's text names carry: not '.', '\' or a line break (its encoder's regex is multiline). */
const labelChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'abcdeXYZ0189-_* '.split('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
).filter((c) => !/[.\\\n\r\u2028\u2029]/.test(c));
const label = fc.oneof(
  { weight: 20, arbitrary: fc.string({ unit: labelChar, minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constant('m'.repeat(63)) }, // RFC 1035 §2.3.4: the longest label
).filter((l) => utf8(l).length <= 63);
const name: fc.Arbitrary<Name> = fc.array(label, { maxLength: 4 }).filter((n) => wireLength(n) <= 255);
/** An SOA RNAME, a mailbox (RFC 1035 §8): its first label may hold dots, which dns-packet writes as '\.'. */
const rname: fc.Arbitrary<Name> = fc
  .tuple(fc.array(fc.string({ unit: labelChar, minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }), name)
  .map(([local, rest]) => [local.join('.'), ...rest])
  .filter((n) => utf8(n[0]!).length <= 63 && wireLength(n) <= 255);

const u32 = fc.nat({ max: 0xffffffff });
const strings = fc.array(fc.uint8Array({ maxLength: 255 }), { maxLength: 4 });

const data: fc.Arbitrary<Data> = fc.oneof(
  fc.record({ type: fc.constant('A' as const), bytes: fc.uint8Array({ minLength: 4, maxLength: 4 }) }),
  fc.record({ type: fc.constant('AAAA' as const), bytes: fc.uint8Array({ minLength: 16, maxLength: 16 }) }),
  fc.record({ type: fc.constantFrom('CNAME' as const, 'PTR' as const, 'NS' as const), target: name }),
  fc.record({ type: fc.constant('MX' as const), preference: fc.nat({ max: 0xffff }), exchange: name }),
  fc.record({ type: fc.constantFrom('TXT' as const, 'SPF' as const), strings }),
  fc.record({
    type: fc.constant('SOA' as const), mname: name, rname, serial: u32, refresh: u32, retry: u32, expire: u32, minimum: u32,
  }),
  fc.record({ type: fc.constantFrom(...UNKNOWN_TYPES), rdata: fc.uint8Array({ maxLength: 40 }) }),
);

const record: fc.Arbitrary<ModelRecord> = fc.record({ name, ttl: u32, class: fc.constantFrom(...CLASSES), data });
const section = fc.array(record, { maxLength: 3 });

const model: fc.Arbitrary<Model> = fc
  .record({
    id: fc.nat({ max: 0xffff }),
    response: fc.boolean(),
    flags: fc.nat({ max: 0x7fff }),
    questions: fc.array(
      fc.record({
        name,
        type: fc.constantFrom(...RR_TYPES.map((t) => RR_TYPE_CODES[t]), ...UNKNOWN_TYPES),
        class: fc.constantFrom(...CLASSES),
      }),
      { maxLength: 2 },
    ),
    answers: section,
    authorities: section,
    additionals: section,
    opt: fc.option(
      fc.record({
        at: fc.nat({ max: 3 }),
        udpPayloadSize: fc.integer({ min: 1, max: 0xffff }), // dns-packet writes 0 as 4096
        extendedRcode: fc.constantFrom(0, 0, 1, 0xff),
        version: fc.nat({ max: 0xff }),
        flags: fc.nat({ max: 0xffff }),
      }),
      { nil: null },
    ),
  });

// ---- the model in each codec's terms ------------------------------------------------------------

/** authaudit's text form: each byte one Latin-1 character, a '.' inside a label escaped. */
const ours = (n: Name): string => n.map((l) => utf8(l).toString('latin1').replaceAll('.', '\\.')).join('.');
/** dns-packet's text form to encode: labels joined by '.' (a mailbox's dots escaped, RFC 1035 §8). */
const theirs = (n: Name): string => n.map((l) => l.replaceAll('.', '\\.')).join('.');
/** What dns-packet decodes a name to: the root is '.'. */
const theirsDecoded = (n: Name): string => theirs(n) || '.';

const typeText = (type: RRType | number): string => (typeof type === 'number' ? rrTypeOfCode(type) ?? `UNKNOWN_${type}` : type);
const ipv6Text = (bytes: Uint8Array): string => ipaddr.fromByteArray(Array.from(bytes)).toString();
/** TXT's RDATA (RFC 1035 §3.3.14) as dns-packet's own TXT codec writes it, for SPF, which it carries as raw bytes. */
const txtRdata = (s: readonly Uint8Array[]): Buffer =>
  (dnsPacket as unknown as { txt: { encode(data: Buffer[]): Buffer } }).txt.encode(s.map((b) => Buffer.from(b))).subarray(2);

function withOpt<T>(records: T[], opt: Opt | null, optRecord: T): T[] {
  if (opt === null) return records;
  const at = Math.min(opt.at, records.length);
  return [...records.slice(0, at), optRecord, ...records.slice(at)];
}

/**
 * The model's record in dns-packet's shape: as its encoder's input or, `decoded`, as it must decode
 * the test answer encoder's bytes (the root is '.', an AAAA address its bytes, a TXT or SPF record
 * has at least one string).
 */
function packetRecord(r: ModelRecord, decoded = false): Record<string, unknown> {
  const text = decoded ? theirsDecoded : theirs;
  const base = { name: text(r.name), ttl: r.ttl, class: CLASS_TEXT[r.class], ...(decoded ? { flush: false } : {}) };
  const d = r.data;
  if (!isTyped(d)) return { ...base, type: `UNKNOWN_${d.type}`, data: Buffer.from(d.rdata) };
  switch (d.type) {
    case 'A':
      return { ...base, type: 'A', data: Array.from(d.bytes).join('.') };
    case 'AAAA':
      return { ...base, type: 'AAAA', data: decoded ? Array.from(d.bytes) : ipv6Text(d.bytes) };
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...base, type: d.type, data: text(d.target) };
    case 'MX':
      return { ...base, type: 'MX', data: { preference: d.preference, exchange: text(d.exchange) } };
    case 'TXT':
    case 'SPF': {
      const strings = decoded && d.strings.length === 0 ? [new Uint8Array(0)] : d.strings;
      return { ...base, type: d.type, data: d.type === 'TXT' ? strings.map((s) => Buffer.from(s)) : txtRdata(strings) };
    }
    case 'SOA': {
      const { serial, refresh, retry, expire, minimum } = d;
      return { ...base, type: 'SOA', data: { mname: text(d.mname), rname: text(d.rname), serial, refresh, retry, expire, minimum } };
    }
  }
}

/** The model as dns-packet's input. */
function toPacket(m: Model): dnsPacket.Packet {
  const opt = m.opt && {
    type: 'OPT', name: '.', udpPayloadSize: m.opt.udpPayloadSize, extendedRcode: m.opt.extendedRcode,
    ednsVersion: m.opt.version, flags: m.opt.flags, options: [],
  };
  return {
    id: m.id,
    type: m.response ? 'response' : 'query',
    flags: m.flags,
    questions: m.questions.map((q) => ({ name: theirs(q.name), type: typeText(q.type), class: CLASS_TEXT[q.class] })),
    answers: m.answers.map((r) => packetRecord(r)),
    authorities: m.authorities.map((r) => packetRecord(r)),
    additionals: withOpt(m.additionals.map((r) => packetRecord(r)), m.opt, opt!),
  } as unknown as dnsPacket.Packet;
}

/** The model's record as authaudit's typed record. */
function typedRecord(r: ModelRecord, d: TypedData): DnsRecord {
  const base = { name: ours(r.name), ttl: r.ttl };
  switch (d.type) {
    case 'A':
      return { ...base, type: 'A', address: Array.from(d.bytes).join('.') };
    case 'AAAA':
      return { ...base, type: 'AAAA', address: ipv6Text(d.bytes) };
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return { ...base, type: d.type, target: ours(d.target) };
    case 'MX':
      return { ...base, type: 'MX', preference: d.preference, exchange: ours(d.exchange) };
    case 'TXT':
    case 'SPF':
      return { ...base, type: d.type, strings: d.strings.map((s) => Uint8Array.from(s)) };
    case 'SOA':
      return { ...base, ...d, mname: ours(d.mname), rname: ours(d.rname) };
  }
}

/** A record of another type or class is a placeholder. */
function expectedRecord(r: ModelRecord): SectionRecord {
  const d = r.data;
  if (isTyped(d) && r.class === 1) return typedRecord(r, d);
  const typeCode = isTyped(d) ? RR_TYPE_CODES[d.type] : d.type;
  return { type: 'unused', name: ours(r.name), typeCode, class: r.class, ttl: r.ttl };
}

/** What decode-message.ts must make of the model's bytes; the header's rcode name is dns-packet's. */
function expectedMessage(m: Model, headerRcode: string): DnsMessage {
  const extended = m.opt?.extendedRcode ?? 0;
  const full = (extended << 4) | (m.flags & 0xf);
  return {
    id: m.id,
    response: m.response,
    opcode: (m.flags >> 11) & 0xf,
    authoritative: (m.flags & FLAG_AA) !== 0,
    truncated: (m.flags & FLAG_TC) !== 0,
    recursionDesired: (m.flags & FLAG_RD) !== 0,
    recursionAvailable: (m.flags & FLAG_RA) !== 0,
    authenticData: (m.flags & FLAG_AD) !== 0,
    checkingDisabled: (m.flags & FLAG_CD) !== 0,
    rcode: extended === 0 ? headerRcode : full === 16 ? 'BADVERS' : `RCODE_${full}`,
    questions: m.questions.map((q) => ({ name: ours(q.name), type: q.type, class: q.class })),
    answers: m.answers.map(expectedRecord),
    authorities: m.authorities.map(expectedRecord),
    additionals: m.additionals.map(expectedRecord),
    edns: m.opt && { udpPayloadSize: m.opt.udpPayloadSize, version: m.opt.version, flags: m.opt.flags },
  };
}

function encoderRecord(r: ModelRecord): RecordToEncode {
  const d = r.data;
  if (isTyped(d)) return { ...typedRecord(r, d), class: r.class };
  return { type: d.type, name: ours(r.name), ttl: r.ttl, class: r.class, rdata: d.rdata };
}

/** The model as the test answer encoder's input (it writes the OPT record last). */
function toEncoder(m: Model): MessageToEncode {
  return {
    id: m.id,
    response: m.response,
    flags: m.flags,
    questions: m.questions.map((q) => ({ name: ours(q.name), type: q.type, class: q.class })),
    answers: m.answers.map(encoderRecord),
    authorities: m.authorities.map(encoderRecord),
    additionals: m.additionals.map(encoderRecord),
    ...(m.opt === null ? {} : { edns: { udpPayloadSize: m.opt.udpPayloadSize, extendedRcode: m.opt.extendedRcode, version: m.opt.version, flags: m.opt.flags } }),
  };
}

/** dns-packet's decoded record, an AAAA address as its bytes (its text form need not be RFC 5952's). */
function comparablePacketRecord(r: Record<string, unknown>): Record<string, unknown> {
  return r['type'] === 'AAAA' ? { ...r, data: ipaddr.parse(r['data'] as string).toByteArray() } : r;
}

function decodedByPacket(bytes: Buffer): Record<string, unknown> {
  const m = dnsPacket.decode(bytes) as unknown as Record<string, Array<Record<string, unknown>>> & { id: number; type: string; flags: number };
  return {
    id: m.id, type: m.type, flags: m.flags, questions: m.questions,
    answers: m.answers!.map(comparablePacketRecord),
    authorities: m.authorities!.map(comparablePacketRecord),
    additionals: m.additionals!.map(comparablePacketRecord),
  };
}

// ---- the properties -----------------------------------------------------------------------------

describe('dns-packet encodes, decode-message.ts decodes', () => {
  test('every message of the model decodes to its typed records (property)', () => {
    fc.assert(
      fc.property(model, (m) => {
        const bytes = dnsPacket.encode(toPacket(m));
        expect(decodeMessage(bytes)).toEqual(expectedMessage(m, (dnsPacket.decode(bytes) as { rcode?: string }).rcode!));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the project encodes, dns-packet decodes', () => {
  test('the query encoder: RD, one IN question, the OPT record with the payload size (property)', () => {
    const spec = fc.record({
      id: fc.nat({ max: 0xffff }),
      name,
      type: fc.constantFrom(...RR_TYPES),
      ednsPayload: fc.option(fc.integer({ min: 1, max: 0xffff }), { nil: undefined }),
    });
    fc.assert(
      fc.property(spec, (s) => {
        const query = encodeQuery({ id: s.id, name: ours(s.name), type: s.type, ...(s.ednsPayload === undefined ? {} : { ednsPayload: s.ednsPayload }) });
        const opt = { name: '.', type: 'OPT', udpPayloadSize: s.ednsPayload, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] };
        expect(decodedByPacket(query)).toEqual({
          id: s.id, type: 'query', flags: FLAG_RD,
          questions: [{ name: theirsDecoded(s.name), type: s.type, class: 'IN' }],
          answers: [], authorities: [], additionals: s.ednsPayload === undefined ? [] : [opt],
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('the test answer encoder: every message of the model (property)', () => {
    fc.assert(
      fc.property(model, (m) => {
        const opt = m.opt && {
          name: '.', type: 'OPT', udpPayloadSize: m.opt.udpPayloadSize, extendedRcode: m.opt.extendedRcode, ednsVersion: m.opt.version,
          flags: m.opt.flags, flag_do: (m.opt.flags & 0x8000) !== 0, options: [],
        };
        expect(decodedByPacket(encodeMessage(toEncoder(m)))).toEqual({
          id: m.id, type: m.response ? 'response' : 'query', flags: m.flags,
          questions: m.questions.map((q) => ({ name: theirsDecoded(q.name), type: typeText(q.type), class: CLASS_TEXT[q.class] })),
          answers: m.answers.map((r) => packetRecord(r, true)),
          authorities: m.authorities.map((r) => packetRecord(r, true)),
          additionals: [...m.additionals.map((r) => packetRecord(r, true)), ...(opt === null ? [] : [opt])],
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

test('a label dns-packet cannot carry: a dot inside it, or bytes that are not UTF-8, survive only the project codec', () => {
  const bytes = encodeMessage({ id: 1, questions: [{ name: 'a\\.b.caf\u00e9.test', type: 'TXT' }] });
  expect(decodeMessage(bytes).questions[0]!.name).toBe('a\\.b.caf\u00e9.test');
  expect(dnsPacket.decode(bytes).questions![0]!.name).toBe('a.b.caf\ufffd.test'); // two labels where there was one, U+FFFD for 0xe9
});
