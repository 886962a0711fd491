import { describe, expect, it } from 'vitest';
import { cidrContains, cidrLast, cidrOf, cidrSize, formatCidr, parseCidr } from '../../src/net/cidr.js';
import { parseAddress } from '../../src/net/cidr-address.js';

const parseIpv4 = (text: string): bigint | null => parseAddress(text)?.value ?? null;

describe('CIDR blocks', () => {
  it('masks host bits (ip4:192.0.2.77/24 authorizes the whole /24)', () => {
    const block = parseCidr('192.0.2.77/24');
    expect(block && formatCidr(block)).toBe('192.0.2.0/24');
    expect(block && cidrSize(block)).toBe(256n);
    expect(block && cidrLast(block)).toBe(parseIpv4('192.0.2.255'));
  });

  it('reads a bare address as a single-address block', () => {
    expect(parseCidr('2001:db8::1')).toEqual({ family: 6, first: (0x20010db8n << 96n) | 1n, prefix: 128 });
  });

  it.each([
    ['0.0.0.0/0', '0.0.0.0/0', 1n << 32n],
    ['2001:db8:ffff::/32', '2001:db8::/32', 1n << 96n],
    ['::/0', '::/0', 1n << 128n],
  ])('%s is %s with %s addresses', (text, canonical, size) => {
    const block = parseCidr(text);
    expect(block && formatCidr(block)).toBe(canonical);
    expect(block && cidrSize(block)).toBe(size);
  });

  it.each(['192.0.2.0/33', '2001:db8::/129', '192.0.2.0/', '192.0.2.0/024', '192.0.2.0/-1', '192.0.2/24', 'x/8'])(
    'rejects %j',
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );

  it('contains only addresses of its own family inside it', () => {
    const block = cidrOf(4, parseIpv4('10.1.2.3')!, 16);
    expect(cidrContains(block, 4, parseIpv4('10.1.255.255')!)).toBe(true);
    expect(cidrContains(block, 4, parseIpv4('10.2.0.0')!)).toBe(false);
    expect(cidrContains(block, 6, parseIpv4('10.1.0.1')!)).toBe(false);
  });

  it('refuses a prefix longer than the family', () => {
    expect(() => cidrOf(4, 0n, 33)).toThrow(RangeError);
  });
});
