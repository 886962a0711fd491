// The expanded tree as the JSON reports show it (`authaudit spf --format json`'s `tree`, the audit's
// `spf.tree`): every node and every term with every field, in a fixed order, null (or false, or [])
// where a term has nothing to say, so that the output has one shape whatever the term.
import type { SpfTermNode, SpfTreeNode } from './expand-types.js';

export function treeJson(node: SpfTreeNode): Record<string, unknown> {
  return {
    domain: node.domain,
    via: node.via,
    path: node.path,
    depth: node.depth,
    status: node.status,
    noneReason: node.noneReason,
    record: node.record,
    records: node.records,
    recordSources: node.recordSources,
    stringLengths: node.stringLengths,
    answerBytes: node.answerBytes,
    ttl: node.ttl,
    source: node.source,
    cnameChain: node.cnameChain,
    failure: node.failure,
    parseErrors: node.parseErrors,
    loop: node.loop,
    occurrence: node.occurrence,
    type99: node.type99,
    terms: node.terms.map(termJson),
    lookups: node.lookups,
    subtreeLookups: node.subtreeLookups,
    voidLookups: node.voidLookups,
    subtreeVoidLookups: node.subtreeVoidLookups,
    lookupsBefore: node.lookupsBefore,
  };
}

function termJson(t: SpfTermNode): Record<string, unknown> {
  return {
    text: t.text,
    position: t.position,
    kind: t.kind,
    name: t.name,
    qualifier: t.qualifier,
    target: t.target,
    macro: t.macro,
    evaluated: t.evaluated,
    ignoredReason: t.ignoredReason,
    cost: t.cost,
    lookup: t.lookup,
    runningTotal: t.runningTotal,
    beyondLimit: t.beyondLimit,
    void: t.void,
    voidNumber: t.voidNumber,
    beyondVoidLimit: t.beyondVoidLimit,
    pastLimit: t.pastLimit,
    dependsOnIp: t.dependsOnIp,
    hosts: t.hosts,
    mxNames: t.mxNames,
    mxOverLimit: t.mxOverLimit,
    exists: t.exists,
    ranges: t.ranges,
    failure: t.failure,
    child: t.child === null ? null : treeJson(t.child),
  };
}
