// The addresses a domain means to authorize but receivers never reach: ranges of `+` terms evaluated
// only after a limit was passed (RFC 7208 §4.6.4), and of the MX hosts of an `mx` term asked only after
// its hosts passed the void limit, less what a term before the limit already passes.
import { formatCidr, parseCidr } from '../net/cidr.js';
import { RangeSet } from '../net/range-set.js';
import type { RangeNode, SpfTreeNode } from './expand-types.js';
import { isRange } from './term-kinds.js';
import { walkTree } from './expand-walk.js';

export interface LostRanges {
  /** Minimal CIDR cover of the lost addresses, IPv4 first. */
  cidrs: string[];
  ip4Addresses: bigint;
  ip6Addresses: bigint;
}

export function rangesPastLimit(root: SpfTreeNode): LostRanges {
  let reached4 = RangeSet.empty(4);
  let reached6 = RangeSet.empty(6);
  let lost4 = RangeSet.empty(4);
  let lost6 = RangeSet.empty(6);
  for (const { node } of walkTree(root)) {
    for (const t of node.terms) {
      if (!isRange(t) || !t.evaluated || t.qualifier !== '+') continue;
      for (const { ranges, pastLimit } of rangeGroups(t)) {
        for (const text of ranges) {
          const cidr = parseCidr(text);
          if (!cidr) continue;
          if (cidr.family === 4) {
            if (pastLimit) lost4 = lost4.add(cidr);
            else reached4 = reached4.add(cidr);
          } else if (pastLimit) lost6 = lost6.add(cidr);
          else reached6 = reached6.add(cidr);
        }
      }
    }
  }
  lost4 = lost4.difference(reached4);
  lost6 = lost6.difference(reached6);
  return {
    cidrs: [...lost4.toCidrs(), ...lost6.toCidrs()].map(formatCidr),
    ip4Addresses: lost4.count(),
    ip6Addresses: lost6.count(),
  };
}

/** A term's ranges, host by host when some of its hosts are past a limit and the term is not. */
export function rangeGroups(t: RangeNode): { ranges: readonly string[]; pastLimit: boolean }[] {
  const hosts = (t.name === 'a' || t.name === 'mx' ? t.hosts : null) ?? [];
  if (t.pastLimit || !hosts.some((h) => h.pastLimit === true) || hosts.some((h) => h.ranges === undefined)) {
    return [{ ranges: t.ranges, pastLimit: t.pastLimit }];
  }
  return hosts.map((h) => ({ ranges: h.ranges ?? [], pastLimit: h.pastLimit === true }));
}
