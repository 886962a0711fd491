import { describe, expect, it } from 'vitest';
import { expandSpf } from '../../src/spf/expand.js';
import { SPF_FINDINGS, spfFindings } from '../../src/spf/findings.js';
import type { ExpandOptions } from '../../src/spf/expand-types.js';
import type { Finding } from '../../src/findings/types.js';
import type { Resolver } from '../../src/dns/types.js';
import type { ZoneFailure } from '../../src/dns/zone-resolver.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { latin1ToBytes } from '../../src/model/txt.js';
import { zone } from './expand-zone.js';

interface Setup {
  zone: string | (() => Resolver);
  domain?: string;
  failures?: ZoneFailure[];
  options?: ExpandOptions;
}

async function findingsOf(setup: Setup): Promise<Finding[]> {
  const resolver = typeof setup.zone === 'string' ? zone(setup.zone, setup.failures) : setup.zone();
  return spfFindings(await expandSpf(setup.domain ?? 'example.com', resolver, setup.options));
}

/** `n` providers, each costing two lookups (the include and one a: term). */
function providers(n: number, from = 0): string {
  return Array.from({ length: n }, (_, k) => {
    const i = k + from;
    return `p${i}.example. TXT "v=spf1 a:h${i}.example -all"\nh${i}.example. A 192.0.2.${i + 1}`;
  }).join('\n');
}
const includes = (n: number): string => Array.from({ length: n }, (_, i) => `include:p${i}.example`).join(' ');
/** A record whose tree costs exactly `lookups` (an odd count adds one a: term). */
function costing(lookups: number): string {
  const pairs = Math.floor(lookups / 2);
  const extra = lookups % 2 === 1 ? ' a:h0.example' : '';
  return `example.com. TXT "v=spf1 ${includes(pairs)}${extra} -all"\n${providers(Math.max(pairs, 1))}`;
}

/** A zone built from records directly, for what a master file cannot express (a 300-byte string). */
function longStringZone(length: number): () => Resolver {
  const text = `v=spf1 -all x=${'a'.repeat(length - 'v=spf1 -all x='.length)}`;
  return () =>
    ZoneResolver.fromRecords([{ type: 'TXT', name: 'example.com', ttl: 300, strings: [latin1ToBytes(text)], source: { file: 'big.zone', line: 7 } }]);
}

interface Case {
  id: keyof typeof SPF_FINDINGS;
  why: string;
  fires: Setup;
  /** What the fired finding must look like (beyond its id). */
  expect?: Partial<Omit<Finding, 'evidence'>> & { evidence?: Partial<Finding['evidence']> };
  quiet: Setup;
  quietWhy: string;
}

