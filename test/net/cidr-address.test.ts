import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigintToIp, formatAddress, ipToBigint, maxAddress, parseAddress, parseIpv4, parseIpv6 } from '../../src/net/cidr-address.js';

describe('IPv4 text (RFC 7208 §5.6: a strict dotted quad)', () => {
  it.each([
    ['0.0.0.0', 0n],
    ['192.0.2.1', 0xc0000201n],
    ['255.255.255.255', 0xffffffffn],
  ])('%s is %s', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
  });

  it.each(['1.2.3', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', '1.2.3.', '0x1.2.3.4', '1..3.4', ' 1.2.3.4', '1.2.3.4/8'])(
    'rejects %j',
    (text) => {
      expect(parseIpv4(text)).toBeNull();
    },
  );
});

describe('IPv6 text (RFC 4291 §2.2)', () => {
  it.each([
    ['::', 0n],
    ['::1', 1n],
    ['2001:db8::', 0x20010db8n << 96n],
    ['2001:DB8:0:0:0:0:0:1', (0x20010db8n << 96n) | 1n],
    ['::ffff:192.0.2.1', 0xffffc0000201n],
    ['1:2:3:4:5:6:7:8', 0x00010002000300040005000600070008n],
  ])('%s', (text, value) => {
    expect(parseIpv6(text)).toBe(value);
  });

  it.each(['', ':', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::', '1.2.3.4::', '1:2:3:4:5:6:7::8', '::1.2.3'])(
    'rejects %j',
    (text) => {
      expect(parseIpv6(text)).toBeNull();
    },
  );
});

describe('canonical text (RFC 5952 §4)', () => {
  it.each([
    [0n, '::'],
    [1n, '::1'],
    [(0x20010db8n << 96n) | 1n, '2001:db8::1'],
    // §4.2.2: a single zero group is not compressed
    [0x20010db8000000010001000100010001n, '2001:db8:0:1:1:1:1:1'],
    // §4.2.3: the longest run wins; on a tie the first
    [0x20010000000000010000000000000001n, '2001:0:0:1::1'],
    [0x20010db8000000000001000000000001n, '2001:db8::1:0:0:1'],
  ])('%s -> %s', (value, text) => {
    expect(formatAddress(6, value)).toBe(text);
  });

  it('formats and parses back every address of either family', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.bigInt({ min: 0n, max: maxAddress(6) }), (v4, raw) => {
        const family = v4 ? 4 : 6;
        const value = raw & maxAddress(family);
        const parsed = parseAddress(formatAddress(family, value));
        expect(parsed).toEqual({ family, value });
      }),
    );
  });

  it('refuses a value outside the family', () => {
    expect(() => formatAddress(4, 1n << 32n)).toThrow(RangeError);
  });

  it('converts bytes to a value in network order and back', () => {
    const ip = bigintToIp(4, 0xc0000201n);
    expect(Array.from(ip.bytes)).toEqual([192, 0, 2, 1]);
    expect(ipToBigint(ip)).toBe(0xc0000201n);
  });
});
