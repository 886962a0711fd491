import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome, type RangeOutcome } from '../../src/spf/expand-outcome.js';
import type { SpfTreeNode } from '../../src/spf/expand-types.js';
import { termView } from '../../src/spf/tree-json.js';
import { parseCidr, cidrContains } from '../../src/net/cidr.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { QUALIFIER_RESULT, SPF_RESULTS, type SpfResult } from '../../src/spf/types.js';
import { checkHost } from '../../src/spf/check-host.js';
import { zone } from './expand-zone.js';

function resultOf(outcome: RangeOutcome, address: string): SpfResult[] {
  const parsed = parseAddress(address)!;
  const key = parsed.family === 4 ? 'ip4' : 'ip6';
  return SPF_RESULTS.filter((r) => outcome[r][key].contains(parsed.value));
}

async function outcomeOf(text: string): Promise<RangeOutcome> {
  return rangeOutcome((await expandSpf('example.com', zone(text))).root);
}

describe('range outcome: the result each address gets (limits lifted)', () => {
  it('gives include matches only for the included record’s pass (RFC 7208 §5.2)', async () => {
    const o = await outcomeOf(`
example.com. TXT "v=spf1 include:inner.example ip4:192.0.2.0/24 ~all"
inner.example. TXT "v=spf1 -ip4:192.0.2.1 ip4:192.0.2.0/30 -all"
`);
    expect(resultOf(o, '192.0.2.1')).toEqual(['pass']); // inner fail: no match, then the outer ip4 matches
    expect(resultOf(o, '192.0.2.2')).toEqual(['pass']);
    expect(resultOf(o, '192.0.2.200')).toEqual(['pass']);
    expect(resultOf(o, '198.51.100.1')).toEqual(['softfail']);
    expect(resultOf(o, '2001:db8::1')).toEqual(['softfail']);
  });

  it('keeps the first matching term’s qualifier (RFC 7208 §4.6.2)', async () => {
    const o = await outcomeOf(`example.com. TXT "v=spf1 -ip4:192.0.2.1 ?ip4:192.0.2.0/31 ip4:192.0.2.0/24 -all"`);
    expect(resultOf(o, '192.0.2.1')).toEqual(['fail']);
    expect(resultOf(o, '192.0.2.0')).toEqual(['neutral']);
    expect(resultOf(o, '192.0.2.2')).toEqual(['pass']);
  });

  it('gives permerror past an include without SPF and through a redirect to nothing', async () => {
    const o = await outcomeOf(`
example.com. TXT "v=spf1 ip4:192.0.2.1 include:nospf.example ip4:192.0.2.2"
nospf.example. TXT "hello"
`);
    expect(resultOf(o, '192.0.2.1')).toEqual(['pass']);
    expect(resultOf(o, '192.0.2.2')).toEqual(['permerror']);
    const r = await outcomeOf(`example.com. TXT "v=spf1 ip4:192.0.2.1 redirect=nowhere.example"`);
    expect(resultOf(r, '192.0.2.9')).toEqual(['permerror']);
  });

  it('gives neutral when nothing matches and there is no redirect (RFC 7208 §4.7)', async () => {
    const o = await outcomeOf(`example.com. TXT "v=spf1 ip4:192.0.2.1"`);
    expect(resultOf(o, '192.0.2.2')).toEqual(['neutral']);
  });

  it('gives temperror from a DNS failure for what is not decided before it', async () => {
    const e = await expandSpf(
      'example.com',
      zone(`example.com. TXT "v=spf1 ip4:192.0.2.1 a:broken.example -all"`, [{ name: 'broken.example', failure: 'timeout', exceptTypes: [] }]),
    );
    const o = rangeOutcome(e.root);
    expect(resultOf(o, '192.0.2.1')).toEqual(['pass']);
    expect(resultOf(o, '192.0.2.2')).toEqual(['temperror']);
  });
});

