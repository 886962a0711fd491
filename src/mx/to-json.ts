// An MX report as JSON: every field present, null when unknown.
import type { CnameLink } from '../dns/types.js';
import type { AddressLookup, MxReport } from './check-mx.js';

const chain = (c: readonly CnameLink[]) => c.map((l) => ({ name: l.name, target: l.target, ttl: l.ttl, source: l.source ?? null }));
const lookup = (l: AddressLookup | null) => (l === null ? null : { outcome: l.outcome, addresses: l.addresses, cnameChain: chain(l.cnameChain), failure: l.failure });

export function mxReportJson(r: MxReport): Record<string, unknown> {
  return {
    domain: r.domain,
    kind: r.kind,
    nullMx: r.nullMx,
    mx: { outcome: r.mx.outcome, failure: r.mx.failure, cnameChain: chain(r.mx.cnameChain) },
    hosts: r.hosts.map((h) => ({
      preference: h.preference,
      exchange: h.exchange,
      status: h.status,
      addresses: h.addresses,
      a: lookup(h.a),
      aaaa: lookup(h.aaaa),
      cnameChain: chain(h.cnameChain),
      source: h.source,
    })),
    implicit: r.implicit === null ? null : { addresses: r.implicit.addresses, a: lookup(r.implicit.a), aaaa: lookup(r.implicit.aaaa) },
  };
}
