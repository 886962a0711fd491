// `scan` (NDJSON): one line per domain, the very document `authaudit audit DOMAIN --format json`
// prints (envelope included, command "audit"), plus `line` (its line number in the input) and
// `dnsFailures` (questions of this domain that got a failure instead of an answer). `stats` is null:
// the run's cache is shared by every domain, so no count of questions sent belongs to one of them.
import { auditJson } from '../audit/to-json.js';
import { buildJsonReport } from '../report/json.js';
import type { ScanResult } from './types.js';

export function ndjsonLine(result: ScanResult): string {
  const own = new Set(result.entry.findings);
  const findings = result.shown.filter((f) => own.has(f));
  const report = buildJsonReport('audit', auditJson([result.entry], findings), findings, { stats: null });
  return `${JSON.stringify({ ...report, line: result.line, dnsFailures: result.dnsFailures })}\n`;
}
