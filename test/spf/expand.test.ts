import { describe, expect, it } from 'vitest';
import { expandSpf } from '../../src/spf/expand.js';
import { rangesPastLimit } from '../../src/spf/expand-lost.js';
import type { SpfTreeNode } from '../../src/spf/expand-types.js';
import { termView, type TermView } from '../../src/spf/tree-json.js';
import { GatedResolver, RecordingResolver, zone } from './expand-zone.js';

/** The term of `node` written as `text`. */
function term(node: SpfTreeNode | null | undefined, text: string): TermView {
  const found = node?.terms.find((t) => t.text === text);
  if (!found) throw new Error(`no term ${text} in ${node?.domain ?? 'no node'}`);
  return termView(found);
}

/** `n` includes of distinct providers that each cost `each - 1` more lookups (a chain of a: terms). */
function providers(count: number): string {
  return Array.from({ length: count }, (_, i) => `p${i}.example. TXT "v=spf1 a:h${i}.example -all"\nh${i}.example. A 192.0.2.${i + 1}`).join('\n');
}

describe('expansion: lookups counted in RFC 7208 §4.6.4 evaluation order', () => {
  const tree = zone(`
example.com. TXT "v=spf1 include:_spf.example.com mx a:mail.example.com ip4:192.0.2.0/24 exists:ok.example.com -all"
_spf.example.com. TXT "v=spf1 ip6:2001:db8::/32 include:other.example.net ~all"
other.example.net. TXT "v=spf1 ip4:198.51.100.7 a -all"
other.example.net. A 198.51.100.8
example.com. MX 10 mx1.example.com.
mx1.example.com. A 203.0.113.5
mail.example.com. A 203.0.113.6
ok.example.com. A 127.0.0.2
`);

  it('counts each include’s record in place of the include, with a running total per term', async () => {
    const e = await expandSpf('example.com', tree);
    const inc = term(e.root, 'include:_spf.example.com');
    expect(inc.lookup).toBe(1);
    const inner = term(inc.child, 'include:other.example.net');
    expect(inner.lookup).toBe(2);
    expect(term(inner.child, 'a').lookup).toBe(3);
    // the include's running total covers everything it pulled in
    expect(inc.runningTotal).toBe(3);
    expect(term(e.root, 'mx').lookup).toBe(4);
    expect(term(e.root, 'a:mail.example.com').lookup).toBe(5);
    expect(term(e.root, 'ip4:192.0.2.0/24')).toMatchObject({ cost: 0, lookup: null, runningTotal: 5 });
    expect(term(e.root, 'exists:ok.example.com')).toMatchObject({ lookup: 6, exists: true });
    expect(e.lookups).toMatchObject({ total: 6, void: 0, crossing: null });
    expect(e.root).toMatchObject({ lookups: 4, subtreeLookups: 6, lookupsBefore: 0 });
    expect(inc.child).toMatchObject({ lookups: 1, subtreeLookups: 2, lookupsBefore: 1, path: ['example.com', '_spf.example.com'] });
  });

  it('resolves a and mx terms to the blocks they match, and lists ranges in evaluation order', async () => {
    const e = await expandSpf('example.com', tree);
    expect(term(e.root, 'mx').hosts).toEqual([
      {
        name: 'mx1.example.com',
        preference: 10,
        ip4: ['203.0.113.5'],
        ip6: [],
        empty: false,
        failure: null,
        ip4Failure: null,
        ip6Failure: null,
        ranges: ['203.0.113.5/32'],
        voidNumber: null,
        pastLimit: false,
      },
    ]);
    expect(e.ranges.map((r) => `${r.qualifier}${r.cidr}@${r.domain}`)).toEqual([
      '+2001:db8::/32@_spf.example.com',
      '+198.51.100.7/32@other.example.net',
      '+198.51.100.8/32@other.example.net',
      '+203.0.113.5/32@example.com',
      '+203.0.113.6/32@example.com',
      '+192.0.2.0/24@example.com',
    ]);
  });

  it('counts redirect after every mechanism, wherever it is written (RFC 7208 §6.1)', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 redirect=_spf.example.com a:mail.example.com"
mail.example.com. A 192.0.2.1
_spf.example.com. TXT "v=spf1 mx -all"
_spf.example.com. MX 0 mail.example.com.
`),
    );
    expect(term(e.root, 'a:mail.example.com').lookup).toBe(1);
    const redirect = term(e.root, 'redirect=_spf.example.com');
    expect(redirect.lookup).toBe(2);
    expect(term(redirect.child, 'mx').lookup).toBe(3);
    expect(redirect.child?.via).toBe('redirect');
  });

  it('applies the dual CIDR of a and mx to every address (RFC 7208 §5.6)', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 a/24//64 mx/30 -all"
example.com. A 192.0.2.77
example.com. AAAA 2001:db8:1:2::5
example.com. MX 10 mx.example.com.
mx.example.com. A 198.51.100.9
`),
    );
    expect(term(e.root, 'a/24//64').ranges).toEqual(['192.0.2.0/24', '2001:db8:1:2::/64']);
    expect(term(e.root, 'mx/30').ranges).toEqual(['198.51.100.8/30']);
    expect(e.totals).toEqual({ ip4Addresses: 256 + 4, ip6Addresses: (1n << 64n).toString(), ip4Ranges: 2, ip6Ranges: 1 });
  });
});

