// Property: with the RFC 7208 §4.6.4 limits enforced, the range outcome gives every address the result
// check_host() gives it, on random small worlds of records (includes, redirects, loops, a/mx/exists
// terms whose names have addresses of one family, both or none, DNS failures) and random small limits,
// so that lookup and void-lookup limits are met at every depth. DNS failures fall on TXT questions, on
// an MX question, and on the A or AAAA questions (or both) of the hosts that `a` terms name and MX
// records list in a random preference order: a receiver asks only the client's family (RFC 7208 §5.3,
// §5.4) and stops at the first MX host that matches. An MX host without addresses of the family asked
// is a void lookup (§4.6.4): the MX sets list hosts with addresses of one family only (no data for the
// other), a host that exists with no address at all, and one that does not exist (NXDOMAIN). Every
// address of the small space the records talk about is checked, IPv4 and IPv6, and with the limits
// lifted too (as check_host() with limits too large to reach).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome, type RangeOutcome } from '../../src/spf/expand-outcome.js';
import { checkHost } from '../../src/spf/check-host.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { SPF_RESULTS, type SpfResult } from '../../src/spf/types.js';
import { ZoneResolver, type ZoneFailure } from '../../src/dns/zone-resolver.js';
import type { RRType } from '../../src/dns/types.js';
import type { SpfTreeNode } from '../../src/spf/expand-types.js';
import { termView } from '../../src/spf/tree-json.js';

const DOMAINS = ['d0.example', 'd1.example', 'd2.example', 'd3.example'];
const HOSTS = ['h1.example', 'h2.example', 'h3.example'];
/** MX hosts: the hosts above, one that exists without addresses (no data) and one that does not exist (NXDOMAIN). */
const MX_HOSTS = [...HOSTS, 'bare.example', 'gone.example'];

const qualifier = fc.constantFrom('', '-', '~', '?');
const termArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(qualifier, fc.nat(15), fc.integer({ min: 29, max: 32 })).map(([q, n, len]) => `${q}ip4:10.0.0.${n}/${len}`) },
  { weight: 1, arbitrary: fc.tuple(qualifier, fc.nat(7), fc.integer({ min: 126, max: 128 })).map(([q, n, len]) => `${q}ip6:2001:db8::${n}/${len}`) },
  { weight: 3, arbitrary: fc.tuple(qualifier, fc.constantFrom(...DOMAINS.slice(1), 'nx.example')).map(([q, d]) => `${q}include:${d}`) },
  { weight: 2, arbitrary: fc.tuple(qualifier, fc.constantFrom(...HOSTS, 'nx.example', 'fail.example', '')).map(([q, h]) => `${q}a${h ? `:${h}` : ''}`) },
  { weight: 2, arbitrary: fc.tuple(qualifier, fc.constantFrom('m1.example', 'm1.example', 'm2.example', 'mfail.example', 'nx.example', '')).map(([q, m]) => `${q}mx${m ? `:${m}` : ''}`) },
  { weight: 2, arbitrary: fc.tuple(qualifier, fc.constantFrom(...HOSTS, 'nx.example', 'fail.example')).map(([q, h]) => `${q}exists:${h}`) },
  { weight: 1, arbitrary: fc.constantFrom('-all', '~all', '?all') },
);
const recordArb = fc.tuple(fc.array(termArb, { maxLength: 6 }), fc.option(fc.constantFrom(...DOMAINS.slice(1), 'nx.example'), { nil: null, freq: 3 }));

/** Each host: the IPv4 and IPv6 addresses it has (either list may be empty), and which of its address questions fail. */
const hostArb = fc.tuple(
  fc.uniqueArray(fc.nat(15), { maxLength: 2 }).map((ns) => ns.map((n) => `10.0.0.${n}`)),
  fc.uniqueArray(fc.nat(7), { maxLength: 1 }).map((ns) => ns.map((n) => `2001:db8::${n}`)),
  fc.constantFrom<readonly ('A' | 'AAAA')[]>([], [], [], ['A'], ['AAAA'], ['A', 'AAAA']),
);
/** An MX set: some of the hosts, each with a preference (ties keep the zone's order, as both sides sort stably). */
const mxArb = (minLength: number) =>
  fc.uniqueArray(fc.tuple(fc.nat(MX_HOSTS.length - 1), fc.constantFrom(10, 20, 30)), { minLength, maxLength: MX_HOSTS.length, selector: ([h]) => h });
const worldArb = fc.record({
  records: fc.array(recordArb, { minLength: DOMAINS.length, maxLength: DOMAINS.length }),
  hosts: fc.array(hostArb, { minLength: HOSTS.length, maxLength: HOSTS.length }),
  /** m1.example's MX set (two hosts or more: an order to keep) and m2.example's. */
  mx: fc.tuple(mxArb(2), mxArb(1)),
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
  const failures: ZoneFailure[] = [{ name: 'fail.example', failure: 'timeout', exceptTypes: [] }];
  world.hosts.forEach(([ip4, ip6, failing], i) => {
    const name = HOSTS[i]!;
    lines.push(...ip4.map((ip) => `${name}. A ${ip}`), ...ip6.map((ip) => `${name}. AAAA ${ip}`));
    if (failing.length > 0) {
      const answered = (['A', 'AAAA', 'TXT', 'MX'] as RRType[]).filter((t) => !(failing as readonly RRType[]).includes(t));
      failures.push({ name, failure: i % 2 === 0 ? 'timeout' : 'servfail', exceptTypes: answered });
    }
  });
  world.mx.forEach((set, i) => lines.push(...set.map(([h, preference]) => `m${i + 1}.example. MX ${preference} ${MX_HOSTS[h]}.`)));
  lines.push('mfail.example. MX 10 h1.example.', 'fail.example. A 192.0.2.1', 'bare.example. TXT "not a mail host"');
  failures.push({ name: 'mfail.example', failure: 'servfail', exceptTypes: ['A', 'AAAA', 'TXT'] });
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
    ...world.hosts.map(([ip4, ip6, failing], i) => `${HOSTS[i]}: ${[...ip4, ...ip6].join(' ') || '(no addresses)'}${failing.length > 0 ? ` (${failing.join(' and ')} fail)` : ''}`),
    ...world.mx.map((set, i) => `m${i + 1}.example MX: ${set.map(([h, p]) => `${p} ${MX_HOSTS[h]}`).join(', ')}`),
    `limits ${JSON.stringify(world.limits)}${world.failingRecord ? ', d2 TXT fails' : ''}`,
  ].join('\n');
}

