// `scan --qps N`: the questions sent to each resolver server paced by a token bucket of its own, so a
// bulk run stays within what a public resolver tolerates. The default rate leaves a server on a
// loopback address (a local cache or test server) unpaced; a rate the user names paces it too. The bucket holds a twentieth of a second's tokens
// (at least one), so any one second carries at most N + N/20 queries to a server.
import { parseIp } from '../net/ip.js';
import { unreachableBlock } from '../net/unreachable-ranges.js';
import { formatServerSpec, type ServerSpec } from './server-spec.js';
import { TokenBucket } from './token-bucket.js';

export interface ServerPacer {
  /** Wait for the server's turn; resolves at once while unpaced. */
  pace(server: ServerSpec): Promise<void>;
  /** Pace every server at `qps` queries per second from now on; loopback servers too only when `loopback`. */
  setRate(qps: number, loopback: boolean): void;
}

/** Tokens a bucket of `qps` saves up: a twentieth of a second's, at least one. */
export const burstOf = (qps: number): number => Math.max(1, Math.floor(qps / 20));

export function isLoopbackServer(server: ServerSpec): boolean {
  const ip = parseIp(server.address);
  return ip !== null && unreachableBlock(ip) === 'loopback';
}

export function createServerPacer(): ServerPacer {
  let rate: number | null = null;
  let paceLoopback = false;
  const buckets = new Map<string, TokenBucket>();
  return {
    pace(server) {
      if (rate === null || (!paceLoopback && isLoopbackServer(server))) return Promise.resolve();
      const key = formatServerSpec(server);
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = new TokenBucket(rate, burstOf(rate));
        buckets.set(key, bucket);
      }
      return bucket.take();
    },
    setRate(qps, loopback) {
      if (!Number.isFinite(qps) || qps <= 0) throw new RangeError(`qps must be a positive number, not ${qps}`);
      rate = qps;
      paceLoopback = loopback;
      buckets.clear();
    },
  };
}
