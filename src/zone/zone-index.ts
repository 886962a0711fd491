// The lookup structure behind ZoneResolver: which zone a name falls in, which names exist
// (RFC 8020: a name exists when it or any name below it has records), RRsets per name, and
// wildcard synthesis (RFC 4592).

import type { CNAMERecord, DnsRecord, RRType, SOARecord } from '../dns/types.js';
import { isAtOrBelow, nameKey } from '../dns/names.js';
import { joinNameLabels, splitNameLabels } from './domain-name.js';
import { recordKey } from './record-key.js';
import type { OtherRecord } from './types.js';

export type LocalOutcome =
  | { kind: 'outside' }
  | { kind: 'records'; records: DnsRecord[] }
  /** The name (or the wildcard that matched it) owns a CNAME and another type was asked. */
  | { kind: 'cname'; record: CNAMERecord }
  | { kind: 'nodata'; negativeTtl: number | null }
  | { kind: 'nxdomain'; negativeTtl: number | null };

interface Node {
  rrsets: Map<RRType, DnsRecord[]>;
}

export class ZoneIndex {
  private readonly apexKeys: string[];
  private readonly nodes = new Map<string, Node>();
  /** Every owner and every name above it (empty non-terminals included). */
  private readonly existing = new Set<string>();
  private readonly soas = new Map<string, SOARecord>();
  readonly records: DnsRecord[] = [];
  readonly others: OtherRecord[] = [];

  constructor(records: readonly DnsRecord[], others: readonly OtherRecord[], zones: readonly string[]) {
    // Longest apex first, so that a child zone wins over its parent.
    this.apexKeys = [...new Set(zones.map(nameKey))].sort((a, b) => splitNameLabels(b).length - splitNameLabels(a).length);
    const seen = new Set<string>();
    for (const record of [...records, ...others]) {
      const id = recordKey(record);
      if (seen.has(id)) continue; // RFC 2181 §5: an RRset holds no duplicates
      seen.add(id);
      const key = nameKey(record.name);
      this.markExisting(key);
      if ('typeCode' in record) {
        this.others.push(record);
        continue;
      }
      this.records.push(record);
      const node = this.nodes.get(key) ?? { rrsets: new Map<RRType, DnsRecord[]>() };
      this.nodes.set(key, node);
      const rrset = node.rrsets.get(record.type) ?? [];
      rrset.push(record);
      node.rrsets.set(record.type, rrset);
      if (record.type === 'SOA' && !this.soas.has(key)) this.soas.set(key, record);
    }
  }

  apexes(): string[] {
    return [...this.apexKeys];
  }

  /** The deepest zone holding the name, or null when it is outside every zone. */
  zoneOf(name: string): string | null {
    const key = nameKey(name);
    return this.apexKeys.find((apex) => isAtOrBelow(key, apex)) ?? null;
  }

  lookup(name: string, type: RRType): LocalOutcome {
    const key = nameKey(name);
    const zone = this.zoneOf(key);
    if (zone === null) return { kind: 'outside' };
    const negativeTtl = this.negativeTtl(zone);
    if (key === zone || this.existing.has(key)) return this.answerAt(this.nodes.get(key), type, null, negativeTtl);
    // RFC 4592 §3.3.1: find the closest encloser; only `*.<closest encloser>` may answer.
    let encloser = parentKey(key);
    while (encloser !== zone && !this.existing.has(encloser)) encloser = parentKey(encloser);
    const wildcard = encloser === '' ? '*' : `*.${encloser}`;
    if (!this.existing.has(wildcard)) return { kind: 'nxdomain', negativeTtl };
    // RFC 4592 §4.1: a wildcard with no RRset of the type (or an empty non-terminal one) is no data.
    return this.answerAt(this.nodes.get(wildcard), type, name, negativeTtl);
  }

  private answerAt(node: Node | undefined, type: RRType, synthesizeAs: string | null, negativeTtl: number | null): LocalOutcome {
    const rename = <R extends DnsRecord>(r: R): R => (synthesizeAs === null ? { ...r } : { ...r, name: synthesizeAs });
    const cname = node?.rrsets.get('CNAME')?.[0];
    // RFC 1034 §3.6.2: a CNAME answers every other type by redirection.
    if (cname !== undefined && type !== 'CNAME' && cname.type === 'CNAME') return { kind: 'cname', record: rename(cname) };
    const rrset = node?.rrsets.get(type);
    if (rrset === undefined || rrset.length === 0) return { kind: 'nodata', negativeTtl };
    return { kind: 'records', records: rrset.map(rename) };
  }

  /** RFC 2308 §5: the negative TTL is the smaller of the SOA's TTL and its minimum field. */
  private negativeTtl(zone: string): number | null {
    const soa = this.soas.get(zone);
    return soa === undefined ? null : Math.min(soa.ttl, soa.minimum);
  }

  private markExisting(key: string): void {
    let k = key;
    while (!this.existing.has(k)) {
      this.existing.add(k);
      if (k === '') return;
      k = parentKey(k);
    }
  }
}

function parentKey(key: string): string {
  return joinNameLabels(splitNameLabels(key).slice(1));
}
