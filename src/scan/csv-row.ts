// `scan --format csv`: one row per domain. The columns are a public contract (README "Bulk scans"):
// domain, verdict, errors, warnings, info, spf_lookups, spf_void, dmarc_policy, dkim_selectors, mx,
// dns_failures. A value a check did not give (a domain not audited) is an empty cell.
import { isUnaudited } from '../audit/types.js';
import { countBySeverity } from '../findings/severity.js';
import { verdictOf } from '../audit/verdict.js';
import type { ScanResult } from './types.js';

export const CSV_COLUMNS = ['domain', 'verdict', 'errors', 'warnings', 'info', 'spf_lookups', 'spf_void', 'dmarc_policy', 'dkim_selectors', 'mx', 'dns_failures'] as const;

/** RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\n`;

/** The row of one domain (with its line break). */
export function csvRow(result: ScanResult): string {
  const { entry, shown } = result;
  const own = new Set(entry.findings);
  const findings = shown.filter((f) => own.has(f));
  const counts = countBySeverity(findings);
  const audited = isUnaudited(entry) ? null : entry;
  const cells: Array<string | number | null> = [
    entry.domain,
    verdictOf(findings),
    counts.error,
    counts.warning,
    counts.info,
    // empty without an SPF record: no lookups is not the same as nothing to look up
    audited === null || audited.spf.record === null ? null : audited.spf.lookups.total,
    audited === null || audited.spf.record === null ? null : audited.spf.lookups.void,
    // the policy the domain's DMARC record publishes for it (p, or sp/np when inherited); "none" is a policy too
    audited === null ? null : (audited.dmarc.policy?.published ?? ''),
    // the selectors that have a key record, space-separated
    audited === null ? null : audited.dkim.keys.map((k) => k.selector).join(' '),
    // the MX host names in preference order; "." for a null MX (RFC 7505)
    audited === null ? null : audited.mx.nullMx ? '.' : audited.mx.hosts.map((h) => h.exchange).join(' '),
    result.dnsFailures,
  ];
  return `${cells.map(csvField).join(',')}\n`;
}
