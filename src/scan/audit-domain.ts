// One domain of a scan, audited through the run's resolver with its own deadline: the audit entry,
// the findings left after --ignore, and how many of its questions failed.
import { setMaxListeners } from 'node:events';
import type { DnsAnswer, QueryOptions, RRType, Resolver } from '../dns/types.js';
import { auditNamedDomains } from '../audit/audit-named.js';
import type { AuditNamedOptions } from '../audit/types.js';
import type { Finding } from '../findings/types.js';
import type { ScanResult } from './types.js';

export interface DomainAuditOptions {
  /** Longest time one domain's audit may take; its questions still open then fail as time-outs. */
  deadlineMs: number;
  /** The audit's options for every domain (coverage, selectors, profiles, …); `cache` is false: the resolver is the run's cache. */
  audit: Omit<AuditNamedOptions, 'onProgress' | 'concurrency' | 'cache'>;
  /** The findings to show (--ignore). */
  keep: (f: Finding) => boolean;
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

export async function auditDomain(resolver: Resolver, line: number, domain: string, options: DomainAuditOptions): Promise<ScanResult> {
  const deadline = AbortSignal.timeout(options.deadlineMs);
  // every question of the domain waits on this one signal: dozens at once is expected, not a leak
  setMaxListeners(0, deadline);
  const { resolver: own, counts } = domainResolver(resolver, deadline);
  const [entry] = await auditNamedDomains([domain], own, { ...options.audit, cache: false });
  if (entry === undefined) throw new Error(`bug: no audit of ${domain}`);
  return { line, entry, shown: entry.findings.filter(options.keep), questions: counts.questions, dnsFailures: counts.failures, deadlineHit: deadline.aborted };
}
