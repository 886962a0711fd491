// Addresses as bigints for range arithmetic (src/net/cidr-address.ts); the text itself is read and
// written by the one parser and formatter (src/net/ip.ts, test/net/ip.test.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigintToIp, formatAddress, ipToBigint, maxAddress, parseAddress } from '../../src/net/cidr-address.js';

describe('addresses as unsigned integers', () => {
  it.each([
    ['0.0.0.0', 4, 0n],
    ['192.0.2.1', 4, 0xc0000201n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['2001:DB8:0:0:0:0:0:1', 6, (0x20010db8n << 96n) | 1n],
    ['::ffff:192.0.2.1', 6, 0xffffc0000201n],
    ['::192.0.2.1', 6, 0xc0000201n],
    ['1:2:3:4:5:6:7:8', 6, 0x00010002000300040005000600070008n],
  ] as const)('%s is IPv%i %s', (text, family, value) => {
    expect(parseAddress(text)).toEqual({ family, value });
  });

  it.each(['01.2.3.4', '1.2.3', 'fe80::1%eth0', '::1.2.3', ''])('refuses %j, as the one parser does', (text) => {
    expect(parseAddress(text)).toBeNull();
  });

  it.each([
    [6, (0x20010db8n << 96n) | 1n, '2001:db8::1'],
    [6, 0n, '::'],
    [4, 0xc0000201n, '192.0.2.1'],
  ] as const)('IPv%i %s is written %s', (family, value, text) => {
    expect(formatAddress(family, value)).toBe(text);
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
