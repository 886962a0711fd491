// Property tests (fast-check, fixed seeds): the parser never throws; rendering a valid record and
// parsing it again gives the same record; check_host() on random small zones never throws, stays within
// the RFC 7208 §4.6.4 limits and terminates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';
import { checkHost } from '../../src/spf/check-host.js';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome } from '../../src/spf/expand-outcome.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { parseSpfRecord } from '../../src/spf/parse.js';
import { renderRecord } from '../../src/spf/render.js';
import { SPF_RESULTS, type SpfRecord } from '../../src/spf/types.js';
import { suiteZone } from './helpers/suite-zone.js';

const SEED = 7208;

// Pieces of SPF text, valid and not, to build records that reach deep into the parser.
const token = fc.constantFrom(
  'a', 'mx', 'ptr', 'all', 'include', 'exists', 'ip4', 'ip6', 'redirect', 'exp', 'moo',
  ':', '/', '//', '=', '.', '-', '+', '~', '?', '%', '%{', '}', '%%', '%_', '%-',
  'example.com', '_spf.', 'com', '123', '0', '24', '32', '33', '128', '129', '032',
  '192.0.2.1', '1.2.3', '2001:db8::', '::ffff:1.2.3.4', '%{d}', '%{ir}', '%{L2r-}', '%{c}', '%{x}',
  ' ', '  ', '\t', '\r', '\x00', '\x96', 'é',
);
const spfish = fc.array(token, { maxLength: 24 }).map((parts) => `v=spf1 ${parts.join('')}`);

// Valid terms, for round trips.
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
const macro = fc
  .tuple(fc.constantFrom('s', 'l', 'o', 'd', 'i', 'p', 'h', 'v', 'D', 'L'), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), fc.boolean(), fc.constantFrom('', '.', '-', '+_', '=/,'))
  .map(([l, n, r, delims]) => `%{${l}${n ?? ''}${r ? 'r' : ''}${delims}}`);
const domainSpec = fc.oneof(
  fc.array(label, { minLength: 2, maxLength: 4 }).map((ls) => ls.join('.')),
  fc.tuple(macro, fc.array(label, { minLength: 1, maxLength: 3 })).map(([m, ls]) => `${m}.${ls.join('.')}`),
  fc.tuple(fc.array(label, { minLength: 1, maxLength: 2 }), macro).map(([ls, m]) => `${ls.join('.')}.${m}`),
);
const qualifier = fc.constantFrom('', '+', '-', '~', '?');
const cidr4 = fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined });
const cidr6 = fc.option(fc.integer({ min: 0, max: 128 }), { nil: undefined });
const octet = fc.integer({ min: 0, max: 255 });
const ip4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const ip6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => g.map((x) => x.toString(16)).join(':'));
const dual = fc.tuple(cidr4, cidr6).map(([a, b]) => `${a === undefined ? '' : `/${a}`}${b === undefined ? '' : `//${b}`}`);
const mechanism = fc.oneof(
  fc.tuple(qualifier, fc.constantFrom('all')).map(([q, m]) => q + m),
  fc.tuple(qualifier, fc.constantFrom('include', 'exists'), domainSpec).map(([q, m, d]) => `${q}${m}:${d}`),
  fc.tuple(qualifier, fc.constantFrom('a', 'mx'), fc.option(domainSpec, { nil: undefined }), dual).map(([q, m, d, c]) => `${q}${m}${d === undefined ? '' : `:${d}`}${c}`),
  fc.tuple(qualifier, fc.option(domainSpec, { nil: undefined })).map(([q, d]) => `${q}ptr${d === undefined ? '' : `:${d}`}`),
  fc.tuple(qualifier, ip4, cidr4).map(([q, a, c]) => `${q}ip4:${a}${c === undefined ? '' : `/${c}`}`),
  fc.tuple(qualifier, ip6, cidr6).map(([q, a, c]) => `${q}IP6:${a}${c === undefined ? '' : `/${c}`}`),
);
const unknownModifier = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._-]{0,6}$/), fc.constantFrom('', 'x', '%{d}', 'a:b/c'))
  .filter(([n]) => n !== 'redirect' && n !== 'exp')
  .map(([n, v]) => `${n}=${v}`);
