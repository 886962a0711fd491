// Knot DNS as a real authoritative server for the interop suite: bench/lib/knot.mjs (shared with the
// benchmarks), with the interop suite's own message when knotd is missing.

import { startKnot as startKnotServer, type KnotServer, type StartKnotOptions } from '../../bench/lib/knot.mjs';

export { findExecutable, findKnotd, knotConfig, zoneFilesIn } from '../../bench/lib/knot.mjs';
export type { KnotServer, KnotZone, StartKnotOptions } from '../../bench/lib/knot.mjs';

export const KNOT_MISSING_MESSAGE =
  'Knot DNS (knotd) is not installed, and the interop suite needs it: install the Debian package "knot" ' +
  '(apt-get install -y knot, as .ci/run does when knotd is missing) or set KNOTD=/path/to/knotd.';

/** Start knotd serving the zone folders; resolves once every zone answers its SOA. */
export function startKnot(options: StartKnotOptions): Promise<KnotServer> {
  return startKnotServer({ missingMessage: KNOT_MISSING_MESSAGE, ...options });
}
