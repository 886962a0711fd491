// The one reading of an address argument (src/net/read-address.ts readAddress): the strict parser SPF uses,
// then RFC 7208 §5 (an IPv4-mapped IPv6 address is its IPv4 address). The CLI's ptr and --ip, and
// the ips of profiles and the config file, all go through it.
import { describe, expect, test } from 'vitest';
import { formatIp, sameIp } from '../../src/net/ip.js';
import { readAddress, type ReadAddress } from '../../src/net/read-address.js';
import { reverseName } from '../../src/net/reverse-name.js';

const read = (text: string): ReadAddress => {
  const r = readAddress(text);
  if (!r.ok) throw new Error(`'${text}' ${r.problem}`);
  return r.value;
};

describe('addresses are read strictly', () => {
  test.each([
    ['192.0.2.10', '192.0.2.10', 4],
    ['0.0.0.0', '0.0.0.0', 4],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 6],
    ['2001:db8::0:1', '2001:db8::1', 6],
    ['::1', '::1', 6],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221', 6],
  ])('%s is %s (IPv%i)', (text, canonical, family) => {
    const value = read(text);
    expect({ canonical: value.canonical, family: value.address.version, mappedFrom: value.mappedFrom }).toEqual({ canonical, family, mappedFrom: null });
  });

  test('RFC 4291 §2.5.5.1: an IPv4-compatible address (::1.2.3.4, deprecated) is the IPv6 address ::102:304, as SPF reads it', () => {
    const value = read('::1.2.3.4');
    expect(value).toMatchObject({ canonical: '::102:304', mappedFrom: null });
    expect(value.address.version).toBe(6);
    expect(reverseName(value.address)).toBe(`4.0.3.0.2.0.1.0.${'0.'.repeat(24)}ip6.arpa`);
  });

  test('RFC 4291 §2.5.5.2 and RFC 7208 §5: an IPv4-mapped address is the IPv4 address it maps, in either text form', () => {
    for (const text of ['::ffff:192.0.2.10', '::FFFF:c000:20a', '0:0:0:0:0:ffff:192.0.2.10']) {
      const value = read(text);
      expect(value).toMatchObject({ canonical: '192.0.2.10', mappedFrom: text });
      expect(value.address.version).toBe(4);
      expect(reverseName(value.address)).toBe('10.2.0.192.in-addr.arpa');
    }
  });

  test.each([
    ['192.0.2', 'is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address'],
    ['192.0.2.256', 'is not an IPv4 address'],
    ['192.0.02.1', 'is not an IPv4 address'],
    ['0x7f.0.0.1', 'is not an IPv4 address'],
    ['3232235521', 'is not an IPv4 address'],
    ['192.0.2.1 ', 'is not an IPv4 address'],
    [' 192.0.2.1', 'is not an IPv4 address'],
    ['example.com', 'is not an IPv4 address'],
    ['', 'is not an IPv4 address'],
    ['fe80::1%eth0', 'has a zone index (%...), which is not part of an address'],
    ['[2001:db8::1]', 'is not an IPv6 address (RFC 4291 §2.2)'],
    ['2001:db8::1::2', 'is not an IPv6 address'],
    ['1:2:3:4:5:6:7:8:9', 'is not an IPv6 address'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'is not an IPv6 address'],
    ['::ffff:01.2.3.4', "has an embedded IPv4 part '01.2.3.4' that is not four decimal numbers"],
    ['::1.2.3', "has an embedded IPv4 part '1.2.3' that is not four decimal numbers"],
  ])('%j is refused: %s', (text, problem) => {
    const r = readAddress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain(problem);
  });

  test('a refusal never quotes the text itself: the caller quotes it, escaped for where it goes', () => {
    const r = readAddress('2001:db8::1\u001b[2J');
    expect(r).toEqual({ ok: false, problem: 'is not an IPv6 address (RFC 4291 §2.2)' });
  });
});

describe('the same bytes, whatever the text', () => {
  test('addresses compare as bytes', () => {
    expect(sameIp(read('2001:db8::1').address, read('2001:0db8:0:0::0001').address)).toBe(true);
    expect(sameIp(read('192.0.2.10').address, read('::ffff:192.0.2.10').address)).toBe(true);
    expect(sameIp(read('192.0.2.10').address, read('192.0.2.11').address)).toBe(false);
    // an IPv4-compatible address is not the IPv4 address
    expect(sameIp(read('1.2.3.4').address, read('::1.2.3.4').address)).toBe(false);
    expect(formatIp(read('::1.2.3.4').address)).toBe('::102:304');
  });
});