const validRecord = fc
  .tuple(
    fc.array(fc.oneof(mechanism, unknownModifier), { maxLength: 8 }),
    fc.option(domainSpec.map((d) => `redirect=${d}`), { nil: undefined }),
    fc.option(domainSpec.map((d) => `exp=${d}`), { nil: undefined }),
    fc.constantFrom(' ', '  '),
  )
  .map(([terms, redirect, exp, sep]) => ['V=SPF1', ...terms, ...(redirect ? [redirect] : []), ...(exp ? [exp] : [])].join(sep));

/** The record without positions and as-written text: what the record means. */
function meaning(record: SpfRecord): unknown {
  const terms = record.terms.map(({ position: _p, text: _t, ...rest }) => rest);
  return JSON.parse(JSON.stringify(terms, (key, value: unknown) => (key === 'offset' ? undefined : value)));
}

describe('parser properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `v=spf1 ${s}`)), (text) => {
        const r = parseSpfRecord(text);
        expect(typeof r.ok).toBe('boolean');
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('never throws on SPF-like token soup, and every error points into the record', () => {
    let parsedOk = 0;
    let failed = 0;
    fc.assert(
      fc.property(spfish, (text) => {
        const r = parseSpfRecord(text);
        if (r.ok) parsedOk++;
        else {
          failed++;
          for (const e of r.errors) {
            expect(e.position).toBeGreaterThanOrEqual(0);
            expect(e.position).toBeLessThanOrEqual(text.length);
            expect(e.rule).toMatch(/^RFC 7208 §/);
          }
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // The generator reaches both sides of the parser.
    expect(parsedOk).toBeGreaterThan(50);
    expect(failed).toBeGreaterThan(500);
  });

  it('render(parse(x)) parses to the same record for valid records', () => {
    fc.assert(
      fc.property(validRecord, (text) => {
        const first = parseSpfRecord(text);
        if (!first.ok) throw new Error(`generated record did not parse: ${text}: ${first.errors[0]?.message}`);
        const rendered = renderRecord(first.record);
        const second = parseSpfRecord(rendered);
        if (!second.ok) throw new Error(`rendered record did not parse: ${rendered}`);
        expect(meaning(second.record)).toEqual(meaning(first.record));
        expect(renderRecord(second.record)).toBe(rendered);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('render(parse(x)) also holds for the valid records found in token soup', () => {
    let valid = 0;
    fc.assert(
      fc.property(spfish, (text) => {
        const first = parseSpfRecord(text);
        if (!first.ok) return;
        valid++;
        const second = parseSpfRecord(renderRecord(first.record));
        expect(second.ok).toBe(true);
        if (second.ok) expect(meaning(second.record)).toEqual(meaning(first.record));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(valid).toBeGreaterThan(50);
  });
});

// Random small zones: six domains whose records refer to each other (loops included), some hosts,
// MX and PTR data, and names that time out.
const names = ['d0.example', 'd1.example', 'd2.example', 'd3.example', 'd4.example', 'd5.example'];
const clientIps = ['192.0.2.1', '192.0.2.77', '2001:db8::1', '::ffff:192.0.2.1'];
const zoneName = fc.constantFrom(...names, 'nx.example', 'h.example');
const zoneTerm = fc.oneof(
  fc.tuple(qualifier, zoneName).map(([q, n]) => `${q}include:${n}`),
  fc.tuple(qualifier, zoneName, dual).map(([q, n, c]) => `${q}a:${n}${c}`),
  fc.tuple(qualifier, zoneName).map(([q, n]) => `${q}mx:${n}`),
  fc.tuple(qualifier, zoneName).map(([q, n]) => `${q}exists:%{l}.${n}`),
  fc.constantFrom('ptr', 'ptr:d1.example', '-all', '~all', '?all', 'ip4:192.0.2.0/24', 'ip6:2001:db8::/64', 'a', 'mx', 'exists:%{ir}.%{v}.d2.example'),
  zoneName.map((n) => `redirect=${n}`),
  fc.constantFrom('exp=d3.example', 'moo', 'a:%{d}.', 'a:%{p}.d4.example'),
);
type ZoneEntry = string | Record<string, unknown>;
const entriesFor = fc.tuple(
  fc.option(fc.array(zoneTerm, { maxLength: 8 }).map((ts) => `v=spf1 ${ts.join(' ')}`), { nil: undefined }),
  fc.subarray(['A', 'AAAA', 'MX', 'TIMEOUT']),
);
const randomZone = fc.array(entriesFor, { minLength: names.length, maxLength: names.length }).map((all) => {
  const zone: Record<string, ZoneEntry[]> = {
    'h.example': [{ A: '192.0.2.1' }, { AAAA: '2001:db8::1' }],
    '1.2.0.192.in-addr.arpa': [{ PTR: 'h.example' }, { PTR: 'd1.example' }],
  };
  all.forEach(([record, extras], i) => {
    const name = names[i] ?? 'd0.example';
    const entries: ZoneEntry[] = [];
    if (record !== undefined) entries.push({ TXT: record });
    if (extras.includes('A')) entries.push({ A: '192.0.2.77' });
    if (extras.includes('AAAA')) entries.push({ AAAA: '2001:db8::77' });
    if (extras.includes('MX')) entries.push({ MX: [10, 'h.example'] });
    if (extras.includes('TIMEOUT')) entries.push('TIMEOUT');
    zone[name] = entries;
  });
  return zone;
});

function counting(resolver: Resolver): { resolver: Resolver; count: () => number } {
  let n = 0;
  return {
    resolver: {
      query: <T extends RRType>(name: string, type: T, options?: { signal?: AbortSignal }): Promise<DnsAnswer<T>> => {
        n++;
        return resolver.query(name, type, options);
      },
    },
    count: () => n,
  };
}

describe('check_host properties', () => {
  it('never throws on random small zones, stays within the limits, and terminates', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(randomZone, fc.constantFrom(...clientIps), fc.constantFrom(...names), async (zone, ip, domain) => {
        const { resolver, count } = counting(suiteZone(zone));
        const r = await checkHost(ip, domain, `user@${domain}`, 'h.example', { resolver, timeoutMs: 5000 });
        seen.add(r.result);
        expect(SPF_RESULTS).toContain(r.result);
        expect(r.lookups).toBeLessThanOrEqual(10);
        expect(r.voidLookups).toBeLessThanOrEqual(3);
        for (const step of r.trace) expect(step.lookups).toBeLessThanOrEqual(10);
        // Each counted term asks at most 1 + 10 (mx hosts) questions; the record fetches, PTR names
        // and the explanation add a bounded number more.
        expect(count()).toBeLessThanOrEqual(1 + 10 * 11 + 11 + 11 + 1);
        if (r.result === 'permerror' || r.result === 'temperror') expect(r.problem).not.toBeNull();
        if (r.result === 'fail') expect(r.explanation).not.toBeNull();
      }),
      { seed: SEED, numRuns: 300 },
    );
    // The zones reach every kind of outcome.
    expect([...seen].sort()).toEqual([...SPF_RESULTS].sort());
  });
});

// The expansion's per-address outcome (expand-outcome.ts) is what flattening proves its output against:
// wherever no limit is reached and nothing depends on the message, it must give every client address
// the very result check_host() gives it. MX sets list hosts with addresses of both families, of one
// only, none (no data) and no name at all (NXDOMAIN): void lookups for the families they lack.
describe('expansion agrees with check_host', () => {
  const mxHost = fc.constantFrom('h.example', 'h4.example', 'h6.example', 'bare.example', 'gone.example');
  const plainTerm = fc.oneof(
    fc.tuple(qualifier, zoneName).map(([q, n]) => `${q}include:${n}`),
    fc.tuple(qualifier, zoneName, dual).map(([q, n, c]) => `${q}a:${n}${c}`),
    fc.tuple(qualifier, zoneName, dual).map(([q, n, c]) => `${q}mx:${n}${c}`),
    fc.tuple(qualifier, zoneName).map(([q, n]) => `${q}exists:${n}`),
    fc.constantFrom('-all', '~all', '?all', 'ip4:192.0.2.0/25', '-ip4:192.0.2.1', 'ip6:2001:db8::/64', 'a', 'mx', 'a/24', 'mx//64'),
    zoneName.map((n) => `redirect=${n}`),
  );
  const plainZone = fc
    .array(
      fc.tuple(
        fc.option(fc.array(plainTerm, { maxLength: 5 }).map((ts) => `v=spf1 ${ts.join(' ')}`), { nil: undefined }),
        fc.subarray(['A', 'AAAA']),
        fc.uniqueArray(mxHost, { maxLength: 3 }),
      ),
      { minLength: names.length, maxLength: names.length },
    )
    .map((all) => {
      const zone: Record<string, ZoneEntry[]> = {
        'h.example': [{ A: '192.0.2.1' }, { AAAA: '2001:db8::1' }],
        'h4.example': [{ A: '192.0.2.44' }],
        'h6.example': [{ AAAA: '2001:db8::66' }],
        'bare.example': [{ TXT: 'not a mail host' }],
      };
      all.forEach(([record, extras, mxHosts], i) => {
        const entries: ZoneEntry[] = [];
        if (record !== undefined) entries.push({ TXT: record });
        if (extras.includes('A')) entries.push({ A: '192.0.2.77' });
        if (extras.includes('AAAA')) entries.push({ AAAA: '2001:db8::77' });
        mxHosts.forEach((host, j) => entries.push({ MX: [10 * (j + 1), host] }));
        zone[names[i] ?? 'd0.example'] = entries;
      });
      return zone;
    });
  const addresses = ['192.0.2.1', '192.0.2.44', '192.0.2.77', '192.0.2.200', '198.51.100.1', '2001:db8::1', '2001:db8::66', '2001:db8::77', '2001:db8:1::1'];

  it('gives every address the result check_host gives it, when no limit is reached', async () => {
    let compared = 0;
    let mxVoidCompared = 0;
    await fc.assert(
      fc.asyncProperty(plainZone, fc.constantFrom(...names), async (zone, domain) => {
        const resolver = suiteZone(zone);
        const tree = await expandSpf(domain, resolver, { checkType99: false });
        const { crossing, voidCrossing } = tree.lookups;
        if (crossing || voidCrossing || tree.loops.length > 0 || tree.dependsOnMessage || tree.failures.length > 0) return;
        const outcome = rangeOutcome(tree.root);
        for (const ip of addresses) {
          const r = await checkHost(ip, domain, `user@${domain}`, 'h.example', { resolver });
          // check_host counts an a/mx name without addresses of the client's family as void; the
          // expansion's count for every family at once only when it has none at all.
          if (r.problem?.message.includes('void')) continue;
          const parsed = parseAddress(ip);
          if (!parsed) throw new Error(ip);
          const family = parsed.family === 4 ? 'ip4' : 'ip6';
          const expected = SPF_RESULTS.filter((word) => outcome[word][family].contains(parsed.value));
          expect(expected, `${ip} at ${domain} in ${JSON.stringify(zone)}`).toEqual([r.result]);
          compared++;
          if (r.trace.some((step) => /^MX .*\(void lookups\)$/.test(step.detail))) mxVoidCompared++;
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(500);
    // …among them clients that met MX hosts without addresses of their family
    expect(mxVoidCompared).toBeGreaterThan(25);
  });

  // The tree's void count per family takes every term as not matching: the most void lookups any client
  // of that family meets. Where check_host() passes the void limit, the tree's count has passed it too.
  it('counts, per address family, at least the void lookups check_host meets', async () => {
    let limited = 0;
    let oneFamily = 0;
    await fc.assert(
      fc.asyncProperty(plainZone, fc.constantFrom(...names), async (zone, domain) => {
        const resolver = suiteZone(zone);
        const tree = await expandSpf(domain, resolver, { checkType99: false });
        if (tree.loops.length > 0 || tree.dependsOnMessage) return;
        const { voidPerFamily, voidCrossingPerFamily, voidCrossing } = tree.lookups;
        for (const ip of addresses) {
          const r = await checkHost(ip, domain, `user@${domain}`, 'h.example', { resolver });
          const family = parseAddress(ip)?.family === 4 ? 'ip4' : 'ip6';
          const where = `${ip} at ${domain} in ${JSON.stringify(zone)}`;
          expect(r.voidLookups, where).toBeLessThanOrEqual(voidPerFamily[family]);
          if (r.result !== 'permerror' || !/^more than \d+ void lookups/.test(r.problem?.message ?? '')) continue;
          expect(voidCrossingPerFamily[family], where).not.toBeNull();
          limited++;
          if (voidCrossing === null) oneFamily++;
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(limited).toBeGreaterThan(30);
    // …some of them past the limit for their family only (names with addresses of the other family)
    expect(oneFamily).toBeGreaterThan(15);
  });
});
