// Zone files laid over another resolver: how a proposed DNS change is audited before it is
// published. Names inside the files' zones are answered from the files (NXDOMAIN included);
// every other name is asked of `live`, and so is every name at or below a zone cut in the files
// (RFC 1034 §4.2.1: an NS RRset below the apex delegates that subtree to other servers, whose data
// the files do not hold; `ZoneResolver.isInside` is false there). A CNAME chain may cross the border both ways: a CNAME in
// the files to a name outside is chased on `live`, and a live CNAME to a name inside the files'
// zones is answered from the files (the live DNS does not have the change yet). The joined chain
// has the same bound and loop check as any other, so crossing back and forth cannot hang.

import { afterChain, chainProblem } from './cname-chain.js';
import type { CnameLink, DnsAnswer, QueryOptions, Resolver, RRType } from './types.js';
import { parseName } from './wire-name.js';
import type { ZoneResolver } from './zone-resolver.js';

export function overlayResolver(zone: ZoneResolver, live: Resolver): Resolver {
  const files = zone.withOutside(undefined);
  return {
    async query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>> {
      const parsed = parseName(name);
      if (!parsed.ok) return files.query(name, type, options); // the typed invalid-name answer
      const asked = parsed.name;
      const chain: CnameLink[] = [];
      let current = asked;
      for (;;) {
        if (files.isInside(current)) {
          const step = files.walk(current, type, options);
          if (step.kind !== 'leaves') return afterChain(asked, chain, step);
          chain.push(...step.cnameChain); // at least one link: `current` is inside the files
          const problem = chainProblem(asked, chain);
          if (problem !== null) return { kind: 'failure', name: asked, type, cnameChain: chain, ...problem };
          current = step.target;
        }
        const answer = await live.query(current, type, options);
        const entry = answer.cnameChain.findIndex((link) => files.isInside(link.target));
        if (entry < 0) return afterChain(asked, chain, answer);
        chain.push(...answer.cnameChain.slice(0, entry + 1));
        const problem = chainProblem(asked, chain);
        if (problem !== null) return { kind: 'failure', name: asked, type, cnameChain: chain, ...problem };
        current = answer.cnameChain[entry]!.target;
      }
    },
  };
}
