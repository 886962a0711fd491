// What the scan keeps of one audited domain once it is done: its line in each format asked, its
// counts for the summary, whether its DNS failed and whether a finding meets --fail-on. Plain data
// (strings, numbers, booleans), so a worker thread can post it to the main thread as it is; the
// audit itself is let go.
import { meetsFailOn, type FailOn } from '../findings/fail-on.js';
import { csvRow } from './csv-row.js';
import { ndjsonLine } from './ndjson-line.js';
import { countResult, emptySummary, type ScanSummary } from './summary.js';
import { dnsFailed, type ScanFormat, type ScanResult } from './types.js';

export interface DomainDone {
  /** Its line (with its line break) in each format asked. */
  lines: Partial<Record<ScanFormat, string>>;
  /** The summary's counts of this one domain (merged into the run's with mergeSummary). */
  summary: ScanSummary;
  dnsFailed: boolean;
  /** A finding left after --ignore is at or above --fail-on. */
  failing: boolean;
}

export function finishDomain(result: ScanResult, formats: ReadonlySet<ScanFormat>, failOn: FailOn): DomainDone {
  const lines: Partial<Record<ScanFormat, string>> = {};
  for (const format of formats) lines[format] = format === 'csv' ? csvRow(result) : ndjsonLine(result);
  const summary = emptySummary();
  countResult(summary, result);
  return { lines, summary, dnsFailed: dnsFailed(result), failing: result.shown.some((f) => meetsFailOn(f.severity, failOn)) };
}
