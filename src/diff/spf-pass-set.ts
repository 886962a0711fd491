// The addresses that get SPF `pass` as receivers evaluate the expanded tree, limits enforced:
// terms are taken in evaluation order, the first match decides (RFC 7208 §4.6.2), and at the term
// whose lookup passes the limit of 10, or whose void lookup passes 2, every address not decided yet
// gets permerror (RFC 7208 §4.6.4). Terms that depend on the message (macros, `ptr`) are taken as
// not matching. (src/spf/expand-outcome.ts gives the same sets with the limits lifted.)
import { Decider, nothing, termSets, type FamilySets } from '../spf/expand-outcome.js';
import type { SpfTreeNode } from '../spf/expand-types.js';

export type PassSets = FamilySets;

/** What evaluating one record gives: the addresses that pass, and whether evaluation ended in an error for the rest. */
interface RecordPass {
  pass: PassSets;
  /** Every address not yet decided got permerror or temperror: evaluation stops for them. */
  halted: boolean;
}

/**
 * First match decides (the same Decider as the limits-lifted outcome); only `pass` is read here, so
 * every other qualifier is recorded as `fail`, which stands for "decided, not pass".
 */
const resultOf = (passes: boolean) => (passes ? 'pass' : 'fail');

function evaluate(node: SpfTreeNode): RecordPass {
  // none, several records, a failed fetch, a loop, a cut tree, a syntax error: no address passes
  // and evaluation ends in none/permerror/temperror (RFC 7208 §4.4, §4.5, §4.6)
  if (node.status !== 'record' || node.parseErrors.length > 0) return { pass: nothing(), halted: true };
  const ev = new Decider();
  const halt = (): RecordPass => ({ pass: ev.out.pass, halted: true });
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
        ev.give(resultOf(passes), termSets(t));
        break;
      case 'mx':
        if (t.mxOverLimit) return halt(); // RFC 7208 §4.6.4
        ev.give(resultOf(passes), termSets(t));
        break;
      case 'exists':
        if (t.exists) {
          ev.rest(resultOf(passes));
          return { pass: ev.out.pass, halted: false };
        }
        break;
      case 'all':
        ev.rest(resultOf(passes));
        return { pass: ev.out.pass, halted: false };
      case 'include': {
        if (!t.child) return halt();
        // RFC 7208 §5.2: the include matches where the target passes; an error there is the result
        const inner = evaluate(t.child);
        ev.give(resultOf(passes), inner.pass);
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
    ev.give('pass', inner.pass);
    if (inner.halted) return halt();
  }
  ev.rest('neutral'); // RFC 7208 §4.7
  return { pass: ev.out.pass, halted: false };
}

/** The addresses that get `pass` from the tree rooted at `root`, as receivers evaluate it. */
export function enforcedPassSets(root: SpfTreeNode): PassSets {
  return evaluate(root).pass;
}
