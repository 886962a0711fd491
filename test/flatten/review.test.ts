// Semantics a flattening must keep (RFC 7208 §4.6.2 first match, §4.6.4 limits, §5.2 include, §6.1
// redirect, §6.2 exp) and the sizes it must respect (RFC 1035 §4.1, RFC 6891 OPT), each checked on the
// records flattenSpf() returns and, where it matters, with check_host() on both sides.
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { overlayResolver } from '../../src/dns/overlay-resolver.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { checkPublished } from '../../src/flatten/check-stale.js';
import { flattenSpf } from '../../src/flatten/flatten.js';
import { answerBytes, OPT_RECORD_BYTES } from '../../src/flatten/txt-size.js';
import { splitTxtStrings } from '../../src/model/txt.js';
import { renderFlattenMarkdown } from '../../src/flatten/render-markdown.js';
import { flattenFindings } from '../../src/flatten/findings.js';
import { nameWireLength } from '../../src/spf/answer-size.js';
import { flattenedDns, resultOn, rootText, zone } from './helpers.js';

describe('fewest terms with the same first-match results (RFC 7208 §4.6.2)', () => {
  it('writes an include’s inner ~ip4 exception as softfail before the pass block when the top record softfails it', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 include:p.example ~ip4:10.0.0.0/24 -all"
p.example. TXT "v=spf1 ~ip4:10.0.0.5 ip4:10.0.0.0/28 -all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 ~ip4:10.0.0.5 ip4:10.0.0.0/28 ~ip4:10.0.0.0/24 -all');
    expect(r.proof?.equivalent).toBe(true);
  });

  it('writes a redirect target’s +all inside an include as whole blocks, with the one exception first', async () => {
    // i.example passes everything except 10.0.0.2, which its redirect target fails: the include does not
    // match there, and ?all gives neutral (RFC 7208 §5.2, §6.1)
    const dns = zone(`
ex.example. TXT "v=spf1 include:i.example ?all"
i.example. TXT "v=spf1 ip4:10.0.0.1 redirect=r.example"
r.example. TXT "v=spf1 -ip4:10.0.0.2 ip4:10.0.0.0/24 +all"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 ?ip4:10.0.0.2 ip4:0.0.0.0/0 ip6:::/0 ?all');
    const flat = flattenedDns(dns, r);
    expect(await resultOn(flat, 'ex.example', '10.0.0.2')).toBe('neutral');
    expect(await resultOn(flat, 'ex.example', '2001:db8::1')).toBe('pass');
    expect(r.proof?.equivalent).toBe(true);
  });

  it('keeps -ip4 before ~ip4 before ?ip4 before ip4 when they nest', async () => {
    const dns = zone(`ex.example. TXT "v=spf1 -ip4:10.0.0.1 ~ip4:10.0.0.0/30 ?ip4:10.0.0.0/29 ip4:10.0.0.0/24 -all"`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 -ip4:10.0.0.1 ~ip4:10.0.0.0/30 ?ip4:10.0.0.4/30 ip4:10.0.0.0/24 -all');
    const flat = flattenedDns(dns, r);
    for (const [ip, want] of [['10.0.0.1', 'fail'], ['10.0.0.2', 'softfail'], ['10.0.0.6', 'neutral'], ['10.0.0.9', 'pass'], ['10.0.1.1', 'fail']] as const) {
      expect(await resultOn(flat, 'ex.example', ip), ip).toBe(want);
    }
  });

  it('honours the dual CIDR lengths of a and mx (RFC 7208 §5.6)', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 a:h.example/24//64 mx/28 -all"
h.example. A 192.0.2.77
h.example. AAAA 2001:db8::77
ex.example. MX 10 m.example.
m.example. A 198.51.100.33
`);
    const r = await flattenSpf('ex.example', dns);
    expect(rootText(r)).toBe('v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.32/28 ip6:2001:db8::/64 -all');
    expect(r.proof?.equivalent).toBe(true);
  });
});

describe('IPv4-mapped addresses (RFC 7208 §5: a ::ffff:a.b.c.d client is the IPv4 client)', () => {
  it('gives a mapped client the IPv4 result on both sides, with an ip6 term over ::ffff:0:0/96 kept as written', async () => {
    const dns = zone(`ex.example. TXT "v=spf1 ip6:::ffff:192.0.2.0/120 ip4:198.51.100.0/24 -all"`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.proof?.equivalent).toBe(true);
    const flat = flattenedDns(dns, r);
    for (const [ip, want] of [['::ffff:192.0.2.5', 'fail'], ['::ffff:198.51.100.7', 'pass'], ['192.0.2.5', 'fail']] as const) {
      expect(await resultOn(flat, 'ex.example', ip), ip).toBe(want);
      expect(await resultOn(dns, 'ex.example', ip, true), ip).toBe(want);
    }
  });
});

