// A fake live resolver for tests: answers from a table and records every question it was asked.

import type { DnsAnswer, DnsRecord, QueryOptions, Resolver, RRType, RecordOf } from '../../src/dns/types.js';
import { nameKey } from '../../src/model/names.js';

export class RecordingResolver implements Resolver {
  readonly asked: string[] = [];
  constructor(private readonly table: Record<string, DnsRecord[]> = {}) {}

  async query<T extends RRType>(name: string, type: T, _options?: QueryOptions): Promise<DnsAnswer<T>> {
    this.asked.push(`${name} ${type}`);
    const base = { name, type, cnameChain: [] };
    const records = this.table[nameKey(name)];
    if (records === undefined) return { ...base, kind: 'nxdomain', ttl: 30 };
    const matching = records.filter((r) => r.type === type) as RecordOf<T>[];
    return matching.length === 0 ? { ...base, kind: 'nodata', ttl: 30 } : { ...base, kind: 'records', records: matching };
  }
}
