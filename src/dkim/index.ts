// DKIM key records (RFC 6376 §3.6.1, RFC 8301, RFC 8463): parse, decode, judge, discover.
export { parseTagList, splitColonList, type TagSpec, type TagList, type TagListError } from '../model/tag-list.js';
export { parseKeyRecord, publicKeyOffset } from './parse-key-record.js';
export { decodePublicKey, decodeBase64Strict } from './decode-public-key.js';
export { judgeRecord, RSA_MIN_BITS, RSA_ADVISED_BITS, RSA_MAX_VERIFIED_BITS } from './judge-record.js';
export { checkDkimKey, evaluateKeyAnswer, keyRecordName, chainPath, type EvaluateOptions } from './evaluate-key.js';
export { auditDkim, selectorSourcesText, WILDCARD_PROBE, type DkimAudit, type DkimProbe, type DomainKeyNode, type ProbeOutcome, type AuditDkimOptions } from './audit-dkim.js';
export { zoneSelectorIndex, selectorsInNames, zoneFileSelectors, unionOfSelectors } from './zone-selectors.js';
export { COMMON_SELECTORS, COMMON_SELECTOR_NAMES, type CommonSelector } from './common-selectors.js';
export { DKIM_FINDINGS, type DkimFindingId } from './findings.js';
export { dkimAuditJson, keyReportJson } from './to-json.js';
export { renderDkimText } from './render-text.js';
export type * from './types.js';
