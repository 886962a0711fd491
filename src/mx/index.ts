// A domain's MX (RFC 5321 §5.1), null MX (RFC 7505) and implicit MX.
export { checkMx, isIpLiteral, type MxReport, type MxKind, type MxHostReport, type MxHostStatus, type AddressLookup } from './check-mx.js';
export { MX_FINDINGS } from './findings.js';
export { unreachableRange } from './mx-findings.js';
export { mxReportJson } from './to-json.js';
export { renderMxText } from './render-text.js';
