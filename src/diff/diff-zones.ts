// diffZones(): audit the same domains against two versions of the zone files (base and head),
// each laid over the live DNS like --overlay, or alone (offline: the files are the whole world),
// and compare. Both versions are audited at once; each has its own cache, and the live DNS
// beneath them is asked through the one resolver given (share its cache between the two).
import type { Resolver } from '../dns/types.js';
import { overlayResolver } from '../dns/overlay-resolver.js';
import { loadZoneResolver, type ZoneResolver } from '../dns/zone-resolver.js';
import { auditDomains } from '../audit/audit-domains.js';
import type { AuditOptions, AuditProgress, DomainAudit } from '../audit/types.js';
import { diffAudits, type AuditDiff } from './diff-audits.js';
import { mailDomains } from './mail-domains.js';
import { unionOfSelectors, zoneFileSelectors } from '../dkim/zone-selectors.js';

export interface DiffZonesOptions extends Omit<AuditOptions, 'selectorsFromZone'> {
  /** Zone files or folders of `*.zone` files: the version before the change. */
  base: readonly string[];
  /** The version after the change. */
  head: readonly string[];
  /** The live DNS the zone files are laid over; null audits each version offline. */
  live: Resolver | null;
  /** Domains to audit; when empty, the zones' apexes that publish mail records. */
  domains?: readonly string[];
  concurrency?: number;
  /** Per-domain DKIM selectors; null falls back to `selectors`. */
  selectorsFor?: (domain: string) => readonly string[] | null;
  /** Called once the zones are read: how many audits there are to do (twice the domains). */
  onStart?: (total: number) => void;
  /** Progress over both versions: total is twice the number of domains. */
  onProgress?: (progress: AuditProgress & { side: 'base' | 'head' }) => void;
}

export interface ZoneDiff extends AuditDiff {
  offline: boolean;
  /** The domains audited, and where the list came from. */
  audited: string[];
  domainsFrom: 'given' | 'zones';
  base: { paths: string[]; zones: string[]; audits: DomainAudit[] };
  head: { paths: string[]; zones: string[]; audits: DomainAudit[] };
}

/** A zone path that cannot be read (missing, not a zone file, no `*.zone` in the folder). */
export class ZonePathError extends Error {
  override name = 'ZonePathError';
}

async function loadSide(which: 'base' | 'head', paths: readonly string[]): Promise<ZoneResolver> {
  if (paths.length === 0) throw new ZonePathError(`--${which}: no zone path given`);
  try {
    return await loadZoneResolver([...paths]);
  } catch (err) {
    if (err instanceof Error && err.name === 'ZoneFileError') throw err;
    throw new ZonePathError(`--${which}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Throws ZoneFileError for a bad zone file and ZonePathError for a path that cannot be read. */
export async function diffZones(options: DiffZonesOptions): Promise<ZoneDiff> {
  const [baseZone, headZone] = await Promise.all([loadSide('base', options.base), loadSide('head', options.head)]);
  const over = (zone: ZoneResolver): Resolver => (options.live === null ? zone : overlayResolver(zone, options.live));
  const fromArguments = options.domains !== undefined && options.domains.length > 0;
  const domains = fromArguments ? [...(options.domains ?? [])] : mailDomains([baseZone, headZone]);
  // both versions check every selector either version holds: a selector the change removes (or
  // adds) is asked on both sides, so its key shows as resolved or introduced
  const selectorsFromZone = unionOfSelectors(zoneFileSelectors(baseZone), zoneFileSelectors(headZone));
  let done = 0;
  const total = domains.length * 2;
  options.onStart?.(total);
  const side = (which: 'base' | 'head', zone: ZoneResolver) =>
    auditDomains(domains, over(zone), {
      selectors: options.selectors ?? [],
      selectorsFromZone,
      ips: options.ips ?? [],
      profiles: options.profiles ?? [],
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.selectorsFor !== undefined ? { selectorsFor: options.selectorsFor } : {}),
      onProgress: (p) => options.onProgress?.({ done: ++done, total, domain: p.domain, side: which }),
    });
  const [baseAudits, headAudits] = await Promise.all([side('base', baseZone), side('head', headZone)]);
  return {
    ...diffAudits(baseAudits, headAudits),
    offline: options.live === null,
    audited: headAudits.map((a) => a.domain),
    domainsFrom: fromArguments ? 'given' : 'zones',
    base: { paths: [...options.base], zones: baseZone.zones(), audits: baseAudits },
    head: { paths: [...options.head], zones: headZone.zones(), audits: headAudits },
  };
}
