// The live DNS: RD queries to recursive name servers over UDP, with TCP when the answer is
// truncated, retried across servers, one deadline per question, a bounded number in flight.

import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency-limit.js';
import { failureForRcode } from './interpret-response.js';
import { systemNameservers } from './resolv-conf.js';
import { resolveByExchange, type ExchangeContext, type ExchangeOutcome } from './resolve-by-exchange.js';
import { formatServerSpec, type ServerSpec } from './server-spec.js';
import { tcpExchange } from './tcp-exchange.js';
import type { TransportResult } from './transport.js';
import type { DnsAnswer, QueryOptions, RRType, Resolver } from './types.js';
import { DEFAULT_QUERIES_PER_SOCKET, UdpChannels } from './udp-channels.js';
import { EDNS_PAYLOAD, encodeQuery, randomQueryId, type QuerySpec } from './wire.js';

export interface NetworkResolverOptions {
  /** Name servers, tried in order, in rounds (see systemNameservers for /etc/resolv.conf). */
  servers: readonly ServerSpec[];
  /** How long one try waits for one server (UDP, then TCP if truncated). Default 2000 ms. */
  timeoutMs?: number;
  /** Rounds over the server list. Default 2. */
  attempts?: number;
  /** Longest time one question may take over all its tries and CNAME re-asks. Default 3 × timeoutMs. */
  deadlineMs?: number;
  /** Questions in flight at once; the rest queue. Default DEFAULT_MAX_CONCURRENT (64). */
  maxConcurrent?: number;
  /** EDNS0 UDP payload size to advertise, or null for plain 512-byte DNS. Default 1232. */
  ednsPayload?: number | null;
  /**
   * UDP queries one socket carries before a fresh one (a new random source port, RFC 5452 §9.2)
   * takes over; 1 gives every query its own socket. Default DEFAULT_QUERIES_PER_SOCKET (64).
   */
  queriesPerSocket?: number;
  /** Waits for a server's turn before each try (`scan --qps`: a token bucket per server); default none. */
  pace?: (server: ServerSpec) => Promise<void>;
  /** Pause before the second round over the servers, doubled before each further one. Default 100 ms. */
  retryBackoffMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_ATTEMPTS = 2;
export const DEFAULT_RETRY_BACKOFF_MS = 100;
// Questions that do not depend on each other go out together (an audit starts ~50 at once: the DKIM
// selector probes, SPF, DMARC, MX, PTR); 64 in flight keeps the critical path at the dependency depth.
export const DEFAULT_MAX_CONCURRENT = 64;

export class NetworkResolver implements Resolver {
  readonly servers: readonly ServerSpec[];
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly deadlineMs: number;
  private readonly ednsPayload: number | null;
  private readonly limit: ConcurrencyLimit;
  private readonly udp: UdpChannels;
  private readonly pace: ((server: ServerSpec) => Promise<void>) | undefined;
  private readonly retryBackoffMs: number;

  constructor(options: NetworkResolverOptions) {
    if (options.servers.length === 0) throw new RangeError('NetworkResolver needs at least one name server');
    this.servers = [...options.servers];
    this.timeoutMs = positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.attempts = positive(options.attempts ?? DEFAULT_ATTEMPTS, 'attempts');
    this.deadlineMs = positive(options.deadlineMs ?? this.timeoutMs * 3, 'deadlineMs');
    this.ednsPayload = options.ednsPayload === undefined ? EDNS_PAYLOAD : options.ednsPayload;
    this.limit = createConcurrencyLimit(positive(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT, 'maxConcurrent'));
    this.udp = new UdpChannels(options.queriesPerSocket ?? DEFAULT_QUERIES_PER_SOCKET);
    this.pace = options.pace;
    this.retryBackoffMs = options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS;
  }

  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
    return resolveByExchange((n, t, context) => this.exchange(n, t, context), name, type, options);
  }

