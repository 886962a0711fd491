// Property: with the RFC 7208 §4.6.4 limits enforced, the range outcome gives every address the result
// check_host() gives it, on random small worlds of records (includes, redirects, loops, a/mx/exists
// terms whose names have addresses of one family, both or none, DNS failures) and random small limits,
// so that lookup and void-lookup limits are met at every depth. Every address of the small space the
// records talk about is checked, IPv4 and IPv6.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome, type RangeOutcome } from '../../src/spf/expand-outcome.js';
import { checkHost } from '../../src/spf/check-host.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { SPF_RESULTS, type SpfResult } from '../../src/spf/types.js';
import { ZoneResolver, type ZoneFailure } from '../../src/dns/zone-resolver.js';

const DOMAINS = ['d0.example', 'd1.example', 'd2.example', 'd3.example'];
const HOSTS = ['h1.example', 'h2.example', 'h3.example'];

const qualifier = fc.constantFrom('', '-', '~', '?');
const termArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(qualifier, fc.nat(15), fc.integer({ min: 29, max: 32 })).map(([q, n, len]) => `${q}ip4:10.0.0.${n}/${len}`) },
  { weight: 1, arbitrary: fc.tuple(qualifier, fc.nat(7), fc.integer({ min: 126, max: 128 })).map(([q, n, len]) => `${q}ip6:2001:db8::${n}/${len}`) },
  { weight: 3, arbitrary: fc.tuple(qualifier, fc.constantFrom(...DOMAINS.slice(1), 'nx.example')).map(([q, d]) => `${q}include:${d}`) },
  { weight: 2, arbitrary: fc.tuple(qualifier, fc.constantFrom(...HOSTS, 'nx.example', 'fail.example', '')).map(([q, h]) => `${q}a${h ? `:${h}` : ''}`) },
  { weight: 1, arbitrary: fc.tuple(qualifier, fc.constantFrom('m1.example', 'm2.example', 'nx.example', '')).map(([q, m]) => `${q}mx${m ? `:${m}` : ''}`) },
  { weight: 2, arbitrary: fc.tuple(qualifier, fc.constantFrom(...HOSTS, 'nx.example', 'fail.example')).map(([q, h]) => `${q}exists:${h}`) },
  { weight: 1, arbitrary: fc.constantFrom('-all', '~all', '?all') },
);
const recordArb = fc.tuple(fc.array(termArb, { maxLength: 6 }), fc.option(fc.constantFrom(...DOMAINS.slice(1), 'nx.example'), { nil: null, freq: 3 }));

/** Each host: the IPv4 and IPv6 addresses it has (either list may be empty). */
const hostArb = fc.tuple(
  fc.uniqueArray(fc.nat(15), { maxLength: 2 }).map((ns) => ns.map((n) => `10.0.0.${n}`)),
  fc.uniqueArray(fc.nat(7), { maxLength: 1 }).map((ns) => ns.map((n) => `2001:db8::${n}`)),
);
const worldArb = fc.record({
  records: fc.array(recordArb, { minLength: DOMAINS.length, maxLength: DOMAINS.length }),
  hosts: fc.array(hostArb, { minLength: HOSTS.length, maxLength: HOSTS.length }),
  /** d2's TXT question fails (temperror where it is included). */
  failingRecord: fc.boolean(),
  limits: fc.record({ lookups: fc.integer({ min: 1, max: 10 }), voidLookups: fc.integer({ min: 0, max: 2 }) }),
});
type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

function resolverFor(world: World): ZoneResolver {
  const lines = world.records.map(([terms, redirect], i) => {
    const text = ['v=spf1', ...terms, ...(redirect ? [`redirect=${redirect}`] : [])].join(' ');
    return `${DOMAINS[i]}. TXT "${text}"`;
  });
  world.hosts.forEach(([ip4, ip6], i) => {
    lines.push(...ip4.map((ip) => `${HOSTS[i]}. A ${ip}`), ...ip6.map((ip) => `${HOSTS[i]}. AAAA ${ip}`));
  });
  // MX hosts never fail: check_host stops at the first MX host that matches, the expansion keeps
  // one failure for the whole term
  lines.push('m1.example. MX 10 h1.example.', 'm1.example. MX 20 h2.example.', 'm2.example. MX 10 h3.example.');
  lines.push('fail.example. A 192.0.2.1');
  const failures: ZoneFailure[] = [{ name: 'fail.example', failure: 'timeout', exceptTypes: [] }];
  if (world.failingRecord) failures.push({ name: 'd2.example', failure: 'servfail', exceptTypes: [] });
  return ZoneResolver.fromText(`$TTL 300\n${lines.join('\n')}`, { origin: '.', file: 'world.zone', failures });
}

const ADDRESSES = [
  ...Array.from({ length: 16 }, (_, n) => `10.0.0.${n}`),
  '10.0.1.0',
  ...Array.from({ length: 8 }, (_, n) => `2001:db8::${n}`),
  '2001:db9::1',
];

function resultsAt(outcome: RangeOutcome, address: string): SpfResult[] {
  const parsed = parseAddress(address)!;
  const key = parsed.family === 4 ? 'ip4' : 'ip6';
  return SPF_RESULTS.filter((r) => outcome[r][key].contains(parsed.value));
}

function describeWorld(world: World): string {
  return [
    ...world.records.map(([terms, redirect], i) => `${DOMAINS[i]}: ${[...terms, ...(redirect ? [`redirect=${redirect}`] : [])].join(' ')}`),
    ...world.hosts.map(([ip4, ip6], i) => `${HOSTS[i]}: ${[...ip4, ...ip6].join(' ') || '(no addresses)'}`),
    `limits ${JSON.stringify(world.limits)}${world.failingRecord ? ', d2 TXT fails' : ''}`,
  ].join('\n');
}

describe('enforced range outcome against check_host()', () => {
  it('gives every address the result check_host() gives it, with the limits enforced', async () => {
    let limited = 0;
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const resolver = resolverFor(world);
        const tree = await expandSpf('d0.example', resolver, { checkType99: false });
        const outcome = rangeOutcome(tree.root, { enforceLimits: true, limits: world.limits });
        for (const address of ADDRESSES) {
          const checked = await checkHost(address, 'd0.example', 'postmaster@d0.example', 'd0.example', { resolver, limits: world.limits });
          if (checked.problem?.rule === 'RFC 7208 §4.6.4') limited++;
          expect(resultsAt(outcome, address), `${address} in\n${describeWorld(world)}`).toEqual([checked.result]);
        }
      }),
      { numRuns: 250 },
    );
    // the worlds do reach the limits, often
    expect(limited).toBeGreaterThan(500);
  }, 60_000);

  it('gives the same outcome whichever order subtrees are first evaluated in (shared outcomes are keyed by entry counts)', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const resolver = resolverFor(world);
        const trees = await Promise.all(DOMAINS.map((d) => expandSpf(d, resolver, { checkType99: false })));
        const options = { enforceLimits: true, limits: world.limits };
        const forwards = trees.map((t) => rangeOutcome(t.root, options));
        const backwards = [...trees].reverse().map((t) => rangeOutcome(t.root, options)).reverse();
        forwards.forEach((o, i) => {
          for (const r of SPF_RESULTS) {
            expect(o[r].ip4.equals(backwards[i]![r].ip4)).toBe(true);
            expect(o[r].ip6.equals(backwards[i]![r].ip6)).toBe(true);
          }
        });
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
