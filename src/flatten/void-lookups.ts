// Void lookups in the original tree (RFC 7208 §4.6.4: a DNS question answered with NXDOMAIN or no
// records; after 2 of them receivers give permerror). Flattening removes the questions, so a record that
// is already over the limit would silently turn its permerror into a result: it is refused instead.
// A receiver asks only the client's address type for `a` and for each MX host of `mx` (A for IPv4,
// AAAA for IPv6), so the count is kept per family, in evaluation order, every term taken as not
// matching (the clients that match nothing meet every void lookup).
import { DEFAULT_LIMITS } from '../spf/check-host-context.js';
import type { SpfTermNode, SpfTreeNode } from '../spf/expand-types.js';
import { hostVoids } from '../spf/host-failures.js';
import type { FlattenRefusal } from './types.js';

export interface VoidReport {
  refusal: FlattenRefusal | null;
  /** `a`/`mx` terms that find no address at all: they match nothing and are left out. */
  dead: { domain: string; term: string }[];
}

const ORDINAL = (n: number): string => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

export function checkVoidLookups(root: SpfTreeNode, limit = DEFAULT_LIMITS.voidLookups): VoidReport {
  const count = { 4: 0, 6: 0 };
  const report: VoidReport = { refusal: null, dead: [] };
  const spend = (node: SpfTreeNode, t: SpfTermNode, family: 4 | 6, why: string): boolean => {
    count[family]++;
    if (count[family] <= limit) return true;
    report.refusal = {
      domain: node.domain,
      term: t.text,
      message: `'${t.text}' in ${node.domain} is the ${ORDINAL(count[family])} void lookup for IPv${family} clients (${why}): receivers give permerror after ${limit} (RFC 7208 §4.6.4); fix the record before flattening`,
    };
    return false;
  };
  const visit = (node: SpfTreeNode): boolean => {
    // RFC 7208 §6.1: redirect is evaluated after every mechanism
    const ordered = [...node.terms.filter((t) => t.name !== 'redirect'), ...node.terms.filter((t) => t.name === 'redirect')];
    for (const t of ordered) {
      if (!t.evaluated) continue;
      if (t.void) {
        if (t.name === 'a' || t.name === 'mx') report.dead.push({ domain: node.domain, term: t.text });
        if (!spend(node, t, 4, 'no answer') || !spend(node, t, 6, 'no answer')) return false;
      } else if (t.name === 'a' || t.name === 'mx') {
        // RFC 7208 §4.6.4: the name of `a`, and each MX host of `mx` (as pyspf and Mail::SPF count them)
        const what = t.name === 'mx' ? 'MX host ' : '';
        for (const h of t.hosts ?? []) {
          const v = hostVoids(h);
          if (v.ip4 && !spend(node, t, 4, `${what}${h.name} has no A record`)) return false;
          if (v.ip6 && !spend(node, t, 6, `${what}${h.name} has no AAAA record`)) return false;
        }
      }
      if (t.child && !visit(t.child)) return false;
    }
    return true;
  };
  visit(root);
  return report;
}
