// The `flatten` JSON document (every field present, null when unknown).
import type { PublishedCheck } from './check-stale.js';
import type { FlattenResult } from './types.js';

export function flattenJson(result: FlattenResult): Record<string, unknown> {
  return {
    domain: result.domain,
    status: result.status,
    source: result.source,
    records: result.records,
    zoneLines: result.records.map((r) => r.zoneLine),
    lookups: result.lookups,
    ranges: result.ranges,
    all: result.all,
    exp: result.exp,
    kept: result.kept,
    frozen: result.frozen,
    refusals: result.refusals,
    proof: result.proof,
    warnings: result.warnings,
  };
}

export function checkJson(check: PublishedCheck): Record<string, unknown> {
  return {
    ...flattenJson(check.fresh),
    check: { stale: check.stale, published: check.published, differences: check.differences, problems: check.problems },
  };
}
