// Properties on random include/redirect trees (seeded): flattenSpf() either refuses for a stated reason
// or gives records whose own proof holds, and check_host() at addresses it did not choose agrees on both
// sides (original with the lookup limit lifted). And the proof is not vacuous: flipping the qualifier of
// any written block is caught at an address that block decides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenSpf } from '../../src/flatten/flatten.js';
import { probeAddresses, proveEquivalent } from '../../src/flatten/prove.js';
import { proposedResolver } from '../../src/flatten/spf-overlay.js';
import type { Resolver } from '../../src/dns/types.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { cidrContains, parseCidr } from '../../src/net/cidr.js';
import { checkHost } from '../../src/spf/check-host.js';
import { expandSpf } from '../../src/spf/expand.js';
import { flattenedDns, resultOn, zone } from './helpers.js';

const q = fc.constantFrom('', '-', '~', '?');
const ip4 = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 })).map(([n, p]) => `ip4:10.0.0.${n}/${p}`);
const ip6 = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 120, max: 128 })).map(([n, p]) => `ip6:2001:db8::${n.toString(16)}/${p}`);
// a/mx with and without dual CIDR lengths (RFC 7208 §5.6); h2 has no address at all (a void lookup)
const host = fc
  .tuple(fc.constantFrom('a:h0.hosts.example', 'a:h0.hosts.example', 'a:h1.hosts.example', 'a:h2.hosts.example', 'mx:mx.hosts.example'), fc.constantFrom('', '/30', '/28//124', '//126'))
  .map(([t, c]) => t + c);
const ranged = fc.tuple(q, fc.oneof(ip4, ip4, ip6, host)).map(([a, b]) => a + b);

interface Tree {
  records: string[][];
}

