// mechanismBlock remembers the block of each parsed ip4/ip6 term, termBlock makes the block of an
// (address text, prefix) an SPF term or host names; both must give what parsing and formatting afresh
// gives (RFC 7208 §5.6: host bits masked).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mechanismBlock, termBlock } from '../../src/spf/expand-ranges.js';
import { parseSpfRecord } from '../../src/spf/parse.js';
import { parseAddress, formatAddress } from '../../src/net/cidr-address.js';
import { cidrOf, formatCidr } from '../../src/net/cidr.js';

const afresh = (address: string, prefix: number) => {
  const parsed = parseAddress(address);
  if (parsed === null) return null;
  const cidr = cidrOf(parsed.family, parsed.value, prefix);
  return { cidr, text: formatCidr(cidr) };
};

describe('termBlock', () => {
  it('gives the freshly parsed and formatted block, the first time and every time after', () => {
    const ip4 = fc.tuple(fc.bigInt({ min: 0n, max: 0xffffffffn }), fc.integer({ min: 0, max: 32 })).map(([v, p]) => [formatAddress(4, v), p] as const);
    const ip6 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 })).map(([v, p]) => [formatAddress(6, v), p] as const);
    const written = fc.oneof(ip4, ip6, fc.constantFrom(['192.0.2.1', 24] as const, ['2001:DB8::1', 64] as const, ['::ffff:192.0.2.1', 120] as const));
    fc.assert(
      fc.property(written, ([address, prefix]) => {
        expect(termBlock(address, prefix)).toEqual(afresh(address, prefix));
        expect(termBlock(address, prefix)).toEqual(afresh(address, prefix));
      }),
      { numRuns: 300 },
    );
  });

  it('gives each parsed ip4/ip6 term the block of its address and prefix, the first time and every time after', () => {
    const ip4 = fc.tuple(fc.bigInt({ min: 0n, max: 0xffffffffn }), fc.integer({ min: 0, max: 32 })).map(([v, p]) => `ip4:${formatAddress(4, v)}/${p}`);
    const ip6 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 })).map(([v, p]) => `ip6:${formatAddress(6, v)}/${p}`);
    fc.assert(
      fc.property(fc.oneof(ip4, ip6, fc.constantFrom('ip4:192.0.2.1', 'ip6:2001:DB8::1/64', 'ip6:::ffff:192.0.2.1/120')), (term) => {
        const parsed = parseSpfRecord(`v=spf1 ${term}`);
        const m = parsed.ok ? parsed.record.mechanisms[0] : undefined;
        if (m?.mechanism !== 'ip4' && m?.mechanism !== 'ip6') throw new Error(`${term} did not parse`);
        expect(mechanismBlock(m)).toEqual(afresh(m.address, m.prefix));
        expect(mechanismBlock(m)).toBe(mechanismBlock(m));
      }),
      { numRuns: 300 },
    );
  });

  it('gives null for text that is not a strict address, as parsing does', () => {
    for (const bad of ['192.0.2', '010.0.0.1', '192.0.2.1 ', 'example.com', '']) {
      expect(termBlock(bad, 32)).toBeNull();
      expect(termBlock(bad, 32)).toBeNull();
    }
  });

  it('masks host bits, and tells prefixes apart', () => {
    expect(termBlock('192.0.2.77', 24)?.text).toBe('192.0.2.0/24');
    expect(termBlock('192.0.2.77', 32)?.text).toBe('192.0.2.77/32');
    expect(termBlock('2001:db8::1', 32)?.text).toBe('2001:db8::/32');
  });
});
