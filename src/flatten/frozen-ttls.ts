// The TTLs of what flattening copies: each flattened provider's SPF record and each a/mx host's
// addresses. Once copied, a provider's change reaches receivers only when the records are flattened
// again; its TTL says how soon it could change under them.
import { joinTxt } from '../model/txt.js';
import type { Resolver } from '../dns/types.js';
import { isSpfRecordText } from '../spf/parse.js';
import type { FrozenRef } from './linearize.js';
import type { FrozenSource } from './types.js';

async function ttlOf(resolver: Resolver, ref: FrozenRef): Promise<number | null> {
  if (ref.via === 'include' || ref.via === 'redirect') {
    const answer = await resolver.query(ref.name, 'TXT');
    if (answer.kind !== 'records') return null;
    const spf = answer.records.find((r) => isSpfRecordText(joinTxt(r.strings)));
    return spf?.ttl ?? null;
  }
  const answers = await Promise.all([resolver.query(ref.name, 'A'), resolver.query(ref.name, 'AAAA')]);
  const ttls = answers.flatMap((a) => (a.kind === 'records' ? a.records.map((r) => r.ttl) : []));
  return ttls.length > 0 ? Math.min(...ttls) : null;
}

/** One entry per name and kind, in the order first met, with the TTLs looked up. */
export async function frozenSources(resolver: Resolver, refs: readonly FrozenRef[]): Promise<FrozenSource[]> {
  const merged = new Map<string, FrozenRef>();
  for (const ref of refs) {
    const key = `${ref.via}|${ref.name.toLowerCase()}`;
    const seen = merged.get(key);
    if (seen) seen.ranges += ref.ranges;
    else merged.set(key, { ...ref });
  }
  return Promise.all([...merged.values()].map(async (ref) => ({ name: ref.name, via: ref.via, ttl: await ttlOf(resolver, ref), ranges: ref.ranges })));
}