// record i may include or redirect to records j > i only: no loops
const tree = fc
  .tuple(
    fc.array(fc.array(ranged, { maxLength: 5 }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), q), { maxLength: 4 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), q, fc.constantFrom('exists:%{i}.allow.example', 'ptr:hosts.example')), { maxLength: 2 }),
    fc.array(fc.option(fc.constantFrom('-all', '~all', '?all', 'all'), { nil: null }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  )
  .map(([terms, includes, kept, alls, redirects, exps]): Tree => {
    const records = terms.map((t) => [...t]);
    for (const [from, offset, qual] of includes) {
      const to = from + offset;
      if (to <= 3) records[from]!.splice(Math.min(1, records[from]!.length), 0, `${qual}include:r${to}.example`);
    }
    for (const [at, qual, term] of kept) records[at]!.push(`${qual}${term}`);
    records.forEach((r, i) => {
      const all = alls[i];
      if (all) r.push(all);
      const to = redirects[i];
      // RFC 7208 §6.1: ignored when the record has an `all`
      if (to !== null && to !== undefined && i + to <= 3) r.push(`redirect=r${i + to}.example`);
      if (exps[i]) r.push(`exp=why${i}.example`);
    });
    return { records };
  });

function zoneOf(t: Tree): string {
  const lines = t.records.map((terms, i) => `${i === 0 ? 'ex.example' : `r${i}.example`}. TXT "${['v=spf1', ...terms].join(' ')}"`);
  lines.push('h0.hosts.example. A 10.0.0.7', 'h0.hosts.example. AAAA 2001:db8::7', 'h1.hosts.example. A 10.0.0.200', 'h2.hosts.example. TXT "no address"');
  lines.push('mx.hosts.example. MX 10 h0.hosts.example.', 'mx.hosts.example. MX 20 h3.hosts.example.', 'h3.hosts.example. A 10.0.0.66', 'h3.hosts.example. AAAA 2001:db8::66');
  lines.push('10.0.0.9.allow.example. A 127.0.0.2', '10.0.0.130.allow.example. A 127.0.0.2');
  lines.push('9.0.0.10.in-addr.arpa. PTR h0.hosts.example.', '7.0.0.10.in-addr.arpa. PTR h0.hosts.example.');
  for (let i = 0; i < 4; i++) lines.push(`why${i}.example. TXT "not allowed by record ${i}"`);
  return lines.join('\n');
}

const OPTIONS = { maxLookups: 10, udpSize: 1232 };
const STATED_REFUSAL = /DNS lookups|void lookup|permerror/;

describe('flattening random trees', () => {
  it('proves equivalent or refuses with a reason, and agrees at addresses it did not choose', async () => {
    const seen = { flattened: 0, kept: 0, chained: 0, ordered: 0, redirected: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(tree, fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), async (t, samples) => {
        const dns = zone(zoneOf(t));
        const r = await flattenSpf('ex.example', dns, OPTIONS);
        if (r.status === 'refused') {
          expect(r.refusals[0]?.message).toMatch(STATED_REFUSAL);
          seen.refused++;
          return;
        }
        expect(r.proof?.equivalent, JSON.stringify(r.proof?.mismatches.slice(0, 3))).toBe(true);
        seen.flattened++;
        if (r.kept.length > 0) seen.kept++;
        if (r.kept.some((k) => k.reason === 'order')) seen.ordered++;
        if (r.records.some((x) => x.role === 'chain')) seen.chained++;
        if (r.frozen.some((f) => f.via === 'redirect')) seen.redirected++;
        const flat = flattenedDns(dns, r);
        for (const n of samples) {
          for (const address of [`10.0.0.${n}`, `2001:db8::${n.toString(16)}`]) {
            expect(await resultOn(flat, 'ex.example', address), address).toBe(await resultOn(dns, 'ex.example', address, true));
          }
        }
      }),
      { seed: 72080, numRuns: 60 },
    );
    // the trees reached what they are meant to exercise
    expect(seen.flattened).toBeGreaterThan(30);
    expect(seen.kept).toBeGreaterThan(5);
    expect(seen.ordered).toBeGreaterThan(0);
    expect(seen.redirected).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(0);
  }, 180_000);

  it('catches a deliberately wrong flattening: any written block given another qualifier', async () => {
    const QUALS = ['+', '-', '~', '?'] as const;
    let caught = 0;
    await fc.assert(
      fc.asyncProperty(tree, fc.nat(), async (t, pick) => {
        const dns = zone(zoneOf(t));
        const r = await flattenSpf('ex.example', dns, OPTIONS);
        if (r.status !== 'flattened') return;
        const root = r.records.find((x) => x.role === 'root')!;
        const terms = root.text.split(' ');
        const blocks = terms.map((term, i) => ({ term, i })).filter(({ term }) => /^[-~?+]?ip[46]:/.test(term));
        const chosen = blocks[pick % Math.max(1, blocks.length)];
        if (!chosen) return;
        const qual = /^[-~?+]/.test(chosen.term) ? (chosen.term[0] as (typeof QUALS)[number]) : '+';
        const bare = chosen.term.replace(/^[-~?+]/, '');
        const flipped = QUALS[(QUALS.indexOf(qual) + 1) % QUALS.length]!;
        const wrongText = terms.map((x, i) => (i === chosen.i ? `${flipped}${bare}` : x)).join(' ');
        const wrong: Resolver = proposedResolver(dns, 'ex.example', { text: wrongText, ttl: 300 }, r.records.filter((x) => x.role === 'chain'));

        // the probes the flattening's proof used: every range of the tree and every block written
        const written = r.records.filter((x) => x.role !== 'source').flatMap((x) => x.text.split(' ').filter((w) => /^[-~?+]?ip[46]:/.test(w)).map((w) => w.replace(/^[-~?+]?ip[46]:/, '')));
        const ranges = [...(await expandSpf('ex.example', dns, { checkType99: false })).ranges.map((x) => x.cidr), ...written];
        const proof = await proveEquivalent({ domain: 'ex.example', original: dns, flattened: wrong, ranges });

        // the probes the chosen block decides in the right records
        const block = parseCidr(bare.replace(/^ip[46]:/, ''))!;
        const right = flattenedDns(dns, r);
        const decided: string[] = [];
        for (const address of probeAddresses(ranges)) {
          const parsed = parseAddress(address)!;
          if (!cidrContains(block, parsed.family, parsed.value)) continue;
          const res = await checkHost(address, 'ex.example', 'postmaster@ex.example', 'ex.example', { resolver: right });
          if (res.matched?.domain === 'ex.example' && res.matched.term === chosen.term) decided.push(address);
        }
        // every written block decides some address (else it would not be written) ...
        if (decided.length === 0) return;
        caught++;
        // ... and the proof reports each of those
        expect(proof.equivalent).toBe(false);
        expect(proof.mismatches.map((m) => m.address)).toEqual(expect.arrayContaining(decided));
      }),
      { seed: 4208, numRuns: 40 },
    );
    expect(caught).toBeGreaterThan(15);
  }, 180_000);
});

