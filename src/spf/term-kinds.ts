// Which kinds of term a term node is, for code that walks terms of every kind (the tree's renderer and
// JSON, the walks over a tree's ranges and records): each narrows to the kinds that hold the fields.
import type { ANode, FollowNode, MxNode, InOrderNode, LookupNode, RangeNode, RedirectNode, SpfTermNode, SpfTreeNode, VoidNode } from './expand-types.js';

/** Every mechanism, and `redirect`: the terms receivers evaluate in order while matching. */
export function isInOrder(t: SpfTermNode): t is InOrderNode {
  return t.kind === 'mechanism' || t.modifier === 'redirect';
}

/** RFC 7208 §6.1 `redirect=`. */
export function isRedirect(t: SpfTermNode): t is RedirectNode {
  return t.kind === 'modifier' && t.modifier === 'redirect';
}

/** `include` and `redirect`: the terms that lead to another record. */
export function isFollow(t: SpfTermNode): t is FollowNode {
  return t.kind === 'mechanism' ? t.name === 'include' : t.modifier === 'redirect';
}

/** RFC 7208 §4.6.4: include, a, mx, ptr, exists and redirect cost one DNS lookup each. */
export function isLookup(t: SpfTermNode): t is LookupNode {
  if (t.kind === 'modifier') return t.modifier === 'redirect';
  return t.name !== 'all' && t.name !== 'ip4' && t.name !== 'ip6';
}

/** include, a, mx, exists and redirect: the terms whose own DNS question may be void (RFC 7208 §4.6.4). */
export function isVoidCounted(t: SpfTermNode): t is VoidNode {
  return isLookup(t) && !(t.kind === 'mechanism' && t.name === 'ptr');
}

/** `ip4`/`ip6`, and `a`/`mx` through their hosts: the terms that match address blocks. */
export function isRange(t: SpfTermNode): t is RangeNode {
  return t.kind === 'mechanism' && (t.name === 'ip4' || t.name === 'ip6' || t.name === 'a' || t.name === 'mx');
}

/** `a` and `mx`: the terms that look up hosts' addresses. */
export function isHostTerm(t: SpfTermNode): t is ANode | MxNode {
  return t.kind === 'mechanism' && (t.name === 'a' || t.name === 'mx');
}

/** The record an `include` or `redirect` leads to, when followed; null for every other term. */
export function childOf(t: SpfTermNode): SpfTreeNode | null {
  return isFollow(t) ? t.child : null;
}
