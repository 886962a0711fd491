// authaudit as a typed ESM library: the same functions the CLI runs.

// DNS: one Resolver interface and its implementations
export * from './dns/types.js';
export { nameKey, sameName, isAtOrBelow } from './model/names.js';
export { joinTxt, bytesToLatin1, latin1ToBytes } from './model/txt.js';
export { presentRecord, presentRdata, presentAnswer, describeAnswer } from './dns/present.js';
export { NetworkResolver, createNetworkResolver, type NetworkResolverOptions } from './dns/network-resolver.js';
export { DohResolver, type DohResolverOptions } from './dns/doh-resolver.js';
export { CacheResolver, type CacheResolverOptions } from './dns/cache-resolver.js';
export { LoggingResolver, describeQueryEvent, type QueryEvent, type AnswerSource } from './dns/logging-resolver.js';
export { ZoneResolver, loadZoneResolver, type ZoneFailure } from './dns/zone-resolver.js';
export { overlayResolver } from './dns/overlay-resolver.js';
export { parseServerSpec, type ServerSpec } from './dns/server-spec.js';
export { parseZoneText } from './zone/parse-zone.js';
export { ZoneFileError } from './zone/zone-file-error.js';
export { checkDomainName, notADomain, MAIL_DOMAIN, type DomainNameCheck, type DomainNameRule, type NotADomain } from './model/domain-name.js';

// Addresses: the one strict reading of an address argument (RFC 7208 §5.6 dotted quads, RFC 4291
// §2.2 IPv6; an IPv4-mapped address is its IPv4 address, RFC 7208 §5) and reverse-lookup names
export { parseIp, formatIp, type IpAddress } from './net/ip.js';
export { readAddress, type ReadAddress, type AddressReading } from './net/read-address.js';
export { reverseName } from './net/reverse-name.js';

// Findings
export * from './findings/types.js';
export { findingRegistry } from './report/finding-registry.js';

// SPF (RFC 7208)
export { parseSpfRecord, isSpfRecordText } from './spf/parse.js';
export { renderRecord } from './spf/render.js';
export { checkHost, spfIdentity, type CheckHostOptions } from './spf/check-host.js';
export { expandSpf } from './spf/expand.js';
export { sampleAuthorizedAddresses, MAX_SAMPLES, type AddressSample, type SampledRanges } from './spf/sample-addresses.js';
export { spfFindings, SPF_FINDINGS } from './spf/findings.js';
export type { SpfRecord, SpfResult, CheckHostResult, ParseResult } from './spf/types.js';
export type { SpfExpansion } from './spf/expand-types.js';

// DMARC, organizational domains, DKIM, reverse DNS, MX
export * from './dmarc/index.js';
export * from './org-domain/index.js';
export * from './dkim/index.js';
export * from './ptr/index.js';
export * from './mx/index.js';

// Prediction, flattening, audit, diff, reports
export * from './profile/index.js';
export { collectEvidence, predictStreams, predictProvider, PREDICT_FINDINGS, renderPredictText } from './predict/index.js';
export type { Prediction, StreamEvidence, AddressEvidence } from './predict/types.js';
export { flattenSpf, checkPublished, proveEquivalent, FLATTEN_FINDINGS } from './flatten/index.js';
export type { FlattenResult, FlattenOptions } from './flatten/types.js';
export { auditDomain, auditDomains, auditNamedDomains, selectOwnHostAddresses, MAX_OWN_HOST_ADDRESSES, isUnaudited, renderAuditText, auditJson, type DomainAudit, type AuditEntry, type UnauditedDomain, type AuditOptions } from './audit/index.js';
export { coverageFinding, coverageFindings, COVERAGE_FINDINGS, type Coverage, type ZoneSet } from './zone-coverage/index.js';
export { diffZones, diffAudits, renderDiffText, renderDiffMarkdown, diffJson, openGitTree, GitTreeSource, type ZoneDiff } from './diff/index.js';
export { renderJson, renderSarif, renderGithub, renderMarkdown, renderFindingsText, escapeForTerminal } from './report/index.js';
