// The range outcome with the RFC 7208 §4.6.4 limits enforced, address by address as check_host()
// counts them: the lookup and void-lookup counters run over the whole evaluation, so the count at a
// term depends on the path the address took to get there (an included record that ends early for it
// leaves the count lower), and the limit makes permerror only for the addresses that reach the term
// whose lookup would pass it. Each case is also run through check_host() itself.
import { describe, expect, it } from 'vitest';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome, type RangeOutcome } from '../../src/spf/expand-outcome.js';
import { checkHost } from '../../src/spf/check-host.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { SPF_RESULTS, type SpfResult } from '../../src/spf/types.js';
import type { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { zone } from './expand-zone.js';

function resultsAt(outcome: RangeOutcome, address: string): SpfResult[] {
  const parsed = parseAddress(address)!;
  const key = parsed.family === 4 ? 'ip4' : 'ip6';
  return SPF_RESULTS.filter((r) => outcome[r][key].contains(parsed.value));
}

/** Ten includes x1..x10 of one-address records, named for `count` of them. */
function providers(count: number): string {
  return Array.from({ length: count }, (_, i) => `x${i + 1}.example. TXT "v=spf1 ip4:192.0.2.${i + 1} -all"`).join('\n');
}
const includes = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `include:x${from + i}.example`).join(' ');

interface Case {
  resolver: ZoneResolver;
  enforced: RangeOutcome;
  lifted: RangeOutcome;
}

async function evaluate(text: string, limits?: { lookups: number; voidLookups: number }): Promise<Case> {
  const resolver = zone(text);
  const tree = await expandSpf('example.com', resolver, { checkType99: false });
  return {
    resolver,
    enforced: rangeOutcome(tree.root, { enforceLimits: true, ...(limits ? { limits } : {}) }),
    lifted: rangeOutcome(tree.root),
  };
}

/** The enforced outcome gives `address` exactly `expected`, and so does check_host(). */
async function expectResult(c: Case, address: string, expected: SpfResult, limits?: { lookups: number; voidLookups: number }): Promise<void> {
  const checked = await checkHost(address, 'example.com', 'postmaster@example.com', 'example.com', {
    resolver: c.resolver,
    ...(limits ? { limits } : {}),
  });
  expect(checked.result, `check_host at ${address}`).toBe(expected);
  expect(resultsAt(c.enforced, address), `walk at ${address}`).toEqual([expected]);
}

