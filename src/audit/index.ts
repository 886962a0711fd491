// The audit: every check of a domain, several domains at once over one cache, and its reports.
export { auditDomain } from './audit-domain.js';
export { auditDomains, DEFAULT_AUDIT_CONCURRENCY } from './audit-domains.js';
export { auditNamedDomains } from './audit-named.js';
export { verdictOf, worseVerdict, VERDICT_LABEL, VERDICT_ORDER, type AuditVerdict } from './verdict.js';
export { profilesFor, addressesFor } from './profiles.js';
export { selectOwnHostAddresses, MAX_OWN_HOST_ADDRESSES, type OwnHostAddress, type OwnHostSelection, type OwnHostOptions } from './own-hosts.js';
export { predictProfiles } from './predictions.js';
export {
  summarizeDmarc,
  summarizeDkim,
  summarizeMx,
  summarizePtr,
  type DmarcSummary,
  type DkimSummary,
  type DkimKeySummary,
  type MxSummary,
  type MxHostSummary,
  type PtrSummary,
  type PolicySummary,
} from './summaries.js';
export { auditJson, domainAuditJson, predictionJson } from './to-json.js';
export { renderAuditText } from './render-text.js';
export { renderAuditMarkdown } from './render-markdown.js';
export { isUnaudited } from './types.js';
export type { AuditOptions, AuditDomainsOptions, AuditNamedOptions, AuditProgress, AuditEntry, DomainAudit, UnauditedDomain } from './types.js';
