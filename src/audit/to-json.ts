// The audit's JSON `data`: `{ domains: [...] }`, each domain with its verdict, its findings (after
// --ignore), the SPF tree and totals, the DMARC/DKIM/MX/PTR summaries and the predictions. Every
// field is present; null when unknown or not asked for.
import { auditDnssecJson } from '../dane/to-json.js';
import type { Finding } from '../findings/types.js';
import { jsonFinding } from '../report/json.js';
import { countBySeverity } from '../findings/severity.js';
import type { Prediction } from '../predict/types.js';
import { isUnaudited, type AuditEntry } from './types.js';
import { verdictOf } from './verdict.js';
import { whatToChange, type ChangePlan } from '../changes/what-to-change.js';
import { treeJson } from '../spf/tree-json.js';
import { mtaStsJson, smtpJson, tlsRptJson } from '../transport/to-json.js';
import { bimiReportJson } from '../bimi/to-json.js';

export function predictionJson(p: Prediction): Record<string, unknown> {
  return {
    provider: p.provider,
    stream: p.stream,
    address: p.address,
    from: p.from,
    mailFrom: p.mailFrom,
    verdict: p.verdict,
    code: p.code,
    enhanced: p.enhanced,
    text: p.text,
    rule: p.rule,
    certainty: p.certainty,
    why: p.why,
    fix: p.fix,
    fixRecords: p.fixRecords,
    notes: p.notes,
    also: p.also.map((r) => ({ rule: r.rule, verdict: r.verdict, code: r.code, enhanced: r.enhanced, certainty: r.certainty })),
  };
}

/**
 * One domain as JSON. `shown` is the run's findings after --ignore: the domain's verdict and
 * findings are taken from those of its findings that are shown.
 */
export function domainAuditJson(audit: AuditEntry, shown: readonly Finding[] = audit.findings): Record<string, unknown> {
  const own = new Set(audit.findings);
  const findings = shown.filter((f) => own.has(f));
  if (isUnaudited(audit)) {
    // not audited (zone-not-covered, domain-nonexistent): the same fields, every check null
    return {
      domain: audit.domain,
      verdict: verdictOf(findings),
      summary: countBySeverity(findings),
      findings: findings.map(jsonFinding),
      changes: [],
      changesElsewhere: [],
      spf: null,
      dmarc: null,
      dkim: null,
      mx: null,
      ptr: [],
      mtaSts: null,
      tlsRpt: null,
      smtp: null,
      bimi: null,
      dnssec: null,
      profiles: null,
      predictions: null,
    };
  }
  const spf = audit.spf;
  return {
    domain: audit.domain,
    verdict: verdictOf(findings),
    summary: countBySeverity(findings),
    findings: findings.map(jsonFinding),
    ...changesJson(whatToChange(audit.domain, findings, spf.record)),
    spf: {
      record: spf.record,
      lookups: { total: spf.lookups.total, void: spf.lookups.void, limit: spf.lookups.limit, voidLimit: spf.lookups.voidLimit },
      totals: spf.totals,
      dependsOnMessage: spf.dependsOnMessage,
      truncated: spf.truncated,
      tree: treeJson(spf.root),
    },
    dmarc: audit.dmarc,
    dkim: audit.dkim,
    mx: audit.mx,
    ptr: audit.ptr,
    mtaSts: mtaStsJson(audit.transport.mtaSts),
    tlsRpt: tlsRptJson(audit.transport.tlsRpt),
    smtp: smtpJson(audit.transport.smtp),
    bimi: bimiReportJson(audit.bimi),
    dnssec: audit.dnssec === null ? null : auditDnssecJson(audit.dnssec),
    profiles: audit.profiles,
    predictions: audit.predictions === null ? null : audit.predictions.map(predictionJson),
  };
}

export function auditJson(audits: readonly AuditEntry[], shown?: readonly Finding[]): Record<string, unknown> {
  return { domains: audits.map((a) => domainAuditJson(a, shown)) };
}

/**
 * The same document for JSON.stringify, each domain's part built only when the serializer reaches
 * it (toJSON) and let go after: a many-domain report never holds the whole tree beside the audits.
 */
export function auditJsonDeferred(audits: readonly AuditEntry[], shown?: readonly Finding[]): Record<string, unknown> {
  return { domains: audits.map((a) => ({ toJSON: () => domainAuditJson(a, shown) })) };
}

/** `changes` (the DNS edits to publish, in order) and `changesElsewhere` (edits to ask others for). */
function changesJson(plan: ChangePlan): { changes: ChangePlan['changes']; changesElsewhere: string[] } {
  return { changes: plan.changes, changesElsewhere: plan.elsewhere };
}