describe('enforced range outcome: the lookup limit (RFC 7208 §4.6.4)', () => {
  it('passes what earlier terms match and gives permerror to every address that reaches the 11th lookup', async () => {
    const c = await evaluate(`
example.com. TXT "v=spf1 ip4:10.0.0.1 ${includes(1, 11)} ip4:10.0.0.2 -all"
${providers(11)}
`);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '192.0.2.10', 'pass'); // x10 is lookup 10: still within the limit
    await expectResult(c, '192.0.2.11', 'permerror'); // x11 would be lookup 11: never fetched
    await expectResult(c, '10.0.0.2', 'permerror');
    await expectResult(c, '10.0.0.3', 'permerror'); // not fail: -all is never reached
    await expectResult(c, '2001:db8::1', 'permerror');
    expect(resultsAt(c.lifted, '192.0.2.11')).toEqual(['pass']);
    expect(resultsAt(c.lifted, '10.0.0.2')).toEqual(['pass']);
    expect(resultsAt(c.lifted, '10.0.0.3')).toEqual(['fail']);
  });

  it('allows exactly ten lookups', async () => {
    const c = await evaluate(`
example.com. TXT "v=spf1 ${includes(1, 10)} ip4:10.0.0.2 -all"
${providers(10)}
`);
    await expectResult(c, '192.0.2.10', 'pass');
    await expectResult(c, '10.0.0.2', 'pass');
    await expectResult(c, '10.0.0.3', 'fail');
  });

  it('lets an address that an included record decides before its limit go on to the outer terms (RFC 7208 §5.2)', async () => {
    // include:inner is lookup 1, x1..x9 are 2..10, x10 would be 11
    const c = await evaluate(`
example.com. TXT "v=spf1 include:inner.example ip4:10.0.0.0/24 -all"
inner.example. TXT "v=spf1 -ip4:10.0.0.1 ${includes(1, 10)} -all"
${providers(10)}
`);
    // inner gives fail before its limit: the include does not match and the outer ip4 does
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '192.0.2.3', 'pass');
    // everything else reaches x10 inside inner: permerror for the whole evaluation, outer ip4 or not
    await expectResult(c, '10.0.0.2', 'permerror');
    await expectResult(c, '192.0.2.10', 'permerror');
    await expectResult(c, '198.51.100.1', 'permerror');
  });

  it('counts per address: a shorter path through an included record reaches the next term under the limit', async () => {
    // for most addresses: include:a 1, x1..x9 2..10, include:b 11; for 10.0.0.1 a ends at once, include:b is 2
    const c = await evaluate(`
example.com. TXT "v=spf1 include:a.example include:b.example -all"
a.example. TXT "v=spf1 -ip4:10.0.0.1 ${includes(1, 9)} ?all"
b.example. TXT "v=spf1 ip4:10.0.0.0/24 -all"
${providers(9)}
`);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '10.0.0.2', 'permerror');
    await expectResult(c, '192.0.2.4', 'pass');
    await expectResult(c, '2001:db8::1', 'permerror');
  });

  it('carries the count out of a redirect into the record that included it (RFC 7208 §6.1)', async () => {
    // include:r 1, redirect 2, x1..x8 3..10, then outer include:b would be 11 unless s ended early
    const c = await evaluate(`
example.com. TXT "v=spf1 include:r.example include:b.example -all"
r.example. TXT "v=spf1 redirect=s.example"
s.example. TXT "v=spf1 -ip4:10.0.0.1 ${includes(1, 8)} ?all"
b.example. TXT "v=spf1 ip4:10.0.0.0/24 -all"
${providers(8)}
`);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '10.0.0.2', 'permerror');
    await expectResult(c, '192.0.2.8', 'pass');
  });

  it('carries the count at which an included record passed an address through a -include that fails it', async () => {
    // include:mid 1, -include:a 2; in a, 10.0.0.3 passes at once, x1..x8 are 3..10, 10.0.0.1 passes after them
    const c = await evaluate(`
example.com. TXT "v=spf1 include:mid.example include:b.example -all"
mid.example. TXT "v=spf1 -include:a.example ?all"
a.example. TXT "v=spf1 ip4:10.0.0.3 ${includes(1, 8)} ip4:10.0.0.1 -all"
b.example. TXT "v=spf1 ip4:10.0.0.0/24 -all"
${providers(8)}
`);
    await expectResult(c, '10.0.0.3', 'pass'); // mid fails it with 2 lookups counted: include:b is the 3rd
    await expectResult(c, '10.0.0.1', 'permerror'); // mid fails it with 10 counted: include:b would be the 11th
    await expectResult(c, '10.0.0.2', 'permerror');
  });

  it('gives permerror to a redirect that would be the 11th lookup', async () => {
    const c = await evaluate(`
example.com. TXT "v=spf1 ip4:10.0.0.1 ${includes(1, 10)} redirect=b.example"
b.example. TXT "v=spf1 ip4:10.0.0.0/24 -all"
${providers(10)}
`);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '10.0.0.2', 'permerror');
    expect(resultsAt(c.lifted, '10.0.0.2')).toEqual(['pass']);
  });

  it('enforces the limits it is given', async () => {
    const text = `
example.com. TXT "v=spf1 ${includes(1, 3)} ip4:10.0.0.0/24 -all"
${providers(3)}
`;
    const limits = { lookups: 2, voidLookups: 2 };
    const c = await evaluate(text, limits);
    await expectResult(c, '192.0.2.2', 'pass', limits);
    await expectResult(c, '192.0.2.3', 'permerror', limits);
    await expectResult(c, '10.0.0.1', 'permerror', limits);
    const roomy = await evaluate(text);
    await expectResult(roomy, '10.0.0.1', 'pass');
  });
});

