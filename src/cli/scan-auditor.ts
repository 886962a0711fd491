// How `scan` audits one domain, the same on the main thread (--workers 1) and in each worker
// thread: the audit options read from the command line by the audit command's own readers, the
// run's resolver paced at its share of --qps, the lines rendered in the formats the run writes.
import type { CliContext, GlobalOptions } from './command.js';
import { wholeNumberOption } from './whole-number-option.js';
import { auditRunOptions, keepShown, readAuditInputs } from './commands/audit.js';
import { DEFAULT_SCAN_CONCURRENCY, DEFAULT_SCAN_DEADLINE_MS, DEFAULT_SCAN_QPS, MAX_SCAN_WORKERS } from './definitions/scan.js';
import { auditDomain } from '../scan/audit-domain.js';
import { finishDomain, type DomainDone } from '../scan/domain-done.js';
import type { ScanFormat } from '../scan/types.js';

/** `--<key>`, or `fallback` when not given. */
function wholeNumber(options: Record<string, unknown>, key: string, fallback: number, min: number, max: number, unit = ''): number {
  const raw = options[key];
  return raw === undefined ? fallback : wholeNumberOption(raw, `--${key}`, min, max, unit);
}

export interface ScanNumbers {
  /** Domains in flight at once (on each thread, with --workers). */
  concurrency: number;
  /** Queries per second to each server, over the whole run (every thread together). */
  qps: number;
  deadlineMs: number;
  workers: number;
}

export function readScanNumbers(options: Record<string, unknown>): ScanNumbers {
  return {
    concurrency: wholeNumber(options, 'concurrency', DEFAULT_SCAN_CONCURRENCY, 1, 1024),
    qps: wholeNumber(options, 'qps', DEFAULT_SCAN_QPS, 1, 1_000_000),
    deadlineMs: wholeNumber(options, 'deadline', DEFAULT_SCAN_DEADLINE_MS, 1, 3_600_000, ' of milliseconds'),
    workers: wholeNumber(options, 'workers', 1, 1, MAX_SCAN_WORKERS),
  };
}

/** stdout gets the lines unless --quiet sends them only to --output files. */
export const linesToStdout = (options: GlobalOptions): boolean => !(options.quiet && (options.stream?.output.length ?? 0) > 0);

/** The formats the run writes: stdout's (unless --quiet with --output files) and each --output file's. */
export function lineFormats(options: GlobalOptions): Set<ScanFormat> {
  const stream = options.stream;
  if (stream === undefined) throw new Error('bug: scan without stream options');
  const formats = new Set(stream.output.map((t) => t.format as ScanFormat));
  if (linesToStdout(options)) formats.add(stream.format as ScanFormat);
  return formats;
}

/**
 * Audit one domain as the scan does. Each of the `workers` threads paces its own resolver at
 * qps/workers to each server, so --qps stays the limit of the whole run.
 */
export async function scanAuditor(ctx: CliContext, options: Record<string, unknown>, workers: number): Promise<(line: number, domain: string) => Promise<DomainDone>> {
  const numbers = readScanNumbers(options);
  const inputs = await readAuditInputs(ctx, [], options, 'audit');
  // the default rate leaves loopback servers alone; a rate the user names applies to every server
  ctx.limitQueryRate(numbers.qps / workers, options['qps'] !== undefined);
  const formats = lineFormats(ctx.options);
  const domainOptions = {
    deadlineMs: numbers.deadlineMs,
    // HTTPS fetches (MTA-STS policies, BIMI) are off in bulk scans unless --fetch; offline they are
    // off for that reason first, as in audit --zone, so that a line equals the audit's document
    audit: auditRunOptions(ctx, inputs, options, ctx.options.zone.length > 0 ? null : 'in bulk scans'),
    keep: keepShown(ctx),
  };
  return async (line, domain) => finishDomain(await auditDomain(ctx.resolver, line, domain, domainOptions), formats, ctx.options.failOn);
}
