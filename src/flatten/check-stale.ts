// `flatten --check`: are the flattened records published in a zone still what flattening gives today?
// Both sides are reduced to the result every address gets (limits lifted, message-dependent terms taken
// as not matching; src/spf/expand-outcome.ts): the published records laid over the DNS as a zone, and the
// owner's source policy over the providers' records as they are now. Any address whose result differs
// means a provider changed its ranges since the records were flattened (or the records were edited).
import { nameKey } from '../model/names.js';
import { overlayResolver } from '../dns/overlay-resolver.js';
import type { Resolver } from '../dns/types.js';
import type { ZoneResolver } from '../dns/zone-resolver.js';
import { formatCidr } from '../net/cidr.js';
import type { RangeSet } from '../net/range-set.js';
import { withoutTrailingDot } from '../spf/check-host-names.js';
import { expandSpf } from '../spf/expand.js';
import { rangeOutcome, type RangeOutcome } from '../spf/expand-outcome.js';
import { walkTree } from '../spf/expand-walk.js';
import { selectSpfRecord } from '../spf/select-record.js';
import { SPF_RESULTS, type SpfResult } from '../spf/types.js';
import { flattenSpf, sourceRecordName } from './flatten.js';
import { withSpfRecordAt } from './spf-overlay.js';
import { DEFAULT_PREFIX, DEFAULT_TTL, type FlattenOptions, type FlattenResult } from './types.js';

export interface RangeDifference {
  result: SpfResult;
  /** Blocks that get `result` today but not from the published records. */
  added: string[];
  /** Blocks that get `result` from the published records but no longer today. */
  removed: string[];
}

export interface PublishedCheck {
  domain: string;
  /** The published SPF records found in the zone (the top record and its chain). */
  published: { name: string; text: string }[];
  /** Where the source policy was read. */
  source: { name: string; record: string } | null;
  /** True when some address gets a different result today. */
  stale: boolean;
  differences: RangeDifference[];
  /** What flattening gives today (the records to publish instead). */
  fresh: FlattenResult;
  /** Why the check could not be made (no record in the zone, no source policy). */
  problems: string[];
}

function cidrTexts(set: RangeSet): string[] {
  return set.toCidrs().map(formatCidr);
}

function compare(today: RangeOutcome, published: RangeOutcome): RangeDifference[] {
  const out: RangeDifference[] = [];
  for (const result of SPF_RESULTS) {
    const added = [...cidrTexts(today[result].ip4.difference(published[result].ip4)), ...cidrTexts(today[result].ip6.difference(published[result].ip6))];
    const removed = [...cidrTexts(published[result].ip4.difference(today[result].ip4)), ...cidrTexts(published[result].ip6.difference(today[result].ip6))];
    if (added.length > 0 || removed.length > 0) out.push({ result, added, removed });
  }
  return out;
}

/** Does the record have an `include:` of one of `names` (any qualifier)? */
function includesAny(record: string, names: readonly string[]): boolean {
  const wanted = new Set(names.map(nameKey));
  return record.split(' ').some((term) => {
    const m = /^[-+~?]?include:(.+)$/i.exec(term);
    return m !== null && wanted.has(nameKey(m[1] ?? ''));
  });
}

export async function checkPublished(domain: string, resolver: Resolver, zone: ZoneResolver, options: FlattenOptions = {}): Promise<PublishedCheck> {
  const name = nameKey(withoutTrailingDot(domain));
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const problems: string[] = [];
  const publishedDns = overlayResolver(zone, resolver);
  if (!zone.isInside(name)) problems.push(`the zone (${zone.zones().join(', ') || 'no apex'}) does not hold ${name}`);

  // the source policy: published beside the records in the zone, else as flattenSpf finds it
  const inZone = selectSpfRecord(await publishedDns.query(sourceRecordName(name, prefix), 'TXT'));
  const sourceRecord = options.sourceRecord ?? (inZone.kind === 'record' ? inZone.text : undefined);
  const fresh = await flattenSpf(name, resolver, sourceRecord === undefined ? options : { ...options, sourceRecord });
  const result: PublishedCheck = { domain: name, published: [], source: fresh.source, stale: false, differences: [], fresh, problems };

  const published = await expandSpf(name, publishedDns, { checkType99: false });
  if (published.root.status !== 'record') problems.push(`the zone has no usable SPF record at ${name} (${published.root.status})`);
  result.published = walkTree(published.root)
    .map((v) => v.node)
    .filter((n) => n.record !== null && zone.isInside(n.domain))
    .map((n) => ({ name: n.domain, text: n.record ?? '' }));
  if (!fresh.source) problems.push(`no source policy for ${name}: neither ${sourceRecordName(name, prefix)} nor ${name} has an SPF record`);
  else if (fresh.source.name === name && includesAny(fresh.source.record, result.published.map((p) => p.name).filter((n) => nameKey(n) !== name))) {
    // flattening the flattened record gives it back: it would always look up to date
    problems.push(
      `the only policy found for ${name} is the flattened record itself; publish the unflattened policy at ${sourceRecordName(name, prefix)} (flatten prints it) so that --check can compare with the providers' records`,
    );
  }
  if (problems.length > 0 || !fresh.source) return result;

  const todayDns = withSpfRecordAt(resolver, name, fresh.source.record, DEFAULT_TTL);
  const today = await expandSpf(name, todayDns, { checkType99: false });
  result.differences = compare(rangeOutcome(today.root), rangeOutcome(published.root));
  result.stale = result.differences.length > 0;
  return result;
}
