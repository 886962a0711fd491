// The DNS names of the zones a Terraform/OpenTofu plan's records belong to. Records name their zone
// by a provider id (Route 53 `zone_id`, Cloudflare `zone_id`, Google `managed_zone`); the names come
// from the zone resources and data sources the plan holds: in `prior_state`, `planned_values` and
// each resource change's `before`/`after` (`aws_route53_zone`, `cloudflare_zone`,
// `google_dns_managed_zone`, and the `aws_route53_zone` and `cloudflare_zone` data sources).

import type { JsonValue } from '../../model/json-source.js';
import { isObject } from '../json-document.js';

/** Zone id (or Google managed-zone name) → DNS name without the trailing dot. */
export type ZoneNames = Map<string, string>;

const fqdn = (v: JsonValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v.replace(/\.$/, '').toLowerCase() : null);
const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** What one zone resource says: its ids and its name. */
function zoneOf(type: string, values: { [key: string]: JsonValue }): { ids: string[]; name: string } | null {
  switch (type) {
    case 'aws_route53_zone': {
      const name = fqdn(values['name']);
      const ids = [str(values['zone_id']), str(values['id'])].filter((v): v is string => v !== null);
      return name === null ? null : { ids, name };
    }
    case 'cloudflare_zone': {
      // v4 names the zone `zone`, v5 `name`; the data source has `zone_id` too
      const name = fqdn(values['zone']) ?? fqdn(values['name']);
      const ids = [str(values['id']), str(values['zone_id'])].filter((v): v is string => v !== null);
      return name === null ? null : { ids, name };
    }
    case 'google_dns_managed_zone': {
      const name = fqdn(values['dns_name']);
      const ids = [str(values['name']), str(values['id'])].filter((v): v is string => v !== null);
      return name === null ? null : { ids, name };
    }
    default:
      return null;
  }
}

/** Every zone the plan names, from state, planned values and changes. */
export function zoneNamesOf(plan: { [key: string]: JsonValue }): ZoneNames {
  const out: ZoneNames = new Map();
  const add = (type: unknown, values: JsonValue | undefined): void => {
    if (typeof type !== 'string' || !isObject(values)) return;
    const zone = zoneOf(type, values);
    if (zone !== null) for (const id of zone.ids) out.set(id, zone.name);
  };
  const walkModule = (module: JsonValue | undefined): void => {
    if (!isObject(module)) return;
    for (const r of Array.isArray(module['resources']) ? module['resources'] : []) if (isObject(r)) add(r['type'], r['values']);
    for (const child of Array.isArray(module['child_modules']) ? module['child_modules'] : []) walkModule(child);
  };
  const prior = plan['prior_state'];
  if (isObject(prior) && isObject(prior['values'])) walkModule(prior['values']['root_module']);
  const planned = plan['planned_values'];
  if (isObject(planned)) walkModule(planned['root_module']);
  for (const c of Array.isArray(plan['resource_changes']) ? plan['resource_changes'] : []) {
    if (!isObject(c) || !isObject(c['change'])) continue;
    add(c['type'], c['change']['before']);
    add(c['type'], c['change']['after']);
  }
  return out;
}
