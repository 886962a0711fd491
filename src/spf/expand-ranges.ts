// The CIDR block an `ip4`/`ip6` term or an `a`/`mx` host address matches, with its canonical text
// (RFC 7208 §5.6: host bits masked). A provider's `ip4`/`ip6` terms are in the trees of hundreds of
// domains: each parsed term's block is made once and kept for that term (parsed records are shared,
// see record-memo.ts); a host address's block is kept by the run (spf-run.ts). Blocks are frozen, so
// they can be shared.
import { parseAddress } from '../net/cidr-address.js';
import { cidrOf, formatCidr, type Cidr } from '../net/cidr.js';
import type { Ip4Mechanism, Ip6Mechanism } from './types.js';

export interface TermBlock {
  readonly cidr: Readonly<Cidr>;
  /** `formatCidr(cidr)`: the block's canonical text, prefix always written. */
  readonly text: string;
}

/** The block of `prefix` bits around the address written as `address`, or null when it is not a strict address. */
export function termBlock(address: string, prefix: number): TermBlock | null {
  const parsed = parseAddress(address);
  return parsed === null ? null : makeBlock(cidrOf(parsed.family, parsed.value, prefix));
}

function makeBlock(cidr: Cidr): TermBlock {
  return Object.freeze({ cidr: Object.freeze(cidr), text: formatCidr(cidr) });
}

const mechanismBlocks = new WeakMap<Ip4Mechanism | Ip6Mechanism, TermBlock | null>();

/** The block an `ip4`/`ip6` term matches (RFC 7208 §5.6), or null when its address does not parse. */
export function mechanismBlock(m: Ip4Mechanism | Ip6Mechanism): TermBlock | null {
  let block = mechanismBlocks.get(m);
  if (block === undefined) {
    block = termBlock(m.address, m.prefix);
    mechanismBlocks.set(m, block);
  }
  return block;
}
