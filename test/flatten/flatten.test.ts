// flattenSpf(): the same addresses with the same results, in fewer lookups (RFC 7208 §4.6.2, §4.6.4,
// §5.2, §6.1, §6.2), proven by check_host() on both sides.
import { describe, expect, it } from 'vitest';
import { flattenSpf } from '../../src/flatten/flatten.js';
import { proveEquivalent } from '../../src/flatten/prove.js';
import { withSpfRecordAt } from '../../src/flatten/spf-overlay.js';
import { flattenedDns, resultOn, rootText, zone } from './helpers.js';

describe('flattenSpf: results kept per address', () => {
  it('keeps a -ip4 exception before a broader pass, and covers the pass with the whole /24', async () => {
    const dns = zone(`
example.com. TXT "v=spf1 include:p.example ~all"
p.example. TXT "v=spf1 ip4:198.51.100.0/24"
ex.example. TXT "v=spf1 -ip4:192.0.2.4 ip4:192.0.2.0/24 include:p.example -all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.status).toBe('flattened');
    expect(rootText(r)).toBe('v=spf1 -ip4:192.0.2.4 ip4:192.0.2.0/24 ip4:198.51.100.0/24 -all');
    const flat = flattenedDns(dns, r);
    expect(await resultOn(flat, 'ex.example', '192.0.2.4')).toBe('fail');
    expect(await resultOn(flat, 'ex.example', '192.0.2.5')).toBe('pass');
    expect(r.lookups).toEqual({ original: 1, flattened: 0, limit: 8 });
  });

  it('merges overlapping and adjacent ranges and masks host bits (RFC 7208 §5.6), IPv4 and IPv6', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 ip4:192.0.2.0/25 include:p.example ip6:2001:db8::/33 ~all"
p.example. TXT "v=spf1 ip4:192.0.2.128/25 ip4:192.0.2.77/28 ip6:2001:db8:8000::1/33 ~all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ~all');
    expect(r.ranges).toEqual({ ip4: 1, ip6: 1 });
    expect(r.proof?.equivalent).toBe(true);
  });

  it('does not let an include’s -ip4 decide anything: it only ends the include (RFC 7208 §5.2)', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 include:p.example ?all"
p.example. TXT "v=spf1 -ip4:10.0.0.1 ip4:10.0.0.0/24 -all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.status).toBe('flattened');
    expect(rootText(r)).not.toContain('-ip4');
    const flat = flattenedDns(dns, r);
    expect(await resultOn(flat, 'ex.example', '10.0.0.1')).toBe('neutral');
    expect(await resultOn(flat, 'ex.example', '10.0.0.2')).toBe('pass');
  });

  it('gives a -include’s pass ranges the fail qualifier', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 -include:bad.example ip4:10.0.0.0/8 ~all"
bad.example. TXT "v=spf1 ip4:10.9.9.0/24 -all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 -ip4:10.9.9.0/24 ip4:10.0.0.0/8 ~all');
  });

  it('keeps the original all qualifier and exp=, and follows a top-level redirect (RFC 7208 §6.1)', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 ip4:192.0.2.1 redirect=corp.example"
corp.example. TXT "v=spf1 ip4:192.0.2.2 -all exp=why.example"
why.example. TXT "not allowed"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 ip4:192.0.2.1 ip4:192.0.2.2 -all exp=why.example');
    expect(r.all).toBe('-');
    expect(r.proof?.equivalent).toBe(true);
  });

  it('writes a rewritten exists: and ptr in place, with %{d} and the bare domain made literal (RFC 7208 §7.3)', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 ip4:192.0.2.0/24 include:p.example ip4:198.51.100.0/24 -all"
p.example. TXT "v=spf1 exists:%{i}._spf.%{d} ptr -all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 ip4:192.0.2.0/24 exists:%{i}._spf.p.example ptr:p.example ip4:198.51.100.0/24 -all');
    expect(r.kept.map((k) => k.reason)).toEqual(['macro', 'ptr']);
    expect(r.lookups.flattened).toBe(2);
  });

  it('keeps the whole include when its kept term follows a -ip4 that ends it early', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 include:odd.example ip4:192.0.2.0/24 -all"
odd.example. TXT "v=spf1 -ip4:100.64.0.1 exists:%{i}.allow.odd.example ip4:100.64.0.0/24 ~all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 include:odd.example ip4:192.0.2.0/24 -all');
    expect(r.kept).toEqual([expect.objectContaining({ text: 'include:odd.example', reason: 'order', lookups: 2 })]);
    expect(r.proof?.equivalent).toBe(true);
  });

  it('keeps an include named with keep, in place', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 ip4:192.0.2.1 include:p.example include:q.example -all"
p.example. TXT "v=spf1 ip4:198.51.100.0/24 -all"
q.example. TXT "v=spf1 ip4:203.0.113.0/24 -all"
`);
    const r = await flattenSpf('ex.example', dns, { keep: ['P.example'] });
    expect(rootText(r)).toBe('v=spf1 ip4:192.0.2.1 include:p.example ip4:203.0.113.0/24 -all');
  });
});

