// Blocks no outside host can reach (src/net/unreachable-ranges.ts, RFC 6890 §2.2.2 and §2.2.3),
// under the names ipaddr.js gives them, which MX findings show.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { formatIp, ipFromBytes, parseIp } from '../../src/net/ip.js';
import { unreachableBlock } from '../../src/net/unreachable-ranges.js';

const NAMES = new Set(['unspecified', 'loopback', 'private', 'linkLocal', 'carrierGradeNat', 'broadcast', 'multicast', 'uniqueLocal']);

describe('RFC 6890 blocks', () => {
  test.each([
    ['10.255.255.255', 'private'],
    ['172.31.0.1', 'private'],
    ['172.32.0.1', null],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.128.0.1', null],
    ['127.0.0.53', 'loopback'],
    ['169.254.1.1', 'linkLocal'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', null],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['fec0::1', null],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', null],
    ['::ffff:10.0.0.1', null],
  ])('%s: %s', (text, range) => {
    expect(unreachableBlock(parseIp(text)!)).toBe(range);
  });

  // Addresses are drawn near the blocks' edges as often as anywhere.
  const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 10, 100, 127, 169, 172, 192, 224, 254, 255, 0xfc, 0xfd, 0xfe, 0xff, 0x80, 0xc0));
  test('agrees with ipaddr.js range() on every address of either family', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(byte, { minLength: 16, maxLength: 16 }), fc.nat(15), (v4, bytes, zeros) => {
        const raw = v4 ? bytes.slice(0, 4) : [...new Array<number>(zeros).fill(0), ...bytes.slice(zeros)];
        const address = ipFromBytes(Uint8Array.from(raw));
        const expected = ipaddr.parse(formatIp(address)).range();
        expect(unreachableBlock(address)).toBe(NAMES.has(expected) ? expected : null);
      }),
      { numRuns: 5000 },
    );
  });
});