const CASES: Case[] = [
  {
    id: 'spf-none',
    why: 'the domain has no TXT record at all',
    fires: { zone: `www.example.com. A 192.0.2.1` },
    expect: { evidence: { domain: 'example.com', record: null } },
    quiet: { zone: `example.com. TXT "v=spf1 -all"` },
    quietWhy: 'a record exists',
  },
  {
    id: 'spf-multiple-records',
    why: 'two TXT records start with v=spf1',
    fires: { zone: `example.com. TXT "v=spf1 -all"\nexample.com. TXT "v=spf1 ~all"` },
    expect: { evidence: { record: 'v=spf1 -all | v=spf1 ~all', file: 'test.zone', line: 2 } },
    quiet: { zone: `example.com. TXT "v=spf1 -all"\nexample.com. TXT "v=spf10 ~all"` },
    quietWhy: '"v=spf10" is not an SPF version 1 record',
  },
  {
    id: 'spf-type99-record',
    why: 'a type 99 record differs from the TXT one',
    fires: { zone: `example.com. TXT "v=spf1 -all"\nexample.com. SPF "v=spf1 +all"` },
    // The evidence points at the type 99 record (the one to delete), not the TXT one on line 2.
    expect: { severity: 'warning', evidence: { record: 'v=spf1 +all', file: 'test.zone', line: 3 } },
    quiet: { zone: `example.com. TXT "v=spf1 -all"` },
    quietWhy: 'no type 99 record',
  },
  {
    id: 'spf-syntax-error',
    why: 'a /33 prefix on ip4',
    fires: { zone: `example.com. TXT "v=spf1 ip4:192.0.2.0/33 -all"` },
    expect: { evidence: { position: 20, record: 'v=spf1 ip4:192.0.2.0/33 -all', file: 'test.zone', line: 2 } },
    quiet: { zone: `example.com. TXT "v=spf1 ip4:192.0.2.0/32 -all"` },
    quietWhy: '/32 is valid',
  },
  {
    id: 'spf-too-many-lookups',
    why: '11 lookups',
    fires: { zone: costing(11) },
    expect: { evidence: { domain: 'example.com', position: 7 + includes(5).length + 1, path: ['example.com'] } },
    quiet: { zone: costing(10) },
    quietWhy: '10 is within the limit',
  },
  {
    id: 'spf-lookups-near-limit',
    why: '9 lookups',
    fires: { zone: costing(9) },
    quiet: { zone: costing(8) },
    quietWhy: '8 leaves headroom',
  },
  {
    id: 'spf-too-many-void-lookups',
    why: 'three names that do not exist',
    fires: { zone: `example.com. TXT "v=spf1 a:x.example.com a:y.example.com a:z.example.com -all"` },
    expect: { evidence: { position: 39 } },
    quiet: { zone: `example.com. TXT "v=spf1 a:x.example.com a:y.example.com -all"` },
    quietWhy: 'two void lookups are allowed',
  },
  {
    id: 'spf-void-lookups-one-family',
    why: 'three MX hosts with AAAA records only: three void A lookups for IPv4 clients',
    fires: {
      zone: [
        `example.com. TXT "v=spf1 mx -all"`,
        ...[1, 2, 3].map((i) => `example.com. MX ${i * 10} v6-${i}.example.com.\nv6-${i}.example.com. AAAA 2001:db8::${i}`),
      ].join('\n'),
    },
    expect: { severity: 'warning', evidence: { domain: 'example.com', position: 7, file: 'test.zone', line: 2 } },
    quiet: {
      zone: [
        `example.com. TXT "v=spf1 mx -all"`,
        ...[1, 2].map((i) => `example.com. MX ${i * 10} v6-${i}.example.com.\nv6-${i}.example.com. AAAA 2001:db8::${i}`),
      ].join('\n'),
    },
    quietWhy: 'two void lookups for IPv4 clients are allowed',
  },
  {
    id: 'spf-void-lookup',
    why: 'an a: term names a host that does not exist',
    fires: { zone: `example.com. TXT "v=spf1 a:old-relay.example.com ip4:192.0.2.1 -all"` },
    expect: { severity: 'info', evidence: { position: 7, file: 'test.zone', line: 2 } },
    quiet: { zone: `example.com. TXT "v=spf1 a:relay.example.com -all"\nrelay.example.com. AAAA 2001:db8::25` },
    quietWhy: 'the host has an address (of either family)',
  },
  {
    id: 'spf-include-loop',
    why: 'b includes a again',
    fires: { zone: `example.com. TXT "v=spf1 include:b.example -all"\nb.example. TXT "v=spf1 include:example.com -all"` },
    expect: { evidence: { domain: 'b.example', position: 7, path: ['example.com', 'b.example', 'example.com'] } },
    quiet: { zone: `example.com. TXT "v=spf1 include:b.example -all"\nb.example. TXT "v=spf1 -all"` },
    quietWhy: 'no cycle',
  },
  {
    id: 'spf-include-without-spf',
    why: 'the include target has only a verification TXT',
    fires: { zone: `example.com. TXT "v=spf1 include:b.example -all"\nb.example. TXT "verify=1"` },
    expect: { evidence: { domain: 'example.com', position: 7, path: ['example.com', 'b.example'] } },
    quiet: { zone: `example.com. TXT "v=spf1 include:b.example -all"\nb.example. TXT "v=spf1 -all"` },
    quietWhy: 'the target has SPF',
  },
  {
    id: 'spf-duplicate-include',
    why: 'shared.example is reached twice',
    fires: {
      zone: `example.com. TXT "v=spf1 include:a.example include:shared.example -all"\na.example. TXT "v=spf1 include:shared.example -all"\nshared.example. TXT "v=spf1 -all"`,
    },
    expect: { evidence: { domain: 'example.com', path: ['example.com', 'shared.example'] } },
    quiet: { zone: `example.com. TXT "v=spf1 include:a.example include:shared.example -all"\na.example. TXT "v=spf1 -all"\nshared.example. TXT "v=spf1 -all"` },
    quietWhy: 'each domain once',
  },
  {
    id: 'spf-plus-all',
    why: 'a bare all is +all',
    fires: { zone: `example.com. TXT "v=spf1 ip4:192.0.2.1 all"` },
    expect: { evidence: { position: 21 } },
    quiet: { zone: `example.com. TXT "v=spf1 ip4:192.0.2.1 -all"` },
    quietWhy: '-all',
  },
  {
    id: 'spf-neutral-all',
    why: 'the domain’s own record ends in ?all',
    fires: { zone: `example.com. TXT "v=spf1 ip4:192.0.2.1 ?all"` },
    quiet: { zone: `example.com. TXT "v=spf1 include:p.example -all"\np.example. TXT "v=spf1 ip4:192.0.2.1 ?all"` },
    quietWhy: '?all inside an include only ends the include without a match',
  },
  {
    id: 'spf-no-all',
    why: 'no all, no redirect',
    fires: { zone: `example.com. TXT "v=spf1 ip4:192.0.2.1"` },
    expect: { evidence: { position: 'v=spf1 ip4:192.0.2.1'.length } },
    quiet: { zone: `example.com. TXT "v=spf1 ip4:192.0.2.1 redirect=r.example"\nr.example. TXT "v=spf1 -all"` },
    quietWhy: 'a redirect decides the rest',
  },
  {
    id: 'spf-ptr',
    why: 'ptr is used',
    fires: { zone: `example.com. TXT "v=spf1 ptr -all"` },
    quiet: { zone: `example.com. TXT "v=spf1 a -all"\nexample.com. A 192.0.2.1` },
    quietWhy: 'a instead of ptr',
  },
  {
    id: 'spf-wide-range',
    why: 'ip4:0.0.0.0/1 is half the internet',
    fires: { zone: `example.com. TXT "v=spf1 ip4:0.0.0.0/1 -all"` },
    expect: { severity: 'error' },
    quiet: { zone: `example.com. TXT "v=spf1 -ip4:0.0.0.0/1 ip4:192.0.0.0/13 ip6:2001:db8::/32 -all"` },
    quietWhy: 'a wide fail range is fine; /13 and an IPv6 /32 are below the thresholds',
  },
  {
    id: 'spf-terms-after-all',
    why: 'an include after -all',
    fires: { zone: `example.com. TXT "v=spf1 -all include:p0.example"\n${providers(1)}` },
    expect: { evidence: { position: 12 } },
    quiet: { zone: `example.com. TXT "v=spf1 include:p0.example -all"\n${providers(1)}` },
    quietWhy: 'all is last',
  },
  {
    id: 'spf-redirect-with-all',
    why: 'redirect beside ~all',
    fires: { zone: `example.com. TXT "v=spf1 ~all redirect=r.example"\nr.example. TXT "v=spf1 -all"` },
    expect: { evidence: { position: 12 } },
    quiet: { zone: `example.com. TXT "v=spf1 redirect=r.example"\nr.example. TXT "v=spf1 -all"` },
    quietWhy: 'redirect alone',
  },
  {
    id: 'spf-string-too-long',
    why: 'one 300-byte character-string',
    fires: { zone: longStringZone(300) },
    expect: { evidence: { file: 'big.zone', line: 7 } },
    quiet: { zone: longStringZone(255) },
    quietWhy: '255 bytes is the maximum',
  },
  {
    id: 'spf-record-too-large',
    why: 'two long strings and another TXT record exceed 512 bytes',
    fires: {
      zone: `example.com. TXT "v=spf1 ${'ip4:192.0.2.1 '.repeat(17)}" "${'ip4:192.0.2.2 '.repeat(17)}-all"\nexample.com. TXT "${'x'.repeat(60)}"`,
    },
    quiet: { zone: `example.com. TXT "v=spf1 ${'ip4:192.0.2.1 '.repeat(15)}" "${'ip4:192.0.2.2 '.repeat(15)}-all"` },
    quietWhy: 'a shorter record fits in 512 bytes',
  },
  {
    id: 'spf-dns-failure',
    why: 'an include target times out',
    fires: {
      zone: `example.com. TXT "v=spf1 include:slow.example -all"`,
      failures: [{ name: 'slow.example', failure: 'timeout', exceptTypes: [] }],
    },
    expect: { evidence: { domain: 'slow.example', path: ['example.com', 'slow.example'] } },
    quiet: { zone: `example.com. TXT "v=spf1 include:slow.example -all"\nslow.example. TXT "v=spf1 -all"` },
    quietWhy: 'it answers',
  },
  {
    id: 'spf-mx-too-many-names',
    why: '11 MX hosts',
    fires: {
      zone: `example.com. TXT "v=spf1 mx -all"\n${Array.from({ length: 11 }, (_, i) => `example.com. MX ${i} m${i}.example.com.\nm${i}.example.com. A 192.0.2.${i}`).join('\n')}`,
    },
    quiet: {
      zone: `example.com. TXT "v=spf1 mx -all"\n${Array.from({ length: 10 }, (_, i) => `example.com. MX ${i} m${i}.example.com.\nm${i}.example.com. A 192.0.2.${i}`).join('\n')}`,
    },
    quietWhy: '10 is the limit',
  },
  {
    id: 'spf-macro-not-followed',
    why: 'include depends on the client address',
    fires: { zone: `example.com. TXT "v=spf1 include:%{ir}._spf.example.com -all"` },
    expect: { severity: 'info' },
    quiet: { zone: `example.com. TXT "v=spf1 include:_spf.%{d} -all"\n_spf.example.com. TXT "v=spf1 -all"` },
    quietWhy: '%{d} is known without a message',
  },
  {
    id: 'spf-expansion-truncated',
    why: 'more domains than maxDomains',
    fires: { zone: costing(6), options: { maxDomains: 2 } },
    quiet: { zone: costing(6) },
    quietWhy: 'the default bound is far above',
  },
];

