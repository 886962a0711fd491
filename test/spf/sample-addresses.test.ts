// Sample addresses of the ranges an SPF tree authorizes (src/spf/sample-addresses.ts): one per block,
// at most 16, deterministic, spread over the includes, only addresses check_host() passes with the
// lookup limits enforced. Each sample is also run through check_host() itself.
import { describe, expect, it } from 'vitest';
import { expandSpf } from '../../src/spf/expand.js';
import { checkHost } from '../../src/spf/check-host.js';
import { MAX_SAMPLES, sampleAuthorizedAddresses, uniformResult, type SampledRanges } from '../../src/spf/sample-addresses.js';
import type { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { zone } from './expand-zone.js';

async function sample(text: string, max?: number): Promise<SampledRanges & { resolver: ZoneResolver }> {
  const resolver = zone(text);
  const tree = await expandSpf('example.com', resolver, { checkType99: false });
  return { ...sampleAuthorizedAddresses(tree.root, max), resolver };
}

async function uniform(text: string): Promise<ReturnType<typeof uniformResult>> {
  const tree = await expandSpf('example.com', zone(text), { checkType99: false });
  return uniformResult(tree.root, tree.dependsOnMessage);
}

const addresses = (s: SampledRanges): string[] => s.samples.map((x) => x.address);

/** `count` blocks 10.<n>.<i>.0/24, as quoted strings of one TXT record (each below 255 bytes). */
const blocks = (n: number, count: number): string => Array.from({ length: count }, (_, i) => `"ip4:10.${n}.${i}.0/24 "`).join(' ');

/** Every sample gets `pass` from check_host() at the root. */
async function expectAllPass(s: SampledRanges & { resolver: ZoneResolver }): Promise<void> {
  for (const x of s.samples) {
    const r = await checkHost(x.address, 'example.com', 'postmaster@example.com', 'example.com', { resolver: s.resolver });
    expect(r.result, x.address).toBe('pass');
  }
}

describe('sampleAuthorizedAddresses', () => {
  it('takes the first host address of each block: the address itself for a single address or a /31, IPv6 too', async () => {
    const s = await sample('example.com. TXT "v=spf1 ip4:198.51.100.128/27 ip4:192.0.2.7 ip4:192.0.2.8/31 ip6:2001:db8:3000::/48 ip6:2001:db8::25 ~all"');
    // a block's first address is the network's own (RFC 1122 §3.2.1.3) or subnet-router anycast (RFC 4291 §2.6.1)
    expect(addresses(s)).toEqual(['198.51.100.129', '192.0.2.7', '192.0.2.8', '2001:db8:3000::1', '2001:db8::25']);
    expect(s.samples[3]).toEqual({ address: '2001:db8:3000::1', family: 6, block: '2001:db8:3000::/48', domain: 'example.com', term: 'ip6:2001:db8:3000::/48', path: ['example.com'] });
    expect(s.blocks).toBe(5);
    expect(s.blocksPastLimit).toBe(0);
    await expectAllPass(s);
  });

  it('takes at most 16, one per block, and the same ones every time', async () => {
    const text = `example.com. TXT "v=spf1 " ${blocks(1, 40)} "-all"`;
    const s = await sample(text);
    expect(s.samples).toHaveLength(MAX_SAMPLES);
    expect(new Set(s.samples.map((x) => x.block)).size).toBe(MAX_SAMPLES);
    expect(addresses(s).slice(0, 3)).toEqual(['10.1.0.1', '10.1.1.1', '10.1.2.1']);
    expect(s.blocks).toBe(40);
    expect(addresses(await sample(text))).toEqual(addresses(s));
    expect(addresses(await sample(text, 3))).toEqual(['10.1.0.1', '10.1.1.1', '10.1.2.1']);
  });

  it('spreads the samples round-robin over the includes: a provider with many blocks does not take all 16', async () => {
    const s = await sample(`
example.com. TXT "v=spf1 ip4:192.0.2.10 include:big.example include:small.example include:nested.example -all"
big.example. TXT "v=spf1 " ${blocks(1, 40)} "-all"
small.example. TXT "v=spf1 ip4:198.51.100.0/28 ip6:2001:db8:5::/64 -all"
nested.example. TXT "v=spf1 include:n1.example include:n2.example -all"
n1.example. TXT "v=spf1 " ${blocks(2, 10)} "-all"
n2.example. TXT "v=spf1 " ${blocks(3, 10)} "-all"
`);
    expect(s.samples).toHaveLength(16);
    // one turn each: the root's own block, big, small, nested (which alternates n1 and n2)
    expect(s.samples.slice(0, 4).map((x) => x.domain)).toEqual(['example.com', 'big.example', 'small.example', 'n1.example']);
    expect(s.samples.slice(4, 7).map((x) => x.domain)).toEqual(['big.example', 'small.example', 'n2.example']);
    const per = (d: string): number => s.samples.filter((x) => x.domain === d).length;
    expect(per('small.example')).toBe(2);
    expect(per('example.com')).toBe(1);
    expect(per('big.example')).toBe(7); // the lanes that ran out leave their turns to the others
    expect(per('n1.example') + per('n2.example')).toBe(6);
    expect(s.samples.find((x) => x.domain === 'n2.example')?.path).toEqual(['example.com', 'nested.example', 'n2.example']);
    expect(s.blocks).toBe(1 + 40 + 2 + 20);
    await expectAllPass(s);
  });

  it('leaves out the ranges past the 10-lookup limit (RFC 7208 §4.6.4)', async () => {
    const includes = Array.from({ length: 11 }, (_, i) => `include:x${i + 1}.example`).join(' ');
    const providers = Array.from({ length: 11 }, (_, i) => `x${i + 1}.example. TXT "v=spf1 ip4:192.0.2.${i + 1} -all"`).join('\n');
    const s = await sample(`example.com. TXT "v=spf1 ip4:10.0.0.1 ${includes} ip4:10.0.0.2 -all"\n${providers}`);
    // the 11th include and everything after it give permerror
    expect(addresses(s)).not.toContain('192.0.2.11');
    expect(addresses(s)).not.toContain('10.0.0.2');
    expect(addresses(s)).toHaveLength(11);
    expect(s.blocks).toBe(11);
    expect(s.blocksPastLimit).toBe(2);
    await expectAllPass(s);
  });

  it('leaves out the MX hosts past the void-lookup limit of an mx term that is reached (RFC 7208 §4.6.4)', async () => {
    const s = await sample(`
example.com. TXT "v=spf1 mx -all"
example.com. MX 10 h1.example.com.
example.com. MX 20 h2.example.com.
example.com. MX 30 h3.example.com.
example.com. MX 40 h4.example.com.
example.com. MX 50 h5.example.com.
h1.example.com. A 192.0.2.1
h5.example.com. A 192.0.2.5
`);
    // h2, h3 and h4 have no address: the third void lookup, at h4, gives permerror before h5 is asked
    expect(addresses(s)).toEqual(['192.0.2.1']);
    expect(s.blocksPastLimit).toBe(1);
    await expectAllPass(s);
    const h5 = await checkHost('192.0.2.5', 'example.com', 'postmaster@example.com', 'example.com', { resolver: s.resolver });
    expect(h5.result).toBe('permerror');
  });

  it('takes only addresses that pass: not ~, ?, - terms or -include, and not what an earlier -term takes back', async () => {
    const s = await sample(`
example.com. TXT "v=spf1 -ip4:192.0.2.1 -ip4:198.51.100.0/25 ip4:192.0.2.0/30 ip4:198.51.100.0/24 ~ip4:203.0.113.0/24 ?ip4:198.51.100.0/24 -include:bad.example ip4:10.9.0.0/31 -ip4:10.9.0.0/31 -all"
bad.example. TXT "v=spf1 ip4:172.16.0.0/16 -all"
`);
    expect(addresses(s)).toEqual(['192.0.2.2', '198.51.100.128', '10.9.0.0']);
    await expectAllPass(s);
  });

  it('takes the block\'s first address when it is the only one that passes', async () => {
    const s = await sample('example.com. TXT "v=spf1 -ip4:192.0.2.65 -ip4:192.0.2.66/31 ip4:192.0.2.64/30 -all"');
    expect(addresses(s)).toEqual(['192.0.2.64']);
    await expectAllPass(s);
  });

  it('samples the addresses of a and mx terms, and follows redirect', async () => {
    const s = await sample(`
example.com. TXT "v=spf1 a:mail.example.com mx redirect=_spf.example.com"
example.com. MX 10 mx1.example.com.
mail.example.com. A 192.0.2.25
mx1.example.com. AAAA 2001:db8::1:25
_spf.example.com. TXT "v=spf1 ip4:198.51.100.0/24 -all"
`);
    expect(addresses(s)).toEqual(['192.0.2.25', '198.51.100.1', '2001:db8::1:25']);
    await expectAllPass(s);
  });

  it('has nothing to sample without ranges: no record, -all, only exists with macros', async () => {
    expect((await sample('example.com. MX 10 mx.example.com.')).samples).toEqual([]);
    expect((await sample('example.com. TXT "v=spf1 -all"')).samples).toEqual([]);
    const macros = await sample('example.com. TXT "v=spf1 exists:%{i}._spf.example.com -all"');
    expect(macros.samples).toEqual([]);
    expect(macros.blocks).toBe(0);
  });
});

describe('uniformResult', () => {
  it('is the result every address gets when the tree gives one result everywhere', async () => {
    expect(await uniform('example.com. MX 10 mx.example.com.')).toBe('none');
    expect(await uniform('example.com. TXT "v=spf1 -all"')).toBe('fail');
    expect(await uniform('example.com. TXT "v=spf1 ~all"')).toBe('softfail');
    expect(await uniform('example.com. TXT "v=spf1 +all"')).toBe('pass');
    expect(await uniform('example.com. TXT "v=spf1 -all"\nexample.com. TXT "v=spf1 ~all"')).toBe('permerror');
  });

  it('is null when the result depends on the address or the message', async () => {
    expect(await uniform('example.com. TXT "v=spf1 exists:%{i}._spf.example.com -all"')).toBeNull();
    expect(await uniform('example.com. TXT "v=spf1 ptr -all"')).toBeNull();
    expect(await uniform('example.com. TXT "v=spf1 ?ip4:192.0.2.0/24 -all"')).toBeNull();
  });
});
