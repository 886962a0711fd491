// The one address parser and formatter (src/net/ip.ts), as the RFCs write the text forms.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { formatIp, ipFromBytes, parseIp, parseIp4, parseIp6, type IpAddress } from '../../src/net/ip.js';

const hex = (a: IpAddress | null): string | null => (a === null ? null : Buffer.from(a.bytes).toString('hex'));

describe('IPv4: a dotted quad of four decimal numbers 0-255 (RFC 1035 §3.4.1, RFC 7208 §5.6)', () => {
  test.each([
    ['0.0.0.0', '00000000'],
    ['192.0.2.1', 'c0000201'],
    ['255.255.255.255', 'ffffffff'],
    ['10.0.0.100', '0a000064'],
  ])('%s is read', (text, bytes) => {
    expect(hex(parseIp4(text))).toBe(bytes);
    expect(parseIp(text)?.version).toBe(4);
  });

  test.each([
    ['a leading zero (octal to inet_aton, RFC 6943 §3.1.1)', '010.0.0.1'],
    ['a leading zero in the last octet', '192.0.2.01'],
    ['a zero written twice', '00.0.0.0'],
    ['an octet over 255', '192.0.2.256'],
    ['three parts', '192.0.2'],
    ['the short form', '127.1'],
    ['five parts', '1.2.3.4.5'],
    ['a trailing dot', '1.2.3.4.'],
    ['an empty part', '1..3.4'],
    ['hex', '0x7f.0.0.1'],
    ['a whole number', '3221225985'],
    ['a blank before', ' 192.0.2.1'],
    ['a blank after', '192.0.2.1 '],
    ['a prefix length', '192.0.2.0/24'],
    ['non-ASCII digits', '١.2.3.4'],
    ['a plus sign', '+1.2.3.4'],
    ['nothing', ''],
  ])('refuses %s: %j', (_why, text) => {
    expect(parseIp4(text)).toBeNull();
    expect(parseIp(text)).toBeNull();
  });
});

describe('IPv6: the text forms of RFC 4291 §2.2 (RFC 3596 §2.4 for AAAA)', () => {
  test.each([
    ['form 1, all eight groups', '2001:db8:0:0:8:800:200c:417a', '20010db80000000000080800200c417a'],
    ['form 1 with leading zeros in groups', '2001:0db8:0000:0000:0008:0800:200c:417a', '20010db80000000000080800200c417a'],
    ['uppercase hex', '2001:DB8::200C:417A', '20010db80000000000000000200c417a'],
    ['mixed case', 'FeDc:Ba98::1', 'fedcba98000000000000000000000001'],
    ['form 2, "::" inside', '2001:db8::1', '20010db8000000000000000000000001'],
    ['form 2, "::" first', '::1', '00000000000000000000000000000001'],
    ['form 2, "::" last', 'ff01::', 'ff010000000000000000000000000000'],
    ['form 2, "::" alone (the unspecified address)', '::', '00000000000000000000000000000000'],
    ['form 2, "::" for a single zero group', '1:2:3:4:5:6:7::', '00010002000300040005000600070000'],
    ['form 3, six groups and a dotted quad', '0:0:0:0:0:0:13.1.68.3', '0000000000000000000000000d014403'],
    ['form 3, IPv4-mapped (RFC 4291 §2.5.5.2)', '::ffff:129.144.52.38', '00000000000000000000ffff81903426'],
    ['form 3, IPv4-compatible (RFC 4291 §2.5.5.1): zeros, not ffff', '::1.2.3.4', '00000000000000000000000001020304'],
    ['form 3 after other groups', '64:ff9b::192.0.2.33', '0064ff9b0000000000000000c0000221'],
  ])('reads %s: %s', (_form, text, bytes) => {
    expect(hex(parseIp6(text))).toBe(bytes);
    expect(parseIp(text)?.version).toBe(6);
  });

  test('"::1.2.3.4" and "::ffff:1.2.3.4" are different addresses', () => {
    expect(formatIp(parseIp6('::1.2.3.4')!)).toBe('::102:304');
    expect(formatIp(parseIp6('::ffff:1.2.3.4')!)).toBe('::ffff:102:304');
  });

  test.each([
    ['a zone index (RFC 4007 §11: not part of the address)', 'fe80::1%eth0'],
    ['a numeric zone index', 'fe80::1%1'],
    ['a group of five hex digits', '12345::'],
    ['a group of five digits, even with a leading zero', '2001:db8::00001'],
    ['a non-hex digit', 'g::1'],
    ['"::" twice', '1::2::3'],
    [':::', '1:::2'],
    ['a lone colon first', ':1:2:3:4:5:6:7'],
    ['a lone colon first before "::"', ':CAFE::BABE'],
    ['a lone colon last', '1:2:3:4:5:6:7:'],
    ['a lone colon after "::" and a group', '1::2:'],
    ['seven groups without "::"', '1:2:3:4:5:6:7'],
    ['nine groups', '1:2:3:4:5:6:7:8:9'],
    ['"::" standing for no group', '1:2:3:4:5:6:7::8'],
    ['"::" standing for no group, at the start', '::1:2:3:4:5:6:7:8'],
    ['an embedded quad not at the end', '::1.2.3.4:1'],
    ['an embedded quad before "::"', '1.2.3.4::'],
    ['an embedded quad before "::" at the end', '1:2:3:4:5:1.2.3.4::'],
    ['an embedded quad and eight groups', '1:2:3:4:5:6:7:1.2.3.4'],
    ['an embedded quad and five groups without "::"', '1:2:3:4:5:1.2.3.4'],
    ['an embedded quad with a leading zero', '::ffff:1.2.3.04'],
    ['an embedded quad of three parts', '::1.2.3'],
    ['an embedded quad over 255', '::ffff:1.2.3.256'],
    ['a dotted quad alone after a colon', ':1.2.3.4'],
    ['brackets', '[2001:db8::1]'],
    ['a prefix length', '2001:db8::/32'],
    ['a blank', '2001:db8:: 1'],
    ['a trailing newline', '::1\n'],
    ['nothing', ''],
    ['a lone colon', ':'],
  ])('refuses %s: %j', (_why, text) => {
    expect(parseIp6(text)).toBeNull();
    expect(parseIp(text)).toBeNull();
  });
});