describe('expansion: the lookup limit', () => {
  it('marks every term past lookup 10 and names the term and include path where it is crossed', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 include:p0.example include:p1.example include:p2.example include:big.example include:p3.example -all"
big.example. TXT "v=spf1 include:p4.example include:p5.example include:p6.example ip4:192.0.2.0/24"
${providers(7)}
`),
    );
    // p0..p2: 2 each (6); include:big 7; p4: 8, 9; include:p5 10; its a:h5.example is the 11th
    expect(e.lookups.total).toBe(6 + 1 + 6 + 2);
    expect(e.lookups.crossing).toMatchObject({
      count: 11,
      domain: 'p5.example',
      term: 'a:h5.example',
      position: 7,
      path: ['example.com', 'big.example', 'p5.example'],
      source: { file: 'test.zone', line: 15 },
    });
    const big = term(e.root, 'include:big.example');
    const p5 = term(big.child, 'include:p5.example');
    expect(p5).toMatchObject({ lookup: 10, runningTotal: 11, beyondLimit: false });
    expect(term(p5.child, 'a:h5.example')).toMatchObject({ lookup: 11, beyondLimit: true });
    expect(term(big.child, 'include:p6.example')).toMatchObject({ lookup: 12, beyondLimit: true });
    expect(term(e.root, 'include:p3.example').beyondLimit).toBe(true);
    // an ip4 term costs nothing, but after the 11th lookup a receiver never reaches it
    expect(term(p5.child, '-all')).toMatchObject({ beyondLimit: false, pastLimit: true });
    expect(term(big.child, 'ip4:192.0.2.0/24')).toMatchObject({ beyondLimit: false, pastLimit: true });
    expect(p5.pastLimit).toBe(false);
    expect(term(term(big.child, 'include:p4.example').child, '-all').pastLimit).toBe(false);
  });

  it('stays within the limit at exactly 10', async () => {
    const e = await expandSpf('example.com', zone(`example.com. TXT "v=spf1 include:p0.example include:p1.example include:p2.example include:p3.example include:p4.example -all"\n${providers(5)}`));
    expect(e.lookups.total).toBe(10);
    expect(e.lookups.crossing).toBeNull();
  });

  it('honours a different limit', async () => {
    const e = await expandSpf('example.com', zone(`example.com. TXT "v=spf1 include:p0.example include:p1.example -all"\n${providers(2)}`), { maxLookups: 3 });
    expect(e.lookups.crossing).toMatchObject({ count: 4, term: 'a:h1.example' });
  });
});

describe('expansion: void lookups (RFC 7208 §4.6.4)', () => {
  it('counts NXDOMAIN and empty answers per term, and names the term past the second', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 a:gone.example.com mx:nomx.example.com include:nothing.example.com exists:x.example.com a:v6only.example.com -all"
nomx.example.com. A 192.0.2.1
x.example.com. TXT "not an address"
v6only.example.com. AAAA 2001:db8::1
`),
    );
    expect(term(e.root, 'a:gone.example.com')).toMatchObject({ void: true, voidNumber: 1, beyondVoidLimit: false });
    expect(term(e.root, 'mx:nomx.example.com')).toMatchObject({ void: true, voidNumber: 2 });
    expect(term(e.root, 'include:nothing.example.com')).toMatchObject({ void: true, voidNumber: 3, beyondVoidLimit: true });
    expect(term(e.root, 'exists:x.example.com')).toMatchObject({ void: true, voidNumber: 4, exists: false });
    // a name with an address of either family is not void
    expect(term(e.root, 'a:v6only.example.com').void).toBe(false);
    expect(e.lookups.void).toBe(4);
    expect(e.lookups.voidCrossing).toMatchObject({ count: 3, term: 'include:nothing.example.com', path: ['example.com'] });
    expect(e.root.voidLookups).toBe(4);
    // receivers stop with permerror at the third void lookup: it and every later term never match
    expect(e.root.terms.map(termView).map((t) => [t.text, t.pastLimit])).toEqual([
      ['a:gone.example.com', false],
      ['mx:nomx.example.com', false],
      ['include:nothing.example.com', true],
      ['exists:x.example.com', true],
      ['a:v6only.example.com', true],
      ['-all', true],
    ]);
  });

  it('counts each MX host with no address at all as a void lookup, and names the host past the second (RFC 7208 §4.6.4)', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 mx ip4:192.0.2.0/24 -all"
example.com. MX 10 gone1.example.com.
example.com. MX 20 bare.example.com.
example.com. MX 30 gone2.example.com.
bare.example.com. TXT "not a mail host"
`),
    );
    const mx = term(e.root, 'mx');
    // the MX question has answers: the term's own lookup is not void; its hosts' are
    expect(mx).toMatchObject({ void: false, voidNumber: null, beyondVoidLimit: true, pastLimit: true });
    expect(mx.hosts?.map((h) => [h.name, h.voidNumber, h.pastLimit])).toEqual([
      ['gone1.example.com', 1, false],
      ['bare.example.com', 2, false],
      ['gone2.example.com', 3, true],
    ]);
    expect(e.lookups).toMatchObject({ total: 1, void: 3 });
    expect(e.lookups.voidCrossing).toMatchObject({ count: 3, term: 'mx', host: 'gone2.example.com', path: ['example.com'] });
    expect(e.root.voidLookups).toBe(3);
    // receivers stop with permerror at the third host: the ip4 term after it is never reached
    expect(term(e.root, 'ip4:192.0.2.0/24').pastLimit).toBe(true);
  });

  it('still reaches the MX hosts before the one past the void limit, and no host after it', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 mx -all"
example.com. MX 10 mail.example.com.
example.com. MX 20 gone1.example.com.
example.com. MX 30 gone2.example.com.
example.com. MX 40 gone3.example.com.
example.com. MX 50 late.example.com.
mail.example.com. A 192.0.2.10
late.example.com. A 192.0.2.20
`),
    );
    const mx = term(e.root, 'mx');
    // mail.example.com matches before any void lookup: the term is not past the limit, its last hosts are
    expect(mx).toMatchObject({ beyondVoidLimit: true, pastLimit: false });
    expect(mx.hosts?.map((h) => [h.name, h.voidNumber, h.pastLimit])).toEqual([
      ['mail.example.com', null, false],
      ['gone1.example.com', 1, false],
      ['gone2.example.com', 2, false],
      ['gone3.example.com', 3, true],
      ['late.example.com', null, true],
    ]);
    expect(rangesPastLimit(e.root).cidrs).toEqual(['192.0.2.20/32']);
  });

  it('does not count, in the tree, an MX host with addresses of one family (it is void for the other family only)', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 mx -all"
example.com. MX 10 v6a.example.com.
example.com. MX 20 v6b.example.com.
example.com. MX 30 v6c.example.com.
v6a.example.com. AAAA 2001:db8::1
v6b.example.com. AAAA 2001:db8::2
v6c.example.com. AAAA 2001:db8::3
`),
    );
    expect(term(e.root, 'mx').hosts?.map((h) => h.voidNumber)).toEqual([null, null, null]);
    expect(e.lookups).toMatchObject({ void: 0, voidCrossing: null });
    // …but counts it per family: IPv4 clients ask the three hosts' A records, and pass the limit at the third
    expect(e.lookups.voidPerFamily).toEqual({ ip4: 3, ip6: 0 });
    expect(e.lookups.voidCrossingPerFamily.ip4).toMatchObject({ count: 3, term: 'mx', host: 'v6c.example.com' });
    expect(e.lookups.voidCrossingPerFamily.ip6).toBeNull();
  });

  it('counts per family the void lookups of every client and those of one family (a names, MX hosts)', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 a:v4.example.com exists:gone.example.com mx -all"
example.com. MX 10 v4.example.com.
example.com. MX 20 gone.example.com.
v4.example.com. A 192.0.2.1
`),
    );
    // every client: exists:gone (1), MX host gone (2); IPv6 clients also a:v4 and MX host v4 (AAAA)
    expect(e.lookups).toMatchObject({ void: 2, voidCrossing: null, voidPerFamily: { ip4: 2, ip6: 4 } });
    expect(e.lookups.voidCrossingPerFamily).toEqual({
      ip4: null,
      ip6: expect.objectContaining({ count: 3, term: 'mx', host: 'v4.example.com' }),
    });
  });
});

