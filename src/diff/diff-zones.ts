// diffZones(): audit the same domains against two versions of the zone files (base and head),
// each laid over the live DNS like --overlay, or alone (offline: the files are the whole world),
// and compare. Both versions are audited at once; each has its own cache, and the live DNS
// beneath them is asked through the one resolver given (share its cache between the two).
// Each version is read through a FileSource: the working tree, or a git commit (git-tree-source.ts,
// `diff --base-ref`); a version where the paths are not there at all is the empty zone set when
// the caller says so (a change that adds or removes the zone files).
import { parseZonePathSpec } from '../zone/zone-layout.js';
import type { Resolver } from '../dns/types.js';
import { diskSource, type FileSource } from '../zone/file-source.js';
import { ZoneFileError } from '../zone/zone-file-error.js';
import { GitTreeSource } from './git-tree-source.js';
import { overlayResolver } from '../dns/overlay-resolver.js';
import { loadZoneResolver, type ZoneResolver } from '../dns/zone-resolver.js';
import { auditBothSides, type BothSidesOptions } from './audit-both-sides.js';
import type { DomainAudit } from '../audit/types.js';
import { diffAudits, type AuditDiff } from './diff-audits.js';
import { mailDomains } from './mail-domains.js';
import { unionOfSelectors, zoneFileSelectors } from '../dkim/zone-selectors.js';

export interface DiffZonesOptions extends BothSidesOptions {
  /** Zone paths as `--zone` takes them (files, folders, named.conf, NAME=PATH): the version before the change. */
  base: readonly string[];
  /** The version after the change. */
  head: readonly string[];
  /** Where the base paths are read (default: the working tree); a GitTreeSource reads them at a commit. */
  baseSource?: FileSource;
  /** Where the head paths are read (default: the working tree). */
  headSource?: FileSource;
  /**
   * A path that is not there in one version is no zones in that version (a change that adds or
   * removes the zone files) instead of an error. A path that is in neither version still is one
   * (a misspelt path must not pass as "nothing changed").
   */
  missingIsEmpty?: boolean;
  /** The named.conf view whose zones both versions read (`--view`). */
  view?: string | null;
  /** The live DNS the zone files are laid over; null audits each version offline. */
  live: Resolver | null;
  /** Domains to audit; when empty, the zones' apexes that publish mail records. */
  domains?: readonly string[];
}

export interface ZoneDiff extends AuditDiff {
  offline: boolean;
  /** The domains audited, and where the list came from. */
  audited: string[];
  domainsFrom: 'given' | 'zones';
  base: ZoneVersion;
  head: ZoneVersion;
}

/** One version of the zone files: the paths, where they were read, and what was found. */
export interface ZoneVersion {
  paths: string[];
  /** The git ref the paths were read at, as given (`origin/main`); null for the working tree. */
  ref: string | null;
  /** The commit the ref names (the full object id); null for the working tree. */
  commit: string | null;
  /** `origin/main (3f2a1c9)` for a commit, null for the working tree (FileSource.label). */
  label: string | null;
  /** Paths not there in this version (only with `missingIsEmpty`): its zones are added or removed by the change. */
  missing: string[];
  zones: string[];
  audits: DomainAudit[];
}

/**
 * A zone path that cannot be read (missing, not a zone file, no `*.zone` in the folder), or a bad
 * zone file in a version read from git (the message names the ref; `cause` is the ZoneFileError).
 */
export class ZonePathError extends Error {
  override name = 'ZonePathError';
}

export interface LoadedSide {
  zone: ZoneResolver;
  missing: string[];
}

/** How messages name a version: `--base`, or `the base at origin/main (3f2a1c9)`. */
function sideName(which: 'base' | 'head', source: FileSource): string {
  return source.label === null ? `--${which}` : `the ${which} at ${source.label}`;
}

export async function loadSide(which: 'base' | 'head', paths: readonly string[], source: FileSource, missingIsEmpty: boolean, view: string | null): Promise<LoadedSide> {
  if (paths.length === 0) throw new ZonePathError(`--${which}: no zone path given`);
  const present = missingIsEmpty ? paths.filter((p) => source.kind(parseZonePathSpec(p).path) !== null) : [...paths];
  const missing = paths.filter((p) => !present.includes(p));
  try {
    // no path there: the empty zone set (offline every name is NXDOMAIN, overlaid every name is live)
    return { zone: await loadZoneResolver(present, { source, view }), missing };
  } catch (err) {
    if (err instanceof ZoneFileError) {
      // a bad file in the working tree is the user's file:line:column as it is; one in another
      // version must say which version, or the user looks for it in the wrong one
      if (source.label === null) throw err;
      throw new ZonePathError(`${sideName(which, source)}: ${err.message}`, { cause: err });
    }
    throw new ZonePathError(`${sideName(which, source)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function version(paths: readonly string[], source: FileSource, loaded: LoadedSide, audits: DomainAudit[]): ZoneVersion {
  const git = source instanceof GitTreeSource ? source : null;
  return {
    paths: [...paths],
    ref: git?.ref ?? null,
    commit: git?.commit ?? null,
    label: source.label,
    missing: loaded.missing,
    zones: loaded.zone.zones(),
    audits,
  };
}

/**
 * Throws ZoneFileError for a bad zone file in the working tree, and ZonePathError for a path that
 * cannot be read or a bad zone file in a version read from git.
 */
export async function diffZones(options: DiffZonesOptions): Promise<ZoneDiff> {
  const baseSource = options.baseSource ?? diskSource;
  const headSource = options.headSource ?? diskSource;
  const missingIsEmpty = options.missingIsEmpty === true;
  const [baseSide, headSide] = await Promise.all([
    loadSide('base', options.base, baseSource, missingIsEmpty, options.view ?? null),
    loadSide('head', options.head, headSource, missingIsEmpty, options.view ?? null),
  ]);
  const nowhere = baseSide.missing.filter((p) => headSide.missing.includes(p));
  if (nowhere.length > 0) {
    const where = (source: FileSource): string => (source.label === null ? 'in the working tree' : `at ${source.label}`);
    throw new ZonePathError(`${nowhere.join(', ')}: not ${where(headSource)} and not ${where(baseSource)}, so there is nothing to compare (is the path right?)`);
  }
  const baseZone = baseSide.zone;
  const headZone = headSide.zone;
  const over = (zone: ZoneResolver): Resolver => (options.live === null ? zone : overlayResolver(zone, options.live));
  const fromArguments = options.domains !== undefined && options.domains.length > 0;
  const domains = fromArguments ? [...(options.domains ?? [])] : mailDomains([baseZone, headZone]);
  // both versions check every selector either version holds: a selector the change removes (or
  // adds) is asked on both sides, so its key shows as resolved or introduced
  const selectorsFromZone = unionOfSelectors(zoneFileSelectors(baseZone), zoneFileSelectors(headZone));
  // both versions suggest commands over the head version (commandWorld): the world the change publishes
  const [baseAudits, headAudits] = await auditBothSides(domains, { base: over(baseZone), head: over(headZone) }, selectorsFromZone, options);
  return {
    ...diffAudits(baseAudits, headAudits),
    offline: options.live === null,
    audited: headAudits.map((a) => a.domain),
    domainsFrom: fromArguments ? 'given' : 'zones',
    base: version(options.base, baseSource, baseSide, baseAudits),
    head: version(options.head, headSource, headSide, headAudits),
  };
}