describe('SPF findings: each fires where it should and not where it should not', () => {
  it('has a case for every defined finding', () => {
    expect(CASES.map((c) => c.id).sort()).toEqual(Object.keys(SPF_FINDINGS).sort());
  });

  for (const c of CASES) {
    it(`${c.id} fires: ${c.why}`, async () => {
      const found = (await findingsOf(c.fires)).filter((f) => f.id === c.id);
      expect(found.length).toBeGreaterThan(0);
      const f = found[0]!;
      expect(f.message).toMatch(/RFC \d+ §/);
      const { evidence, ...rest } = c.expect ?? {};
      expect(f).toMatchObject(rest);
      if (evidence) expect(f.evidence).toMatchObject(evidence);
      if (c.expect?.fix !== null) expect(f.fix).toEqual(expect.any(String));
    });
    it(`${c.id} stays quiet: ${c.quietWhy}`, async () => {
      expect((await findingsOf(c.quiet)).map((f) => f.id)).not.toContain(c.id);
    });
  }
});

describe('SPF findings: details', () => {
  it('names the term where the lookup limit is crossed, deep in an include, with its zone line', async () => {
    const found = await findingsOf({
      zone: `example.com. TXT "v=spf1 ${includes(4)} include:deep.example -all"\ndeep.example. TXT "v=spf1 include:p4.example include:p5.example"\n${providers(6)}`,
    });
    const f = found.find((x) => x.id === 'spf-too-many-lookups');
    // 4 providers: 8; include:deep 9; include:p4 10; a:h4.example is the 11th
    expect(f?.evidence).toMatchObject({ domain: 'p4.example', position: 7, path: ['example.com', 'deep.example', 'p4.example'], file: 'test.zone' });
    expect(f?.message).toContain("'a:h4.example'");
    expect(f?.message).toContain('example.com > deep.example > p4.example');
  });

  it('lists every record of a name with two, with its zone line', async () => {
    const found = await findingsOf({ zone: `example.com. TXT "v=spf1 -all"\nexample.com. TXT "v=spf1 ~all"` });
    const f = found.find((x) => x.id === 'spf-multiple-records');
    expect(f?.message).toContain('line 2: "v=spf1 -all", line 3: "v=spf1 ~all"');
  });

  it('names the ranges that only terms past the lookup limit authorize', async () => {
    // 4 providers: 8 lookups; include:q.example 9, include:r.example 10, include:late.example 11.
    const found = await findingsOf({
      zone: [
        `example.com. TXT "v=spf1 ${includes(4)} include:q.example include:r.example include:late.example -all"`,
        `q.example. TXT "v=spf1 ip4:192.0.2.64/26 -all"`,
        `r.example. TXT "v=spf1 -all"`,
        `late.example. TXT "v=spf1 ip4:192.0.2.64/27 ip4:198.51.100.0/24 ip6:2001:db8::/48 -all"`,
        providers(4),
      ].join('\n'),
    });
    const f = found.find((x) => x.id === 'spf-too-many-lookups');
    // 192.0.2.64/27 is already passed by q.example, before the limit: only the rest is lost.
    expect(f?.message).toContain(': 198.51.100.0/24, 2001:db8::/48 are authorized only past the limit');
  });

  it('fires near-limit at exactly 10, and only too-many past it', async () => {
    expect((await findingsOf({ zone: costing(10) })).map((f) => f.id)).toContain('spf-lookups-near-limit');
    const over = (await findingsOf({ zone: costing(11) })).map((f) => f.id);
    expect(over).toContain('spf-too-many-lookups');
    expect(over).not.toContain('spf-lookups-near-limit');
  });

  it('grades wide ranges by family and width', async () => {
    const found = await findingsOf({
      zone: `example.com. TXT "v=spf1 ip4:10.0.0.0/12 ip6:2001::/16 ip6:2001:db8::/31 a/8 -all"\nexample.com. A 198.51.100.1`,
    });
    const wide = found.filter((f) => f.id === 'spf-wide-range').map((f) => [f.evidence.position, f.severity]);
    expect(wide).toEqual([
      [7, 'warning'],
      [23, 'error'],
      [37, 'warning'],
      [55, 'error'],
    ]);
  });

  it('notes a type 99 record equal to the TXT record as info only', async () => {
    const found = await findingsOf({ zone: `example.com. TXT "v=spf1 -all"\nexample.com. SPF "v=spf1 -all"` });
    expect(found.find((f) => f.id === 'spf-type99-record')?.severity).toBe('info');
  });

  it('reports +all reached through an include against the include', async () => {
    const found = await findingsOf({ zone: `example.com. TXT "v=spf1 include:open.example -all"\nopen.example. TXT "v=spf1 +all"` });
    const f = found.find((x) => x.id === 'spf-plus-all');
    expect(f?.evidence).toMatchObject({ domain: 'open.example', path: ['example.com', 'open.example'] });
    expect(f?.message).toContain("'include:open.example' in example.com matches every host");
  });

  it('says which receivers give permerror when MX hosts without addresses pass the void limit, and the fix', async () => {
    const found = await findingsOf({
      zone: [
        `example.com. TXT "v=spf1 mx ip4:192.0.2.0/24 -all"`,
        `example.com. MX 10 gone1.example.com.`,
        `example.com. MX 20 gone2.example.com.`,
        `example.com. MX 30 gone3.example.com.`,
      ].join('\n'),
    });
    const over = found.find((f) => f.id === 'spf-too-many-void-lookups');
    expect(over?.evidence).toMatchObject({ domain: 'example.com', position: 7, file: 'test.zone', line: 2 });
    expect(over?.message).toContain('void lookup 3 is the address lookup of MX host gone3.example.com');
    expect(over?.message).toContain(
      "receivers that count each MX host's address lookup as a void lookup (pyspf, Mail::SPF; mailauth counts a host with no address at all) give permerror",
    );
    expect(over?.message).toContain('(RFC 7208 §4.6.4)');
    expect(over?.fix).toBe(
      "Remove or fix the MX hosts gone1.example.com, gone2.example.com and gone3.example.com (delete the MX records of hosts that no longer exist, or publish their addresses), or replace 'mx' by ip4/ip6 terms for the hosts that send mail.",
    );
    const hosts = found.find((f) => f.id === 'spf-void-lookup');
    expect(hosts?.severity).toBe('info');
    expect(hosts?.message).toContain('names MX hosts gone1.example.com, gone2.example.com and gone3.example.com');
    expect(hosts?.message).toContain('count them as void lookups 1, 2 and 3 of the 2 allowed, and give permerror at gone3.example.com');
  });

  it('notes one MX host without addresses as one void lookup, within the limit', async () => {
    const found = await findingsOf({
      zone: [
        `example.com. TXT "v=spf1 mx -all"`,
        `example.com. MX 10 gone.example.com.`,
        `example.com. MX 20 mail.example.com.`,
        `mail.example.com. A 192.0.2.25`,
      ].join('\n'),
    });
    expect(found.map((f) => f.id)).toEqual(['spf-void-lookup']);
    expect(found[0]?.message).toContain('names MX host gone.example.com, which has no address records or does not exist');
    expect(found[0]?.message).toContain('count it as void lookup 1 of the 2 allowed before permerror; it matches nothing');
    expect(found[0]?.fix).toContain("Remove or fix the MX host gone.example.com");
  });

  it('says when clients of one family only pass the void limit, and who counts their lookups', async () => {
    // IPv6 clients: a:v4.example.com (A only), then MX hosts m1 and m2 (A only): three void AAAA lookups
    const found = await findingsOf({
      zone: [
        `example.com. TXT "v=spf1 a:v4.example.com mx include:p0.example -all"`,
        `v4.example.com. A 192.0.2.1`,
        `example.com. MX 10 m1.example.com.`,
        `example.com. MX 20 m2.example.com.`,
        `m1.example.com. A 192.0.2.25`,
        `m2.example.com. A 192.0.2.26`,
        `p0.example. TXT "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all"`,
      ].join('\n'),
    });
    expect(found.map((f) => f.id)).toEqual(['spf-void-lookups-one-family']);
    const f = found[0]!;
    expect(f.message).toContain('IPv6 clients meet up to 3 void lookups');
    expect(f.message).toContain('because v4.example.com, m1.example.com and m2.example.com have A records only');
    expect(f.message).toContain("void lookup 3 is the AAAA lookup of MX host m2.example.com for 'mx' in example.com");
    expect(f.message).toContain(
      "receivers that count each MX host's address lookup as a void lookup (pyspf, Mail::SPF; mailauth counts a host with no address at all) give permerror there",
    );
    expect(f.fix).toBe("Replace 'a:v4.example.com' and 'mx' by ip4/ip6 terms for the hosts that send mail, or give v4.example.com, m1.example.com and m2.example.com AAAA records too.");
  });

  it('names the a: terms alone when no MX host is among the names of one family', async () => {
    const found = await findingsOf({ zone: `example.com. TXT "v=spf1 a:x.example.com a:y.example.com a:z.example.com -all"
${['x', 'y', 'z'].map((n) => `${n}.example.com. AAAA 2001:db8::1`).join('\n')}` });
    const f = found.find((x) => x.id === 'spf-void-lookups-one-family');
    expect(f?.message).toContain("void lookup 3 is 'a:z.example.com' in example.com");
    expect(f?.message).toContain(
      "receivers that count each address lookup of the client's family as a void lookup (pyspf, Mail::SPF; mailauth counts a name with no address at all) give permerror there",
    );
  });

  it('finds nothing to say about a clean record', async () => {
    const found = await findingsOf({ zone: `example.com. TXT "v=spf1 ip4:192.0.2.0/24 include:p0.example -all"\n${providers(1)}` });
    expect(found).toEqual([]);
  });
});
