import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as authaudit from '../src/index.js';
import { TOOL_VERSION } from '../src/version.js';

const ZONE = `
$ORIGIN lib.example.
$TTL 300
@        IN SOA ns hostmaster 1 7200 900 1209600 300
@        IN NS  ns
@        IN TXT "v=spf1 include:_spf.lib.example -all"
_spf     IN TXT "v=spf1 ip4:192.0.2.0/25 ~all"
_dmarc   IN TXT "v=DMARC1; p=reject; rua=mailto:d@lib.example"
`;

describe('the library entry point (src/index.ts, built to dist/index.js)', () => {
  it('answers, expands and evaluates through one injected Resolver', async () => {
    const resolver = new authaudit.CacheResolver(authaudit.ZoneResolver.fromText(ZONE, { origin: 'lib.example' }));
    const tree = await authaudit.expandSpf('lib.example', resolver);
    expect(tree.lookups.total).toBe(1);
    const inside = await authaudit.checkHost('192.0.2.7', 'lib.example', 'a@lib.example', 'mx.lib.example', { resolver });
    const outside = await authaudit.checkHost('192.0.2.200', 'lib.example', 'a@lib.example', 'mx.lib.example', { resolver });
    expect([inside.result, outside.result]).toEqual(['pass', 'fail']);
    const dmarc = await authaudit.discoverDmarc('lib.example', resolver);
    expect(dmarc.policyFor.domain?.applied).toBe('reject');
    // the shared cache asked each (name, type) once
    expect(resolver.stats().cached).toBeGreaterThan(0);
  });

  it('parses records without DNS and reports positions', () => {
    const parsed = authaudit.parseSpfRecord('v=spf1 ip4:192.0.2.256 -all');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]?.position).toBe('v=spf1 ip4:'.length); // at the address
  });

  it('reads addresses as the CLI does: ::1.2.3.4 is IPv6, ::ffff:1.2.3.4 is IPv4 (RFC 7208 §5)', () => {
    const compat = authaudit.readAddress('::1.2.3.4');
    const mapped = authaudit.readAddress('::ffff:1.2.3.4');
    expect(compat.ok && authaudit.reverseName(compat.value.address)).toBe(`4.0.3.0.2.0.1.0.${'0.'.repeat(24)}ip6.arpa`);
    expect(mapped.ok && [mapped.value.canonical, authaudit.reverseName(mapped.value.address)]).toEqual(['1.2.3.4', '4.3.2.1.in-addr.arpa']);
  });

  it('keeps package.json and the reported tool version in step', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
