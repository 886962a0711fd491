// What a scan writes and counts: its line formats and the result of one domain.
import type { AuditEntry } from '../audit/types.js';
import type { Finding } from '../findings/types.js';

/** One line per domain: the audit's JSON document (NDJSON), or one CSV row. */
export type ScanFormat = 'ndjson' | 'csv';

export const SCAN_FORMATS: readonly ScanFormat[] = ['ndjson', 'csv'];

/** One domain of the input, audited. */
export interface ScanResult {
  /** Its line number in the input (the first line that named it). */
  line: number;
  entry: AuditEntry;
  /** Its findings left after --ignore. */
  shown: Finding[];
  /** Questions asked for it and how many of them got a failure (time-out, SERVFAIL, …) instead of an answer. */
  questions: number;
  dnsFailures: number;
  /** Its per-domain deadline passed before its audit was done. */
  deadlineHit: boolean;
}

/** Every question failed: the domain's DNS failed (as the summary and the exit code count it). */
export const dnsFailed = (r: Pick<ScanResult, 'questions' | 'dnsFailures'>): boolean => r.questions > 0 && r.dnsFailures === r.questions;
