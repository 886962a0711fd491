// The addresses that get SPF pass, as receivers evaluate the tree with the limits enforced
// (RFC 7208 §4.6.4), first match wins (§4.6.2), include and redirect semantics (§5.2, §6.1).
import { describe, expect, it } from 'vitest';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { expandSpf } from '../../src/spf/expand.js';
import { enforcedPassSets } from '../../src/diff/spf-pass-set.js';
import { formatCidr } from '../../src/net/cidr.js';

const ZONE = `$TTL 300
@ SOA ns.t.example. h.t.example. 1 7200 900 1209600 300
@ NS ns.t.example.
plain TXT "v=spf1 -ip4:192.0.2.64/26 ip4:192.0.2.0/25 ip4:192.0.2.64/27 ~all"
first TXT "v=spf1 -ip4:192.0.2.1 ip4:192.0.2.0/30 -all"
inc TXT "v=spf1 include:p1.t.example -include:p2.t.example ip4:198.51.100.0/24 -all"
p1 TXT "v=spf1 ip4:203.0.113.0/28 -all"
p2 TXT "v=spf1 ip4:198.51.100.0/25 -all"
red TXT "v=spf1 ip4:192.0.2.9 redirect=p1.t.example"
over TXT "v=spf1 ip4:192.0.2.200 include:n1.t.example include:n2.t.example include:n3.t.example ip4:192.0.2.201 -all"
n1 TXT "v=spf1 include:x1.t.example include:x2.t.example include:x3.t.example -all"
n2 TXT "v=spf1 include:x4.t.example include:x5.t.example include:x6.t.example -all"
n3 TXT "v=spf1 include:x7.t.example include:x8.t.example -all"
${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `x${i} TXT "v=spf1 ip4:10.0.${i}.0/24 -all"`).join('\n')}
broken TXT "v=spf1 ip4:192.0.2.1 bogus -all"
dangling TXT "v=spf1 ip4:192.0.2.1 include:missing.t.example ip4:192.0.2.2 -all"
`;

async function passes(name: string): Promise<string[]> {
  const zone = ZoneResolver.fromText(ZONE, { origin: 't.example' });
  const tree = await expandSpf(`${name}.t.example`, zone);
  const sets = enforcedPassSets(tree.root);
  return [...sets.ip4.toCidrs(), ...sets.ip6.toCidrs()].map(formatCidr);
}

describe('enforcedPassSets', () => {
  it.each([
    ['plain', ['192.0.2.0/26']], // -ip4 decides .64/26 first, so neither the /25 nor the later .64/27 passes it
    ['first', ['192.0.2.0/32', '192.0.2.2/31']], // first match wins: .1 fails before ip4:.0/30
    ['inc', ['198.51.100.128/25', '203.0.113.0/28']], // -include fails the addresses the target passes
    ['red', ['192.0.2.9/32', '203.0.113.0/28']], // redirect: the target's result is the result
    ['broken', []], // a syntax error: permerror for everyone (RFC 7208 §4.6)
    ['dangling', ['192.0.2.1/32']], // include of a name without SPF: permerror from there on (§5.2)
  ])('%s passes %j', async (name, expected) => {
    expect(await passes(name)).toEqual(expected);
  });

  it('stops at the 11th lookup: what is matched after it never passes (RFC 7208 §4.6.4)', async () => {
    // lookups: n1 1, x1-x3 2-4, n2 5, x4-x6 6-8, n3 9, x7 10, x8 11
    const result = await passes('over');
    expect(result).toEqual(['10.0.1.0/24', '10.0.2.0/23', '10.0.4.0/22', '192.0.2.200/32']);
    expect(result).not.toContain('192.0.2.201/32');
  });
});
