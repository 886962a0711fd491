// Property: for random include trees (seeded), flattenSpf() succeeds, its own proof holds, and
// check_host() at addresses it did not choose agrees on both sides (original with limits lifted).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenSpf } from '../../src/flatten/flatten.js';
import { flattenedDns, resultOn, zone } from './helpers.js';

const SEED = 72080;
const q = fc.constantFrom('', '-', '~', '?');
const ip4 = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 })).map(([n, p]) => `ip4:10.0.0.${n}/${p}`);
const ip6 = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 120, max: 128 })).map(([n, p]) => `ip6:2001:db8::${n.toString(16)}/${p}`);
const host = fc.integer({ min: 0, max: 2 }).map((n) => `a:h${n}.hosts.example`);
const ranged = fc.tuple(q, fc.oneof(ip4, ip4, ip6, host)).map(([a, b]) => a + b);

interface Tree {
  records: string[][];
  kept: string[];
  all: string | null;
}

// record i may include records j > i only: no loops
const tree = fc
  .tuple(
    fc.array(fc.array(ranged, { maxLength: 5 }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), q), { maxLength: 4 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), q, fc.constantFrom('exists:%{i}.allow.example', 'ptr:hosts.example')), { maxLength: 2 }),
    fc.array(fc.option(fc.constantFrom('-all', '~all', '?all', 'all'), { nil: null }), { minLength: 4, maxLength: 4 }),
  )
  .map(([terms, includes, kept, alls]): Tree => {
    const records = terms.map((t) => [...t]);
    for (const [from, offset, qual] of includes) {
      const to = from + offset;
      if (to <= 3) records[from]!.splice(Math.min(1, records[from]!.length), 0, `${qual}include:r${to}.example`);
    }
    for (const [at, qual, term] of kept) records[at]!.push(`${qual}${term}`);
    records.forEach((r, i) => {
      const all = alls[i];
      if (all) r.push(all);
    });
    return { records, kept: kept.map(([, , t]) => t), all: alls[0] ?? null };
  });

function zoneOf(t: Tree): string {
  const lines = t.records.map((terms, i) => `${i === 0 ? 'ex.example' : `r${i}.example`}. TXT "${['v=spf1', ...terms].join(' ')}"`);
  lines.push('h0.hosts.example. A 10.0.0.7', 'h0.hosts.example. AAAA 2001:db8::7', 'h1.hosts.example. A 10.0.0.200', 'h2.hosts.example. TXT "no address"');
  lines.push('10.0.0.9.allow.example. A 127.0.0.2', '10.0.0.130.allow.example. A 127.0.0.2');
  lines.push('9.0.0.10.in-addr.arpa. PTR h0.hosts.example.', '7.0.0.10.in-addr.arpa. PTR h0.hosts.example.');
  return lines.join('\n');
}

describe('flattening random trees', () => {
  it('always proves equivalent, and agrees at addresses it did not choose', async () => {
    const seen = { flattened: 0, kept: 0, chained: 0, ordered: 0 };
    await fc.assert(
      fc.asyncProperty(tree, fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), async (t, samples) => {
        const dns = zone(zoneOf(t));
        const r = await flattenSpf('ex.example', dns, { maxLookups: 10, udpSize: 1232 });
        // kept terms may need more lookups than a random tree leaves room for; nothing else refuses
        if (r.status === 'refused') {
          expect(r.refusals[0]?.message).toMatch(/DNS lookups/);
          return;
        }
        expect(r.proof?.equivalent, JSON.stringify(r.proof?.mismatches.slice(0, 3))).toBe(true);
        seen.flattened++;
        if (r.kept.length > 0) seen.kept++;
        if (r.kept.some((k) => k.reason === 'order')) seen.ordered++;
        if (r.records.some((x) => x.role === 'chain')) seen.chained++;
        const flat = flattenedDns(dns, r);
        for (const n of samples) {
          for (const address of [`10.0.0.${n}`, `2001:db8::${n.toString(16)}`]) {
            expect(await resultOn(flat, 'ex.example', address), address).toBe(await resultOn(dns, 'ex.example', address, true));
          }
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
    // the trees reached what they are meant to exercise
    expect(seen.flattened).toBeGreaterThan(20);
    expect(seen.kept).toBeGreaterThan(5);
    expect(seen.ordered).toBeGreaterThan(0);
  }, 120_000);
});