describe('an already-broken original is refused, not flattened (RFC 7208 §4.6.4)', () => {
  it('refuses a record over the void-lookup limit, naming the term', async () => {
    const r = await flattenSpf('ex.example', zone(`ex.example. TXT "v=spf1 a:n1.example a:n2.example a:n3.example ip4:10.0.0.1 -all"`));
    expect(r.status).toBe('refused');
    expect(r.records).toEqual([]);
    expect(r.refusals[0]).toEqual(expect.objectContaining({ domain: 'ex.example', term: 'a:n3.example' }));
    expect(r.refusals[0]?.message).toMatch(/3rd void lookup .* permerror after 2/);
  });

  it('counts void lookups per address family: a name with A records only is void for IPv6 clients', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 a:v4.example a:v4.example include:p.example ip6:2001:db8::/32 -all"
p.example. TXT "v=spf1 a:v4.example"
v4.example. A 192.0.2.1
`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.status).toBe('refused');
    expect(r.refusals[0]?.message).toMatch(/3rd void lookup for IPv6 clients \(v4\.example has no AAAA record\)/);
  });

  it('counts each MX host without addresses of a family as a void lookup for that family, as pyspf and Mail::SPF do', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 mx ip4:10.0.0.1 -all"
ex.example. MX 10 gone.example.
ex.example. MX 20 v4.example.
ex.example. MX 30 bare.example.
v4.example. A 192.0.2.1
bare.example. TXT "not a mail host"
`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.status).toBe('refused');
    // IPv4 clients meet two (gone, bare): at the limit; IPv6 clients three
    expect(r.refusals[0]).toEqual(expect.objectContaining({ domain: 'ex.example', term: 'mx' }));
    expect(r.refusals[0]?.message).toMatch(/3rd void lookup for IPv6 clients \(MX host bare\.example has no AAAA record\)/);
  });

  it('refuses when the original gives permerror at some address through message-dependent void lookups', async () => {
    // two void a: terms, then exists:%{i}: void for every address but 10.0.0.9
    const dns = zone(`
ex.example. TXT "v=spf1 a:n1.example a:n2.example exists:%{i}.allow.example ip4:10.0.0.0/24 -all"
10.0.0.9.allow.example. A 127.0.0.2
`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.status).toBe('refused');
    expect(r.records).toEqual([]);
    expect(r.refusals[0]?.message).toMatch(/source policy gives permerror .*original: more than 2 void lookups/);
    expect(flattenFindings(r).map((f) => f.id)).toContain('flatten-refused');
  });

  it('flattens a single void a: term away, and says so', async () => {
    const r = await flattenSpf('ex.example', zone(`ex.example. TXT "v=spf1 a:gone.example ip4:10.0.0.1 -all"`));
    expect(rootText(r)).toBe('v=spf1 ip4:10.0.0.1 -all');
    expect(r.warnings).toContainEqual(expect.stringContaining("'a:gone.example' in ex.example finds no address"));
  });
});

describe('exp= (RFC 7208 §6.2)', () => {
  it('keeps the exp= of the redirect target whose -all gives most fail results', async () => {
    const dns = zone(`
ex.example. TXT "v=spf1 -ip4:10.0.0.1 redirect=r.example exp=a.example"
r.example. TXT "v=spf1 ip4:10.0.0.2 -all exp=b.example"
a.example. TXT "A"
b.example. TXT "B"
`);
    const r = await flattenSpf('ex.example', dns);
    // 10.0.0.1 fails at the final -all anyway: only its explanation changes
    expect(rootText(r)).toBe('v=spf1 ip4:10.0.0.2 -all exp=b.example');
    expect(r.warnings).toContainEqual(expect.stringContaining('keeps exp=b.example, the one that explains the final -all'));
    expect(r.proof?.explanationMismatches.map((m) => m.address)).toEqual(['10.0.0.1']);
  });
});

