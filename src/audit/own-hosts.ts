// Which addresses of the domain's own hosts the audit checks reverse DNS for: the hosts its SPF tree
// names with `a` and `mx` terms (RFC 7208 §5.3, §5.4: they send as the domain), then its MX hosts
// (RFC 5321 §5.1: they receive for it). Only hosts in the audited domain's organizational domain: a
// provider's hosts, reached through an include or named as MX, are the provider's business. Only the
// terms a receiver evaluates (not after `all`, not past the lookup or void limits, RFC 7208 §4.6.4).
// Read from the SPF expansion and the MX report already made: no DNS question of its own.
import { isAtOrBelow, nameKey } from '../model/names.js';
import { readAddress } from '../net/read-address.js';
import { pslOrganizationalDomain } from '../org-domain/psl.js';
import type { HostRole } from '../ptr/host-findings.js';
import type { SpfExpansion, SpfTreeNode } from '../spf/expand-types.js';
import { isFollow, isHostTerm, isInOrder } from '../spf/term-kinds.js';
import type { MxReport } from '../mx/check-mx.js';

/** Addresses of own hosts checked per domain, at most: a cap on the questions a large record can cause. */
export const MAX_OWN_HOST_ADDRESSES = 16;

export interface OwnHostAddress {
  /** Canonical address text. */
  address: string;
  /** Every role met for it, in the order met (SPF roles first). */
  roles: HostRole[];
}

export interface OwnHostSelection {
  /** In order: SPF evaluation order (a host's IPv4 addresses, then IPv6), then MX preference order. */
  addresses: OwnHostAddress[];
  /** Distinct addresses past the cap, not checked. */
  omitted: number;
}

export interface OwnHostOptions {
  /** Default MAX_OWN_HOST_ADDRESSES. */
  max?: number;
}

/** Every SPF host role in evaluation order, with the host's addresses. */
function spfHosts(node: SpfTreeNode, own: string, out: Array<{ role: HostRole; addresses: string[] }>): void {
  for (const term of node.terms) {
    // a receiver never evaluates these terms, or stops with permerror before it reaches them
    if (!isInOrder(term) || !term.evaluated || term.pastLimit) continue;
    if (isFollow(term)) {
      if (term.child !== null) spfHosts(term.child, own, out);
      continue;
    }
    if (!isHostTerm(term) || term.hosts === null) continue;
    for (const host of term.hosts) {
      if (host.pastLimit === true || !isAtOrBelow(host.name, own)) continue;
      const role: HostRole = { role: 'spf', host: nameKey(host.name), term: term.text, recordDomain: node.domain, path: [...node.path], preference: null };
      out.push({ role, addresses: [...host.ip4, ...host.ip6] });
    }
  }
}

export function selectOwnHostAddresses(domain: string, spf: SpfExpansion, mx: MxReport, options: OwnHostOptions = {}): OwnHostSelection {
  const max = options.max ?? MAX_OWN_HOST_ADDRESSES;
  const own = pslOrganizationalDomain(domain) ?? nameKey(domain);
  const met: Array<{ role: HostRole; addresses: string[] }> = [];
  spfHosts(spf.root, own, met);
  for (const h of mx.hosts) {
    if (h.status !== 'ok' || !isAtOrBelow(h.exchange, own)) continue;
    met.push({ role: { role: 'mx', host: h.exchange, term: null, recordDomain: mx.domain, path: null, preference: h.preference }, addresses: h.addresses });
  }
  const byAddress = new Map<string, OwnHostAddress>();
  const omitted = new Set<string>();
  for (const { role, addresses } of met) {
    for (const text of addresses) {
      const read = readAddress(text);
      if (!read.ok) continue;
      const address = read.value.canonical;
      const seen = byAddress.get(address);
      if (seen !== undefined) {
        if (!seen.roles.some((r) => r.role === role.role && r.host === role.host && r.term === role.term && r.recordDomain === role.recordDomain)) seen.roles.push(role);
      } else if (byAddress.size < max) byAddress.set(address, { address, roles: [role] });
      else omitted.add(address);
    }
  }
  return { addresses: [...byAddress.values()], omitted: omitted.size };
}
