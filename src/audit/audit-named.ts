// auditNamedDomains(): the audit of the domains a user named, judged against the zone files of the
// run first (src/zone-coverage). Offline, a domain outside every zone gets a short entry holding only
// zone-not-covered instead of an audit built on NXDOMAIN answers the files cannot give; with an
// overlay, a domain outside it is audited from the live DNS with overlay-not-covering first among
// its findings. Covered domains are audited exactly as auditDomains() does; one whose own name
// answers NXDOMAIN gets a short entry holding only domain-nonexistent.
import type { Resolver } from '../dns/types.js';
import { nameKey } from '../model/names.js';
import { coverageFinding, isNotCovered } from '../zone-coverage/coverage.js';
import type { Finding } from '../findings/types.js';
import { countBySeverity } from '../findings/severity.js';
import { auditDomains } from './audit-domains.js';
import { verdictOf } from './verdict.js';
import { nonexistentFinding } from './nonexistent.js';
import type { AuditEntry, AuditNamedOptions, DomainAudit, UnauditedDomain } from './types.js';

function unaudited(kind: UnauditedDomain['kind'], domain: string, findings: Finding[]): UnauditedDomain {
  return { kind, domain, verdict: verdictOf(findings), summary: countBySeverity(findings), findings };
}

function withFirst(audit: DomainAudit, f: Finding): DomainAudit {
  const findings = [f, ...audit.findings];
  return { ...audit, findings, verdict: verdictOf(findings), summary: countBySeverity(findings) };
}

/** One entry per domain (each once), in the order given; progress as each one is done. */
export async function auditNamedDomains(domains: readonly string[], resolver: Resolver, options: AuditNamedOptions): Promise<AuditEntry[]> {
  const { coverage, ...rest } = options;
  const unique = [...new Set(domains.map(nameKey))];
  const found = new Map(unique.map((d) => [d, coverageFinding(d, coverage)] as const));
  const skip = (d: string): boolean => {
    const f = found.get(d);
    return f !== undefined && f !== null && isNotCovered(f);
  };
  const skipped = new Set(unique.filter(skip));
  let done = 0;
  for (const domain of skipped) options.onProgress?.({ done: ++done, total: unique.length, domain });
  const audits = await auditDomains(
    unique.filter((d) => !skipped.has(d)),
    resolver,
    { ...rest, onProgress: (p) => options.onProgress?.({ done: ++done, total: unique.length, domain: p.domain }) },
  );
  const byDomain = new Map(audits.map((a) => [a.domain, a] as const));
  return unique.map((domain): AuditEntry => {
    const f = found.get(domain) ?? null;
    if (f !== null && isNotCovered(f)) return unaudited('not-covered', domain, [f]);
    const audit = byDomain.get(domain);
    if (audit === undefined) throw new Error(`bug: ${domain} was neither audited nor skipped`);
    // a domain that does not exist: one finding, not one per check (with overlay-not-covering first)
    const nonexistent = nonexistentFinding(audit);
    if (nonexistent !== null) return unaudited('nonexistent', domain, f === null ? [nonexistent] : [f, nonexistent]);
    return f === null ? audit : withFirst(audit, f);
  });
}
