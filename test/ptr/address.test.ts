import { describe, expect, test } from 'vitest';
import { parseAddress, reverseName, sameAddress } from '../../src/ptr/address.js';

const parsed = (text: string) => {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('sending addresses are read strictly', () => {
  test.each([
    ['192.0.2.10', '192.0.2.10', 4],
    ['0.0.0.0', '0.0.0.0', 4],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 6],
    ['2001:db8::0:1', '2001:db8::1', 6],
    ['::1', '::1', 6],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221', 6],
  ])('%s is %s (IPv%i)', (text, canonical, family) => {
    expect(parsed(text)).toMatchObject({ address: canonical, family, mappedFrom: null });
  });

  test('an IPv4-mapped IPv6 address is the IPv4 address it maps', () => {
    expect(parsed('::ffff:192.0.2.10')).toMatchObject({ address: '192.0.2.10', family: 4, mappedFrom: '::ffff:192.0.2.10' });
  });

  test.each(['192.0.2', '192.0.2.256', '192.0.02.1', '0x7f.0.0.1', '3232235521', '192.0.2.1 ', ' 192.0.2.1', 'fe80::1%eth0', '[2001:db8::1]', '2001:db8::1::2', '1:2:3:4:5:6:7:8:9', '::ffff:01.2.3.4', 'example.com', ''])(
    '%j is refused with a reason',
    (text) => {
      const r = parseAddress(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(`'${text}'`);
    },
  );
});

describe('the input quoted in a reason is escaped (it reaches a terminal)', () => {
  test.each([
    ['192.0.2.1\u001b[2J', "'192.0.2.1\\x1b[2J' is not an IPv4 address"],
    ['2001:db8::1\u0007', "'2001:db8::1\\x07' is not an IPv6 address"],
  ])('%j', (text, reason) => {
    const r = parseAddress(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(reason);
      // eslint-disable-next-line no-control-regex
      expect(r.reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });
});

describe('reverse names', () => {
  test('RFC 1035 §3.5: IPv4 octets reversed under in-addr.arpa', () => {
    expect(reverseName(parsed('192.0.2.10'))).toBe('10.2.0.192.in-addr.arpa');
  });

  test('RFC 3596 §2.5: 32 IPv6 nibbles reversed under ip6.arpa', () => {
    expect(reverseName(parsed('2001:db8::567:89ab'))).toBe('b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
  });

  test('addresses compare as bytes, whatever their text form', () => {
    expect(sameAddress(parsed('2001:db8::1'), '2001:0db8:0:0::0001')).toBe(true);
    expect(sameAddress(parsed('192.0.2.10'), '192.0.2.11')).toBe(false);
    expect(sameAddress(parsed('192.0.2.10'), '::ffff:192.0.2.10')).toBe(true);
    expect(sameAddress(parsed('192.0.2.10'), 'not an address')).toBe(false);
  });
});
