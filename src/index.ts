// authaudit as a typed ESM library: the functions the CLI runs, chosen for a library user. Each
// export is listed in the README ("As a library"); test/api/public-api.test.ts holds the two to the
// same list. Types go out as types only; nothing internal (helpers, per-check tables) is exported.
// This is the one index: folders have none, and code inside src/ imports the module that defines a thing.

// Resolvers: one Resolver interface (records, NXDOMAIN, no data or a typed failure, never an
// exception) and its implementations: the network (UDP/TCP), DNS-over-HTTPS, zone files, a zone
// overlay over another resolver, a per-run cache and a query log.
export type * from './model/records.js';
export type { Resolver, DnsAnswer, RecordsAnswer, NxdomainAnswer, NodataAnswer, FailureAnswer, FailureKind, CnameLink, QueryOptions, ResolverStats } from './dns/types.js';
export { RR_TYPES } from './model/records.js';
export { NetworkResolver, createNetworkResolver, type NetworkResolverOptions } from './dns/network-resolver.js';
export { DohResolver, type DohResolverOptions } from './dns/doh-resolver.js';
export { CacheResolver, type CacheResolverOptions } from './dns/cache-resolver.js';
export { LoggingResolver, type QueryEvent, type AnswerSource } from './dns/logging-resolver.js';
export { ZoneResolver, loadZoneResolver, type ZoneFailure } from './dns/zone-resolver.js';
export { overlayResolver } from './dns/overlay-resolver.js';
export { parseServerSpec, type ServerSpec } from './dns/server-spec.js';
export { parseZoneText } from './zone/parse-zone.js';
export { ZoneFileError } from './zone/zone-file-error.js';
export { presentRecord } from './dns/present.js';

// Names and addresses: the one domain-name check and the one strict address reading
export { checkDomainName, type DomainNameCheck } from './model/domain-name.js';
export { nameKey, isAtOrBelow } from './model/names.js';
export { readAddress, type AddressReading } from './net/read-address.js';
export { parseIp, formatIp, type IpAddress, type IpFamily } from './net/ip.js';
export { reverseName } from './net/reverse-name.js';

// Findings: data with stable ids; the registry knows every id, its severity, title and rule
export type { Finding, Evidence, Severity, RecordEdit, FindingDefinition } from './findings/types.js';
export { SEVERITY_RANK } from './findings/types.js';
export { findingRegistry, type FindingRegistry } from './report/finding-registry.js';

// SPF (RFC 7208)
export { parseSpfRecord, isSpfRecordText } from './spf/parse.js';
export { renderRecord } from './spf/render.js';
export { checkHost, type CheckHostOptions } from './spf/check-host.js';
export { expandSpf } from './spf/expand.js';
export { spfFindings } from './spf/findings.js';
export { sampleAuthorizedAddresses, type AddressSample, type SampledRanges } from './spf/sample-addresses.js';
export type { SpfRecord, SpfResult, CheckHostResult, ParseResult } from './spf/types.js';
export type { SpfExpansion } from './spf/expand-types.js';

// DMARC (RFC 7489, RFC 9989) and organizational domains
export { parseDmarcRecord, isDmarcRecordText } from './dmarc/parse-record.js';
export { discoverDmarc, type DmarcDiscovery, type DiscoveryStatus } from './dmarc/discover.js';
export { policyOutcome, type PolicyOutcome } from './dmarc/effective-policy.js';
export { aligned, type AlignmentCheck } from './dmarc/alignment.js';
export { dmarcFindings } from './dmarc/collect-findings.js';
export type { DmarcRecord, DmarcPolicy, AlignmentMode } from './dmarc/types.js';
export { organizationalDomain, type OrgDomainMethod, type OrgDomainResult } from './org-domain/organizational-domain.js';
export { pslOrganizationalDomain } from './org-domain/psl.js';

// DKIM keys (RFC 6376, RFC 8463), MX, forward-confirmed reverse DNS
export { parseKeyRecord } from './dkim/parse-key-record.js';
export { checkDkimKey } from './dkim/evaluate-key.js';
export { auditDkim, type DkimAudit } from './dkim/audit-dkim.js';
export { COMMON_SELECTORS } from './dkim/common-selectors.js';
export type { DkimKeyRecord, DkimKeyReport } from './dkim/types.js';
export { checkMx, type MxReport } from './mx/check-mx.js';
export { checkFcrdns, type FcrdnsReport } from './ptr/fcrdns.js';
export { checkMtaSts, type MtaStsReport } from './transport/check-mta-sts.js';
export { checkTlsRpt, type TlsRptReport } from './transport/check-tls-rpt.js';
export { checkTransport, type TransportReport } from './transport/check-transport.js';
export { fetchHttps, type FetchResult } from './fetch/https-fetch.js';
export { probeStarttls, type SmtpProbeResult } from './smtp/starttls-probe.js';

// Sending profiles and predicted provider replies
export { parseProfileText, readProfileFile } from './profile/read-profile-file.js';
export { profileFromOptions, type ProfileOptions } from './profile/from-options.js';
export { ProfileError, type SendingProfile } from './profile/types.js';
export { collectEvidence } from './predict/collect-evidence.js';
export { predictStreams } from './predict/predict.js';
export type { Prediction, StreamEvidence } from './predict/types.js';

// A delivered message checked as a receiver would (DKIM, SPF, DMARC, bulk-sender rules)
export { checkMessage, type MessageCheckOptions, type MessageReport } from './message/check-message.js';

// Flattening, the audit, the zone diff
export { flattenSpf } from './flatten/flatten.js';
export { checkPublished } from './flatten/check-stale.js';
export { proveEquivalent } from './flatten/prove.js';
export type { FlattenResult, FlattenOptions } from './flatten/types.js';
export { auditDomain } from './audit/audit-domain.js';
export { auditDomains } from './audit/audit-domains.js';
export { auditNamedDomains } from './audit/audit-named.js';
export { isUnaudited, type DomainAudit, type AuditEntry, type UnauditedDomain, type AuditOptions } from './audit/types.js';
export { diffZones, type ZoneDiff } from './diff/diff-zones.js';
export { openGitTree } from './diff/git-tree-source.js';

// Reports: the formats the CLI writes
export { auditJson } from './audit/to-json.js';
export { renderAuditText } from './audit/render-text.js';
export { diffJson } from './diff/to-json.js';
export { renderDiffText } from './diff/render-text.js';
export { renderDiffMarkdown } from './diff/render-markdown.js';
export { renderJson } from './report/json.js';
export { renderSarif } from './report/sarif.js';
export { renderGithub } from './report/github.js';
export { renderMarkdown } from './report/markdown.js';
export { renderFindingsText } from './report/text.js';
export { escapeForTerminal } from './report/escape.js';
