// The flattening library: flattenSpf() and its proof, the published-records check, and their outputs.
export { flattenSpf, sourceRecordName } from './flatten.js';
export { checkPublished, type PublishedCheck, type RangeDifference } from './check-stale.js';
export { proveEquivalent, probeAddresses, LIFTED_LIMITS, type ProofInput } from './prove.js';
export { optimalRules, type Rule, type SegmentLabels } from './optimal-rules.js';
export { linearize, type Linearization, type LinearPiece, type FinalTerm } from './linearize.js';
export { emitPieces, segmentRuns, cidrMechanism, finalClass, type EmitPiece, type Run } from './emit-order.js';
export { packRecords, chainName, type PackInput, type PackResult } from './pack.js';
export { proposedResolver, withSpfRecordAt, otherTxtRecords } from './spf-overlay.js';
export { answerBytes } from './txt-size.js';
export { splitTxtStrings } from '../model/txt.js';
export { FLATTEN_FINDINGS, flattenFindings, checkFindings } from './findings.js';
export { flattenJson, checkJson } from './to-json.js';
export { renderFlattenText, renderCheckText } from './render-text.js';
export { renderFlattenMarkdown, renderCheckMarkdown } from './render-markdown.js';
export * from './types.js';
