// What an `a`/`mx` host's two address questions gave: A (asked for IPv4 clients) and AAAA (for IPv6
// clients), RFC 7208 §5.3, §5.4. A tree made before the two were recorded apart has only `failure`,
// which then stands for both families. The outcome walk, the findings and flattening read them here.
import type { DnsProblem, ResolvedHost } from './expand-types.js';

/** Which of the host's address questions failed. */
export function hostFailures(host: ResolvedHost): { ip4: DnsProblem | null; ip6: DnsProblem | null } {
  if (host.ip4Failure === undefined || host.ip6Failure === undefined) return { ip4: host.failure, ip6: host.failure };
  return { ip4: host.ip4Failure, ip6: host.ip6Failure };
}

/**
 * For which client families the host's address lookup is void (RFC 7208 §4.6.4: NXDOMAIN or no
 * records): the family's question answered, with no address. Receivers ask only the client's family
 * (§5.3, §5.4), so a host with A records only is a void lookup for IPv6 clients alone.
 */
export function hostVoids(host: ResolvedHost): { ip4: boolean; ip6: boolean } {
  const failed = hostFailures(host);
  return { ip4: failed.ip4 === null && host.ip4.length === 0, ip6: failed.ip6 === null && host.ip6.length === 0 };
}
