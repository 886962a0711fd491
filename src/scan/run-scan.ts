// The scan itself: domains pulled from the input as slots free up (a bounded queue: at most
// `concurrency` domains in flight, the input read no further ahead), each audited through the
// run's one resolver and cache, with its own deadline, and handed to `onResult` as it finishes.
// Per finished domain nothing is kept but its name (for duplicates) and the summary counters.
import { setMaxListeners } from 'node:events';
import type { DnsAnswer, QueryOptions, RRType, Resolver } from '../dns/types.js';
import { auditNamedDomains } from '../audit/audit-named.js';
import type { AuditNamedOptions } from '../audit/types.js';
import type { Finding } from '../findings/types.js';
import type { InputItem } from './input-lines.js';
import { countResult, emptySummary, type ScanSummary } from './summary.js';
import type { ScanResult } from './types.js';

export interface ScanOptions {
  /** Domains audited at once. */
  concurrency: number;
  /** Longest time one domain's audit may take; its questions still open then fail as time-outs. */
  deadlineMs: number;
  /** Domains already done (--resume): skipped. */
  skip: ReadonlySet<string>;
  /** The audit's options for every domain (coverage, selectors, profiles, …); `cache` is false: the resolver is the run's cache. */
  audit: Omit<AuditNamedOptions, 'onProgress' | 'concurrency' | 'cache'>;
  /** The findings to show (--ignore). */
  keep: (f: Finding) => boolean;
  onResult(result: ScanResult): void;
  onBadLine(line: number, reason: string): void;
}

/** A domain's view of the run's resolver: its deadline on every question, its failures counted. */
function domainResolver(inner: Resolver, deadline: AbortSignal): { resolver: Resolver; counts: { questions: number; failures: number } } {
  const counts = { questions: 0, failures: 0 };
  const resolver: Resolver = {
    async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      const signal = options?.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
      const answer = await inner.query(name, type, { ...options, signal });
      counts.questions++;
      if (answer.kind === 'failure') counts.failures++;
      return answer;
    },
  };
  return { resolver, counts };
}

export async function runScan(items: AsyncIterable<InputItem>, resolver: Resolver, options: ScanOptions): Promise<ScanSummary> {
  const summary = emptySummary();
  const seen = new Set<string>();
  const iterator = items[Symbol.asyncIterator]();
  // the next domain to audit; bad lines, duplicates and resumed domains are counted on the way
  const next = async (): Promise<{ line: number; domain: string } | null> => {
    for (;;) {
      const item = await iterator.next();
      if (item.done === true) return null;
      const value = item.value;
      summary.lines++;
      if (!value.ok) {
        summary.badLines++;
        options.onBadLine(value.line, value.reason);
        continue;
      }
      if (seen.has(value.domain)) {
        summary.duplicates++;
        continue;
      }
      seen.add(value.domain);
      if (options.skip.has(value.domain)) {
        summary.resumed++;
        continue;
      }
      return { line: value.line, domain: value.domain };
    }
  };
  const auditOne = async (line: number, domain: string): Promise<ScanResult> => {
    const deadline = AbortSignal.timeout(options.deadlineMs);
    // every question of the domain waits on this one signal: dozens at once is expected, not a leak
    setMaxListeners(0, deadline);
    const { resolver: own, counts } = domainResolver(resolver, deadline);
    const [entry] = await auditNamedDomains([domain], own, { ...options.audit, cache: false });
    if (entry === undefined) throw new Error(`bug: no audit of ${domain}`);
    return { line, entry, shown: entry.findings.filter(options.keep), questions: counts.questions, dnsFailures: counts.failures, deadlineHit: deadline.aborted };
  };
  const worker = async (): Promise<void> => {
    for (let item = await next(); item !== null; item = await next()) {
      const result = await auditOne(item.line, item.domain);
      countResult(summary, result);
      options.onResult(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return summary;
}
