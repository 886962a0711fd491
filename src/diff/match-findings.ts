// Which findings a change introduces and which it resolves. Findings are matched by what they are
// about, never by their message (which states counts and wording that may change):
//  1. identity: id, the domain in the evidence, the include path, and the term the position points
//     at (`ip4:192.0.2.0/24`, `p=none`), so moving a record to another line or editing another term
//     changes nothing;
//  2. what is left over is paired by id and domain: the same problem whose evidence moved (say the
//     lookup that crosses the limit is now another include) is "changed", not new.
// Counts matter: two findings of one identity before and three after is one introduced.
import { nameKey } from '../model/names.js';
import { findingIdentity } from '../findings/identity.js';
import type { Finding } from '../findings/types.js';

// one definition of what a finding is about, shared with the GitLab report's fingerprints
export { findingIdentity, pointedToken } from '../findings/identity.js';

export interface FindingChange {
  before: Finding;
  after: Finding;
}

export interface FindingDiff {
  /** In head, not in base. */
  introduced: Finding[];
  /** In base, not in head (the base version of the finding). */
  resolved: Finding[];
  /** The same kind of finding about the same domain, with different evidence. */
  changed: FindingChange[];
  /** In both (the head version). */
  unchanged: Finding[];
}

const looseKey = (f: Finding): string => `${f.id}\u0000${nameKey(f.evidence.domain ?? '')}`;

/** Pair `base` with `head` by `key`, each finding at most once, in order. */
function pairBy(base: Finding[], head: Finding[], key: (f: Finding) => string): { pairs: FindingChange[]; base: Finding[]; head: Finding[] } {
  const waiting = new Map<string, Finding[]>();
  for (const f of base) {
    const k = key(f);
    const list = waiting.get(k);
    if (list) list.push(f);
    else waiting.set(k, [f]);
  }
  const pairs: FindingChange[] = [];
  const headLeft: Finding[] = [];
  for (const f of head) {
    const before = waiting.get(key(f))?.shift();
    if (before !== undefined) pairs.push({ before, after: f });
    else headLeft.push(f);
  }
  const paired = new Set(pairs.map((p) => p.before));
  return { pairs, base: base.filter((f) => !paired.has(f)), head: headLeft };
}

export function diffFindings(base: readonly Finding[], head: readonly Finding[]): FindingDiff {
  const exact = pairBy([...base], [...head], findingIdentity);
  const loose = pairBy(exact.base, exact.head, looseKey);
  return {
    introduced: loose.head,
    resolved: loose.base,
    changed: loose.pairs,
    unchanged: exact.pairs.map((p) => p.after),
  };
}
