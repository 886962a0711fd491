// What SPF work remembers from one question to the next within a run. A run is everything asked
// through one Resolver object: an audit asks all its domains through one caching resolver, so they
// share this state; two audits over two resolvers share nothing, and a run's state goes when its
// resolver goes. Everything kept is a pure function of its key (a name, an address as written with
// its prefix, a subtree's whole evaluation program), so sharing it changes no answer; each memo is
// bounded.
import type { Resolver } from '../dns/types.js';
import { parseIp, unmapIp4, type IpAddress } from '../net/ip.js';
import { isQueryableName } from './check-host-names.js';
import { termBlock, type TermBlock } from './expand-ranges.js';
import { OutcomeMemo } from './expand-outcome.js';

const MEMO_ENTRIES = 10_000;

export class SpfRun {
  /** Subtree outcomes (expand-outcome.ts), by the subtree's program key, derived from what it stands for. */
  readonly outcomes = new OutcomeMemo();
  private readonly names = new Map<string, boolean>();
  private readonly addresses = new Map<string, IpAddress | null>();
  private readonly blocks = new Map<string, TermBlock | null>();

  /** `isQueryableName(name)`: the same records name the same hosts check after check. */
  queryable(name: string): boolean {
    return remember(this.names, name, isQueryableName);
  }

  /** An address as written, IPv4-mapped IPv6 read as IPv4 (RFC 7208 §5); null when it is not one. */
  address(text: string): IpAddress | null {
    return remember(this.addresses, text, addressOf);
  }

  /** `termBlock(address, prefix)`: the same hosts' addresses come back tree after tree. */
  block(address: string, prefix: number): TermBlock | null {
    return remember(this.blocks, `${address}/${prefix}`, () => termBlock(address, prefix));
  }
}

function addressOf(text: string): IpAddress | null {
  const parsed = parseIp(text);
  return parsed ? unmapIp4(parsed) : null;
}

/** `make(key)`, made once per key (V never undefined). */
function remember<K, V>(memo: Map<K, V>, key: K, make: (key: K) => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    value = make(key);
    memo.set(key, value);
  }
  return value;
}

const runs = new WeakMap<Resolver, SpfRun>();

/** The run of everything asked through `resolver`. */
export function spfRun(resolver: Resolver): SpfRun {
  let run = runs.get(resolver);
  if (!run) {
    run = new SpfRun();
    runs.set(resolver, run);
  }
  return run;
}
