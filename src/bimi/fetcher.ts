// BIMI's fetches under the run's HTTPS rules (src/fetch: the host through the run's Resolver, the
// system roots plus --ca-file, no redirects, per-step time-outs), with bounds of its own: an indicator
// is read up to 1 MB (so that one over the providers' 32 KB is still checked and reported as too
// large; anything larger stops at the bound), an evidence document up to 256 KB.
import type { Resolver } from '../dns/types.js';
import type { HttpsAccess } from '../fetch/access.js';
import { fetchHttps } from '../fetch/https-fetch.js';
import type { Fetcher } from './check-bimi.js';
import { MAX_PARSED_BYTES } from './indicator-limits.js';

const MAX_EVIDENCE_BYTES = 256 * 1024;

/** A fetcher for the run, or null when the run does not fetch (then `access.offReason` says why). */
export function bimiFetcher(access: HttpsAccess, resolver: Resolver): Fetcher | null {
  if (!access.allowed) return null;
  return (url) =>
    fetchHttps(url, {
      resolver,
      ca: access.ca,
      port: access.port,
      timeouts: access.timeouts,
      log: access.log,
      maxBytes: /\.pem(\?|$)/i.test(new URL(url).pathname) ? MAX_EVIDENCE_BYTES : MAX_PARSED_BYTES,
    });
}
