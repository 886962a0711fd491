// CNAME chains put together from more than one resolver (zone files, then the live DNS, then the
// files again): the whole chain obeys the same bound and loop check as any one resolver's.

import { nameKey } from '../model/names.js';
import { MAX_CNAME_CHAIN, type CnameLink, type DnsAnswer, type RRType } from './types.js';

/** The failure a chain deserves (a name met twice, or more than MAX_CNAME_CHAIN links), or null. */
export function chainProblem(asked: string, chain: readonly CnameLink[]): { failure: 'cname-loop' | 'cname-chain-too-long'; detail: string } | null {
  const seen = new Set([nameKey(asked)]);
  for (const [i, link] of chain.entries()) {
    const key = nameKey(link.target);
    if (seen.has(key)) {
      return { failure: 'cname-loop', detail: `CNAME loop: ${[asked, ...chain.slice(0, i + 1).map((l) => l.target)].join(' → ')}` };
    }
    // RFC 1034 §5.3.3 leaves the bound to the resolver; a fixed one keeps every query finite.
    if (i + 1 > MAX_CNAME_CHAIN) return { failure: 'cname-chain-too-long', detail: `more than ${MAX_CNAME_CHAIN} CNAMEs followed from ${asked}` };
    seen.add(key);
  }
  return null;
}

/** `answer` (to the last target of `prefix`) as the answer to `asked`, the chains joined and checked. */
export function afterChain<T extends RRType>(asked: string, prefix: readonly CnameLink[], answer: DnsAnswer<T>): DnsAnswer<T> {
  const cnameChain = [...prefix, ...answer.cnameChain];
  const problem = chainProblem(asked, cnameChain);
  if (problem !== null) return { kind: 'failure', name: asked, type: answer.type, cnameChain, ...problem };
  return { ...answer, name: asked, cnameChain };
}