describe('canonical text: the dotted quad, and RFC 5952 §4 for IPv6', () => {
  test.each([
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['20010db8000000000000000000000001', '2001:db8::1'],
    // §4.1: leading zeros suppressed; §4.3: lowercase
    ['20010DB800AB000000000000000C0001', '2001:db8:ab::c:1'],
    // §4.2.2: a single zero group is not shortened
    ['20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'],
    // §4.2.3: the longest run wins; on a tie the first
    ['20010000000000010000000000000001', '2001:0:0:1::1'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    // §4.2.1: shortened as much as possible
    ['20010db8000000000000000000000000', '2001:db8::'],
    // §5's mixed form is not used
    ['00000000000000000000ffffc0000201', '::ffff:c000:201'],
  ])('%s is %s', (bytes, text) => {
    expect(formatIp(ipFromBytes(Buffer.from(bytes, 'hex')))).toBe(text);
  });

  test('IPv4 is the dotted quad', () => {
    expect(formatIp(ipFromBytes(Uint8Array.of(192, 0, 2, 1)))).toBe('192.0.2.1');
  });

  // Zero groups are drawn often so that runs of every length and position occur.
  const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
  const address6 = fc.array(group, { minLength: 8, maxLength: 8 }).map((groups) => ipFromBytes(Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff]))));

  test('agrees with ipaddr.js on RFC 5952 text for every IPv6 address', () => {
    fc.assert(
      fc.property(address6, (address) => {
        expect(formatIp(address)).toBe(new ipaddr.IPv6(Array.from(address.bytes)).toRFC5952String());
      }),
    );
  });

  test('reads back what it writes, in either case, uncompressed or with zero groups padded', () => {
    fc.assert(
      fc.property(address6, (address) => {
        const text = formatIp(address);
        const uncompressed = new ipaddr.IPv6(Array.from(address.bytes)).toNormalizedString();
        const padded = (hex(address) ?? '').replace(/(.{4})(?!$)/g, '$1:');
        for (const form of [text, text.toUpperCase(), uncompressed, padded, padded.toUpperCase()]) expect(parseIp(form)?.bytes).toEqual(address.bytes);
      }),
    );
  });

  test('an address is 4 or 16 bytes', () => {
    expect(() => ipFromBytes(new Uint8Array(5))).toThrow(RangeError);
    // the bytes are copied: the caller's buffer may be reused
    const buffer = Uint8Array.of(192, 0, 2, 1);
    const address = ipFromBytes(buffer);
    buffer[0] = 10;
    expect(formatIp(address)).toBe('192.0.2.1');
  });
});
