// Walking the expanded tree: every node in evaluation order, with the term that led to it.
import type { FollowNode, SpfTreeNode } from './expand-types.js';
import { isFollow, isRedirect } from './term-kinds.js';

export interface NodeVisit {
  node: SpfTreeNode;
  /** The include/redirect term in the parent that led here; null for the root. */
  via: { parent: SpfTreeNode; term: FollowNode } | null;
  /** True for the root and the nodes reached from it through redirects only: their result is the domain's. */
  topLevel: boolean;
}

/** Every node, depth first in evaluation order (an include's record before the terms after it). */
export function walkTree(root: SpfTreeNode): NodeVisit[] {
  const out: NodeVisit[] = [];
  const visit = (node: SpfTreeNode, via: NodeVisit['via'], topLevel: boolean): void => {
    out.push({ node, via, topLevel });
    // RFC 7208 §6.1: redirect is evaluated after every mechanism, wherever it is written
    const ordered = [...node.terms.filter((t) => !isRedirect(t)), ...node.terms.filter(isRedirect)];
    for (const term of ordered) {
      if (isFollow(term) && term.child) visit(term.child, { parent: node, term }, topLevel && isRedirect(term));
    }
  };
  visit(root, null, true);
  return out;
}
