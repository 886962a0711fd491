// An FCrDNS report as JSON: every field present, null when unknown.
import type { CnameLink } from '../dns/types.js';
import type { FcrdnsReport } from './fcrdns.js';

const chain = (c: readonly CnameLink[]) => c.map((l) => ({ name: l.name, target: l.target, ttl: l.ttl, source: l.source ?? null }));

export function fcrdnsJson(r: FcrdnsReport): Record<string, unknown> {
  return {
    input: r.input,
    address: r.address,
    family: r.family,
    mappedFrom: r.mappedFrom,
    reverseName: r.reverseName,
    result: r.result,
    confirmedName: r.confirmedName,
    ptr: { outcome: r.ptr.outcome, failure: r.ptr.failure, cnameChain: chain(r.ptr.cnameChain), source: r.ptr.source },
    names: r.names.map((n) => ({
      name: n.name,
      checked: n.checked,
      forwardType: n.forwardType,
      outcome: n.outcome,
      addresses: n.addresses,
      cnameChain: chain(n.cnameChain),
      failure: n.failure,
      matches: n.matches,
    })),
    truncated: r.truncated,
  };
}
