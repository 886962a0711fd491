// auditDomain(): every check of one domain. The checks do not depend on each other, so their
// questions go out together (one Promise.all); each check in turn asks its independent questions
// concurrently, so a domain's audit takes about (dependency depth + 1) round trips, not the sum.
import type { Resolver } from '../dns/types.js';
import { CacheResolver } from '../dns/cache-resolver.js';
import { nameKey } from '../dns/names.js';
import { expandSpf } from '../spf/expand.js';
import { spfFindings } from '../spf/findings.js';
import { dmarcFindings } from '../dmarc/collect-findings.js';
import { auditDkim } from '../dkim/audit-dkim.js';
import { memoizedChecks } from '../predict/evidence-checks.js';
import { countBySeverity } from '../report/severity.js';
import { verdictOf } from './verdict.js';
import { summarizeDkim, summarizeDmarc, summarizeMx, summarizePtr } from './summaries.js';
import { addressesFor, profilesFor } from './profiles.js';
import { predictProfiles } from './predictions.js';
import { predictionFindings } from '../predict/findings.js';
import type { AuditOptions, DomainAudit } from './types.js';

export async function auditDomain(domain: string, given: Resolver, options: AuditOptions = {}): Promise<DomainAudit> {
  const resolver = options.cache === false ? given : new CacheResolver(given);
  const name = nameKey(domain);
  const profiles = profilesFor(name, options.profiles ?? []);
  const addresses = addressesFor(options.ips ?? [], profiles);
  // the predictor needs DMARC, MX and FCrDNS of the same names: one memo, each check made once
  const checks = memoizedChecks(resolver);
  const [spf, dmarc, dkim, mx, ptr, predictions] = await Promise.all([
    expandSpf(name, resolver),
    checks.discoverDmarc(name, resolver),
    auditDkim(name, resolver, { selectors: options.selectors ?? [], selectorsFromZone: options.selectorsFromZone ?? null }),
    checks.checkMx(name, resolver),
    Promise.all(addresses.map((ip) => checks.checkFcrdns(ip, resolver))),
    profiles.length === 0 ? Promise.resolve(null) : predictProfiles(profiles, resolver, { checks }),
  ]);
  // the checks' own findings first, in pipeline order; then what the predicted replies mean
  const findings = [...spfFindings(spf), ...dmarcFindings(dmarc), ...dkim.findings, ...mx.findings, ...ptr.flatMap((r) => r.findings), ...(predictions ?? []).flatMap(predictionFindings)];
  return {
    domain: name,
    verdict: verdictOf(findings),
    summary: countBySeverity(findings),
    findings,
    spf,
    dmarc: summarizeDmarc(dmarc),
    dkim: summarizeDkim(dkim),
    mx: summarizeMx(mx),
    ptr: ptr.map(summarizePtr),
    profiles: profiles.length === 0 ? null : profiles.map((p) => p.name),
    predictions,
    reports: { dmarc, dkim, mx, ptr },
  };
}
