// From segments of decided addresses to the terms that claim them. Within a segment the result classes
// are disjoint, so any order of classes is correct; each class is covered with the fewest CIDR blocks,
// using as don't-care every address an earlier term already decided (RFC 7208 §4.6.2: a receiver never
// reaches a later term for it). Every order of the classes is tried and the one with the fewest blocks
// wins. In the last segment the class equal to the final result (`all`'s qualifier, or neutral when there
// is no `all`, RFC 7208 §4.7) needs no terms at all.
import { formatAddress, addressBits } from '../net/cidr-address.js';
import type { Cidr } from '../net/cidr.js';
import type { Qualifier } from '../spf/types.js';
import { coverWithDontCare } from './cover.js';
import { intersectSets, isEmptySets, noAddresses, unionSets, type FamilySets } from './family-sets.js';
import { QUALIFIERS, type ClassSets, type Linearization } from './linearize.js';
import type { KeptTerm } from './types.js';

/** Terms of one qualifier, next to each other in the record. */
export interface Run {
  qualifier: Qualifier;
  cidrs: Cidr[];
}

export type EmitPiece = { kind: 'run'; run: Run } | { kind: 'kept'; term: KeptTerm };

/** `ip4:192.0.2.0/24`, `ip6:2001:db8::/32`; a single address is written without its prefix (RFC 7208 §5.6). */
export function cidrMechanism(cidr: Cidr): string {
  const address = formatAddress(cidr.family, cidr.first);
  const name = cidr.family === 4 ? 'ip4' : 'ip6';
  return cidr.prefix === addressBits(cidr.family) ? `${name}:${address}` : `${name}:${address}/${cidr.prefix}`;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

function textBytes(runs: readonly Run[]): number {
  return runs.reduce((n, r) => n + r.cidrs.reduce((m, c) => m + cidrMechanism(c).length + 1 + (r.qualifier === '+' ? 0 : 1), 0), 0);
}

function coverRun(q: Qualifier, must: FamilySets, dontCare: FamilySets): Run {
  return {
    qualifier: q,
    cidrs: [...coverWithDontCare(must.ip4, must.ip4.union(dontCare.ip4)), ...coverWithDontCare(must.ip6, must.ip6.union(dontCare.ip6))],
  };
}

function blocksSets(runs: readonly Run[]): FamilySets {
  let out = noAddresses();
  for (const r of runs) for (const c of r.cidrs) out = c.family === 4 ? { ...out, ip4: out.ip4.add(c) } : { ...out, ip6: out.ip6.add(c) };
  return out;
}

/** Runs for the classes in `order`, each covered with what was decided before it as don't-care. */
function runsInOrder(classes: ClassSets, order: readonly Qualifier[], decidedBefore: FamilySets): Run[] {
  let dontCare = decidedBefore;
  return order.map((q) => {
    const run = coverRun(q, classes[q], dontCare);
    dontCare = unionSets(dontCare, classes[q]);
    return run;
  });
}

/**
 * The runs of one segment in the best class order. In the last segment the final class (`drop`) needs no
 * terms; but writing the part of it that the other classes' blocks would swallow first can let those
 * blocks stay whole (`-ip4:192.0.2.4 ip4:192.0.2.0/24 -all` rather than eight blocks).
 */
function segmentRuns(classes: ClassSets, decidedBefore: FamilySets, drop: Qualifier | null): Run[] {
  const present = QUALIFIERS.filter((q) => q !== drop && !isEmptySets(classes[q]));
  const candidates: Run[][] = [];
  for (const order of permutations(present)) {
    candidates.push(runsInOrder(classes, order, decidedBefore));
    if (drop !== null && !isEmptySets(classes[drop])) {
      const final = classes[drop];
      const loose = runsInOrder(classes, order, unionSets(decidedBefore, final));
      const swallowed = intersectSets(final, blocksSets(loose));
      if (!isEmptySets(swallowed)) candidates.push([coverRun(drop, swallowed, decidedBefore), ...runsInOrder(classes, order, unionSets(decidedBefore, swallowed))]);
    }
  }
  let best: Run[] = [];
  let bestCount = Infinity;
  let bestBytes = Infinity;
  for (const runs of candidates) {
    const count = runs.reduce((n, r) => n + r.cidrs.length, 0);
    const bytes = textBytes(runs);
    if (count < bestCount || (count === bestCount && bytes < bestBytes)) {
      best = runs;
      bestCount = count;
      bestBytes = bytes;
    }
  }
  return best;
}

/** The result class the end of the record gives to every address no term claimed. */
export function finalClass(lin: Linearization): Qualifier | null {
  switch (lin.final.kind) {
    case 'all':
      return lin.final.qualifier;
    case 'default':
      return '?';
    case 'redirect':
      return null;
  }
}

/** The pieces of the top record in order: runs of CIDR terms and kept terms. */
export function emitPieces(lin: Linearization): EmitPiece[] {
  const out: EmitPiece[] = [];
  let decided = noAddresses();
  const lastSegment = lin.pieces.map((p) => p.kind).lastIndexOf('segment');
  lin.pieces.forEach((piece, i) => {
    if (piece.kind === 'kept') {
      out.push({ kind: 'kept', term: piece.term });
      return;
    }
    const drop = i === lastSegment ? finalClass(lin) : null;
    for (const run of segmentRuns(piece.classes, decided, drop)) if (run.cidrs.length > 0) out.push({ kind: 'run', run });
    for (const q of QUALIFIERS) decided = unionSets(decided, piece.classes[q]);
  });
  return out;
}
