// The zone the network tests serve from the loopback server, and a server+resolver pair.

import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { NetworkResolver, type NetworkResolverOptions } from '../../src/dns/network-resolver.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';

/** 40 × 50 bytes of TXT: over 1232 bytes, so it only fits over TCP. */
export const LONG_TXT_STRINGS = Array.from({ length: 40 }, (_, i) => `part${String(i).padStart(2, '0')}-${'x'.repeat(43)}`);

export const ZONE = `
$TTL 300
@        IN SOA ns1.example.test. hostmaster.example.test. ( 2024010101 3600 600 86400 60 )
         IN NS  ns1.example.test.
         IN MX  10 mx1.example.test.
         IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
ns1      IN A   192.0.2.53
mx1      IN A   192.0.2.25
mx1  120 IN AAAA 2001:DB8:0:0:0:0:0:25
www  600 IN CNAME web.example.test.
web   90 IN A   192.0.2.80
alias    IN CNAME www.example.test.
dangling IN CNAME gone.example.test.
big      IN TXT ${LONG_TXT_STRINGS.map((s) => `"${s}"`).join(' ')}
medium   IN TXT "${'m'.repeat(200)}" "${'n'.repeat(200)}" "${'o'.repeat(200)}"
bytes    IN TXT "caf\\233 \\000end"
_spf     IN SPF "v=spf1 ~all"
sub.deep IN A   192.0.2.99
`;

export function zoneResolver(): ZoneResolver {
  return ZoneResolver.fromText(ZONE, { origin: 'example.test', file: 'example.test.zone' });
}

export async function withServer(): Promise<TestDnsServer> {
  return startDnsServer(zoneResolver());
}

/** Small time-outs: the suite stays fast, and a lost reply is retried quickly. */
export function resolverFor(server: TestDnsServer, options: Partial<NetworkResolverOptions> = {}): NetworkResolver {
  return new NetworkResolver({ servers: [server.ipv4], timeoutMs: 300, attempts: 2, deadlineMs: 3000, ...options });
}
