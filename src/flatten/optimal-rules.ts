// The fewest CIDR terms that give every address of one segment its result, by dynamic programming over
// the binary trie of prefixes. In a first-match list of prefixes (RFC 7208 §4.6.2) a block written after
// a block containing it is never reached, so a shortest list is a longest-prefix table: the minimum is
// the ORTC optimum (Draves et al., "Constructing optimal IP routing tables", 1999), computed here with
// per-node costs for each label the block inherits, so that:
//   - addresses decided by earlier terms are don't-care (any label, a receiver never gets here);
//   - "no term matches" (go on to the next kept term, or to a kept redirect) is a label no term can write;
//   - in the last segment "no term matches" and the final `all` give the same result and merge.
import { addressBits } from '../net/cidr-address.js';
import type { IpFamily } from '../net/ip.js';
import type { Cidr } from '../net/cidr.js';
import type { RangeSet } from '../net/range-set.js';
import type { Qualifier } from '../spf/types.js';

/** Labels 0-3 are QUALIFIER_ORDER; 4 is "no term matches here". */
const QUALIFIER_ORDER: readonly Qualifier[] = ['+', '-', '~', '?'];
const NO_MATCH = 4;
const LABELS = 5;
const ALL = (1 << LABELS) - 1;
const WRITABLE = [0, 1, 2, 3];

export interface SegmentLabels {
  /** The addresses each result class claims in this segment (disjoint). */
  classes: Record<Qualifier, RangeSet>;
  /** Addresses decided before the segment: don't-care. */
  decidedBefore: RangeSet;
  /** In the last segment: the final result class (what an address no term claims gets), else null. */
  fallThrough: Qualifier | null;
}

export interface Rule {
  cidr: Cidr;
  qualifier: Qualifier;
  /** Index (in the returned list) of the nearest written block containing this one, or null. */
  parent: number | null;
}

interface Piece {
  first: bigint;
  last: bigint;
  mask: number;
}

/** The whole address space cut into intervals, each with the set of labels its addresses accept. */
function labelledPieces(family: IpFamily, seg: SegmentLabels): Piece[] {
  const undecided = seg.fallThrough === null ? 1 << NO_MATCH : (1 << NO_MATCH) | (1 << QUALIFIER_ORDER.indexOf(seg.fallThrough));
  const marks: { first: bigint; last: bigint; mask: number }[] = [];
  QUALIFIER_ORDER.forEach((q, i) => {
    const mask = q === seg.fallThrough ? undecided : 1 << i;
    for (const iv of seg.classes[q].intervals) marks.push({ ...iv, mask });
  });
  for (const iv of seg.decidedBefore.intervals) marks.push({ ...iv, mask: ALL });
  marks.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: Piece[] = [];
  let next = 0n;
  const max = (1n << BigInt(addressBits(family))) - 1n;
  for (const m of marks) {
    if (m.first > next) out.push({ first: next, last: m.first - 1n, mask: undecided });
    out.push(m);
    next = m.last + 1n;
  }
  if (next <= max) out.push({ first: next, last: max, mask: undecided });
  return out;
}

interface Node {
  first: bigint;
  prefix: number;
  /** Leaf: the labels every address of the block accepts. */
  mask: number | null;
  children: [Node, Node] | null;
  /** cost[l]: fewest terms in this block when the nearest written block around it gives label l. */
  cost: number[];
  /** The label of the block written here when writing one is cheapest, and its cost. */
  writeLabel: number;
  writeCost: number;
}

function leafCost(mask: number): { cost: number[]; writeLabel: number; writeCost: number } {
  const writable = WRITABLE.find((l) => (mask & (1 << l)) !== 0);
  const cost = Array.from({ length: LABELS }, (_, l) => ((mask & (1 << l)) !== 0 ? 0 : writable === undefined ? Infinity : 1));
  return { cost, writeLabel: writable ?? 0, writeCost: writable === undefined ? Infinity : 1 };
}

export function optimalRules(family: IpFamily, seg: SegmentLabels): Rule[] {
  const pieces = labelledPieces(family, seg);
  const bits = addressBits(family);
  // the index of the piece holding `address` (pieces are sorted and tile the space)
  const pieceAt = (address: bigint): number => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid]!.first <= address) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const build = (first: bigint, prefix: number): Node => {
    const last = first + (1n << BigInt(bits - prefix)) - 1n;
    const piece = pieces[pieceAt(first)]!;
    if (piece.last >= last) return { first, prefix, mask: piece.mask, children: null, ...leafCost(piece.mask) };
    const half = 1n << BigInt(bits - prefix - 1);
    const a = build(first, prefix + 1);
    const b = build(first + half, prefix + 1);
    let writeLabel = 0;
    let writeCost = Infinity;
    for (const l of WRITABLE) {
      const c = 1 + a.cost[l]! + b.cost[l]!;
      if (c < writeCost) {
        writeCost = c;
        writeLabel = l;
      }
    }
    const cost = Array.from({ length: LABELS }, (_, l) => Math.min(a.cost[l]! + b.cost[l]!, writeCost));
    return { first, prefix, mask: null, children: [a, b], cost, writeLabel, writeCost };
  };
  const root = build(0n, 0);
  if (!Number.isFinite(root.cost[NO_MATCH]!)) throw new Error('optimalRules: an address that no term may claim lies inside one that must be claimed');

  const rules: Rule[] = [];
  const emit = (node: Node, inherited: number, parent: number | null): void => {
    if (node.children === null) {
      if ((node.mask! & (1 << inherited)) !== 0) return;
      rules.push({ cidr: { family, first: node.first, prefix: node.prefix }, qualifier: QUALIFIER_ORDER[node.writeLabel]!, parent });
      return;
    }
    const [a, b] = node.children;
    // not writing a block here is preferred when it costs the same
    if (a.cost[inherited]! + b.cost[inherited]! <= node.writeCost) {
      emit(a, inherited, parent);
      emit(b, inherited, parent);
      return;
    }
    rules.push({ cidr: { family, first: node.first, prefix: node.prefix }, qualifier: QUALIFIER_ORDER[node.writeLabel]!, parent });
    const self = rules.length - 1;
    emit(a, node.writeLabel, self);
    emit(b, node.writeLabel, self);
  };
  emit(root, NO_MATCH, null);
  return rules;
}
