// Fixture zones for the DKIM, PTR and MX tests, written as RFC 1035 master-file text.
// Records without a TTL get 300 seconds, so the tests can leave TTLs out.
import { ZoneResolver, type ZoneFailure } from '../../src/dns/zone-resolver.js';
import { parseZoneText } from '../../src/zone/parse-zone.js';

/** A TXT value as master-file character-strings: quoted, at most 255 bytes each (RFC 1035 §3.3). */
export function quoteTxt(value: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < value.length || i === 0; i += 255) chunks.push(value.slice(i, i + 255));
  return chunks.map((c) => `"${c.replace(/[\\"]/g, (m) => `\\${m}`)}"`).join(' ');
}

/** A resolver over several zones, keyed by origin: `{ 'example.com': '…', '2.0.192.in-addr.arpa': '…' }`. */
export function zonesResolver(zones: Record<string, string>, options: { failures?: ZoneFailure[] } = {}): ZoneResolver {
  const parsed = Object.entries(zones).map(([origin, text]) => parseZoneText(text, { origin, file: `${origin}.zone`, defaultTtl: 300 }));
  return ZoneResolver.fromParsed(parsed, { failures: options.failures ?? [] });
}

/** A resolver over one zone's text (origin example.com unless given). */
export function zoneResolver(text: string, options: { origin?: string; failures?: ZoneFailure[] } = {}): ZoneResolver {
  return zonesResolver({ [options.origin ?? 'example.com']: text }, options);
}
