// Address blocks no outside host can reach, from the special-purpose address registries
// (RFC 6890 §2.2.2 for IPv4, §2.2.3 for IPv6). The names are the ones ipaddr.js gives these
// blocks, which the MX findings have always shown. Documentation and benchmarking blocks
// (RFC 5737, RFC 3849, RFC 2544) are left out on purpose: example zones use them as public.
import { ipInCidr, parseIp, type IpAddress } from './ip.js';

export type UnreachableRange = 'unspecified' | 'loopback' | 'private' | 'linkLocal' | 'carrierGradeNat' | 'broadcast' | 'multicast' | 'uniqueLocal';

const BLOCKS: ReadonlyArray<readonly [UnreachableRange, string, number]> = [
  ['unspecified', '0.0.0.0', 8], // RFC 1122 §3.2.1.3 "this network"
  ['broadcast', '255.255.255.255', 32], // RFC 919 §7 limited broadcast
  ['multicast', '224.0.0.0', 4], // RFC 5771
  ['linkLocal', '169.254.0.0', 16], // RFC 3927
  ['loopback', '127.0.0.0', 8], // RFC 1122 §3.2.1.3
  ['carrierGradeNat', '100.64.0.0', 10], // RFC 6598 shared address space
  ['private', '10.0.0.0', 8], // RFC 1918 §3
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['unspecified', '::', 128], // RFC 4291 §2.5.2
  ['linkLocal', 'fe80::', 10], // RFC 4291 §2.5.6
  ['multicast', 'ff00::', 8], // RFC 4291 §2.7
  ['loopback', '::1', 128], // RFC 4291 §2.5.3
  ['uniqueLocal', 'fc00::', 7], // RFC 4193
];

const NETWORKS = BLOCKS.map(([range, text, prefix]) => {
  const network = parseIp(text);
  if (network === null) throw new Error(`bad block ${text}`); // a typo in the table above
  return { range, network, prefix };
});

/**
 * The unreachable block `address` is in, or null. An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is
 * in none: it is looked at as the IPv6 address it is written as.
 */
export function unreachableBlock(address: IpAddress): UnreachableRange | null {
  return NETWORKS.find((n) => ipInCidr(address, n.network, n.prefix))?.range ?? null;
}
