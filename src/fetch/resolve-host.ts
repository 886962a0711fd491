// A host's addresses through the run's Resolver (A first, then AAAA), and in words why it has none.
import type { DnsAnswer, Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';

export interface HostAddresses {
  addresses: string[];
  /** Why there are none ('' when there are). */
  why: string;
}

function describe(answer: DnsAnswer<'A'> | DnsAnswer<'AAAA'>): string {
  if (answer.kind === 'nxdomain') return 'NXDOMAIN';
  if (answer.kind === 'nodata') return `no ${answer.type} records`;
  if (answer.kind === 'failure') return `the ${answer.type} lookup failed (${answer.failure}: ${answer.detail})`;
  return '';
}

export async function resolveHostAddresses(host: string, resolver: Resolver): Promise<HostAddresses> {
  const name = nameKey(host);
  const [a, aaaa] = await Promise.all([resolver.query(name, 'A'), resolver.query(name, 'AAAA')]);
  const addresses = [...(a.kind === 'records' ? a.records.map((r) => r.address) : []), ...(aaaa.kind === 'records' ? aaaa.records.map((r) => r.address) : [])];
  if (addresses.length > 0) return { addresses, why: '' };
  const reasons = [...new Set([describe(a), describe(aaaa)].filter((r) => r !== ''))];
  return { addresses, why: a.kind === 'nxdomain' ? 'NXDOMAIN' : reasons.join('; ') };
}
