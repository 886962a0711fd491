// rangeOutcome() shares the outcome of equal subtrees between trees (a provider's record included by
// many domains). These properties check it against the straightforward evaluation — every record
// worked out afresh from its children, with the same set arithmetic — over random worlds whose
// record texts repeat while what they resolve to does not (the same `a:` term naming different
// addresses, a DNS failure in one world only, a provider that is a loop in one tree only).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome, type FamilySets, type RangeOutcome } from '../../src/spf/expand-outcome.js';
import { outcomeKey } from '../../src/spf/outcome-program.js';
import type { SpfTreeNode } from '../../src/spf/expand-types.js';
import { termView, type TermView } from '../../src/spf/tree-json.js';
import { walkTree } from '../../src/spf/expand-walk.js';
import { RangeSet } from '../../src/net/range-set.js';
import { parseCidr } from '../../src/net/cidr.js';
import { maxAddress } from '../../src/net/cidr-address.js';
import { QUALIFIER_RESULT, SPF_RESULTS, type SpfResult } from '../../src/spf/types.js';
import { ZoneResolver, type ZoneFailure } from '../../src/dns/zone-resolver.js';

const all = (): FamilySets => ({
  ip4: RangeSet.fromIntervals(4, [{ first: 0n, last: maxAddress(4) }]),
  ip6: RangeSet.fromIntervals(6, [{ first: 0n, last: maxAddress(6) }]),
});
const none = (): FamilySets => ({ ip4: RangeSet.empty(4), ip6: RangeSet.empty(6) });
const uniform = (r: SpfResult): RangeOutcome => {
  const out = Object.fromEntries(SPF_RESULTS.map((x) => [x, none()])) as RangeOutcome;
  out[r] = all();
  return out;
};

/** The straightforward evaluation: no sharing, every record from its children, in RFC 7208 order. */
function reference(node: SpfTreeNode): RangeOutcome {
  if (node.status === 'none') return uniform('none');
  if (node.status === 'failure') return uniform('temperror'); // RFC 7208 §4.4
  if (node.status !== 'record' || node.parseErrors.length > 0) return uniform('permerror');
  const out = Object.fromEntries(SPF_RESULTS.map((x) => [x, none()])) as RangeOutcome;
  let decided = none();
  const give = (r: SpfResult, sets: FamilySets): void => {
    for (const k of ['ip4', 'ip6'] as const) {
      out[r][k] = out[r][k].union(sets[k].difference(decided[k]));
      decided = { ...decided, [k]: decided[k].union(sets[k]) };
    }
  };
  const ranges = (t: TermView): FamilySets => {
    const c = t.ranges.map((text) => parseCidr(text)!);
    return { ip4: RangeSet.fromCidrs(4, c.filter((x) => x.family === 4)), ip6: RangeSet.fromCidrs(6, c.filter((x) => x.family === 6)) };
  };
  const terms = node.terms.map(termView);
  for (const t of terms) {
    if (!t.evaluated || t.kind !== 'mechanism' || t.macro || t.dependsOnIp) continue;
    const r = QUALIFIER_RESULT[t.qualifier ?? '+'];
    if (t.failure) {
      give('temperror', all());
      return out;
    }
    if (t.name === 'mx' && t.mxOverLimit) {
      give('permerror', all());
      return out;
    }
    if (['ip4', 'ip6', 'a', 'mx'].includes(t.name)) give(r, ranges(t));
    else if (t.name === 'exists' && t.exists) give(r, all());
    else if (t.name === 'all') give(r, all());
    else if (t.name === 'include' && t.child) {
      const inner = reference(t.child); // RFC 7208 §5.2
      give(r, inner.pass);
      give('permerror', { ip4: inner.permerror.ip4.union(inner.none.ip4), ip6: inner.permerror.ip6.union(inner.none.ip6) });
      give('temperror', inner.temperror);
    }
  }
  const redirect = terms.find((t) => t.evaluated && t.name === 'redirect');
  if (redirect?.child) {
    const inner = reference(redirect.child); // RFC 7208 §6.1
    for (const r of SPF_RESULTS) give(r === 'none' ? 'permerror' : r, inner[r]);
  }
  give('neutral', all());
  return out;
}

function expectSame(actual: RangeOutcome, expected: RangeOutcome): void {
  for (const r of SPF_RESULTS) {
    expect(actual[r].ip4.intervals, `${r} ip4`).toEqual(expected[r].ip4.intervals);
    expect(actual[r].ip6.intervals, `${r} ip6`).toEqual(expected[r].ip6.intervals);
  }
}

// A small pool of record texts, so that the same text turns up in many worlds and many trees.
const PROVIDERS = ['p1.example', 'p2.example', 'p3.example'];
const termArb = fc.oneof(
  fc.tuple(fc.constantFrom('', '-', '~', '?'), fc.constantFrom('10.0.0.0/30', '10.0.0.4/31', '10.0.1.0/24', '10.0.0.0/16')).map(([q, c]) => `${q}ip4:${c}`),
  fc.constantFrom('ip6:2001:db8::/127', '-ip6:2001:db8::1', 'ip6:2001:db8:1::/48'),
  fc.tuple(fc.constantFrom('', '-', '?'), fc.constantFrom(...PROVIDERS, 'missing.example')).map(([q, d]) => `${q}include:${d}`),
  fc.constantFrom('a:host.example', 'a:host.example/30', '-a:other.example', 'mx:mail.example', 'mx:mail.example/31//126'),
  fc.constantFrom('exists:host.example', '-exists:other.example', 'exists:%{i}.host.example', 'ptr'),
  fc.constantFrom('-all', '~all', '?all', 'ip4:10.0.0.300'),
);
const recordArb = fc.tuple(fc.array(termArb, { maxLength: 4 }), fc.option(fc.constantFrom(...PROVIDERS), { nil: null }));

