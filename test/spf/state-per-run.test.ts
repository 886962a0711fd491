// SPF state is per run (src/spf/spf-run.ts): what one audit remembers (subtree outcomes, names,
// addresses) lives with the resolver it asked through, so audits of the same names over different
// resolvers in one process each get their own answers, in any order, one after the other or at once.
// The two worlds below publish the same record texts; only what the names under them resolve to
// differs, so anything one run kept by record text would leak into the other.
import { describe, expect, it } from 'vitest';
import { ZoneResolver, type ZoneFailure } from '../../src/dns/zone-resolver.js';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import type { Resolver } from '../../src/dns/types.js';
import { auditDomains } from '../../src/audit/audit-domains.js';
import { auditJson } from '../../src/audit/to-json.js';
import { expandSpf } from '../../src/spf/expand.js';
import { checkHost } from '../../src/spf/check-host.js';
import { rangeOutcome } from '../../src/spf/expand-outcome.js';
import { sampleAuthorizedAddresses } from '../../src/spf/sample-addresses.js';
import { spfRun } from '../../src/spf/spf-run.js';
import { parseAddress } from '../../src/net/cidr-address.js';

const RECORDS = `
a.example. 300 TXT "v=spf1 include:_spf.provider.example mx -all"
b.example. 300 TXT "v=spf1 include:_spf.provider.example a:web.b.example ~all"
_spf.provider.example. 300 TXT "v=spf1 a:out.provider.example include:_net.provider.example ~all"
_net.provider.example. 300 TXT "v=spf1 ip4:198.51.100.0/24 -all"
a.example. 300 MX 10 mx.a.example.
`;

/** World one: the provider sends from 192.0.2.10, a.example's MX host and web.b.example have addresses. */
const ONE = `${RECORDS}
out.provider.example. 300 A 192.0.2.10
mx.a.example. 300 A 192.0.2.25
web.b.example. 300 A 192.0.2.30
`;

/** World two: the same texts; the provider moved, a.example's MX host is IPv6 only, web.b.example times out. */
const TWO = `${RECORDS}
out.provider.example. 300 A 203.0.113.10
mx.a.example. 300 AAAA 2001:db8::25
web.b.example. 300 A 192.0.2.30
`;
const TWO_FAILURES: ZoneFailure[] = [{ name: 'web.b.example', failure: 'timeout', exceptTypes: [] }];

const world = (text: string, failures: ZoneFailure[] = []): Resolver =>
  new CacheResolver(ZoneResolver.fromText(`$TTL 300\n${text}`, { origin: '.', file: 'world.zone', failures }));
const one = (): Resolver => world(ONE);
const two = (): Resolver => world(TWO, TWO_FAILURES);

const DOMAINS = ['a.example', 'b.example'];

async function auditText(resolver: Resolver): Promise<string> {
  return JSON.stringify(auditJson(await auditDomains(DOMAINS, resolver, { cache: false })));
}

/** What SPF says about `ip` for each domain in `resolver`'s world: check_host() and the whole-tree outcome. */
async function answers(resolver: Resolver, ip: string): Promise<string[]> {
  const address = parseAddress(ip);
  if (!address) throw new Error(ip);
  const out: string[] = [];
  for (const domain of DOMAINS) {
    const tree = await expandSpf(domain, resolver);
    const outcome = rangeOutcome(tree.root, { enforceLimits: true });
    const passes = outcome.pass.ip4.contains(address.value);
    const checked = await checkHost(ip, domain, `x@${domain}`, domain, { resolver });
    const samples = sampleAuthorizedAddresses(tree.root).samples.map((s) => s.address);
    out.push(`${domain}: check_host ${checked.result}, tree passes ${passes}, ${tree.totals.ip4Addresses} addresses, samples ${samples.join(' ')}`);
  }
  return out;
}

describe('SPF state per run: audits over different resolvers in one process', () => {
  it('give each world its own answers, whichever runs first', async () => {
    const oneFirst = await answers(one(), '192.0.2.10');
    const twoAfter = await answers(two(), '192.0.2.10');
    const twoFirst = await answers(two(), '192.0.2.10');
    const oneAfter = await answers(one(), '192.0.2.10');
    expect(oneAfter).toEqual(oneFirst);
    expect(twoAfter).toEqual(twoFirst);
    expect(oneFirst).toEqual([
      'a.example: check_host pass, tree passes true, 258 addresses, samples 192.0.2.10 192.0.2.25 198.51.100.1',
      'b.example: check_host pass, tree passes true, 258 addresses, samples 192.0.2.10 192.0.2.30 198.51.100.1',
    ]);
    // world two: the provider's old address fails; b.example's web host times out (temperror for
    // the addresses that reach it, RFC 7208 §5.3, §4.4)
    expect(twoFirst).toEqual([
      'a.example: check_host fail, tree passes false, 257 addresses, samples 203.0.113.10 2001:db8::25 198.51.100.1',
      'b.example: check_host temperror, tree passes false, 257 addresses, samples 203.0.113.10 198.51.100.1',
    ]);
  });

  it('give the same audit report as a world audited alone, interleaved or at once', async () => {
    const alone = { one: await auditText(one()), two: await auditText(two()) };
    expect(alone.one).not.toBe(alone.two);
    const [first, second] = await Promise.all([auditText(two()), auditText(one())]);
    expect([first, second]).toEqual([alone.two, alone.one]);
    expect(await auditText(one())).toBe(alone.one);
  });

  it('keep each run’s state with its resolver: one run’s outcomes are not another’s', async () => {
    const a = one();
    const b = two();
    expect(spfRun(a)).toBe(spfRun(a));
    expect(spfRun(a)).not.toBe(spfRun(b));
    await expandSpf('a.example', a);
    const kept = spfRun(a).outcomes.size;
    expect(kept).toBeGreaterThan(0); // the include's subtree, for the totals
    expect(spfRun(b).outcomes.size).toBe(0);
    await expandSpf('a.example', b);
    await expandSpf('b.example', b);
    expect(spfRun(b).outcomes.size).toBeGreaterThan(0);
    expect(spfRun(a).outcomes.size).toBe(kept);
    // a second domain of the same run finds the provider's subtree there already
    await expandSpf('b.example', a);
    expect(spfRun(a).outcomes.size).toBe(kept);
  });
});
