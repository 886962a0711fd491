// Counts outcomes by kind, so the CLI can tell "DNS unusable" (every question failed to reach
// any server) from ordinary negative answers.
import type { DnsAnswer, FailureKind, QueryOptions, RRType, Resolver } from './types.js';

const UNREACHABLE: ReadonlySet<FailureKind> = new Set(['timeout', 'network', 'http']);

export interface OutcomeCounts {
  asked: number;
  /** Answers that show no DNS server answered: time-outs, network errors, HTTP errors from a DoH endpoint. */
  unreachable: number;
}

export function countOutcomes(inner: Resolver): { resolver: Resolver; counts: OutcomeCounts } {
  const counts: OutcomeCounts = { asked: 0, unreachable: 0 };
  const resolver: Resolver = {
    async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      const answer = await inner.query(name, type, options);
      counts.asked++;
      if (answer.kind === 'failure' && UNREACHABLE.has(answer.failure)) counts.unreachable++;
      return answer;
    },
  };
  return { resolver, counts };
}
