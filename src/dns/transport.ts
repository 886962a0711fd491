// What the UDP and TCP transports share: one query to one server, one outcome.

import type { FailureKind } from './types.js';
import type { DnsMessage } from './message.js';
import type { ServerSpec } from './server-spec.js';
import { formatServerSpec } from './server-spec.js';
import { matchResponse, type QuerySpec } from './wire.js';

export interface TransportRequest {
  server: ServerSpec;
  query: QuerySpec;
  /** The encoded query (without TCP's length prefix). */
  bytes: Buffer;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

export type TransportResult =
  | { kind: 'response'; message: DnsMessage }
  | { kind: 'failure'; failure: FailureKind; detail: string };

/** A caller's abort is a time-out when it came from AbortSignal.timeout(), otherwise 'other'. */
export function abortedResult(signal: AbortSignal): TransportResult {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return { kind: 'failure', failure: timedOut ? 'timeout' : 'other', detail: timedOut ? 'timed out by the caller' : 'aborted by the caller' };
}

export function timeoutResult(request: TransportRequest, transport: 'UDP' | 'TCP', strays: StrayLog): TransportResult {
  const ignored = strays.count === 0 ? '' : `; ignored ${strays.count} packet(s) that did not match the query (last: ${strays.last})`;
  return {
    kind: 'failure',
    failure: 'timeout',
    detail: `no answer from ${formatServerSpec(request.server)} over ${transport} within ${request.timeoutMs} ms${ignored}`,
  };
}

/** A socket error talking to `to` (a server, or the request that went to it). */
export function networkResult(to: ServerSpec | Pick<TransportRequest, 'server'>, transport: 'UDP' | 'TCP', error: Error): TransportResult {
  const code = (error as NodeJS.ErrnoException).code;
  const server = 'server' in to ? to.server : to;
  return {
    kind: 'failure',
    failure: 'network',
    detail: `${formatServerSpec(server)} over ${transport}: ${code ?? error.message}`,
  };
}

/** Packets that were ignored because they did not answer the query (RFC 5452 §9.1). */
export interface StrayLog {
  count: number;
  last: string;
}

/** One exchange in flight: the first result settles it; later ones are ignored. */
export interface Exchange {
  /** Settle with `result` (once): clears the time-out and the abort listener, then closes the socket. */
  finish(result: TransportResult): void;
  /** Whether the exchange has settled. */
  readonly done: boolean;
  readonly strays: StrayLog;
  /** A message from the server: the answer, a stray (logged and ignored) or malformed (a failure). */
  reply(message: Buffer): void;
}

/**
 * What a UDP and a TCP exchange share once the socket exists: settling exactly once, the time-out
 * of `request.timeoutMs`, the caller's abort signal, and telling the answer from strays.
 */
export function startExchange(
  request: TransportRequest,
  transport: 'UDP' | 'TCP',
  close: () => void,
  resolve: (result: TransportResult) => void,
): Exchange {
  const { signal } = request;
  const strays: StrayLog = { count: 0, last: '' };
  let done = false;
  const finish = (result: TransportResult): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    close();
    resolve(result);
  };
  const onAbort = (): void => finish(abortedResult(signal!));
  const timer = setTimeout(() => finish(timeoutResult(request, transport, strays)), request.timeoutMs);
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    finish,
    get done() {
      return done;
    },
    strays,
    reply(message) {
      const match = matchResponse(message, request.query, request.bytes);
      if (match.kind === 'stray') {
        strays.count++;
        strays.last = match.reason;
      } else if (match.kind === 'malformed') {
        finish({ kind: 'failure', failure: 'malformed', detail: `${formatServerSpec(request.server)} over ${transport}: ${match.detail}` });
      } else {
        finish({ kind: 'response', message: match.message });
      }
    },
  };
}
