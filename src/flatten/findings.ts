// What `authaudit flatten` reports as findings (registry: src/report/finding-registry.ts lists this table).
import { defineFindings, finding, type Finding } from '../findings/types.js';
import { withCommand, type WorldArgs } from '../findings/suggested-command.js';
import type { PublishedCheck } from './check-stale.js';
import type { FlattenResult } from './types.js';

export const FLATTEN_FINDINGS = defineFindings({
  'flatten-refused': { severity: 'error', title: 'SPF record cannot be flattened', rule: 'RFC 7208 §4.6.4' },
  'flatten-proof-failed': { severity: 'error', title: 'Flattened records do not authorize the same senders', rule: 'RFC 7208 §4.6.2' },
  'flatten-stale': { severity: 'error', title: 'Published flattened SPF records are stale', rule: 'RFC 7208 §4.6.4' },
  'flatten-check-impossible': { severity: 'error', title: 'Published flattened SPF records cannot be checked', rule: 'RFC 7208 §4.5' },
  'flatten-freezes-addresses': { severity: 'warning', title: 'Flattening freezes provider addresses', rule: 'RFC 7208 §4.6.4' },
  'flatten-note': { severity: 'info', title: 'Flattening note', rule: 'RFC 7208 §3.4' },
});

const F = FLATTEN_FINDINGS;

/** `world`: the options the suggested commands carry (the run's `--zone`, …). */
export function flattenFindings(result: FlattenResult, world: WorldArgs = []): Finding[] {
  const out: Finding[] = [];
  const root = result.source?.record ?? null;
  for (const r of result.refusals) {
    out.push(finding(F['flatten-refused'], r.message, { domain: r.domain, record: r.term }, 'fix the record (or name the include with --keep) and flatten again'));
  }
  if (result.status === 'proof-failed' && result.proof) {
    const first = result.proof.mismatches[0];
    const example = first ? `: ${first.address} gets ${first.original} from the original and ${first.flattened} from the flattened records` : '';
    out.push(
      finding(
        F['flatten-proof-failed'],
        `${result.proof.mismatches.length} address(es) would get a different check_host() result${example} (RFC 7208 §4.6.2)`,
        { domain: result.domain, record: root },
        'do not publish these records; report the counter-examples as a bug',
      ),
    );
  }
  if (result.status === 'flattened' && result.frozen.length > 0) {
    const ttls = result.frozen.map((f) => f.ttl).filter((t): t is number => t !== null);
    const shortest = ttls.length > 0 ? Math.min(...ttls) : null;
    out.push(
      withCommand(
        finding(
          F['flatten-freezes-addresses'],
          `flattening copies the addresses of ${result.frozen.map((f) => f.name).join(', ')}; when they change, receivers keep judging by the copy (shortest TTL ${shortest ?? 'unknown'} s)`,
          { domain: result.domain, record: root },
          'run the command below in CI at least daily (with the zone file you publish from) and republish when it reports a difference',
        ),
        ['flatten', result.domain, '--check', '<zone>'],
        world,
      ),
    );
  }
  for (const w of result.warnings) out.push(finding(F['flatten-note'], w, { domain: result.domain, record: root }, null, 'warning'));
  return out;
}

export function checkFindings(check: PublishedCheck, world: WorldArgs = []): Finding[] {
  const out: Finding[] = [];
  for (const p of check.problems) out.push(finding(F['flatten-check-impossible'], p, { domain: check.domain }, null));
  if (check.stale) {
    const summary = check.differences.map((d) => `${d.result}: +${d.added.length} -${d.removed.length}`).join(', ');
    out.push(
      finding(
        F['flatten-stale'],
        `the published flattened records of ${check.domain} no longer match the providers' records (${summary}): receivers judge senders by outdated addresses`,
        { domain: check.domain, record: check.published[0]?.text ?? null },
        'publish the records printed below in place of the published chain',
      ),
    );
  }
  return [...out, ...flattenFindings(check.fresh, world)];
}