describe('answer sizes (RFC 1035 §4.1, RFC 7208 §3.4)', () => {
  it('is the size of the encoded response, owners compressed to pointers (RFC 1035 §4.1.4)', () => {
    const text = `v=spf1 ${Array.from({ length: 30 }, (_, i) => `ip4:10.${i}.0.0/16`).join(' ')} -all`;
    const other = 'google-site-verification=0123456789';
    const encoded = dnsPacket.encode({
      type: 'response',
      id: 1,
      flags: 0,
      questions: [{ type: 'TXT', name: 'ex.example' }],
      answers: [
        { type: 'TXT', name: 'ex.example', ttl: 300, data: [Buffer.from(other, 'latin1')] },
        { type: 'TXT', name: 'ex.example', ttl: 300, data: splitTxtStrings(text).map((s) => Buffer.from(s, 'latin1')) },
      ],
    });
    // dns-packet writes every owner in full; a server points back to the question's name instead
    const compressed = encoded.length - 2 * (nameWireLength('ex.example') - 2);
    const others = [{ type: 'TXT' as const, name: 'ex.example', ttl: 300, strings: [Uint8Array.from(Buffer.from(other, 'latin1'))] }];
    expect(answerBytes('ex.example', text, others)).toBe(compressed);
  });

  it('counts the EDNS OPT record when the answer may be larger than 512 bytes (RFC 6891 §6.1.2)', async () => {
    const dns = zone(`ex.example. TXT "v=spf1 ip4:10.0.0.1 -all"`);
    const small = await flattenSpf('ex.example', dns);
    const large = await flattenSpf('ex.example', dns, { udpSize: 1232 });
    expect(large.records[0]!.answerBytes - small.records[0]!.answerBytes).toBe(OPT_RECORD_BYTES);
  });

  it('moves a run of fail terms to a chained record behind -include, keeping every answer within 512 bytes', async () => {
    const fails = Array.from({ length: 40 }, (_, i) => `-ip4:10.${i}.0.1`);
    const passes = Array.from({ length: 40 }, (_, i) => `ip4:10.${i}.0.0/24`);
    const strings = [...fails, ...passes].reduce<string[][]>((acc, t, i) => (i % 10 === 0 ? [...acc, [t]] : (acc[acc.length - 1]!.push(t), acc)), []);
    const dns = zone(`ex.example. TXT ${strings.map((s, i) => `"${i === 0 ? 'v=spf1 ' : ' '}${s.join(' ')}"`).join(' ')} " ~all"`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.status).toBe('flattened');
    expect(rootText(r)).toMatch(/-include:_spf\d\.ex\.example/);
    for (const rec of r.records.filter((x) => x.role !== 'source')) expect(rec.answerBytes).toBeLessThanOrEqual(512);
    const flat = flattenedDns(dns, r);
    expect(await resultOn(flat, 'ex.example', '10.7.0.1')).toBe('fail');
    expect(await resultOn(flat, 'ex.example', '10.7.0.2')).toBe('pass');
    expect(r.proof?.equivalent).toBe(true);
  });
});

describe('where the records go', () => {
  it('refuses a domain that is an alias: nothing can be published beside a CNAME (RFC 1034 §3.6.2)', async () => {
    const dns = zone(`alias.example. CNAME ex.example.\nex.example. TXT "v=spf1 ip4:192.0.2.1 -all"`);
    const r = await flattenSpf('alias.example', dns);
    expect(r.status).toBe('refused');
    expect(r.refusals[0]?.message).toContain('alias.example is an alias (CNAME) of ex.example');
  });

  it('warns when a chained record name already holds other TXT records', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `ip4:10.${i}.0.0/24`);
    const strings = Array.from({ length: 6 }, (_, i) => `"${i === 0 ? 'v=spf1 ' : ' '}${many.slice(i * 10, i * 10 + 10).join(' ')}"`);
    const dns = zone(`ex.example. TXT ${strings.join(' ')} " -all"\n_spf1.ex.example. TXT "owner=someone-else"`);
    const r = await flattenSpf('ex.example', dns);
    expect(r.records.map((x) => x.name)).toContain('_spf1.ex.example');
    expect(r.warnings).toContainEqual(expect.stringContaining('_spf1.ex.example already holds 1 other TXT record(s)'));
  });
});

describe('--check', () => {
  it('cannot check when the only policy found is the flattened record itself', async () => {
    const world = await loadZoneResolver(['fixtures/flatten/world']);
    const published = await loadZoneResolver(['fixtures/flatten/published/no-source/acme.example.zone']);
    const check = await checkPublished('acme.example', overlayResolver(published, world), published);
    expect(check.stale).toBe(false);
    expect(check.problems).toContainEqual(expect.stringContaining('the only policy found for acme.example is the flattened record itself'));
  });
});

describe('Markdown', () => {
  it('gives the zone-file lines in a code block, the proof, and the frozen TTLs', async () => {
    const dns = zone(`ex.example. TXT "v=spf1 include:p.example -all"\np.example. TXT "v=spf1 ip4:192.0.2.0/24"`);
    const r = await flattenSpf('ex.example', dns);
    const md = renderFlattenMarkdown(r, flattenFindings(r));
    expect(md).toContain('```zone\nex.example. 300 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"\n');
    expect(md).toContain('**Proven:**');
    expect(md).toContain('| `p.example` | include | 300 | 1 |');
  });
});
