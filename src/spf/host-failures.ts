// Which of an `a`/`mx` host's address questions failed: A (asked for IPv4 clients) and AAAA (for
// IPv6 clients), RFC 7208 §5.3, §5.4. A tree made before the two were recorded apart has only
// `failure`, which then stands for both families. The outcome walk and the findings both read it here.
import type { DnsProblem, ResolvedHost } from './expand-types.js';

export function hostFailures(host: ResolvedHost): { ip4: DnsProblem | null; ip6: DnsProblem | null } {
  if (host.ip4Failure === undefined || host.ip6Failure === undefined) return { ip4: host.failure, ip6: host.failure };
  return { ip4: host.ip4Failure, ip6: host.ip6Failure };
}
