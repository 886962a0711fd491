// Zones for flattening tests (absolute names, TTL 300) and check_host() on both sides of a flattening.
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { Resolver } from '../../src/dns/types.js';
import { checkHost } from '../../src/spf/check-host.js';
import { proposedResolver } from '../../src/flatten/spf-overlay.js';
import { LIFTED_LIMITS } from '../../src/flatten/prove.js';
import type { FlattenResult } from '../../src/flatten/types.js';
import type { SpfResult } from '../../src/spf/types.js';

export function zone(text: string): ZoneResolver {
  return ZoneResolver.fromText(`$TTL 300\n${text}`, { origin: '.', file: 'flatten-test.zone' });
}

/** The DNS with the result's records in place of the original. */
export function flattenedDns(resolver: Resolver, result: FlattenResult): Resolver {
  const root = result.records.find((r) => r.role === 'root');
  if (!root) throw new Error(`no root record (status ${result.status})`);
  return proposedResolver(resolver, result.domain, root, result.records.filter((r) => r.role === 'chain'));
}

export async function resultOn(resolver: Resolver, domain: string, ip: string, lifted = false): Promise<SpfResult> {
  const r = await checkHost(ip, domain, `postmaster@${domain}`, domain, lifted ? { resolver, limits: LIFTED_LIMITS } : { resolver });
  return r.result;
}

/** The root record's text. */
export function rootText(result: FlattenResult): string {
  return result.records.find((r) => r.role === 'root')?.text ?? '';
}