/** What differs between worlds that share their record texts: addresses, MX hosts, and failures. */
const dataArb = fc.record({
  host: fc.array(fc.constantFrom('10.0.0.1', '10.0.0.9', '10.0.2.7', '2001:db8::5'), { maxLength: 2 }),
  other: fc.array(fc.constantFrom('10.0.0.2', '10.0.1.3'), { maxLength: 1 }),
  mail: fc.array(fc.constantFrom('10.0.0.12', '10.0.3.1', '2001:db8::9'), { maxLength: 2 }),
  failing: fc.option(fc.constantFrom('host.example', 'mail.example', 'p2.example'), { nil: null }),
});
type Records = [string[], string | null][];
type Data = typeof dataArb extends fc.Arbitrary<infer D> ? D : never;
const recordsArb = fc.array(recordArb, { minLength: PROVIDERS.length + 2, maxLength: PROVIDERS.length + 2 });

function resolverFor(records: Records, data: Data): ZoneResolver {
  const owners = ['a.example', 'b.example', ...PROVIDERS];
  const lines = records.map(([terms, redirect], i) => `${owners[i]}. TXT "${['v=spf1', ...terms, ...(redirect ? [`redirect=${redirect}`] : [])].join(' ')}"`);
  const address = (name: string, ip: string): string => `${name}. ${ip.includes(':') ? 'AAAA' : 'A'} ${ip}`;
  lines.push(...data.host.map((ip) => address('host.example', ip)), ...data.other.map((ip) => address('other.example', ip)));
  lines.push('mail.example. MX 10 mx1.mail.example.', ...data.mail.map((ip) => address('mx1.mail.example', ip)));
  const failures: ZoneFailure[] = data.failing ? [{ name: data.failing, failure: 'timeout', exceptTypes: [] }] : [];
  return ZoneResolver.fromText(`$TTL 300\n${lines.join('\n')}`, { origin: '.', file: 'test.zone', failures });
}

describe('rangeOutcome with shared subtree outcomes', () => {
  it('equals the straightforward evaluation for every node of every tree, across worlds that reuse record texts', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, fc.array(dataArb, { minLength: 2, maxLength: 4 }), async (records, worlds) => {
        for (const data of worlds) {
          const resolver = resolverFor(records, data);
          for (const root of ['a.example', 'b.example']) {
            const e = await expandSpf(root, resolver, { checkType99: false });
            for (const { node } of walkTree(e.root)) expectSame(rangeOutcome(node), reference(node));
            const totals = rangeOutcome(e.root).pass;
            expect(e.totals.ip4Addresses).toBe(Number(totals.ip4.count()));
            expect(e.totals.ip6Ranges).toBe(totals.ip6.toCidrs().length);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('gives equal keys only to subtrees with equal outcomes', async () => {
    const byKey = new Map<string, RangeOutcome>();
    await fc.assert(
      fc.asyncProperty(recordsArb, dataArb, async (records, data) => {
        const e = await expandSpf('a.example', resolverFor(records, data), { checkType99: false });
        for (const { node } of walkTree(e.root)) {
          const key = outcomeKey(node);
          const seen = byKey.get(key);
          const mine = reference(node);
          if (seen) expectSame(mine, seen);
          else byKey.set(key, mine);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('tells apart the same record text resolving to different addresses', async () => {
    const text = 'p1.example. 300 TXT "v=spf1 a:host.example -all"';
    const one = await expandSpf('p1.example', ZoneResolver.fromText(`${text}\nhost.example. 300 A 192.0.2.1`, { origin: '.' }));
    const two = await expandSpf('p1.example', ZoneResolver.fromText(`${text}\nhost.example. 300 A 192.0.2.2`, { origin: '.' }));
    expect(outcomeKey(one.root)).not.toBe(outcomeKey(two.root));
    expect(rangeOutcome(one.root).pass.ip4.contains(0xc0000201n)).toBe(true);
    expect(rangeOutcome(two.root).pass.ip4.contains(0xc0000201n)).toBe(false);
    expect(rangeOutcome(two.root).fail.ip4.contains(0xc0000201n)).toBe(true);
  });

  it('hands each caller its own outcome object, even for a subtree whose outcome is shared', async () => {
    const resolver = ZoneResolver.fromText(
      'a.example. 300 TXT "v=spf1 include:p1.example -all"\np1.example. 300 TXT "v=spf1 ip4:192.0.2.0/24 -all"',
      { origin: '.' },
    );
    const e = await expandSpf('a.example', resolver);
    rangeOutcome(e.root); // the include's outcome is now shared
    const child = termView(e.root.terms[0]!).child!;
    const mine = rangeOutcome(child);
    mine.pass.ip4 = RangeSet.empty(4);
    mine.fail = { ip4: RangeSet.empty(4), ip6: RangeSet.empty(6) };
    expect(rangeOutcome(child).pass.ip4.count()).toBe(256n);
    expect(rangeOutcome(e.root).pass.ip4.count()).toBe(256n);
    expect(rangeOutcome(e.root).fail.ip6.isEmpty()).toBe(false);
  });
});
