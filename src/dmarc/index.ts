// The DMARC module's public surface: parse, discover (both ways), effective policy, alignment,
// report authorization, findings.
export * from './types.js';
export { parseDmarcRecord, isDmarcRecordText, looksLikeDmarc } from './parse-record.js';
export { parseReportUri, parseReportUris, isMailDomain } from './report-uri.js';
export { lookupDmarc, classifyDmarcAnswer, dmarcQueryName, singleRecord, type DmarcLookup, type FoundRecord, type IgnoredTxt } from './lookup-dmarc.js';
export { policyOutcome, type PolicyOutcome, type PolicyCase, type ReceiverKind } from './effective-policy.js';
export {
  discoverDmarc,
  type DmarcDiscovery,
  type MethodDiscovery,
  type PolicyFor,
  type DiscoveryStatus,
  type DomainExistence,
  type ApexRecord,
} from './discover.js';
export { authorizeReportUri, authorizationQueryName, isInternalDestination, type ReportAuthorization, type AuthorizationStatus } from './report-authorization.js';
export { aligned, alignedByPsl, type AlignmentCheck } from './alignment.js';
export { DMARC_FINDINGS, type DmarcFindingId } from './findings.js';
export { dmarcFindings } from './collect-findings.js';
