// The domains named for a diff (arguments or the config) and the zone files compared: a domain in
// no zone of the base nor of the head is one the change cannot touch. With --offline (or over the
// offline --zone files of the run) nothing is known about it (zone-not-covered, error); laid over
// the live DNS it is read live on both sides (overlay-not-covering, info). Its comparison stays in
// the diff (both sides read the same answers); the finding says why it shows no change. Only the
// apexes of the two sides are at hand here, so a zone cut inside them is not looked at.
import { apexZoneSet, coverageFindings, unionZoneSet, type Coverage } from '../zone-coverage/coverage.js';
import type { Finding } from '../findings/types.js';
import type { ZoneDiff } from './diff-zones.js';

/**
 * The zone files of both sides, over `beneath` (the run's --zone or --overlay files, or null for
 * the live DNS); `offline` is the diff's own --offline.
 */
export function diffCoverage(diff: Pick<ZoneDiff, 'base' | 'head'>, offline: boolean, beneath: Coverage | null): Coverage {
  const sides = apexZoneSet([...diff.base.zones, ...diff.head.zones]);
  if (offline) return { mode: 'offline', zones: sides, given: '--base and --head', liveHint: 'leave out --offline to read the names outside the files from the live DNS' };
  if (beneath === null) return { mode: 'overlay', zones: sides, given: '--base and --head' };
  const zones = unionZoneSet([sides, beneath.zones]);
  const given = `--base, --head and ${beneath.given}`;
  return beneath.mode === 'offline' ? { mode: 'offline', zones, given, liveHint: beneath.liveHint } : { mode: 'overlay', zones, given };
}

/** One finding per named domain that neither side holds. */
export function diffCoverageFindings(diff: Pick<ZoneDiff, 'base' | 'head'>, domains: readonly string[], offline: boolean, beneath: Coverage | null): Finding[] {
  return coverageFindings(domains, diffCoverage(diff, offline, beneath));
}
