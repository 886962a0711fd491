// RFC 6376 §3.4 canonicalization: the examples of §3.4.5, the empty body (§3.4.3, §3.4.4), and
// the streaming canonicalizer giving the same bytes whatever the chunk boundaries.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BodyCanonicalizer, canonicalBody } from '../../src/message/body-canon.js';
import { canonicalHeader } from '../../src/message/header-canon.js';
import { readMessage } from '../../src/message/read-message.js';

const text = (b: Buffer): string => b.toString('latin1');

describe('RFC 6376 §3.4.5 examples', () => {
  const body = Buffer.from(' C \r\nD \t E\r\n\r\n\r\n', 'latin1');

  it('relaxed body: " C" CRLF "D E" CRLF', () => {
    expect(text(canonicalBody(body, 'relaxed'))).toBe(' C\r\nD E\r\n');
  });

  it('simple body: only the trailing empty lines go', () => {
    expect(text(canonicalBody(body, 'simple'))).toBe(' C \r\nD \t E\r\n');
  });

  it('relaxed headers: "a:X" and "b:Y Z"; simple headers unchanged', () => {
    expect(canonicalHeader('A: X', 'relaxed')).toBe('a:X');
    expect(canonicalHeader('B : Y\t\r\n\tZ  ', 'relaxed')).toBe('b:Y Z');
    expect(canonicalHeader('B : Y\t\r\n\tZ  ', 'simple')).toBe('B : Y\t\r\n\tZ  ');
  });
});

describe('edge cases of the body', () => {
  it('an empty body is CRLF under simple (§3.4.3) and empty under relaxed (§3.4.4)', () => {
    expect(text(canonicalBody(Buffer.alloc(0), 'simple'))).toBe('\r\n');
    expect(text(canonicalBody(Buffer.alloc(0), 'relaxed'))).toBe('');
    expect(text(canonicalBody(Buffer.from('\r\n\r\n'), 'simple'))).toBe('\r\n');
  });

  it('a last line without CRLF gets one; a lone CR is content; a bare LF ends a line', () => {
    expect(text(canonicalBody(Buffer.from('a\r\nb'), 'simple'))).toBe('a\r\nb\r\n');
    expect(text(canonicalBody(Buffer.from('a\rb\r\n'), 'simple'))).toBe('a\rb\r\n');
    expect(text(canonicalBody(Buffer.from('a\nb\n\n'), 'relaxed'))).toBe('a\r\nb\r\n');
  });

  it('l= hashes only the first l canonical bytes and still counts the whole body', () => {
    const c = new BodyCanonicalizer('simple', 'sha256', 3);
    c.update(Buffer.from('abcdef\r\n'));
    const r = c.digest();
    expect(r).toEqual({ digest: createHash('sha256').update('abc').digest(), canonicalLength: 8, hashedLength: 3 });
  });

  it('the chunk boundaries do not matter (any split of any text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\r', '\n', '\r\n') }), fc.array(fc.nat(20), { maxLength: 8 }), fc.constantFrom('simple' as const, 'relaxed' as const), (s, cuts, canon) => {
        const bytes = Buffer.from(s, 'latin1');
        const whole = canonicalBody(bytes, canon);
        const parts: Buffer[] = [];
        const c = new BodyCanonicalizer(canon, 'sha256', null, (b) => parts.push(b));
        let at = 0;
        for (const n of cuts) {
          c.update(bytes.subarray(at, at + n));
          at += n;
        }
        c.update(bytes.subarray(at));
        c.digest();
        expect(text(Buffer.concat(parts))).toBe(text(whole));
      }),
    );
  });
});

describe('a 100 MB message is streamed, not held', () => {
  it('its body hash is computed chunk by chunk, with memory far below the message size', async () => {
    const line = Buffer.from(`${'x'.repeat(998)}\r\n`);
    const chunk = Buffer.concat(Array.from({ length: 64 }, () => line)); // 64,000 bytes
    const chunks = 1600; // 102,400,000 bytes of body
    const expected = createHash('sha256');
    for (let i = 0; i < chunks; i++) expected.update(chunk); // simple canonicalization leaves these lines as they are
    async function* source(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('From: a@shop.example\r\nSubject: big\r\n\r\n');
      // the same bytes each time: no garbage of our own, so what grows is what the reader keeps
      for (let i = 0; i < chunks; i++) yield chunk;
    }
    const before = process.memoryUsage();
    const raw = await readMessage(source(), () => [{ canonicalization: 'simple', algorithm: 'sha256', limit: null }]);
    const after = process.memoryUsage();
    expect(raw.bodyBytes).toBe(chunks * chunk.length);
    expect(raw.bodyHashes.get('simple/sha256/-')?.digest).toEqual(expected.digest());
    // held whole (a string or a concatenated buffer), the body alone would add 100 MB
    const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    expect(grown).toBeLessThan(60 * 1024 * 1024);
  });
});