describe('expansion: loops and repeated includes', () => {
  it('stops at a loop and gives its path (it does not recurse forever)', async () => {
    const e = await expandSpf(
      'a.example',
      zone(`
a.example. TXT "v=spf1 include:b.example -all"
b.example. TXT "v=spf1 include:c.example"
c.example. TXT "v=spf1 redirect=A.example"
`),
    );
    expect(e.loops).toEqual([['a.example', 'b.example', 'c.example', 'A.example']]);
    const c = term(term(e.root, 'include:b.example').child, 'include:c.example').child;
    expect(term(c, 'redirect=A.example')).toMatchObject({ lookup: 3, child: { status: 'loop', loop: ['a.example', 'b.example', 'c.example', 'A.example'] } });
    // receivers run into the limit: nothing passes
    expect(e.totals.ip4Addresses).toBe(0);
  });

  it('counts a domain included twice each time, as receivers do', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 include:one.example include:two.example -all"
one.example. TXT "v=spf1 include:shared.example -all"
two.example. TXT "v=spf1 include:shared.example -all"
shared.example. TXT "v=spf1 a:h.example -all"
h.example. A 192.0.2.1
`),
    );
    expect(e.lookups.total).toBe(6);
    expect(e.duplicates).toEqual([{ domain: 'shared.example', count: 2 }]);
    const second = term(term(e.root, 'include:two.example').child, 'include:shared.example').child;
    // one 1, shared 2, its a 3, two 4, shared again 5
    expect(second).toMatchObject({ occurrence: 2, lookupsBefore: 5, subtreeLookups: 1 });
    expect(e.loops).toEqual([]);
  });
});

describe('expansion: terms a receiver never reaches', () => {
  it('does not evaluate or count terms after all, nor redirect beside all (RFC 7208 §5.1, §6.1)', async () => {
    const rec = new RecordingResolver(
      zone(`
example.com. TXT "v=spf1 ip4:192.0.2.1 ~all include:late.example redirect=r.example exp=why.example.com"
late.example. TXT "v=spf1 -all"
r.example. TXT "v=spf1 -all"
`),
    );
    const e = await expandSpf('example.com', rec);
    expect(term(e.root, 'include:late.example')).toMatchObject({ evaluated: false, ignoredReason: 'after-all', lookup: null, child: null });
    expect(term(e.root, 'redirect=r.example')).toMatchObject({ evaluated: false, ignoredReason: 'redirect-with-all', lookup: null });
    expect(term(e.root, 'exp=why.example.com')).toMatchObject({ evaluated: false, ignoredReason: null, cost: 0 });
    expect(e.lookups.total).toBe(0);
    expect(rec.asked).not.toContain('late.example TXT');
    expect(rec.asked).not.toContain('r.example TXT');
  });

  it('does not evaluate a record with a syntax error (RFC 7208 §4.6)', async () => {
    const e = await expandSpf('example.com', zone(`example.com. TXT "v=spf1 include:p0.example ip4:192.0.2.300 -all"\n${providers(1)}`));
    expect(e.root.parseErrors.map((p) => [p.code, p.position])).toEqual([['bad-ip4', 30]]);
    expect(e.root.terms.every((t) => !t.evaluated && t.ignoredReason === 'syntax-error')).toBe(true);
    expect(e.lookups.total).toBe(0);
  });
});

describe('expansion: macros', () => {
  it('counts a term with message macros once, marks it, and does not follow it', async () => {
    const rec = new RecordingResolver(zone(`example.com. TXT "v=spf1 include:%{ir}.%{v}._spf.example.com exists:%{l}.x.example.com -all"`));
    const e = await expandSpf('example.com', rec);
    expect(term(e.root, 'include:%{ir}.%{v}._spf.example.com')).toMatchObject({ macro: true, target: null, lookup: 1, child: null });
    expect(term(e.root, 'exists:%{l}.x.example.com')).toMatchObject({ macro: true, lookup: 2, exists: null });
    expect(e.dependsOnMessage).toBe(true);
    expect(rec.asked.filter((q) => q.includes('%'))).toEqual([]);
  });

  it('follows %{d}, which only needs the current domain (RFC 7208 §7.3)', async () => {
    const e = await expandSpf('example.com', zone(`example.com. TXT "v=spf1 include:_spf.%{d} -all"\n_spf.example.com. TXT "v=spf1 ip4:192.0.2.0/25 -all"`));
    expect(term(e.root, 'include:_spf.%{d}')).toMatchObject({ macro: false, target: '_spf.example.com', child: { status: 'record' } });
    expect(e.dependsOnMessage).toBe(false);
    expect(e.totals.ip4Addresses).toBe(128);
  });
});

describe('expansion: what a node can find', () => {
  it('notes an include target without SPF, several records, and a type 99 record', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`
example.com. TXT "v=spf1 include:nospf.example include:two.example -all"
example.com. SPF "v=spf1 -all"
nospf.example. TXT "google-site-verification=abc"
two.example. TXT "v=spf1 -all"
two.example. TXT "v=spf1 ~all"
`),
    );
    expect(e.root.type99).toEqual({ asked: true, texts: ['v=spf1 -all'], sources: [{ file: 'test.zone', line: 4 }] });
    expect(term(e.root, 'include:nospf.example')).toMatchObject({ void: false, child: { status: 'none', noneReason: 'no-spf-record' } });
    expect(term(e.root, 'include:two.example').child).toMatchObject({
      status: 'multiple',
      records: ['v=spf1 -all', 'v=spf1 ~all'],
      recordSources: [{ file: 'test.zone', line: 6 }, { file: 'test.zone', line: 7 }],
    });
  });

  it('gives DNS failures as data with where they happened', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`example.com. TXT "v=spf1 include:slow.example a:broken.example -all"`, [
        { name: 'slow.example', failure: 'timeout', exceptTypes: [] },
        { name: 'broken.example', failure: 'servfail', exceptTypes: [] },
      ]),
    );
    expect(term(e.root, 'include:slow.example').child).toMatchObject({ status: 'failure', failure: { failure: 'timeout', type: 'TXT' } });
    expect(term(e.root, 'a:broken.example')).toMatchObject({ void: false, failure: { failure: 'servfail' } });
    expect(e.failures.map((f) => [f.problem.name, f.term])).toEqual([
      ['slow.example', null],
      ['broken.example', 'a:broken.example'],
    ]);
  });

  it('resolves at most 10 MX names and marks the mx term over the limit (RFC 7208 §4.6.4)', async () => {
    const mx = Array.from({ length: 11 }, (_, i) => `example.com. MX ${i} mx${i}.example.com.\nmx${i}.example.com. A 192.0.2.${i}`).join('\n');
    const e = await expandSpf('example.com', zone(`example.com. TXT "v=spf1 mx -all"\n${mx}`));
    const t = term(e.root, 'mx');
    expect(t).toMatchObject({ mxNames: 11, mxOverLimit: true });
    expect(t.hosts?.map((h) => h.name)).toEqual(Array.from({ length: 10 }, (_, i) => `mx${i}.example.com`));
    // the mechanism is a permerror: nothing passes, and nothing after it is reached
    expect(e.totals.ip4Addresses).toBe(0);
    expect(t.pastLimit).toBe(true);
    expect(term(e.root, '-all').pastLimit).toBe(true);
  });

  it('gives the record size facts: each string’s bytes and the whole TXT answer', async () => {
    const long = 'v=spf1 ' + 'ip4:192.0.2.1 '.repeat(20) + '-all';
    const e = await expandSpf('example.com', zone(`example.com. TXT "${long.slice(0, 200)}" "${long.slice(200)}"\nexample.com. TXT "other=1"`));
    expect(e.root.stringLengths).toEqual([200, long.length - 200]);
    expect(e.root.record).toBe(long);
    expect(e.root.ttl).toBe(300);
    // header 12 + question (13 + 4) + two RRs of 12 + rdata each
    expect(e.root.answerBytes).toBe(12 + 17 + (12 + 1 + 200 + 1 + long.length - 200) + (12 + 1 + 7));
  });

  it('has no record and no terms for a domain without SPF', async () => {
    const e = await expandSpf('nothing.example', zone(`other.example. TXT "v=spf1 -all"`));
    expect(e.root).toMatchObject({ status: 'none', noneReason: 'nxdomain', terms: [], record: null });
    expect(e.record).toBeNull();
  });
});

describe('expansion: shape and concurrency', () => {
  const fixture = `
example.com. TXT "v=spf1 include:a.example include:b.example a:h.example mx -all"
a.example. TXT "v=spf1 include:deep.example -all"
deep.example. TXT "v=spf1 ip4:192.0.2.0/24 -all"
b.example. TXT "v=spf1 ip6:2001:db8::/48 -all"
h.example. A 198.51.100.1
example.com. MX 5 mx.example.com.
mx.example.com. A 198.51.100.2
`;

  it('asks sibling questions together, before any of them is answered', async () => {
    const gate = new GatedResolver(zone(fixture));
    const done = expandSpf('example.com', gate);
    expect(gate.asked).toEqual(['example.com SPF', 'example.com TXT']);
    await gate.release();
    // all the root's terms went out at once
    expect(gate.asked.slice(2).sort()).toEqual(['a.example TXT', 'b.example TXT', 'example.com MX', 'h.example A', 'h.example AAAA']);
    await gate.release();
    expect(gate.asked.slice(7).sort()).toEqual(['deep.example TXT', 'mx.example.com A', 'mx.example.com AAAA']);
    while (gate.held > 0) await gate.release();
    const e = await done;
    expect(e.lookups.total).toBe(5);
  });

  it('is plain JSON: every field present, nothing lost in a round trip', async () => {
    const e = await expandSpf('example.com', zone(fixture));
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    const walk = (value: unknown): void => {
      expect(value).not.toBeUndefined();
      if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
    };
    walk(e);
  });

  it('stops fetching at maxDomains and says the tree is truncated', async () => {
    const e = await expandSpf('example.com', zone(fixture), { maxDomains: 2 });
    expect(e.truncated).toBe(true);
    expect(term(e.root, 'include:b.example').child?.status).toBe('truncated');
  });
});
