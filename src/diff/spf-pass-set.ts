// The addresses that get SPF `pass` as receivers evaluate the expanded tree, limits enforced: terms
// are taken in evaluation order, the first match decides (RFC 7208 §4.6.2), and lookups and void
// lookups are counted for each address along the path it takes, so that every address reaching a term
// whose lookup would pass the limit of 10, or a third void lookup, gets permerror (RFC 7208 §4.6.4)
// while those decided earlier keep their result. Terms that depend on the message (macros, `ptr`) are
// taken as not matching. This is src/spf/expand-outcome.ts's walk with `enforceLimits`.
import { rangeOutcome, type FamilySets, type LookupLimits } from '../spf/expand-outcome.js';
import type { SpfTreeNode } from '../spf/expand-types.js';

export type PassSets = FamilySets;

/** The addresses that get `pass` from the tree rooted at `root`, as receivers evaluate it (limits 10 and 2 unless given). */
export function enforcedPassSets(root: SpfTreeNode, limits?: Partial<LookupLimits>): PassSets {
  return rangeOutcome(root, { enforceLimits: true, ...(limits ? { limits } : {}) }).pass;
}
