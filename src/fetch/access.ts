// Whether a run may fetch over HTTPS, and with what: the CLI decides (on with network resolution,
// off offline, in diff and in bulk scans unless --fetch) and every check that fetches (MTA-STS
// policies, BIMI evidence) takes this one value, so each can say what it did not fetch and why.
import type { FetchTimeouts } from './https-fetch.js';

export interface HttpsAccess {
  allowed: boolean;
  /** Why fetching is off, as a report says it ("offline (--zone): pass --fetch to fetch"); null when allowed. */
  offReason: string | null;
  /** PEM roots trusted beside the system's (--ca-file). */
  ca: string | null;
  /** --verbose: one line per request. */
  log?: (line: string) => void;
  /** The HTTPS port (443; a lab may serve elsewhere). */
  port?: number;
  timeouts?: Partial<FetchTimeouts>;
}

export const HTTPS_ALLOWED: HttpsAccess = { allowed: true, offReason: null, ca: null };

export function httpsOff(reason: string): HttpsAccess {
  return { allowed: false, offReason: reason, ca: null };
}
