// Compare the audits of the same domains before (base) and after (head) a zone change.
import type { Finding } from '../findings/types.js';
import { SEVERITY_RANK } from '../findings/types.js';
import type { DomainAudit } from '../audit/types.js';
import type { AuditVerdict } from '../audit/verdict.js';
import { diffFindings, type FindingChange, type FindingDiff } from './match-findings.js';
import { spfDelta, type SpfDelta } from './spf-delta.js';
import { predictionChanges, type PredictionChange } from './prediction-delta.js';

export interface DomainDiff {
  domain: string;
  verdict: { base: AuditVerdict; head: AuditVerdict };
  findings: FindingDiff;
  /** Changed findings whose severity went up: the change makes them worse. */
  escalated: FindingChange[];
  spf: SpfDelta;
  /** Null when no sending profile applies to the domain. */
  predictions: PredictionChange[] | null;
}

export interface AuditDiff {
  domains: DomainDiff[];
  /** Every domain's introduced findings, then its escalated ones (head versions): what a CI gate judges. */
  introduced: Finding[];
  resolved: Finding[];
}

export function diffDomain(base: DomainAudit, head: DomainAudit): DomainDiff {
  const findings = diffFindings(base.findings, head.findings);
  const escalated = findings.changed.filter((c) => SEVERITY_RANK[c.after.severity] > SEVERITY_RANK[c.before.severity]);
  return {
    domain: head.domain,
    verdict: { base: base.verdict, head: head.verdict },
    findings,
    escalated,
    spf: spfDelta(base.spf, head.spf),
    predictions: base.predictions === null && head.predictions === null ? null : predictionChanges(base.predictions ?? [], head.predictions ?? []),
  };
}

/** `base` and `head` hold the same domains in the same order (as auditDomains returns them). */
export function diffAudits(base: readonly DomainAudit[], head: readonly DomainAudit[]): AuditDiff {
  const byDomain = new Map(base.map((a) => [a.domain, a]));
  const domains: DomainDiff[] = [];
  for (const h of head) {
    const b = byDomain.get(h.domain);
    if (b === undefined) throw new Error(`bug: ${h.domain} audited in head only`);
    domains.push(diffDomain(b, h));
  }
  return {
    domains,
    introduced: domains.flatMap((d) => [...d.findings.introduced, ...d.escalated.map((c) => c.after)]),
    resolved: domains.flatMap((d) => d.findings.resolved),
  };
}
