// The CIDR block an `ip4`/`ip6` term or an `a`/`mx` host address matches, with its canonical text
// (RFC 7208 §5.6: host bits masked). The same provider addresses appear in the trees of hundreds of
// domains, so each (address text, prefix) is parsed and formatted once; results are frozen and shared.
import { parseAddress } from '../net/cidr-address.js';
import { cidrOf, formatCidr, type Cidr } from '../net/cidr.js';
import type { Ip4Mechanism, Ip6Mechanism } from './types.js';

export interface TermBlock {
  readonly cidr: Readonly<Cidr>;
  /** `formatCidr(cidr)`: the block's canonical text, prefix always written. */
  readonly text: string;
}

const known = new Map<string, TermBlock | null>();
const MAX_ENTRIES = 8192;

/** The block of `prefix` bits around the address written as `address`, or null when it is not a strict address. */
export function termBlock(address: string, prefix: number): TermBlock | null {
  const key = `${address}/${prefix}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const parsed = parseAddress(address);
  const block = parsed === null ? null : makeBlock(cidrOf(parsed.family, parsed.value, prefix));
  if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value as string); // oldest first
  known.set(key, block);
  return block;
}

/** The block an `ip4`/`ip6` term matches (RFC 7208 §5.6), or null when its address does not parse. */
export function mechanismBlock(m: Ip4Mechanism | Ip6Mechanism): TermBlock | null {
  return termBlock(m.address, m.prefix);
}

function makeBlock(cidr: Cidr): TermBlock {
  return Object.freeze({ cidr: Object.freeze(cidr), text: formatCidr(cidr) });
}
