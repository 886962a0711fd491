// Identifier alignment (RFC 7489 §3.1, RFC 9989 §4.4): strict means the same name; relaxed means the
// same organizational domain, found by the Public Suffix List (RFC 7489) or the tree walk (RFC 9989).
import type { Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import { pslOrganizationalDomain } from '../org-domain/psl.js';
import { organizationalDomain, type OrgDomainMethod } from '../org-domain/organizational-domain.js';
import type { AlignmentMode } from './types.js';

export interface AlignmentCheck {
  a: string;
  b: string;
  mode: AlignmentMode;
  method: OrgDomainMethod;
  /** null when DNS failures left an organizational domain unknown. */
  aligned: boolean | null;
  /** The organizational domains compared (relaxed mode only; null in strict mode). */
  orgA: string | null;
  orgB: string | null;
  reason: string;
}

/** Strict, or relaxed by the Public Suffix List: no DNS needed. */
export function alignedByPsl(a: string, b: string, mode: AlignmentMode): AlignmentCheck {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return { a: ka, b: kb, mode, method: 'psl', aligned: true, orgA: null, orgB: null, reason: 'same name' };
  if (mode === 's') return { a: ka, b: kb, mode, method: 'psl', aligned: false, orgA: null, orgB: null, reason: 'strict alignment needs the same name' };
  // a public suffix has no organizational domain (RFC 7489 §3.2): it aligns only with itself
  const orgA = pslOrganizationalDomain(ka) ?? ka;
  const orgB = pslOrganizationalDomain(kb) ?? kb;
  const same = orgA === orgB;
  return { a: ka, b: kb, mode, method: 'psl', aligned: same, orgA, orgB, reason: same ? `same organizational domain ${orgA}` : `organizational domains differ: ${orgA} and ${orgB}` };
}

/**
 * Do `a` and `b` align in `mode`, with organizational domains found by `method`?
 * `treewalk` asks the DNS (two walks; a caching resolver makes repeats free).
 */
export async function aligned(a: string, b: string, mode: AlignmentMode, method: OrgDomainMethod, resolver?: Resolver): Promise<AlignmentCheck> {
  if (method === 'psl' || mode === 's' || nameKey(a) === nameKey(b)) return { ...alignedByPsl(a, b, mode), method };
  if (resolver === undefined) {
    return { a: nameKey(a), b: nameKey(b), mode, method, aligned: null, orgA: null, orgB: null, reason: 'the tree walk needs a resolver' };
  }
  const [oa, ob] = await Promise.all([organizationalDomain(a, 'treewalk', resolver), organizationalDomain(b, 'treewalk', resolver)]);
  const base = { a: nameKey(a), b: nameKey(b), mode, method, orgA: oa.domain, orgB: ob.domain };
  if (oa.domain === ob.domain && oa.domain !== null) {
    return { ...base, aligned: true, reason: `same organizational domain ${oa.domain}${oa.complete && ob.complete ? '' : ' (tree walk incomplete)'}` };
  }
  if (!oa.complete || !ob.complete) return { ...base, aligned: null, reason: 'a DNS failure cut a tree walk short' };
  return { ...base, aligned: false, reason: `organizational domains differ: ${oa.domain ?? '?'} and ${ob.domain ?? '?'}` };
}
