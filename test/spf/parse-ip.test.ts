// Strict address parsing (src/net/ip.ts) as SPF's ip4/ip6 mechanisms need it (RFC 7208 §5.6).
import { describe, expect, it } from 'vitest';
import { formatIp, ipInCidr, parseIp, parseIp4, parseIp6, unmapIp4 } from '../../src/net/ip.js';
import { reverseName } from '../../src/net/reverse-name.js';

function must(text: string) {
  const a = parseIp(text);
  if (!a) throw new Error(`not an address: ${text}`);
  return a;
}

describe('parseIp4', () => {
  it('accepts strict dotted quads', () => {
    expect(Array.from(parseIp4('192.0.2.255')?.bytes ?? [])).toEqual([192, 0, 2, 255]);
    expect(parseIp4('0.0.0.0')).not.toBeNull();
  });

  it.each(['1.2.3', '01.2.3.4', '1.2.3.256', '0x7f.0.0.1', '127.1', '1.2.3.4.', ' 1.2.3.4', '1.2.3.4/24', '١.2.3.4'])('rejects %s', (text) => {
    expect(parseIp4(text)).toBeNull();
  });
});

describe('parseIp6', () => {
  it('accepts RFC 4291 text forms, with an embedded dotted quad read as written', () => {
    expect(formatIp(must('2001:DB8::1'))).toBe('2001:db8::1');
    expect(formatIp(must('::'))).toBe('::');
    expect(Array.from(must('::1.2.3.4').bytes.slice(10))).toEqual([0, 0, 1, 2, 3, 4]);
    expect(Array.from(must('::ffff:1.2.3.4').bytes.slice(10))).toEqual([255, 255, 1, 2, 3, 4]);
    expect(parseIp6('1:2:3:4:5:6:1.2.3.4')).not.toBeNull();
  });

  it.each([':CAFE::BABE', '1::2::3', 'fe80::1%eth0', '::1.2.3.04', '::1.2.3', '1:2:3:4:5:6:7:1.2.3.4', 'g::1'])('rejects %s', (text) => {
    expect(parseIp6(text)).toBeNull();
  });
});

describe('containment and forms', () => {
  it('tests CIDR containment bit by bit, within one family', () => {
    expect(ipInCidr(must('192.0.2.130'), must('192.0.2.128'), 25)).toBe(true);
    expect(ipInCidr(must('192.0.2.127'), must('192.0.2.128'), 25)).toBe(false);
    expect(ipInCidr(must('10.0.0.1'), must('1.1.1.1'), 0)).toBe(true);
    expect(ipInCidr(must('2001:db8::1'), must('2001:db8::'), 32)).toBe(true);
    expect(ipInCidr(must('2001:db9::1'), must('2001:db8::'), 32)).toBe(false);
    expect(ipInCidr(must('192.0.2.1'), must('::'), 0)).toBe(false);
  });

  it('maps ::ffff:a.b.c.d to IPv4 and nothing else', () => {
    expect(unmapIp4(must('::ffff:192.0.2.1'))).toEqual(must('192.0.2.1'));
    expect(unmapIp4(must('::192.0.2.1')).version).toBe(6);
  });

  it('names reverse zones (RFC 3596 §2.5)', () => {
    expect(reverseName(must('192.0.2.1'))).toBe('1.2.0.192.in-addr.arpa');
    expect(reverseName(must('2001:db8::1'))).toBe('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
  });
});
