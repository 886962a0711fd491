// What a scan tells at the end: how many lines it read and what became of them, and over the domains
// audited the verdicts, the finding ids, the DMARC policies and a histogram of SPF lookups. Counters
// only: a scan keeps nothing else per domain, however long its input.
import { isUnaudited } from '../audit/types.js';
import { verdictOf } from '../audit/verdict.js';
import { RFC7208_LIMITS } from '../spf/limits.js';
import { plural } from '../findings/severity.js';
import { dnsFailed, type ScanResult } from './types.js';

const LOOKUP_LIMIT = RFC7208_LIMITS.lookups;

export interface ScanSummary {
  /** Lines holding a domain or something that should have been one (blank and comment lines aside). */
  lines: number;
  audited: number;
  /** Lines naming a domain already audited (or already in the output, with --resume). */
  duplicates: number;
  resumed: number;
  badLines: number;
  /** Domains whose every question failed. */
  dnsFailed: number;
  /** Domains whose per-domain deadline passed. */
  deadlineHit: number;
  byVerdict: Record<string, number>;
  byFinding: Record<string, number>;
  /** The published DMARC policy; `missing` without a record, `not-audited` when the domain was not audited. */
  byDmarcPolicy: Record<string, number>;
  /** SPF DNS lookups (RFC 7208 §4.6.4): `0` … `10`, then `over-10`; `no-spf` without a record. */
  spfLookups: Record<string, number>;
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function emptySummary(): ScanSummary {
  return { lines: 0, audited: 0, duplicates: 0, resumed: 0, badLines: 0, dnsFailed: 0, deadlineHit: 0, byVerdict: {}, byFinding: {}, byDmarcPolicy: {}, spfLookups: {} };
}

/** Count one audited domain. */
export function countResult(summary: ScanSummary, result: ScanResult): void {
  summary.audited++;
  if (dnsFailed(result)) summary.dnsFailed++;
  if (result.deadlineHit) summary.deadlineHit++;
  const own = new Set(result.entry.findings);
  const findings = result.shown.filter((f) => own.has(f));
  bump(summary.byVerdict, verdictOf(findings));
  for (const id of new Set(findings.map((f) => f.id))) bump(summary.byFinding, id);
  const entry = result.entry;
  if (isUnaudited(entry)) {
    bump(summary.byDmarcPolicy, 'not-audited');
    return;
  }
  bump(summary.byDmarcPolicy, entry.dmarc.policy?.published ?? 'missing');
  const total = entry.spf.lookups.total;
  bump(summary.spfLookups, entry.spf.record === null ? 'no-spf' : total > LOOKUP_LIMIT ? `over-${LOOKUP_LIMIT}` : String(total));
}

const COUNTS = ['lines', 'audited', 'duplicates', 'resumed', 'badLines', 'dnsFailed', 'deadlineHit'] as const;
const MAPS = ['byVerdict', 'byFinding', 'byDmarcPolicy', 'spfLookups'] as const;

/** Add the counts of `from` (one domain's, from a worker thread) to `into`. */
export function mergeSummary(into: ScanSummary, from: ScanSummary): void {
  for (const key of COUNTS) into[key] += from[key];
  for (const key of MAPS) for (const [k, n] of Object.entries(from[key])) into[key][k] = (into[key][k] ?? 0) + n;
}

const sorted = (counts: Record<string, number>): Array<[string, number]> => Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/** The summary as JSON (`--summary FILE`): every count, the maps sorted most frequent first. */
export function summaryJson(summary: ScanSummary, seconds: number): Record<string, unknown> {
  const lookupOrder = (k: string): number => (k === 'no-spf' ? -1 : k.startsWith('over-') ? Infinity : Number(k));
  return {
    ...summary,
    seconds: Math.round(seconds * 10) / 10,
    byVerdict: Object.fromEntries(sorted(summary.byVerdict)),
    byFinding: Object.fromEntries(sorted(summary.byFinding)),
    byDmarcPolicy: Object.fromEntries(sorted(summary.byDmarcPolicy)),
    spfLookups: Object.fromEntries(Object.entries(summary.spfLookups).sort((a, b) => lookupOrder(a[0]) - lookupOrder(b[0]))),
  };
}

/** The summary as text for stderr (finding ids are the registry's, counts are numbers: nothing to escape). */
export function summaryText(summary: ScanSummary, seconds: number): string {
  const rate = seconds > 0 ? summary.audited / seconds : 0;
  const pairs = (counts: Record<string, number>): string => sorted(counts).map(([k, n]) => `${k} ${n}`).join(', ') || '-';
  const json = summaryJson(summary, seconds);
  const lookups = Object.entries(json['spfLookups'] as Record<string, number>).map(([k, n]) => `${k}:${n}`).join(' ') || '-';
  return [
    `scan: ${plural(summary.audited, 'domain')} audited in ${seconds.toFixed(1)} s (${rate.toFixed(1)}/s); ${summary.lines} lines read, ${summary.duplicates} duplicates, ${summary.resumed} already in the output, ${summary.badLines} not a domain; DNS failed for ${summary.dnsFailed}, deadline passed for ${summary.deadlineHit}`,
    `  verdicts: ${pairs(summary.byVerdict)}`,
    `  DMARC policies: ${pairs(summary.byDmarcPolicy)}`,
    `  SPF lookups: ${lookups}`,
    `  findings (domains with each): ${pairs(summary.byFinding)}`,
    '',
  ].join('\n');
}