/** Per-address evaluation straight from the tree, written independently of the set arithmetic. */
function naive(node: SpfTreeNode, ip: string): SpfResult {
  if (node.status === 'none') return 'none';
  if (node.status === 'failure') return 'temperror';
  if (node.status !== 'record' || node.parseErrors.length > 0) return 'permerror';
  const address = parseAddress(ip)!;
  const terms = node.terms.map(termView);
  for (const t of terms) {
    if (!t.evaluated || t.kind !== 'mechanism') continue;
    const result = QUALIFIER_RESULT[t.qualifier!];
    if (t.name === 'all') return result;
    if (t.name === 'include' && t.child) {
      const inner = naive(t.child, ip);
      if (inner === 'pass') return result;
      if (inner === 'none' || inner === 'permerror') return 'permerror';
      if (inner === 'temperror') return 'temperror';
      continue;
    }
    if (t.ranges.some((r) => cidrContains(parseCidr(r)!, address.family, address.value))) return result;
  }
  const redirect = terms.find((t) => t.evaluated && t.name === 'redirect');
  if (redirect?.child) {
    const inner = naive(redirect.child, ip);
    return inner === 'none' ? 'permerror' : inner;
  }
  return 'neutral';
}

describe('range outcome: property', () => {
  const domains = ['example.com', 'd1.example', 'd2.example', 'd3.example'];
  const termArb = fc.oneof(
    fc.tuple(fc.constantFrom('', '-', '~', '?'), fc.nat(255), fc.integer({ min: 24, max: 32 })).map(([q, host, len]) => `${q}ip4:10.0.0.${host}/${len}`),
    fc.tuple(fc.constantFrom('', '-'), fc.constantFrom(...domains.slice(1), 'missing.example')).map(([q, d]) => `${q}include:${d}`),
    fc.constantFrom('-all', '~all', '?all', '+all'),
  );
  const recordArb = fc.tuple(fc.array(termArb, { maxLength: 4 }), fc.option(fc.constantFrom(...domains.slice(1)), { nil: null }));
  const zoneArb = fc.array(recordArb, { minLength: domains.length, maxLength: domains.length });

  it('agrees with per-address evaluation, and every address gets exactly one result', async () => {
    await fc.assert(
      fc.asyncProperty(zoneArb, async (records) => {
        const text = records
          .map(([terms, redirect], i) => `${domains[i]}. TXT "${['v=spf1', ...terms, ...(redirect ? [`redirect=${redirect}`] : [])].join(' ')}"`)
          .join('\n');
        const e = await expandSpf('example.com', zone(text), { checkType99: false });
        const o = rangeOutcome(e.root);
        // loops are cut where they close, so a per-address walk terminates too
        for (let host = 0; host < 256; host += 3) {
          const ip = `10.0.0.${host}`;
          expect(resultOf(o, ip)).toEqual([naive(e.root, ip)]);
        }
        expect(resultOf(o, '192.0.2.1')).toEqual([naive(e.root, '192.0.2.1')]);
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with check_host() run with the lookup limits lifted', async () => {
    const small = fc.tuple(
      fc.array(
        fc.oneof(
          fc.tuple(fc.constantFrom('', '-', '~', '?'), fc.nat(255), fc.integer({ min: 26, max: 32 })).map(([q, host, len]) => `${q}ip4:10.0.0.${host}/${len}`),
          fc.tuple(fc.constantFrom('', '-'), fc.constantFrom(...domains.slice(1), 'missing.example')).map(([q, d]) => `${q}include:${d}`),
          fc.constantFrom('-all', '~all', '?all'),
        ),
        { maxLength: 3 },
      ),
      fc.option(fc.constantFrom(...domains.slice(1)), { nil: null }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(small, { minLength: domains.length, maxLength: domains.length }), fc.array(fc.nat(255), { minLength: 3, maxLength: 3 }), async (records, hosts) => {
        const text = records
          .map(([terms, redirect], i) => `${domains[i]}. TXT "${['v=spf1', ...terms, ...(redirect ? [`redirect=${redirect}`] : [])].join(' ')}"`)
          .join('\n');
        const resolver = zone(text);
        const o = rangeOutcome((await expandSpf('example.com', resolver, { checkType99: false })).root);
        for (const host of hosts) {
          const ip = `10.0.0.${host}`;
          const checked = await checkHost(ip, 'example.com', 'postmaster@example.com', 'example.com', {
            resolver,
            limits: { lookups: 300, voidLookups: 300 },
          });
          expect(resultOf(o, ip)).toEqual([checked.result]);
        }
      }),
      { numRuns: 40 },
    );
  });
});
