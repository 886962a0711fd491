// The addresses that get SPF `pass` as receivers evaluate the expanded tree, limits enforced:
// terms are taken in evaluation order, the first match decides (RFC 7208 §4.6.2), and at the term
// whose lookup passes the limit of 10, or whose void lookup passes 2, every address not decided yet
// gets permerror (RFC 7208 §4.6.4). Terms that depend on the message (macros, `ptr`) are taken as
// not matching. (src/spf/expand-outcome.ts gives the same sets with the limits lifted.)
import { maxAddress, type IpFamily } from '../net/cidr-address.js';
import { parseCidr } from '../net/cidr.js';
import { RangeSet } from '../net/range-set.js';
import type { SpfTermNode, SpfTreeNode } from '../spf/expand-types.js';

export interface PassSets {
  ip4: RangeSet;
  ip6: RangeSet;
}

const FAMILIES: readonly IpFamily[] = [4, 6];
const key = (f: IpFamily): keyof PassSets => (f === 4 ? 'ip4' : 'ip6');
const none = (): PassSets => ({ ip4: RangeSet.empty(4), ip6: RangeSet.empty(6) });
const all = (): PassSets => ({
  ip4: RangeSet.fromIntervals(4, [{ first: 0n, last: maxAddress(4) }]),
  ip6: RangeSet.fromIntervals(6, [{ first: 0n, last: maxAddress(6) }]),
});

/** What evaluating one record gives: the addresses that pass, and whether evaluation ended in an error for the rest. */
interface RecordPass {
  pass: PassSets;
  /** Every address not yet decided got permerror or temperror: evaluation stops for them. */
  halted: boolean;
}

class Evaluation {
  pass = none();
  decided = none();

  /** `sets` match with a qualifier whose result is pass (`+`) or not. */
  match(sets: PassSets, passes: boolean): void {
    for (const f of FAMILIES) {
      const k = key(f);
      if (passes) this.pass[k] = this.pass[k].union(sets[k].difference(this.decided[k]));
      this.decided[k] = this.decided[k].union(sets[k]);
    }
  }

  /** Every address not decided yet gets the result. */
  rest(passes: boolean): void {
    this.match(all(), passes);
  }
}

function termSets(t: SpfTermNode): PassSets {
  const sets = none();
  for (const text of t.ranges) {
    const cidr = parseCidr(text);
    if (cidr) sets[key(cidr.family)] = sets[key(cidr.family)].add(cidr);
  }
  return sets;
}

function evaluate(node: SpfTreeNode): RecordPass {
  // none, several records, a failed fetch, a loop, a cut tree, a syntax error: no address passes
  // and evaluation ends in none/permerror/temperror (RFC 7208 §4.4, §4.5, §4.6)
  if (node.status !== 'record' || node.parseErrors.length > 0) return { pass: none(), halted: true };
  const ev = new Evaluation();
  const halt = (): RecordPass => ({ pass: ev.pass, halted: true });
  for (const t of node.terms) {
    if (!t.evaluated || t.kind !== 'mechanism') continue;
    if (t.beyondLimit) return halt(); // RFC 7208 §4.6.4: permerror instead of this lookup
    const passes = t.qualifier === '+' || t.qualifier === null;
    if (t.macro || t.dependsOnIp) {
      if (t.beyondVoidLimit) return halt();
      continue;
    }
    if (t.failure) return halt(); // RFC 7208 §4.4: temperror
    switch (t.name) {
      case 'ip4':
      case 'ip6':
      case 'a':
        ev.match(termSets(t), passes);
        break;
      case 'mx':
        if (t.mxOverLimit) return halt(); // RFC 7208 §4.6.4
        ev.match(termSets(t), passes);
        break;
      case 'exists':
        if (t.exists) {
          ev.rest(passes);
          return { pass: ev.pass, halted: false };
        }
        break;
      case 'all':
        ev.rest(passes);
        return { pass: ev.pass, halted: false };
      case 'include': {
        if (!t.child) return halt();
        // RFC 7208 §5.2: the include matches where the target passes; an error there is the result
        const inner = evaluate(t.child);
        ev.match(inner.pass, passes);
        if (inner.halted) return halt();
        break;
      }
    }
    if (t.beyondVoidLimit) return halt(); // this lookup was the third void one
  }
  const redirect = node.terms.find((t) => t.evaluated && t.name === 'redirect');
  if (redirect) {
    if (redirect.beyondLimit || !redirect.child) return halt();
    // RFC 7208 §6.1: the target's result is the result
    const inner = evaluate(redirect.child);
    ev.match(inner.pass, true);
    if (inner.halted) return halt();
  }
  ev.rest(false); // RFC 7208 §4.7: neutral
  return { pass: ev.pass, halted: false };
}

/** The addresses that get `pass` from the tree rooted at `root`, as receivers evaluate it. */
export function enforcedPassSets(root: SpfTreeNode): PassSets {
  return evaluate(root).pass;
}
