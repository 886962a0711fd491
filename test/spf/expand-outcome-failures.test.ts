// DNS failures on `a` and `mx` terms, address by address. A receiver asks A for an IPv4 client and
// AAAA for an IPv6 one (RFC 7208 §5.3, §5.4), and for `mx` asks the MX hosts' addresses in preference
// order, stopping at the first host that matches; a failed question gives temperror (§5, §4.4) to the
// clients that ask it, and to no one else. Every case is also run through check_host() itself, with
// the limits lifted and enforced.
import { describe, expect, it } from 'vitest';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome, type RangeOutcome } from '../../src/spf/expand-outcome.js';
import type { SpfExpansion, SpfTreeNode } from '../../src/spf/expand-types.js';
import { termView, type TermView } from '../../src/spf/tree-json.js';
import { checkHost } from '../../src/spf/check-host.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { SPF_RESULTS, type SpfResult } from '../../src/spf/types.js';
import type { ZoneFailure, ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { RRType } from '../../src/dns/types.js';
import { zone } from './expand-zone.js';

const OTHER_TYPES: RRType[] = ['TXT', 'MX', 'CNAME'];
/** `name` answers every question but `type`, which fails with a time-out. */
const failsFor = (name: string, type: 'A' | 'AAAA' | 'MX'): ZoneFailure => ({
  name,
  failure: 'timeout',
  exceptTypes: (['A', 'AAAA', ...OTHER_TYPES] as RRType[]).filter((t) => t !== type),
});

function resultsAt(outcome: RangeOutcome, address: string): SpfResult[] {
  const parsed = parseAddress(address)!;
  const key = parsed.family === 4 ? 'ip4' : 'ip6';
  return SPF_RESULTS.filter((r) => outcome[r][key].contains(parsed.value));
}

interface Case {
  resolver: ZoneResolver;
  tree: SpfExpansion;
  lifted: RangeOutcome;
  enforced: RangeOutcome;
  limits: { lookups: number; voidLookups: number };
}

async function evaluate(text: string, failures: ZoneFailure[], limits = { lookups: 10, voidLookups: 2 }): Promise<Case> {
  const resolver = zone(text, failures);
  const tree = await expandSpf('example.com', resolver, { checkType99: false });
  return { resolver, tree, lifted: rangeOutcome(tree.root), enforced: rangeOutcome(tree.root, { enforceLimits: true, limits }), limits };
}

/** check_host() gives `address` exactly `expected`, and so do both walks (the enforced one with the case's limits). */
async function expectResult(c: Case, address: string, expected: SpfResult, lifted: SpfResult = expected): Promise<void> {
  const checked = await checkHost(address, 'example.com', 'postmaster@example.com', 'example.com', { resolver: c.resolver, limits: c.limits });
  expect(checked.result, `check_host at ${address}`).toBe(expected);
  expect(resultsAt(c.enforced, address), `enforced walk at ${address}`).toEqual([expected]);
  expect(resultsAt(c.lifted, address), `lifted walk at ${address}`).toEqual([lifted]);
}

function term(node: SpfTreeNode, text: string): TermView {
  const t = node.terms.find((x) => x.text === text);
  if (!t) throw new Error(`no term ${text}`);
  return termView(t);
}

describe('a: a failed address question reaches only its own family (RFC 7208 §5.3)', () => {
  const records = `
example.com. TXT "v=spf1 a:h.example ip4:10.0.0.0/24 ip6:2001:db8::/64 -all"
h.example. A 192.0.2.1
h.example. AAAA 2001:db8:1::1
`;

  it('gives temperror to IPv6 clients only when the AAAA question fails', async () => {
    const c = await evaluate(records, [failsFor('h.example', 'AAAA')]);
    await expectResult(c, '192.0.2.1', 'pass');
    await expectResult(c, '10.0.0.1', 'pass'); // IPv4 clients go on past the term
    await expectResult(c, '198.51.100.1', 'fail');
    await expectResult(c, '2001:db8:1::1', 'temperror');
    await expectResult(c, '2001:db8::1', 'temperror'); // the later ip6 term is never reached
  });

  it('gives temperror to IPv4 clients only when the A question fails', async () => {
    const c = await evaluate(records, [failsFor('h.example', 'A')]);
    await expectResult(c, '192.0.2.1', 'temperror');
    await expectResult(c, '10.0.0.1', 'temperror');
    await expectResult(c, '2001:db8:1::1', 'pass'); // the AAAA answer still matches
    await expectResult(c, '2001:db8::1', 'pass');
    await expectResult(c, '2001:db9::1', 'fail');
  });

  it('records each family’s failure on the host, and keeps the first as the term’s failure', async () => {
    const c = await evaluate(records, [failsFor('h.example', 'AAAA')]);
    const t = term(c.tree.root, 'a:h.example');
    expect(t.failure).toMatchObject({ name: 'h.example', type: 'AAAA', failure: 'timeout' });
    expect(t.hosts).toEqual([
      expect.objectContaining({ name: 'h.example', ip4: ['192.0.2.1'], ip6: [], ip4Failure: null, ip6Failure: expect.objectContaining({ type: 'AAAA' }), ranges: ['192.0.2.1/32'] }),
    ]);
    expect(t.ranges).toEqual(['192.0.2.1/32']);
    expect(c.tree.failures.map((f) => [f.problem.name, f.problem.type, f.term])).toEqual([['h.example', 'AAAA', 'a:h.example']]);
  });

  it('counts a void lookup for the family whose question answered no records, not the failed one (RFC 7208 §4.6.4)', async () => {
    // h.example has no AAAA records and its A question fails; with no void lookups allowed, the IPv6
    // clients stop at once with permerror, the IPv4 ones with temperror
    const c = await evaluate(
      `example.com. TXT "v=spf1 a:h.example ip4:10.0.0.0/24 ip6:2001:db8::/64 -all"\nh.example. TXT "no addresses here"`,
      [failsFor('h.example', 'A')],
      { lookups: 10, voidLookups: 0 },
    );
    await expectResult(c, '10.0.0.1', 'temperror');
    await expectResult(c, '2001:db8::1', 'permerror', 'pass');
  });
});

describe('mx: hosts asked in preference order, the first match deciding (RFC 7208 §5.4)', () => {
  const records = `
example.com. TXT "v=spf1 mx:m.example ip4:10.0.0.0/24 ip6:2001:db8::/64 -all"
m.example. MX 20 second.example.
m.example. MX 10 first.example.
m.example. MX 30 third.example.
first.example. A 192.0.2.1
first.example. AAAA 2001:db8:1::1
second.example. A 192.0.2.2
second.example. AAAA 2001:db8:1::2
third.example. A 192.0.2.3
`;

  it('passes clients the hosts before a failing one match, and gives temperror to the rest of that family', async () => {
    const c = await evaluate(records, [failsFor('second.example', 'A')]);
    await expectResult(c, '192.0.2.1', 'pass'); // first.example matches before second.example is asked
    await expectResult(c, '192.0.2.2', 'temperror');
    await expectResult(c, '192.0.2.3', 'temperror'); // third.example is never asked
    await expectResult(c, '10.0.0.1', 'temperror');
    // IPv6 clients ask AAAA, which answers for every host
    await expectResult(c, '2001:db8:1::2', 'pass');
    await expectResult(c, '2001:db8::1', 'pass');
    await expectResult(c, '2001:db9::1', 'fail');
    expect(term(c.tree.root, 'mx:m.example').hosts?.map((h) => [h.name, h.ip4Failure?.type ?? null, h.ip6Failure?.type ?? null])).toEqual([
      ['first.example', null, null],
      ['second.example', 'A', null],
      ['third.example', null, null],
    ]);
  });

  it('gives temperror to clients a later host would match when the most preferred host fails', async () => {
    const c = await evaluate(records, [failsFor('first.example', 'AAAA')]);
    await expectResult(c, '2001:db8:1::2', 'temperror');
    await expectResult(c, '2001:db8::1', 'temperror');
    await expectResult(c, '192.0.2.2', 'pass');
    await expectResult(c, '192.0.2.3', 'pass');
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '198.51.100.1', 'fail');
  });

  it('gives temperror to every client when the MX question itself fails', async () => {
    const c = await evaluate(records, [failsFor('m.example', 'MX')]);
    await expectResult(c, '192.0.2.1', 'temperror');
    await expectResult(c, '10.0.0.1', 'temperror');
    await expectResult(c, '2001:db8::1', 'temperror');
  });

  it('gives permerror, not temperror, when the MX names are over the limit, whatever their hosts answer (RFC 7208 §4.6.4)', async () => {
    const many = Array.from({ length: 11 }, (_, i) => `m.example. MX ${i} h${i}.example.\nh${i}.example. A 192.0.2.${i + 1}`).join('\n');
    const c = await evaluate(`example.com. TXT "v=spf1 ip4:10.0.0.1 mx:m.example -all"\n${many}`, [failsFor('h0.example', 'A')]);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '192.0.2.1', 'permerror');
    await expectResult(c, '192.0.2.2', 'permerror');
    await expectResult(c, '2001:db8::1', 'permerror');
  });

  it('takes a tree without per-family failures (made before they were recorded) as failing for every address that reaches the term', async () => {
    const c = await evaluate(records, [failsFor('second.example', 'A')]);
    const t = term(c.tree.root, 'mx:m.example');
    for (const h of t.hosts ?? []) {
      delete h.ip4Failure;
      delete h.ip6Failure;
      delete h.ranges;
    }
    const old = rangeOutcome(c.tree.root);
    expect(resultsAt(old, '192.0.2.1')).toEqual(['temperror']);
    expect(resultsAt(old, '2001:db8::1')).toEqual(['temperror']);
  });
});
