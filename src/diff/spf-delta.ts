// How a change moves a domain's SPF: the record, the lookup counts, and the addresses that start
// or stop getting `pass` (as CIDR blocks, by set difference of what passes before and after).
import { formatCidr } from '../net/cidr.js';
import type { RangeSet } from '../net/range-set.js';
import type { SpfExpansion } from '../spf/expand-types.js';
import { enforcedPassSets, type PassSets } from './spf-pass-set.js';

export interface CountDelta {
  base: number;
  head: number;
  /** head − base */
  delta: number;
}

export interface AddressChange {
  /** CIDR blocks, in address order. */
  ip4: string[];
  ip6: string[];
  /** How many IPv4 addresses; IPv6 as a decimal string (counts pass 2^53). */
  ip4Addresses: number;
  ip6Addresses: string;
}

export interface SpfDelta {
  record: { base: string | null; head: string | null; changed: boolean };
  lookups: CountDelta;
  voidLookups: CountDelta;
  /** Addresses that get `pass` after the change and did not before. */
  startPassing: AddressChange;
  /** Addresses that got `pass` before the change and do not after. */
  stopPassing: AddressChange;
}

function change(ip4: RangeSet, ip6: RangeSet): AddressChange {
  return {
    ip4: ip4.toCidrs().map(formatCidr),
    ip6: ip6.toCidrs().map(formatCidr),
    ip4Addresses: Number(ip4.count()),
    ip6Addresses: ip6.count().toString(),
  };
}

const count = (base: number, head: number): CountDelta => ({ base, head, delta: head - base });

export function spfDelta(base: SpfExpansion, head: SpfExpansion): SpfDelta {
  const before: PassSets = enforcedPassSets(base.root);
  const after: PassSets = enforcedPassSets(head.root);
  return {
    record: { base: base.record, head: head.record, changed: base.record !== head.record },
    lookups: count(base.lookups.total, head.lookups.total),
    voidLookups: count(base.lookups.void, head.lookups.void),
    startPassing: change(after.ip4.difference(before.ip4), after.ip6.difference(before.ip6)),
    stopPassing: change(before.ip4.difference(after.ip4), before.ip6.difference(after.ip6)),
  };
}

/** True when the change moves nothing in SPF. */
export function spfUnchanged(d: SpfDelta): boolean {
  const empty = (c: AddressChange) => c.ip4.length === 0 && c.ip6.length === 0;
  return !d.record.changed && d.lookups.delta === 0 && d.voidLookups.delta === 0 && empty(d.startPassing) && empty(d.stopPassing);
}