describe('flattenSpf: records that fit', () => {
  const many = Array.from({ length: 120 }, (_, i) => `ip4:10.${i}.0.0/24`);
  // one quoted string per ten terms (a character-string holds at most 255 bytes)
  const txt = (terms: string[]): string => {
    const parts: string[] = [];
    for (let i = 0; i < terms.length; i += 10) parts.push(`"${i === 0 ? 'v=spf1 ' : ' '}${terms.slice(i, i + 10).join(' ')}"`);
    return parts.join(' ');
  };
  const dns = zone(`
big.example. TXT "v=spf1 include:a.example ?all"
big.example. TXT "site-verification=0123456789abcdef0123456789abcdef0123456789abcdef"
a.example. TXT ${txt([...many.slice(0, 40), 'include:b.example'])}
b.example. TXT ${txt([...many.slice(40, 80), 'include:c.example'])}
c.example. TXT ${txt(many.slice(80))}
`);

  it('chains records whose strings are at most 255 bytes and whose answers fit 512 bytes', async () => {
    const r = await flattenSpf('big.example', dns);
    expect(r.status).toBe('flattened');
    const chain = r.records.filter((x) => x.role === 'chain');
    expect(chain.length).toBeGreaterThan(1);
    expect(chain.map((x) => x.name)).toEqual(chain.map((_, i) => `_spf${i + 1}.big.example`));
    for (const rec of r.records.filter((x) => x.role !== 'source')) {
      expect(rec.answerBytes).toBeLessThanOrEqual(512);
      for (const s of rec.strings) expect(s.length).toBeLessThanOrEqual(255);
      expect(rec.strings.join('')).toBe(rec.text);
    }
    expect(r.lookups.flattened).toBe(chain.length);
    expect(r.proof?.equivalent).toBe(true);
    expect(r.ranges.ip4).toBe(120);
  });

  it('counts the other TXT records at the domain in the top answer', async () => {
    const r = await flattenSpf('big.example', dns);
    const root = r.records.find((x) => x.role === 'root')!;
    const alone = (await flattenSpf('big.example', zone(`big.example. TXT "v=spf1 ip4:192.0.2.1"`))).records[0]!;
    expect(root.answerBytes).toBeGreaterThan(root.text.length + 60);
    expect(alone.answerBytes).toBeLessThan(root.answerBytes);
  });

  it('uses the prefix and a larger answer size when told', async () => {
    const r = await flattenSpf('big.example', dns, { prefix: '_f', udpSize: 1232 });
    const chain = r.records.filter((x) => x.role === 'chain');
    expect(chain.map((x) => x.name)).toEqual(['_f1.big.example']);
    expect(r.records.every((x) => x.role === 'source' || x.answerBytes <= 1232)).toBe(true);
  });

  it('refuses when the result needs more lookups than allowed', async () => {
    const r = await flattenSpf('big.example', dns, { maxLookups: 1 });
    expect(r.status).toBe('refused');
    expect(r.records).toEqual([]);
    expect(r.refusals[0]?.message).toMatch(/need \d+ DNS lookups .* over the limit of 1/);
  });

  it('prints zone-file lines with the TTL', async () => {
    const r = await flattenSpf('big.example', dns, { ttl: 600 });
    expect(r.records[0]?.zoneLine).toMatch(/^big\.example\. 600 IN TXT "v=spf1 /);
  });
});

describe('flattenSpf: refusals', () => {
  it('refuses a tree with an include of a domain without SPF record (permerror, RFC 7208 §5.2)', async () => {
    const r = await flattenSpf('ex.example', zone(`ex.example. TXT "v=spf1 include:gone.example -all"`));
    expect(r.status).toBe('refused');
    expect(r.refusals[0]?.message).toContain('gone.example has no SPF record');
  });

  it('refuses an include loop', async () => {
    const r = await flattenSpf('ex.example', zone(`ex.example. TXT "v=spf1 include:p.example -all"\np.example. TXT "v=spf1 include:ex.example"`));
    expect(r.refusals[0]?.message).toContain('loop');
  });

  it('refuses a domain without SPF record', async () => {
    const r = await flattenSpf('ex.example', zone(`ex.example. TXT "hello"`));
    expect(r.refusals[0]?.message).toContain('no SPF record to flatten');
  });
});

describe('the proof', () => {
  it('reports counter-examples when the flattened records differ', async () => {
    const dns = zone(`ex.example. TXT "v=spf1 -ip4:192.0.2.4 ip4:192.0.2.0/24 ~all"`);
    const wrong = withSpfRecordAt(dns, 'ex.example', 'v=spf1 ip4:192.0.2.0/24 ~all', 300);
    const proof = await proveEquivalent({ domain: 'ex.example', original: dns, flattened: wrong, ranges: ['192.0.2.4/32', '192.0.2.0/24'] });
    expect(proof.equivalent).toBe(false);
    expect(proof.mismatches).toEqual([expect.objectContaining({ address: '192.0.2.4', original: 'fail', flattened: 'pass' })]);
  });

  it('counts a permerror on the flattened side as a failure even when the original agrees', async () => {
    const dns = zone(`ex.example. TXT "v=spf1 include:gone.example"`);
    const proof = await proveEquivalent({ domain: 'ex.example', original: dns, flattened: dns, ranges: [] });
    expect(proof.equivalent).toBe(false);
    expect(proof.mismatches[0]?.flattened).toBe('permerror');
  });
});
