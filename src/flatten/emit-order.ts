// From segments of decided addresses to the terms that claim them. Each segment gets the fewest CIDR
// terms that give each of its addresses its result (optimal-rules.ts: addresses an earlier term decided
// are don't-care, RFC 7208 §4.6.2; in the last segment the final `all`, or neutral without one, §4.7,
// needs no terms). The terms are then ordered so that a block comes before any block containing it,
// with terms of one qualifier kept next to each other where the containment allows: each run of one
// qualifier can move to a chained record behind a single include.
import { addressBits, formatAddress } from '../net/cidr-address.js';
import type { Cidr } from '../net/cidr.js';
import type { Qualifier } from '../spf/types.js';
import { FAMILIES, familyKey, noAddresses, unionSets, type FamilySets } from './family-sets.js';
import { QUALIFIERS, type ClassSets, type Linearization } from './linearize.js';
import { optimalRules, type Rule } from './optimal-rules.js';
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

interface Placed extends Rule {
  /** Blocks inside this one still to be written before it. */
  waiting: number;
  parentRef: Placed | null;
}

function byAddress(a: Cidr, b: Cidr): number {
  return a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : a.prefix - b.prefix);
}

/**
 * Runs in an order where every block precedes the blocks that contain it (else it would never be
 * reached). Greedy: take the qualifier with the most ready blocks that some other block waits for
 * (blocks inside no other can wait for the end at no cost), then the most ready blocks, and stay with
 * it while any is ready.
 */
function orderRuns(rules: readonly Placed[]): Run[] {
  const ready = new Map<Qualifier, Placed[]>(QUALIFIERS.map((q) => [q, []]));
  for (const r of rules) if (r.waiting === 0) ready.get(r.qualifier)!.push(r);
  const runs: Run[] = [];
  let left = rules.length;
  while (left > 0) {
    const score = (x: Qualifier): number => {
      const list = ready.get(x)!;
      return list.filter((r) => r.parentRef !== null).length * (rules.length + 1) + list.length;
    };
    const q = QUALIFIERS.reduce((best, x) => (score(x) > score(best) ? x : best), QUALIFIERS[0]!);
    const run: Run = { qualifier: q, cidrs: [] };
    for (let batch = ready.get(q)!; batch.length > 0; batch = ready.get(q)!) {
      ready.set(q, []);
      for (const r of batch) {
        run.cidrs.push(r.cidr);
        left--;
        const p = r.parentRef;
        if (p && --p.waiting === 0) ready.get(p.qualifier)!.push(p);
      }
    }
    if (run.cidrs.length === 0) throw new Error('orderRuns: containment cycle');
    run.cidrs.sort(byAddress);
    runs.push(run);
  }
  return runs;
}

/** The runs of one segment: the fewest terms, in an order that keeps qualifiers together. */
export function segmentRuns(classes: ClassSets, decidedBefore: FamilySets, fallThrough: Qualifier | null): Run[] {
  const placed: Placed[] = [];
  for (const family of FAMILIES) {
    const key = familyKey(family);
    const rules = optimalRules(family, {
      classes: { '+': classes['+'][key], '-': classes['-'][key], '~': classes['~'][key], '?': classes['?'][key] },
      decidedBefore: decidedBefore[key],
      fallThrough,
    });
    const here: Placed[] = rules.map((r) => ({ ...r, waiting: 0, parentRef: null }));
    for (const p of here) {
      if (p.parent === null) continue;
      const parent = here[p.parent]!;
      p.parentRef = parent;
      parent.waiting++;
    }
    placed.push(...here);
  }
  return orderRuns(placed);
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
    const fallThrough = i === lastSegment ? finalClass(lin) : null;
    for (const run of segmentRuns(piece.classes, decided, fallThrough)) out.push({ kind: 'run', run });
    for (const q of QUALIFIERS) decided = unionSets(decided, piece.classes[q]);
  });
  return out;
}
