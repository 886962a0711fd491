// One entry point for both ways of finding the organizational domain:
// `psl` (RFC 7489 §3.2, the Public Suffix List) and `treewalk` (RFC 9989 §4.10.2, the DNS).
import type { Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import { pslOrganizationalDomain, type PslOptions } from './psl.js';
import { walkDmarcTree, type TreeWalk } from './tree-walk.js';

export type OrgDomainMethod = 'psl' | 'treewalk';

export interface OrgDomainResult {
  name: string;
  method: OrgDomainMethod;
  /**
   * The organizational domain; null for `psl` when the name is a public suffix or not a domain name
   * (RFC 7489 §3.2 defines none then).
   */
  domain: string | null;
  /** False when DNS failures left the tree walk incomplete. Always true for `psl`. */
  complete: boolean;
  /** The walk, for `treewalk`. */
  walk: TreeWalk | null;
}

export function organizationalDomain(name: string, method: 'psl', resolver?: Resolver, options?: PslOptions): Promise<OrgDomainResult>;
export function organizationalDomain(name: string, method: 'treewalk', resolver: Resolver): Promise<OrgDomainResult>;
export function organizationalDomain(name: string, method: OrgDomainMethod, resolver: Resolver, options?: PslOptions): Promise<OrgDomainResult>;
export async function organizationalDomain(
  name: string,
  method: OrgDomainMethod,
  resolver?: Resolver,
  options: PslOptions = {},
): Promise<OrgDomainResult> {
  const key = nameKey(name);
  if (method === 'psl' || resolver === undefined) {
    return { name: key, method: 'psl', domain: pslOrganizationalDomain(key, options), complete: true, walk: null };
  }
  const walk = await walkDmarcTree(key, resolver);
  return { name: key, method, domain: walk.orgDomain, complete: walk.complete, walk };
}
