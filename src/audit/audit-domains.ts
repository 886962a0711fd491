// auditDomains(): several domains at once (at most `concurrency` in flight) over one shared
// cache, so a provider's records that many domains include are asked once per run.
import type { Resolver } from '../dns/types.js';
import { CacheResolver } from '../dns/cache-resolver.js';
import { nameKey } from '../model/names.js';
import { auditDomain } from './audit-domain.js';
import { profileIndex } from './profiles.js';
import type { AuditDomainsOptions, DomainAudit } from './types.js';

export const DEFAULT_AUDIT_CONCURRENCY = 8;

/** Audits in the order the domains were given (each domain once); progress as each one finishes. */
export async function auditDomains(domains: readonly string[], resolver: Resolver, options: AuditDomainsOptions = {}): Promise<DomainAudit[]> {
  const unique = [...new Set(domains.map(nameKey))];
  const shared = options.cache === false ? resolver : new CacheResolver(resolver);
  const limit = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_AUDIT_CONCURRENCY));
  const results: DomainAudit[] = new Array<DomainAudit>(unique.length);
  const profilesOf = profileIndex(options.profiles ?? []);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const index = next++;
      const domain = unique[index] as string;
      const selectors = options.selectorsFor?.(domain) ?? options.selectors ?? [];
      const selectorsFromZone = options.selectorsFromZone?.(domain) ?? null;
      results[index] = await auditDomain(domain, shared, { selectors, selectorsFromZone, ips: options.ips ?? [], profiles: profilesOf(domain), cache: false, commandWorld: options.commandWorld ?? [], dnssec: options.dnssec ?? null, ...(options.transport !== undefined ? { transport: options.transport } : {}), ...(options.bimi !== undefined ? { bimi: options.bimi } : {}) });
      done++;
      options.onProgress?.({ done, total: unique.length, domain });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, unique.length) }, worker));
  return results;
}
