// DNS over HTTPS (RFC 8484) with the global fetch.
//
// POST, not GET: the answer should come from the resolver, not from an HTTP cache on the way that
// may keep it past its DNS TTL (RFC 8484 §5.1: POST responses are rarely cached), and a POST body
// has no URL-length limit. The message id is 0 (RFC 8484 §4.1); HTTPS protects the exchange.

import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency-limit.js';
import { resolveByExchange, type ExchangeContext, type ExchangeOutcome } from './resolve-by-exchange.js';
import type { DnsAnswer, QueryOptions, RRType, Resolver } from './types.js';
import { EDNS_PAYLOAD, encodeQuery, matchResponse } from './wire.js';

export const DNS_MESSAGE = 'application/dns-message';
export const DEFAULT_DOH_TIMEOUT_MS = 5000;

/** A `--doh` value that is not a usable endpoint. */
export class DohUrlError extends Error {
  constructor(readonly input: string, readonly reason: string) {
    super(`invalid DoH URL '${input}': ${reason}`);
    this.name = 'DohUrlError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** RFC 8484 §3: an https URI (plain http only to this machine, for local testing). */
export function parseDohUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DohUrlError(text, 'not a URL (expected e.g. https://dns.example/dns-query)');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new DohUrlError(text, `scheme ${url.protocol.replace(/:$/, '')} is not https`);
  }
  if (url.username !== '' || url.password !== '') throw new DohUrlError(text, 'credentials in the URL are not supported');
  return url;
}

export interface DohResolverOptions {
  /** The endpoint, e.g. https://cloudflare-dns.com/dns-query (checked with parseDohUrl). */
  url: string;
  /** How long one HTTP request may take, body included. Default 5000 ms. */
  timeoutMs?: number;
  /** Longest time one question may take over all its requests (CNAME re-asks). Default 3 × timeoutMs. */
  deadlineMs?: number;
  /** Requests in flight at once; the rest queue. Default 8. */
  maxConcurrent?: number;
  /** The fetch to use; default the global one (which nock intercepts in tests). */
  fetch?: typeof fetch;
}

export class DohResolver implements Resolver {
  readonly url: URL;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  private readonly fetch: typeof fetch;
  private readonly limit: ConcurrencyLimit;

  constructor(options: DohResolverOptions) {
    this.url = parseDohUrl(options.url);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DOH_TIMEOUT_MS;
    if (!(this.timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, not ${this.timeoutMs}`);
    this.deadlineMs = options.deadlineMs ?? this.timeoutMs * 3;
    if (!(this.deadlineMs > 0)) throw new RangeError(`deadlineMs must be positive, not ${this.deadlineMs}`);
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.limit = createConcurrencyLimit(options.maxConcurrent ?? 8);
  }

  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    return resolveByExchange((n, t, context) => this.limit.run(() => this.exchange(n, t, context)), name, type, options);
  }

  private async exchange(name: string, type: RRType, context: ExchangeContext): Promise<ExchangeOutcome> {
    const where = this.url.href;
    const query = { id: 0, name, type, ednsPayload: EDNS_PAYLOAD, ...(context.dnssec ? { dnssec: true } : {}) };
    // One deadline for the whole question, from when it gets its turn (as the network resolver).
    context.deadlineAt ??= Date.now() + this.deadlineMs;
    const remaining = context.deadlineAt - Date.now();
    if (remaining <= 0) return { kind: 'failure', failure: 'timeout', detail: `${where}: no answer within the ${this.deadlineMs} ms deadline` };
    const waitMs = Math.min(this.timeoutMs, remaining);
    const timeout = AbortSignal.timeout(waitMs);
    const signal = context.signal ? AbortSignal.any([timeout, context.signal]) : timeout;
    const failed = (error: unknown): ExchangeOutcome => {
      if (timeout.aborted) {
        const within = waitMs < this.timeoutMs ? `the ${this.deadlineMs} ms deadline` : `${this.timeoutMs} ms`;
        return { kind: 'failure', failure: 'timeout', detail: `${where}: no answer within ${within}` };
      }
      if (context.signal?.aborted) return { kind: 'failure', failure: 'other', detail: `${where}: aborted by the caller` };
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return { kind: 'failure', failure: 'network', detail: `${where}: ${error instanceof Error ? error.message : String(error)}${cause}` };
    };

    let response: Response;
    let body: Uint8Array;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': DNS_MESSAGE, accept: DNS_MESSAGE },
        body: encodeQuery(query),
        signal,
        redirect: 'follow',
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        return { kind: 'failure', failure: 'http', detail: `${where}: HTTP ${status}` };
      }
      // RFC 8484 §4.2.1: the answer is an application/dns-message body.
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType !== DNS_MESSAGE) {
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'failure', failure: 'malformed', detail: `${where}: content type '${contentType || 'none'}', expected ${DNS_MESSAGE}` };
      }
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      return failed(error);
    }

    const match = matchResponse(body, query);
    if (match.kind === 'malformed') return { kind: 'failure', failure: 'malformed', detail: `${where}: ${match.detail}` };
    if (match.kind === 'stray') return { kind: 'failure', failure: 'malformed', detail: `${where}: the answer does not match the query (${match.reason})` };
    return { kind: 'response', message: match.message, server: where };
  }
}
