// Each (name, type) asked once per run: answers are kept for their TTL, and concurrent asks for
// the same question share one query.
//
// How long an answer is kept:
// - records: the smallest TTL among the records and the CNAMEs that led to them (RFC 2181 §5.2,
//   RFC 1034 §4.3.2: the chain is part of the answer); TTL 0 is not kept (RFC 1035 §3.2.1);
// - NXDOMAIN and no data: their negative TTL (RFC 2308 §5), or the rest of the run when the server
//   sent no SOA to take one from;
// - failures (time-out, SERVFAIL, ...): the rest of the run. An audit asks about the same names
//   many times (every include, every provider rule); a name whose servers are broken is asked once,
//   reported once, and not hammered (RFC 2308 §7.1 allows caching server failures).
//
// With an onAnswer callback (--verbose), every question asked here is reported with its answer and
// where the answer came from: sent below, kept in the cache, or shared with a question in flight.

import { nameKey } from '../model/names.js';
import { LruMap, type KeyValueStore } from './lru-map.js';
import { parseName } from './wire-name.js';
import type { AnswerSource, QueryEvent } from './logging-resolver.js';
import type { DnsAnswer, QueryOptions, RRType, Resolver, ResolverStats } from './types.js';

export interface CacheResolverOptions {
  /** Milliseconds on some monotonic clock; injectable for tests. Default performance.now(). */
  now?: () => number;
  /**
   * Told of every question asked of the cache, once its asker has the answer: the answer as that
   * asker gets it, and whether it was sent below, kept from earlier, or shared while in flight.
   */
  onAnswer?: (event: QueryEvent) => void;
  /**
   * Keep at most this many questions, the least recently asked let go first (src/dns/lru-map.ts);
   * default: no bound (one run over a few domains). TTLs are honoured either way.
   */
  maxEntries?: number;
}

interface Entry {
  answer: Promise<DnsAnswer>;
  /** When the answer stops being usable; Infinity while in flight or when kept for the run. */
  expiresAt: number;
  /** The answer has arrived: a later asker is answered from the cache, not sharing a query in flight. */
  settled: boolean;
}

export function answerLifetimeSeconds(answer: DnsAnswer): number {
  switch (answer.kind) {
    case 'records':
      return Math.min(...answer.records.map((r) => r.ttl), ...answer.cnameChain.map((l) => l.ttl));
    case 'nxdomain':
    case 'nodata':
      return Math.min(answer.ttl ?? Infinity, ...answer.cnameChain.map((l) => l.ttl));
    case 'failure':
      return Infinity;
  }
}

export class CacheResolver implements Resolver {
  private readonly entries: KeyValueStore<string, Entry>;
  private readonly now: () => number;
  private sent = 0;
  private cached = 0;
  private readonly onAnswer: ((event: QueryEvent) => void) | undefined;

  constructor(private readonly inner: Resolver, options: CacheResolverOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.onAnswer = options.onAnswer;
    this.entries = options.maxEntries === undefined ? new Map<string, Entry>() : new LruMap<string, Entry>(options.maxEntries);
  }

  async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    // Without an observer nothing is timed or built for it: this is the audit's hot path.
    const started = this.onAnswer === undefined ? 0 : this.now();
    const parsed = parseName(name);
    if (!parsed.ok) {
      // Not a name: the inner resolver says so (no query leaves); nothing to share or keep.
      this.sent++;
      const answer = await this.inner.query(name, type, options);
      if (this.onAnswer !== undefined) this.report(name, type, answer, 'sent', started);
      return answer;
    }
    const asked = parsed.name;
    // a DNSSEC question (QueryOptions.dnssec) is another question: its answer carries the signatures
    const dnssec = options?.dnssec === true;
    const key = dnssec ? `${nameKey(asked)} ${type} +dnssec` : `${nameKey(asked)} ${type}`;
    let entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      entry = undefined;
    }
    let source: AnswerSource;
    if (entry === undefined) {
      entry = this.ask(key, asked, type, dnssec);
      source = 'sent';
    } else {
      this.cached++;
      source = entry.settled ? 'cache' : 'shared';
    }
    // The shared query runs without any one caller's signal; a caller that gives up gets its own
    // failure and leaves the answer to the others and to the cache.
    const delivered = (await raceAbort(entry.answer, options?.signal)) as DnsAnswer<T> | null;
    let answer: DnsAnswer<T>;
    if (delivered === null) {
      const timedOut = options?.signal?.reason instanceof Error && options.signal.reason.name === 'TimeoutError';
      const detail = timedOut ? 'timed out by the caller' : 'aborted by the caller';
      answer = { kind: 'failure', name: asked, type, cnameChain: [], failure: timedOut ? 'timeout' : 'other', detail };
    } else {
      // Another asker may have spelled the name in another case: each gets its own spelling back.
      answer = delivered.name === asked ? delivered : { ...delivered, name: asked };
    }
    if (this.onAnswer !== undefined) this.report(asked, type, answer, source, started);
    return answer;
  }

  private report(name: string, type: RRType, answer: DnsAnswer, source: AnswerSource, started: number): void {
    this.onAnswer?.({ name, type, answer, elapsedMs: this.now() - started, source });
  }

  private ask(key: string, name: string, type: RRType, dnssec: boolean): Entry {
    this.sent++;
    const entry: Entry = { answer: this.inner.query(name, type, dnssec ? { dnssec } : undefined), expiresAt: Infinity, settled: false };
    this.entries.set(key, entry);
    void entry.answer.then(
      (answer) => {
        entry.settled = true;
        const lifetime = answerLifetimeSeconds(answer);
        if (lifetime <= 0) {
          if (this.entries.get(key) === entry) this.entries.delete(key);
        } else {
          entry.expiresAt = this.now() + lifetime * 1000;
        }
      },
      () => {
        // A resolver that throws has a bug; do not keep the rejection for later askers.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry;
  }

  /** Questions kept now (answers and questions in flight). */
  get size(): number {
    return this.entries.size;
  }

  /** Questions sent to the inner resolver and questions answered here instead. */
  stats(): ResolverStats {
    return { sent: this.sent, cached: this.cached };
  }
}

function raceAbort<A>(promise: Promise<A>, signal: AbortSignal | undefined): Promise<A | null> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise<A | null>((resolve, reject) => {
    const onAbort = (): void => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
