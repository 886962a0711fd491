// The delivery predictor: evidence from DNS, the Gmail / Outlook.com / Yahoo rules of
// docs/providers.md, predicted replies with their fixes.
export * from './types.js';
export { collectEvidence, dkimEvidence, type CollectOptions } from './collect-evidence.js';
export { predictStreams, predictProvider, volumeTotals, mergeReceiverReplies, PROVIDER_RULES } from './predict.js';
export { deriveFacts, alignedWith, anyOf, dkimPassAtProviders, type Facts, type SignatureFacts, type Tri } from './facts.js';
export { GMAIL_RULES } from './rules-gmail.js';
export { OUTLOOK_RULES } from './rules-outlook.js';
export { YAHOO_RULES } from './rules-yahoo.js';
export { GMAIL_BULK_THRESHOLD, GMAIL_NEAR_BULK, OUTLOOK_HIGH_VOLUME, YAHOO_BULK_PROXY, type Rule, type RuleContext } from './rule-kit.js';
export { TEXTS, fillText } from './provider-texts.js';
export { formatFix, joinFixes, joinFixGroups } from './fixes.js';
export { mergeSpfRecords } from '../spf/edit-record.js';
export { describeRecordEdit } from './record-edit.js';
export { suspiciousEntries, type SuspiciousEntry } from './spf-suspicious.js';
export { PREDICT_FINDINGS, predictionFindings, type PredictFindingId } from './findings.js';
export { renderPredictText } from './render-text.js';
