// The domains a diff audits when none is named: the apexes of the zones (base or head) that
// publish mail records at the apex: MX, an SPF TXT record, or a DMARC record at `_dmarc`.
import { nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import type { DnsRecord } from '../dns/types.js';
import type { ZoneResolver } from '../dns/zone-resolver.js';

function isMailRecord(r: DnsRecord, apex: string): boolean {
  const name = nameKey(r.name);
  if (name === apex && r.type === 'MX') return true;
  if (r.type !== 'TXT') return false;
  const text = joinTxt(r.strings);
  if (name === apex) return /^v=spf1(\s|$)/i.test(text); // RFC 7208 §4.5
  return name === `_dmarc.${apex}` && /^v=DMARC1\s*(;|$)/i.test(text); // RFC 7489 §6.4
}

/** Mail-publishing apexes of every zone given, sorted, each once. */
export function mailDomains(zones: readonly ZoneResolver[]): string[] {
  const out = new Set<string>();
  for (const zone of zones) {
    const records = zone.records();
    for (const apex of zone.zones().map(nameKey)) {
      if (records.some((r) => isMailRecord(r, apex))) out.add(apex);
    }
  }
  return [...out].sort();
}