describe('enforced range outcome: the void lookup limit (RFC 7208 §4.6.4)', () => {
  it('gives permerror from the third void lookup on, and passes what matched before it', async () => {
    const c = await evaluate(`
example.com. TXT "v=spf1 exists:nx1.example exists:nx2.example ip4:10.0.0.1 exists:nx3.example ip4:10.0.0.2 -all"
`);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '10.0.0.2', 'permerror');
    await expectResult(c, '10.0.0.3', 'permerror');
    expect(resultsAt(c.lifted, '10.0.0.2')).toEqual(['pass']);
  });

  it('counts an a-term void for the client’s address family only: a name with only A records is void for IPv6', async () => {
    const c = await evaluate(`
example.com. TXT "v=spf1 a:v4.example a:v4.example/24 a:w4.example ip6:2001:db8::/32 ip4:10.0.0.0/24 -all"
v4.example. A 192.0.2.1
w4.example. A 192.0.2.99
`);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '192.0.2.7', 'pass'); // a:v4.example/24
    await expectResult(c, '2001:db8::1', 'permerror'); // three AAAA questions without answers
    await expectResult(c, '2001:db9::1', 'permerror');
    expect(resultsAt(c.lifted, '2001:db8::1')).toEqual(['pass']);
  });

  it('does not count a void lookup for an address that an earlier term decided', async () => {
    const c = await evaluate(`
example.com. TXT "v=spf1 include:a.example exists:nx3.example ip4:10.0.0.0/24 -all"
a.example. TXT "v=spf1 -ip4:10.0.0.1 exists:nx1.example exists:nx2.example ?all"
`);
    await expectResult(c, '10.0.0.1', 'pass'); // one void lookup in all
    await expectResult(c, '10.0.0.2', 'permerror'); // nx1, nx2, nx3
  });
});

describe('enforced range outcome: sharing subtree outcomes', () => {
  it('works out a provider record again for each lookup count it is entered with', async () => {
    const shared = `
p.example. TXT "v=spf1 ${includes(1, 3)} -all"
${providers(3)}
h.example. A 198.51.100.1
`;
    const early = await evaluate(`example.com. TXT "v=spf1 include:p.example ~all"\n${shared}`);
    const late = await evaluate(`example.com. TXT "v=spf1 ${Array(7).fill('a:h.example').join(' ')} include:p.example ~all"\n${shared}`);
    const earlyAgain = await evaluate(`example.com. TXT "v=spf1 include:p.example ~all"\n${shared}`);
    // late: a x7 are lookups 1..7, include:p 8, x1 9, x2 10, x3 would be 11
    await expectResult(early, '192.0.2.3', 'pass');
    await expectResult(late, '192.0.2.2', 'pass');
    await expectResult(late, '192.0.2.3', 'permerror');
    await expectResult(late, '10.0.0.1', 'permerror');
    await expectResult(earlyAgain, '192.0.2.3', 'pass');
    await expectResult(earlyAgain, '10.0.0.1', 'softfail');
  });
});

describe('enforced range outcome: what the lifted outcome already gives', () => {
  it('agrees with the lifted outcome when no address reaches a limit', async () => {
    const c = await evaluate(`
example.com. TXT "v=spf1 -ip4:10.0.0.1 include:p.example ~ip4:10.0.0.0/24 ?ip6:2001:db8::/32 redirect=r.example"
p.example. TXT "v=spf1 ip4:192.0.2.0/25 -all"
r.example. TXT "v=spf1 ip4:198.51.100.0/24 -all"
`);
    for (const r of SPF_RESULTS) {
      expect(c.enforced[r].ip4.equals(c.lifted[r].ip4), r).toBe(true);
      expect(c.enforced[r].ip6.equals(c.lifted[r].ip6), r).toBe(true);
    }
    await expectResult(c, '10.0.0.1', 'fail');
    await expectResult(c, '10.0.0.9', 'softfail');
    await expectResult(c, '2001:db8::9', 'neutral');
    await expectResult(c, '192.0.2.1', 'pass');
    await expectResult(c, '198.51.100.1', 'pass');
    await expectResult(c, '203.0.113.1', 'fail');
  });

  it('gives permerror after an include loop, and passes what matched before it', async () => {
    const c = await evaluate(`example.com. TXT "v=spf1 ip4:10.0.0.1 include:example.com -all"`);
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '10.0.0.2', 'permerror');
  });

  it('gives temperror from a DNS failure to what reaches it, and permerror from the limit first', async () => {
    const resolver = zone(
      `example.com. TXT "v=spf1 ip4:10.0.0.1 ${includes(1, 10)} a:broken.example -all"\n${providers(10)}`,
      [{ name: 'broken.example', failure: 'timeout', exceptTypes: [] }],
    );
    const tree = await expandSpf('example.com', resolver, { checkType99: false });
    const c: Case = { resolver, enforced: rangeOutcome(tree.root, { enforceLimits: true }), lifted: rangeOutcome(tree.root) };
    await expectResult(c, '10.0.0.1', 'pass');
    await expectResult(c, '10.0.0.2', 'permerror');
    expect(resultsAt(c.lifted, '10.0.0.2')).toEqual(['temperror']);
  });
});
