// diffPlan(): what a Terraform/OpenTofu plan changes, audited. The base world is the live DNS (or
// the `--base` zone files, or offline the plan's `before` values); the head world is the base with
// the plan laid over it RRset by RRset (src/dns/plan-overlay.ts), so records the plan does not
// manage stay as they are. Without named domains it audits the domains whose mail records the
// plan touches (mail-domains-of-plan.ts) and those of the config.
import type { Resolver } from '../dns/types.js';
import { overlayResolver } from '../dns/overlay-resolver.js';
import { planOverlay } from '../dns/plan-overlay.js';
import { ZoneResolver } from '../dns/zone-resolver.js';
import { auditBothSides, type BothSidesOptions } from './audit-both-sides.js';
import type { DomainAudit } from '../audit/types.js';
import { unionOfSelectors, zoneFileSelectors } from '../dkim/zone-selectors.js';
import { diskSource } from '../zone/file-source.js';
import { planWorld, type TerraformPlan } from '../zone-formats/terraform/read-plan.js';
import { diffAudits } from './diff-audits.js';
import { loadSide, type ZoneDiff, type ZoneVersion } from './diff-zones.js';
import { planMailDomains } from './plan-mail-domains.js';

export interface DiffPlanOptions extends BothSidesOptions {
  plan: TerraformPlan;
  /** Zone paths the plan is laid over instead of the live DNS (`--base`); empty for none. */
  base: readonly string[];
  view?: string | null;
  /** The live DNS; null audits offline (the base zone files, else the plan's `before` values, are the whole world). */
  live: Resolver | null;
  /** Domains named on the command line: only these. */
  named: readonly string[];
  /** The config's domains, audited besides those the plan touches. */
  configured: readonly string[];
}

export async function diffPlan(options: DiffPlanOptions): Promise<ZoneDiff> {
  const { plan, live } = options;
  const before = ZoneResolver.fromParsed([planWorld(plan, 'before')]);
  const after = ZoneResolver.fromParsed([planWorld(plan, 'after')]);
  let baseZone: ZoneResolver | null = null;
  if (options.base.length > 0) baseZone = (await loadSide('base', options.base, diskSource, false, options.view ?? null)).zone;
  const base: Resolver = baseZone !== null ? (live === null ? baseZone : overlayResolver(baseZone, live)) : (live ?? before);
  const head = planOverlay(plan.changes, base);
  const domains = options.named.length > 0 ? [...options.named] : [...new Set([...planMailDomains(plan), ...options.configured.map((d) => d.toLowerCase())])].sort();
  const selectorsFromZone = unionOfSelectors(zoneFileSelectors(baseZone ?? before), zoneFileSelectors(after));
  const [baseAudits, headAudits] = await auditBothSides(domains, { base, head }, selectorsFromZone, options);
  const version = (paths: string[], zones: string[], audits: DomainAudit[]): ZoneVersion => ({ paths, ref: null, commit: null, label: null, missing: [], zones, audits });
  const basePaths = options.base.length > 0 ? [...options.base] : live === null ? [`${plan.file} (before)`] : ['the live DNS'];
  return {
    ...diffAudits(baseAudits, headAudits),
    offline: live === null,
    audited: headAudits.map((a) => a.domain),
    domainsFrom: options.named.length > 0 ? 'given' : 'zones',
    base: version(basePaths, baseZone?.zones() ?? plan.zones, baseAudits),
    head: version([`${plan.file} (after)`], plan.zones, headAudits),
  };
}
