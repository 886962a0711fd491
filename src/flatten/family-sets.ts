// Address sets of both families together (IPv4 and IPv6 never interact in SPF, RFC 7208 §5.6), with the
// few operations flattening needs. Built on the immutable RangeSet of src/net.
import { maxAddress } from '../net/cidr-address.js';
import type { IpFamily } from '../net/ip.js';
import { parseCidr, type Cidr } from '../net/cidr.js';
import { RangeSet } from '../net/range-set.js';

export interface FamilySets {
  ip4: RangeSet;
  ip6: RangeSet;
}

export const FAMILIES: readonly IpFamily[] = [4, 6];

export function familyKey(family: IpFamily): keyof FamilySets {
  return family === 4 ? 'ip4' : 'ip6';
}

export function noAddresses(): FamilySets {
  return { ip4: RangeSet.empty(4), ip6: RangeSet.empty(6) };
}

export function allAddresses(): FamilySets {
  return {
    ip4: RangeSet.fromIntervals(4, [{ first: 0n, last: maxAddress(4) }]),
    ip6: RangeSet.fromIntervals(6, [{ first: 0n, last: maxAddress(6) }]),
  };
}

export function unionSets(a: FamilySets, b: FamilySets): FamilySets {
  return { ip4: a.ip4.union(b.ip4), ip6: a.ip6.union(b.ip6) };
}

export function differenceSets(a: FamilySets, b: FamilySets): FamilySets {
  return { ip4: a.ip4.difference(b.ip4), ip6: a.ip6.difference(b.ip6) };
}

export function isEmptySets(a: FamilySets): boolean {
  return a.ip4.isEmpty() && a.ip6.isEmpty();
}

/** The addresses of CIDR texts (`192.0.2.0/24`, `2001:db8::/32`); texts that do not parse are skipped. */
export function setsOfCidrTexts(texts: readonly string[]): FamilySets {
  const byFamily: Record<IpFamily, Cidr[]> = { 4: [], 6: [] };
  for (const text of texts) {
    const cidr = parseCidr(text);
    if (cidr) byFamily[cidr.family].push(cidr);
  }
  return { ip4: RangeSet.fromCidrs(4, byFamily[4]), ip6: RangeSet.fromCidrs(6, byFamily[6]) };
}