  /** Ask every server in turn, in rounds, until one gives NOERROR or NXDOMAIN. */
  private exchange(name: string, type: RRType, context: ExchangeContext): Promise<ExchangeOutcome> {
    return this.limit.run(async () => {
      // The deadline starts when the question gets its turn, not while it waits in the queue.
      context.deadlineAt ??= Date.now() + this.deadlineMs;
      const refused = new Set<ServerSpec>();
      let last: ExchangeOutcome & { kind: 'failure' } = { kind: 'failure', failure: 'timeout', detail: 'no server was asked' };
      let tries = 0;
      for (let round = 0; round < this.attempts; round++) {
        // a retry round waits first, longer each time, so a server that dropped queries under load
        // is not asked again at once (time-outs and SERVFAIL; the deadline still bounds the whole)
        if (round > 0 && this.retryBackoffMs > 0) await sleep(Math.min(this.retryBackoffMs * 2 ** (round - 1), Math.max(0, context.deadlineAt - Date.now())));
        for (const server of this.servers) {
          if (refused.has(server)) continue;
          if (this.pace !== undefined) await this.pace(server);
          const remaining = context.deadlineAt - Date.now();
          if (remaining <= 0) {
            const lastDetail = tries === 0 ? '' : `; last: ${last.detail}`;
            return { kind: 'failure', failure: 'timeout', detail: `no answer within the ${this.deadlineMs} ms deadline${lastDetail}` };
          }
          tries++;
          const result = await this.askServer(server, name, type, Math.min(this.timeoutMs, remaining), context);
          if (result.kind === 'response') {
            const rcode = result.message.rcode;
            const failure = failureForRcode(rcode);
            if (failure === null) return { kind: 'response', message: result.message, server: formatServerSpec(server) };
            // SERVFAIL may pass (try again later); REFUSED will not, so that server is not asked again.
            if (failure === 'refused') refused.add(server);
            last = { kind: 'failure', failure, detail: `${formatServerSpec(server)} answered ${rcode}` };
          } else {
            last = { kind: 'failure', failure: result.failure, detail: result.detail };
            if (context.signal?.aborted) return last;
          }
        }
      }
      const servers = this.servers.length === 1 ? '1 server' : `${this.servers.length} servers`;
      return { ...last, detail: `${last.detail} (${tries} ${tries === 1 ? 'try' : 'tries'}, ${servers})` };
    });
  }

  /** One try at one server: UDP, then TCP when truncated, or again without EDNS on FORMERR. */
  private async askServer(
    server: ServerSpec,
    name: string,
    type: RRType,
    timeoutMs: number,
    context: ExchangeContext,
  ): Promise<TransportResult> {
    const started = Date.now();
    const { signal, dnssec } = context;
    const request = (query: QuerySpec, timeout: number) => ({ server, query, bytes: encodeQuery(query), timeoutMs: timeout, signal });
    const spec = (edns: number | null): QuerySpec =>
      edns === null ? { id: randomQueryId(), name, type } : { id: randomQueryId(), name, type, ednsPayload: edns, ...(dnssec ? { dnssec } : {}) };

    // RFC 3225 §3: DO lives in the OPT record, so a DNSSEC question always carries one
    let result = await this.udp.exchange(request(spec(dnssec ? (this.ednsPayload ?? EDNS_PAYLOAD) : this.ednsPayload), timeoutMs));
    if (result.kind !== 'response') return result;
    // RFC 6891 §7: a server that does not know EDNS answers FORMERR without an OPT record.
    if (this.ednsPayload !== null && result.message.rcode === 'FORMERR' && result.message.edns === null) {
      result = await this.udp.exchange(request(spec(null), timeoutMs));
      if (result.kind !== 'response') return result;
    }
    // RFC 1035 §4.2.1, RFC 7766 §5: a truncated answer is asked again over TCP.
    if (result.message.truncated) {
      const left = Math.max(1, timeoutMs - (Date.now() - started));
      return tcpExchange(request(spec(dnssec ? EDNS_PAYLOAD : null), left));
    }
    return result;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number, not ${value}`);
  return value;
}

/**
 * A network resolver on the given servers or, when there are none, on /etc/resolv.conf's
 * (the warnings say what was skipped or assumed, for --verbose).
 */
export async function createNetworkResolver(
  options: Omit<NetworkResolverOptions, 'servers'> & { servers?: readonly ServerSpec[]; resolvConfPath?: string },
): Promise<{ resolver: NetworkResolver; warnings: string[] }> {
  if (options.servers !== undefined && options.servers.length > 0) {
    return { resolver: new NetworkResolver({ ...options, servers: options.servers }), warnings: [] };
  }
  const system = await systemNameservers(options.resolvConfPath);
  return { resolver: new NetworkResolver({ ...options, servers: system.servers }), warnings: system.warnings };
}
