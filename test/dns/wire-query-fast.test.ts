// The two per-question fast paths of the wire code must change nothing: encodeQuery writes the same
// bytes as the general message encoder of the tests, and matchResponse given the query's bytes decides
// exactly as it does by decoding the question (RFC 5452 §9.1; names compare ignoring ASCII case, RFC 4343).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { FLAG_RD } from '../../src/dns/message.js';
import { RR_TYPES, type RRType } from '../../src/dns/types.js';
import { encodeQuery, matchResponse, type QuerySpec } from '../../src/dns/wire.js';
import { encodeMessage } from '../helpers/dns-answer-encoder.js';

/** encodeQuery through the general message encoder: RD, one IN question, an OPT with the payload size. */
function encodeQueryMessage(spec: QuerySpec): Buffer {
  return encodeMessage({
    response: false,
    id: spec.id,
    flags: FLAG_RD,
    questions: [{ name: spec.name, type: spec.type }],
    ...(spec.ednsPayload === undefined ? {} : { edns: { udpPayloadSize: spec.ednsPayload } }),
  });
}

const labelChars = fc.constantFrom(...'abcXYZ09-_*'.split(''), '\\.', '\\\\', '\\233');
const label = fc.array(labelChars, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
const name = fc.array(label, { minLength: 0, maxLength: 5 }).map((ls) => ls.join('.'));
const spec: fc.Arbitrary<QuerySpec> = fc.record({
  id: fc.integer({ min: 0, max: 0xffff }),
  name,
  type: fc.constantFrom(...RR_TYPES),
  ednsPayload: fc.option(fc.constantFrom(512, 1232, 4096), { nil: undefined }),
}).map((s) => (s.ednsPayload === undefined ? { id: s.id, name: s.name, type: s.type } : s));

describe('encodeQuery writes what the general encoder writes', () => {
  test('for any name, type, id and EDNS size (property)', () => {
    fc.assert(
      fc.property(spec, (s) => {
        expect(encodeQuery(s).equals(encodeQueryMessage(s))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('a name that cannot be written is refused the same way', () => {
    expect(() => encodeQuery({ id: 1, name: 'a..b', type: 'A' })).toThrow(/empty label/);
    expect(() => encodeQueryMessage({ id: 1, name: 'a..b', type: 'A' })).toThrow(/empty label/);
  });
});

/** A response to `query`, with its question as `question` (another name, case, or type). */
function response(id: number, question: { name: string; type: RRType | number }): Buffer {
  return encodeMessage({ id, questions: [question] });
}

describe('matchResponse with the query bytes decides as without them', () => {
  const query = { id: 4242, name: 'Mail.Example.test', type: 'SPF' as RRType };
  const bytes = encodeQuery(query);
  test.each([
    ['the same question', { name: 'Mail.Example.test', type: 'SPF' }, 'response'],
    ['the name in other case (0x20 mixing)', { name: 'mAIL.eXAMPLE.TEST', type: 'SPF' }, 'response'],
    ['another name', { name: 'mail.example.tesu', type: 'SPF' }, 'stray'],
    ['a longer name', { name: 'mail.example.test.x', type: 'SPF' }, 'stray'],
    ['type 67, one case bit from SPF (99)', { name: 'Mail.Example.test', type: 67 }, 'stray'],
    ['another type', { name: 'Mail.Example.test', type: 'TXT' }, 'stray'],
  ] as const)('%s', (_label, question, kind) => {
    const reply = response(4242, question);
    const fast = matchResponse(reply, query, bytes);
    expect(fast.kind).toBe(kind);
    expect(fast).toEqual(matchResponse(reply, query));
  });

  test('a name differing only in a non-letter byte by the case bit is another name', () => {
    const q = { id: 7, name: 'a\\001b.test', type: 'A' as RRType };
    const reply = response(7, { name: 'a\\033b.test', type: 'A' });
    expect(matchResponse(reply, q, encodeQuery(q))).toEqual(matchResponse(reply, q));
    expect(matchResponse(reply, q).kind).toBe('stray');
  });

  test('for random questions and replies (property)', () => {
    fc.assert(
      fc.property(spec, name, fc.constantFrom(...RR_TYPES), fc.boolean(), (s, other, otherType, same) => {
        let n = 0;
        const flip = (t: string) => t.replace(/[a-z]/g, (c) => (n++ % 2 === 0 ? c.toUpperCase() : c));
        const question = same ? { name: flip(s.name), type: s.type } : { name: other, type: otherType };
        const reply = response(s.id, question);
        expect(matchResponse(reply, s, encodeQuery(s))).toEqual(matchResponse(reply, s));
      }),
      { numRuns: 2000 },
    );
  });
});
