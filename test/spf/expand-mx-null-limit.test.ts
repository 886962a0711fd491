// The MX-name limit and a null MX. RFC 7208 §4.6.4 limits the address records an `mx` term looks up
// ("no more than 10 MX looked up and checked", as the RFC 7208 suite puts it); a null MX (".", RFC 7505
// §3) names no host and is never looked up. The expansion counts only the names it looks up;
// check_host() counts the same names, so both pass the ten hosts.
import { describe, expect, it } from 'vitest';
import { expandSpf } from '../../src/spf/expand.js';
import { rangeOutcome } from '../../src/spf/expand-outcome.js';
import { termView } from '../../src/spf/tree-json.js';
import { checkHost } from '../../src/spf/check-host.js';
import { parseAddress } from '../../src/net/cidr-address.js';
import { SPF_RESULTS } from '../../src/spf/types.js';
import { zone } from './expand-zone.js';

// ten hosts, and a null MX beside them (a misconfiguration RFC 7505 §3 forbids, but published)
const hosts = Array.from({ length: 10 }, (_, i) => `m.example. MX ${i} h${i}.example.\nh${i}.example. A 192.0.2.${i + 1}`).join('\n');
const world = `example.com. TXT "v=spf1 mx:m.example -all"\n${hosts}\nm.example. MX 50 .`;

describe('the MX-name limit counts the names looked up, not a null MX (RFC 7208 §4.6.4, RFC 7505 §3)', () => {
  it('expands ten hosts beside a null MX without passing the limit, and passes their addresses', async () => {
    const tree = await expandSpf('example.com', zone(world), { checkType99: false });
    const t = termView(tree.root.terms[0]!);
    expect(t).toMatchObject({ name: 'mx', mxNames: 10, mxOverLimit: false, pastLimit: false });
    expect(t.hosts?.map((h) => h.name)).toEqual(Array.from({ length: 10 }, (_, i) => `h${i}.example`));
    const outcome = rangeOutcome(tree.root, { enforceLimits: true });
    const at = (address: string) => {
      const p = parseAddress(address)!;
      return SPF_RESULTS.filter((r) => outcome[r][p.family === 4 ? 'ip4' : 'ip6'].contains(p.value));
    };
    expect(at('192.0.2.10')).toEqual(['pass']);
    expect(at('192.0.2.11')).toEqual(['fail']);
  });

  it('check_host() passes a host of ten looked-up MX names beside a null MX', async () => {
    const checked = await checkHost('192.0.2.1', 'example.com', 'postmaster@example.com', 'example.com', { resolver: zone(world) });
    expect(checked.result).toBe('pass');
  });
});
