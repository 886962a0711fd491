// Build a ZoneResolver from one scenario's `zonedata` of the openspf RFC 7208 suite, following
// /fixtures/spf driver rules (see the conformance README):
// - an SPF value is also served as TXT, unless the name has an explicit TXT entry;
// - a list value is one record made of several character-strings; `TXT: NONE` means no TXT data;
// - MX is [preference, host] with "" the root; a bare TIMEOUT makes every type not listed (with data)
//   before it time out; names not listed do not exist.
// Strings are Latin-1: each \xNN escape (already decoded by YAML) is one byte.
import { ZoneResolver, type ZoneFailure } from '../../../src/dns/zone-resolver.js';
import { latin1ToBytes } from '../../../src/model/txt.js';
import type { DnsRecord, RRType } from '../../../src/dns/types.js';
import { formatIp, parseIp4, parseIp6 } from '../../../src/net/ip.js';

type Entry = string | Record<string, unknown>;

function strings(value: unknown): Uint8Array[] {
  if (Array.isArray(value)) return value.map((s) => latin1ToBytes(String(s)));
  return [latin1ToBytes(String(value))];
}

function canonicalAddress(text: string, version: 4 | 6): string {
  const parsed = version === 4 ? parseIp4(text) : parseIp6(text);
  if (!parsed) throw new Error(`suite zone: bad address ${text}`);
  return formatIp(parsed);
}

export function suiteZone(zonedata: Record<string, Entry[]>): ZoneResolver {
  const records: DnsRecord[] = [];
  const failures: ZoneFailure[] = [];
  for (const [rawName, entries] of Object.entries(zonedata)) {
    const name = rawName.endsWith('.') ? rawName.slice(0, -1) : rawName;
    const base = { name, ttl: 300 };
    const hasTxt = entries.some((e) => typeof e === 'object' && 'TXT' in e);
    const listed = new Set<RRType>();
    for (const entry of entries) {
      if (entry === 'TIMEOUT') {
        failures.push({ name, failure: 'timeout', exceptTypes: [...listed] });
        continue;
      }
      if (typeof entry !== 'object') throw new Error(`suite zone: unexpected entry ${String(entry)} at ${name}`);
      for (const [type, value] of Object.entries(entry)) {
        switch (type) {
          case 'SPF':
            records.push({ ...base, type: 'SPF', strings: strings(value) });
            listed.add('SPF');
            if (!hasTxt) records.push({ ...base, type: 'TXT', strings: strings(value) });
            break;
          case 'TXT':
            if (value === 'NONE') break;
            records.push({ ...base, type: 'TXT', strings: strings(value) });
            listed.add('TXT');
            break;
          case 'A':
            records.push({ ...base, type: 'A', address: canonicalAddress(String(value), 4) });
            listed.add('A');
            break;
          case 'AAAA':
            records.push({ ...base, type: 'AAAA', address: canonicalAddress(String(value), 6) });
            listed.add('AAAA');
            break;
          case 'MX': {
            const [preference, host] = value as [number, string];
            const exchange = String(host).replace(/\.$/, '');
            records.push({ ...base, type: 'MX', preference: Number(preference), exchange });
            listed.add('MX');
            break;
          }
          case 'PTR':
            records.push({ ...base, type: 'PTR', target: String(value).replace(/\.$/, '') });
            listed.add('PTR');
            break;
          case 'CNAME':
            records.push({ ...base, type: 'CNAME', target: String(value).replace(/\.$/, '') });
            listed.add('CNAME');
            break;
          default:
            throw new Error(`suite zone: unknown record type ${type} at ${name}`);
        }
      }
    }
  }
  return ZoneResolver.fromRecords(records, { failures });
}
