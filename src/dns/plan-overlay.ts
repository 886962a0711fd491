// A Terraform/OpenTofu plan laid over another resolver, RRset by RRset: how `diff --plan` (and
// `--overlay plan.json`) see the DNS a plan publishes. A plan manages single records, not whole
// zones, so nothing it does not manage may vanish:
//
//  - a resource that owns a whole (name, type) RRset (aws_route53_record, google_dns_record_set,
//    azurerm_dns_*_record) replaces it: the RRset is its `after` records;
//  - a resource that owns one record inside an RRset (cloudflare_record, cloudflare_dns_record,
//    digitalocean_record) changes only that record: the RRset below, less the record's `before`,
//    plus its `after`; records nobody manages stay;
//  - an RRset whose `after` value is known only after apply answers a typed failure naming the
//    resource, so the checks that need it say "cannot tell", never "no record".
//
// Every other question, and every name the plan does not touch, goes to the resolver below.

import { isAtOrBelow, nameKey } from '../model/names.js';
import { rdataKey, recordKey } from '../zone/record-key.js';
import type { PlanChange } from '../zone-formats/terraform/read-plan.js';
import { inCanonicalOrder } from './canonical-order.js';
import type { DnsAnswer, DnsRecord, QueryOptions, RecordOf, Resolver, RRType } from './types.js';
import { parseName } from './wire-name.js';

export function planOverlay(changes: readonly PlanChange[], below: Resolver): Resolver {
  const byRRset = new Map<string, PlanChange[]>();
  const key = (name: string, type: string): string => `${nameKey(name)}\u0000${type}`;
  for (const c of changes) {
    for (const side of new Set([c.before, c.after])) {
      if (side === null) continue;
      const k = key(side.name, side.type);
      const list = byRRset.get(k) ?? [];
      if (!list.includes(c)) list.push(c);
      byRRset.set(k, list);
    }
  }
  // every name the plan's `after` records make exist, and each name above them in their zone
  // (RFC 8020: a name with a name below it exists, as an empty non-terminal when it holds nothing)
  const existing = new Set<string>();
  for (const c of changes) {
    if (c.after === null || (c.after.records.length === 0 && !c.after.unknown)) continue;
    const zone = nameKey(c.after.zone);
    for (let n = nameKey(c.after.name); isAtOrBelow(n, zone); n = n.slice(n.indexOf('.') + 1)) {
      existing.add(n);
      if (n === zone || !n.includes('.')) break;
    }
  }
  return {
    async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      const parsed = parseName(name);
      const touching = parsed.ok ? byRRset.get(key(parsed.name, type)) : undefined;
      if (touching === undefined) {
        const answer = await below.query(name, type, options);
        // a name the plan creates (or a name above one) is no NXDOMAIN any more
        if (answer.kind === 'nxdomain' && answer.cnameChain.length === 0 && parsed.ok && existing.has(nameKey(parsed.name))) return { ...answer, kind: 'nodata' };
        return answer;
      }
      const asked = parsed.ok ? parsed.name : name;
      const unknown = touching.filter((c) => c.after?.unknown === true && nameKey(c.after.name) === nameKey(asked));
      if (unknown.length > 0) {
        const detail = `${asked} ${type}: the value of ${unknown.map((c) => c.address).join(', ')} is known only after apply`;
        return { kind: 'failure', name: asked, type, cnameChain: [], failure: 'other', detail };
      }
      const answer = await below.query(name, type, options);
      // an answer through a CNAME, or a failure below: the plan's records cannot be joined to it
      if (answer.kind === 'failure' || answer.cnameChain.length > 0) return answer;
      const after = (c: PlanChange): DnsRecord[] => (c.after !== null && nameKey(c.after.name) === nameKey(asked) ? (c.after.records.filter((r) => !('typeCode' in r)) as DnsRecord[]) : []);
      const wholeOwned = touching.some((c) => c.owns === 'rrset');
      let records: DnsRecord[];
      if (wholeOwned) {
        records = touching.flatMap(after);
      } else {
        const removed = new Set(touching.flatMap((c) => (c.before === null ? [] : c.before.records.map((r) => ('typeCode' in r ? r.rdata : rdataKey(r))))));
        const kept = answer.kind === 'records' ? (answer.records as DnsRecord[]).filter((r) => !removed.has(rdataKey(r))) : [];
        records = [...kept, ...touching.flatMap(after)];
      }
      const unique = new Map(records.map((r) => [recordKey(r), { ...r, name: asked }] as const));
      if (unique.size === 0) return answer.kind === 'records' || (answer.kind === 'nxdomain' && existing.has(nameKey(asked))) ? { kind: 'nodata', name: asked, type, cnameChain: [], ttl: null } : answer;
      return { kind: 'records', name: asked, type, cnameChain: [], records: inCanonicalOrder([...unique.values()] as RecordOf<T>[]) };
    },
  };
}
