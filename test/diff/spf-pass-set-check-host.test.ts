// The addresses `authaudit diff` reports as passing are exactly those check_host() passes with the
// RFC 7208 §4.6.4 limits in force (10 lookups, 2 void lookups): the lookup counter runs over the whole
// evaluation, a limit is a permerror only for the addresses that reach the term past it, and an address
// an included record decides (fail, softfail, neutral) before its limit goes on to the outer terms.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { expandSpf } from '../../src/spf/expand.js';
import { checkHost } from '../../src/spf/check-host.js';
import { enforcedPassSets, type PassSets } from '../../src/diff/spf-pass-set.js';
import { parseAddress } from '../../src/net/cidr-address.js';

const providers = (count: number): string =>
  Array.from({ length: count }, (_, i) => `x${i + 1} TXT "v=spf1 ip4:192.0.2.${i + 1} -all"`).join('\n');
const includes = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `include:x${from + i}.t.example`).join(' ');

const ZONE = `$TTL 300
@ SOA ns.t.example. h.t.example. 1 7200 900 1209600 300
@ NS ns.t.example.
decided-inside TXT "v=spf1 include:inner.t.example ip4:10.0.0.0/24 -all"
inner TXT "v=spf1 -ip4:10.0.0.1 ${includes(1, 10)} -all"
short-path TXT "v=spf1 include:long.t.example include:tail.t.example -all"
long TXT "v=spf1 ~ip4:10.0.0.1 ${includes(1, 9)} ?all"
tail TXT "v=spf1 ip4:10.0.0.0/24 -all"
v6-void TXT "v=spf1 a:v4.t.example a:v4.t.example/24 a:w4.t.example ip6:2001:db8::/32 ip4:10.0.0.0/24 -all"
v4 A 192.0.2.1
w4 A 192.0.2.99
${providers(10)}
`;

async function passing(name: string, addresses: string[]): Promise<{ walk: string[]; checkHost: string[] }> {
  const resolver = ZoneResolver.fromText(ZONE, { origin: 't.example' });
  const domain = `${name}.t.example`;
  const sets = enforcedPassSets((await expandSpf(domain, resolver, { checkType99: false })).root);
  const checked: string[] = [];
  for (const a of addresses) {
    if ((await checkHost(a, domain, `postmaster@${domain}`, domain, { resolver })).result === 'pass') checked.push(a);
  }
  return { walk: addresses.filter((a) => contains(sets, a)), checkHost: checked };
}

function contains(sets: PassSets, address: string): boolean {
  const parsed = parseAddress(address)!;
  return (parsed.family === 4 ? sets.ip4 : sets.ip6).contains(parsed.value);
}

describe('enforcedPassSets agrees with check_host() at the limits', () => {
  it('passes an address that the included record fails before its 11th lookup, through a later outer ip4', async () => {
    const r = await passing('decided-inside', ['10.0.0.1', '10.0.0.2', '192.0.2.9', '192.0.2.10']);
    expect(r.checkHost).toEqual(['10.0.0.1', '192.0.2.9']);
    expect(r.walk).toEqual(r.checkHost);
  });

  it('counts lookups per address: a short path through an include reaches the next include within the limit', async () => {
    const r = await passing('short-path', ['10.0.0.1', '10.0.0.2', '192.0.2.1']);
    expect(r.checkHost).toEqual(['10.0.0.1', '192.0.2.1']);
    expect(r.walk).toEqual(r.checkHost);
  });

  it('counts a void a-lookup for the client’s family only', async () => {
    const r = await passing('v6-void', ['10.0.0.1', '192.0.2.7', '2001:db8::1']);
    expect(r.checkHost).toEqual(['10.0.0.1', '192.0.2.7']);
    expect(r.walk).toEqual(r.checkHost);
  });
});

describe('enforcedPassSets property', () => {
  // deep include chains of several-term records, so that the default limits of 10 and 2 are reached
  const DOMAINS = ['d0.example', 'd1.example', 'd2.example', 'd3.example', 'd4.example'];
  const termArb = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '-', '~'), fc.nat(15)).map(([q, n]) => `${q}ip4:10.0.0.${n}`) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('', '', '-', '?'), fc.constantFrom(...DOMAINS.slice(1))).map(([q, d]) => `${q}include:${d}`) },
    { weight: 2, arbitrary: fc.constantFrom('a:h.example', '-a:h.example/30', 'a:v4.example', 'exists:nx.example', 'mx:nx.example', 'ip6:2001:db8::/126') },
  );
  const recordsArb = fc.array(fc.array(termArb, { minLength: 1, maxLength: 5 }), { minLength: DOMAINS.length, maxLength: DOMAINS.length });

  it('passes exactly the addresses check_host() passes, with the RFC limits', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, fc.constantFrom('-all', '?all', ''), async (records, ending) => {
        const lines = records.map((terms, i) => `${DOMAINS[i]}. TXT "${['v=spf1', ...terms, ...(i === 0 ? [] : [ending])].join(' ').trim()}"`);
        lines.push('h.example. A 10.0.0.6', 'h.example. AAAA 2001:db8::1', 'v4.example. A 10.0.0.9');
        const resolver = ZoneResolver.fromText(`$TTL 300\n${lines.join('\n')}`, { origin: '.' });
        const sets = enforcedPassSets((await expandSpf('d0.example', resolver, { checkType99: false })).root);
        for (const address of [...Array.from({ length: 16 }, (_, n) => `10.0.0.${n}`), '2001:db8::1', '2001:db8::3']) {
          const checked = await checkHost(address, 'd0.example', 'postmaster@d0.example', 'd0.example', { resolver });
          expect(contains(sets, address), `${address} in\n${lines.join('\n')}`).toBe(checked.result === 'pass');
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
