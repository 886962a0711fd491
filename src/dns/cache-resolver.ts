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

import { nameKey } from './names.js';
import { parseName } from './wire-name.js';
import type { DnsAnswer, QueryOptions, RRType, Resolver, ResolverStats } from './types.js';

export interface CacheResolverOptions {
  /** Milliseconds on some monotonic clock; injectable for tests. Default performance.now(). */
  now?: () => number;
}

interface Entry {
  answer: Promise<DnsAnswer>;
  /** When the answer stops being usable; Infinity while in flight or when kept for the run. */
  expiresAt: number;
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
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private sent = 0;
  private cached = 0;

  constructor(private readonly inner: Resolver, options: CacheResolverOptions = {}) {
    this.now = options.now ?? (() => performance.now());
  }

  async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    const parsed = parseName(name);
    if (!parsed.ok) {
      // Not a name: the inner resolver says so (no query leaves); nothing to share or keep.
      this.sent++;
      return this.inner.query(name, type, options);
    }
    const asked = parsed.name;
    const key = `${nameKey(asked)} ${type}`;
    let entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (entry === undefined) {
      entry = this.ask(key, asked, type);
    } else {
      this.cached++;
    }
    // The shared query runs without any one caller's signal; a caller that gives up gets its own
    // failure and leaves the answer to the others and to the cache.
    const answer = (await raceAbort(entry.answer, options?.signal)) as DnsAnswer<T> | null;
    if (answer === null) {
      const timedOut = options?.signal?.reason instanceof Error && options.signal.reason.name === 'TimeoutError';
      const detail = timedOut ? 'timed out by the caller' : 'aborted by the caller';
      return { kind: 'failure', name: asked, type, cnameChain: [], failure: timedOut ? 'timeout' : 'other', detail };
    }
    // Another asker may have spelled the name in another case: each gets its own spelling back.
    return answer.name === asked ? answer : { ...answer, name: asked };
  }

  private ask(key: string, name: string, type: RRType): Entry {
    this.sent++;
    const entry: Entry = { answer: this.inner.query(name, type), expiresAt: Infinity };
    this.entries.set(key, entry);
    void entry.answer.then(
      (answer) => {
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