/** `a`/`mx` terms (by domain and position) one of whose hosts has a failed address question. */
function hostFailureTerms(node: SpfTreeNode, out = new Set<string>(), seen = new Set<SpfTreeNode>()): Set<string> {
  if (seen.has(node)) return out;
  seen.add(node);
  for (const t of node.terms.map(termView)) {
    if ((t.name === 'a' || t.name === 'mx') && t.hosts?.some((h) => h.failure !== null)) out.add(`${node.domain}|${t.position}`);
    if (t.child) hostFailureTerms(t.child, out, seen);
  }
  return out;
}

/** What the worlds reach: how often the cases this property is about come up. */
interface Reach {
  /** check_host() stopped at the limits (RFC 7208 §4.6.4). */
  limited: number;
  /** check_host() gave temperror for a host's failed A or AAAA question. */
  hostTemperror: number;
  /** check_host() evaluated an `a`/`mx` term with a failing host to match or no match: the other family, or an earlier MX host. */
  pastFailure: number;
  /** …and of those, an `mx` term matched. */
  mxMatchBeforeFailure: number;
  /** check_host() gave permerror at an MX host without addresses of the client's family (RFC 7208 §4.6.4). */
  mxHostVoidLimit: number;
  /** check_host() counted MX hosts without addresses and went on past the `mx` term. */
  mxHostVoidCounted: number;
}

async function compare(world: World, enforce: boolean, reach: Reach): Promise<void> {
  const resolver = resolverFor(world);
  const tree = await expandSpf('d0.example', resolver, { checkType99: false });
  // limits lifted: check_host() with limits no tree of these worlds reaches, outside loops (which the
  // lifted walk gives permerror, as the limit would)
  if (!enforce && (tree.loops.length > 0 || tree.lookups.total > 200)) return;
  const limits = enforce ? world.limits : { lookups: 1000, voidLookups: 1000 };
  const outcome = rangeOutcome(tree.root, enforce ? { enforceLimits: true, limits } : {});
  const failing = hostFailureTerms(tree.root);
  for (const address of ADDRESSES) {
    const checked = await checkHost(address, 'd0.example', 'postmaster@d0.example', 'd0.example', { resolver, limits });
    if (checked.problem?.rule === 'RFC 7208 §4.6.4') reach.limited++;
    if (checked.result === 'temperror' && /DNS lookup failed: (A|AAAA) h\d\.example/.test(checked.problem?.message ?? '')) reach.hostTemperror++;
    if (checked.result === 'permerror' && /void lookups \(MX .* -> (A|AAAA) /.test(checked.problem?.message ?? '')) reach.mxHostVoidLimit++;
    if (checked.trace.some((step) => step.outcome === 'no-match' && /^MX .*\(void lookups\)$/.test(step.detail))) reach.mxHostVoidCounted++;
    for (const step of checked.trace) {
      if (!failing.has(`${step.domain}|${step.position}`) || (step.outcome !== 'match' && step.outcome !== 'no-match')) continue;
      reach.pastFailure++;
      if (step.outcome === 'match' && /^[-~?+]?mx/.test(step.term)) reach.mxMatchBeforeFailure++;
    }
    expect(resultsAt(outcome, address), `${address} (${enforce ? 'enforced' : 'lifted'}) in\n${describeWorld(world)}`).toEqual([checked.result]);
  }
}

const noReach = (): Reach => ({ limited: 0, hostTemperror: 0, pastFailure: 0, mxMatchBeforeFailure: 0, mxHostVoidLimit: 0, mxHostVoidCounted: 0 });

describe('range outcome against check_host()', () => {
  it('gives every address the result check_host() gives it, with the limits enforced', async () => {
    const reach = noReach();
    await fc.assert(
      fc.asyncProperty(worldArb, (world) => compare(world, true, reach)),
      { numRuns: 250 },
    );
    // the worlds do reach the limits, often, and the failures of one family or one MX host
    expect(reach.limited).toBeGreaterThan(500);
    // (thresholds a quarter or less of what runs reach)
    expect(reach.hostTemperror).toBeGreaterThan(200);
    expect(reach.pastFailure).toBeGreaterThan(50);
    expect(reach.mxMatchBeforeFailure).toBeGreaterThan(3);
    // and MX hosts without addresses: counted, and over the void limit
    expect(reach.mxHostVoidLimit).toBeGreaterThan(60);
    expect(reach.mxHostVoidCounted).toBeGreaterThan(20);
  }, 60_000);

  it('gives every address the result check_host() gives it, with the limits lifted', async () => {
    const reach = noReach();
    await fc.assert(
      fc.asyncProperty(worldArb, (world) => compare(world, false, reach)),
      { numRuns: 150 },
    );
    expect(reach.hostTemperror).toBeGreaterThan(50);
    expect(reach.pastFailure).toBeGreaterThan(15);
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
