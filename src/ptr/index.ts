// Forward-confirmed reverse DNS (RFC 8601 §3 iprev) of sending addresses.
export { checkFcrdns, checkParsedFcrdns, MAX_PTR_NAMES, type FcrdnsReport, type FcrdnsResult, type PtrNameCheck } from './fcrdns.js';
export { PTR_FINDINGS } from './findings.js';
export { fcrdnsJson } from './to-json.js';
export { renderFcrdnsText } from './render-text.js';
export { ownHostFcrdnsFindings, describeRole, type HostRole } from './host-findings.js';
