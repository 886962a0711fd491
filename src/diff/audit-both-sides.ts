// Both versions of a change audited alike (diff of zone files, diff of a plan): every domain on the
// base world and on the head world, with the same audit options and the DKIM selectors either
// version holds (a selector the change removes or adds is asked on both sides, so its key shows as
// resolved or introduced), and one progress count over the two.
import type { Resolver } from '../dns/types.js';
import { auditDomains } from '../audit/audit-domains.js';
import type { AuditDomainsOptions, AuditProgress, DomainAudit } from '../audit/types.js';

export interface BothSidesOptions extends Omit<AuditDomainsOptions, 'selectorsFromZone' | 'onProgress'> {
  /** Called before the audits start: how many there are to do (twice the domains). */
  onStart?: (total: number) => void;
  /** Progress over both versions: total is twice the number of domains. */
  onProgress?: (progress: AuditProgress & { side: 'base' | 'head' }) => void;
}

export async function auditBothSides(
  domains: readonly string[],
  worlds: { base: Resolver; head: Resolver },
  selectorsFromZone: (domain: string) => readonly string[] | null,
  options: BothSidesOptions,
): Promise<[DomainAudit[], DomainAudit[]]> {
  const { onStart, onProgress, ...audit } = options;
  let done = 0;
  const total = domains.length * 2;
  onStart?.(total);
  const side = (which: 'base' | 'head'): Promise<DomainAudit[]> =>
    auditDomains(domains, worlds[which], {
      ...audit,
      selectorsFromZone,
      onProgress: (p) => onProgress?.({ done: ++done, total, domain: p.domain, side: which }),
    });
  return Promise.all([side('base'), side('head')]);
}
