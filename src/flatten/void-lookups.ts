// Void lookups in the original tree (RFC 7208 §4.6.4: a DNS question answered with NXDOMAIN or no
// records; after 2 of them receivers give permerror). Flattening removes the questions, so a record that
// is already over the limit would silently turn its permerror into a result: it is refused instead.
// The count is the expansion's, per client family (expand-build.ts): receivers ask only the client's
// address type for `a` and for each MX host of `mx` (A for IPv4, AAAA for IPv6), every term taken as
// not matching (the clients that match nothing meet every void lookup).
import type { SpfExpansion, SpfTermNode } from '../spf/expand-types.js';
import { isHostTerm } from '../spf/term-kinds.js';
import { walkTree } from '../spf/expand-walk.js';
import type { FlattenRefusal } from './types.js';

export interface VoidReport {
  refusal: FlattenRefusal | null;
  /** `a`/`mx` terms that find no address at all: they match nothing and are left out. */
  dead: { domain: string; term: string }[];
}

const ORDINAL = (n: number): string => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

const FAMILIES = [
  { key: 'ip4', family: 4, type: 'A' },
  { key: 'ip6', family: 6, type: 'AAAA' },
] as const;

export function checkVoidLookups(expansion: SpfExpansion): VoidReport {
  const report: VoidReport = { refusal: null, dead: [] };
  const visits = walkTree(expansion.root);
  for (const { node } of visits) {
    for (const t of node.terms) {
      if (isHostTerm(t) && t.evaluated && t.void) report.dead.push({ domain: node.domain, term: t.text });
    }
  }
  const { voidLimit, voidCrossingPerFamily } = expansion.lookups;
  for (const { key, family, type } of FAMILIES) {
    const c = voidCrossingPerFamily[key];
    if (!c) continue;
    const term: SpfTermNode | undefined = visits
      .filter((v) => v.node.domain === c.domain && v.node.path.join('\n') === c.path.join('\n'))
      .flatMap((v) => v.node.terms)
      .find((t) => t.position === c.position && t.text === c.term);
    // the lookup over the limit: an MX host's, an `a` name's of this family only, or the term's own
    const name = c.host ?? (term?.kind === 'mechanism' && term.name === 'a' && !term.void ? (term.hosts?.[0]?.name ?? null) : null);
    const why = name === null ? 'no answer' : `${c.host ? 'MX host ' : ''}${name} has no ${type} record`;
    report.refusal = {
      domain: c.domain,
      term: c.term,
      message: `'${c.term}' in ${c.domain} is the ${ORDINAL(c.count)} void lookup for IPv${family} clients (${why}): receivers give permerror after ${voidLimit} (RFC 7208 §4.6.4); fix the record before flattening`,
    };
    break;
  }
  return report;
}
