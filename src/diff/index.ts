// CI gating of DNS changes: audit two versions of the zone files and report what the change
// introduces and what it fixes.
export { diffZones, ZonePathError, type DiffZonesOptions, type ZoneDiff, type ZoneVersion } from './diff-zones.js';
export { openGitTree, GitTreeSource, GitSourceError, type OpenGitTreeOptions } from './git-tree-source.js';
export { diffAudits, diffDomain, type AuditDiff, type DomainDiff } from './diff-audits.js';
export { diffFindings, findingIdentity, pointedToken, type FindingDiff, type FindingChange } from './match-findings.js';
export { spfDelta, spfUnchanged, type SpfDelta, type CountDelta, type AddressChange } from './spf-delta.js';
export { enforcedPassSets, type PassSets } from './spf-pass-set.js';
export { predictionChanges, type PredictionChange, type ReplySummary } from './prediction-delta.js';
export { mailDomains } from './mail-domains.js';
export { renderDiffText, domainLists, type Keep } from './render-text.js';
export { renderDiffMarkdown } from './render-markdown.js';
export { diffJson } from './to-json.js';
