// The query log behind --verbose: one event per question, with its answer and where the answer
// came from. LoggingResolver reports what reaches the resolver it wraps; CacheResolver reports, to
// the same kind of callback, every question asked of it, the ones it answers itself included.

import { presentAnswer } from './present.js';
import type { DnsAnswer, QueryOptions, RRType, Resolver } from './types.js';

/**
 * Where an answer came from: `sent` a question put to the resolver below; `cache` an answer kept
 * from earlier in the run; `shared` the answer to the same question already in flight, waited for.
 */
export type AnswerSource = 'sent' | 'cache' | 'shared';

export interface QueryEvent {
  name: string;
  type: RRType;
  answer: DnsAnswer;
  /** Time from question to answer, in milliseconds. */
  elapsedMs: number;
  source: AnswerSource;
}

export interface LoggingResolverOptions {
  /** Milliseconds on a monotonic clock; injectable for tests. Default performance.now(). */
  now?: () => number;
}

/** Reports every question it passes on, with its answer (always `source: 'sent'`), changing neither. */
export class LoggingResolver implements Resolver {
  private readonly now: () => number;

  constructor(
    private readonly inner: Resolver,
    private readonly onAnswer: (event: QueryEvent) => void,
    options: LoggingResolverOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    const started = this.now();
    const answer = await this.inner.query(name, type, options);
    this.onAnswer({ name, type, answer, elapsedMs: this.now() - started, source: 'sent' });
    return answer;
  }
}

/**
 * One log line (without the newline), safe to print: the answer as presentAnswer gives it, then
 * `[12 ms]` for a question sent, `[cache]` for an answer kept from earlier in the run, `[shared]`
 * for a question that waited on the same question already in flight.
 */
export function describeQueryEvent(event: QueryEvent): string {
  const mark = event.source === 'sent' ? `${event.elapsedMs.toFixed(0)} ms` : event.source;
  return `${presentAnswer(event.answer)} [${mark}]`;
}
