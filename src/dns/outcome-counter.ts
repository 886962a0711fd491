// Counts outcomes by kind, so the CLI can tell "DNS unusable" (every question failed to reach
// any server) from ordinary negative answers.
import type { DnsAnswer, QueryOptions, RRType, Resolver } from './types.js';

export interface OutcomeCounts {
  asked: number;
  /** Answers that show no server was reached: time-outs and network errors. */
  unreachable: number;
}

export function countOutcomes(inner: Resolver): { resolver: Resolver; counts: OutcomeCounts } {
  const counts: OutcomeCounts = { asked: 0, unreachable: 0 };
  const resolver: Resolver = {
    async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      const answer = await inner.query(name, type, options);
      counts.asked++;
      if (answer.kind === 'failure' && (answer.failure === 'timeout' || answer.failure === 'network')) counts.unreachable++;
      return answer;
    },
  };
  return { resolver, counts };
}
