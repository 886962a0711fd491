// The expanded tree as the JSON reports show it (`authaudit spf --format json`'s `tree`, the audit's
// `spf.tree`): every node and every term with every field, in a fixed order, null (or false, or [])
// where a term of its kind has no such field, so that the output has one shape whatever the term.
import type { DnsProblem, ResolvedHost, SpfTermNode, SpfTreeNode } from './expand-types.js';
import type { Qualifier } from './types.js';
import { isLookup } from './term-kinds.js';

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

/**
 * A term as the JSON shows it: every field of every kind of term, each holding what the term says, or
 * null (false, []) when its kind has no such field. `child` is still the node (`treeJson` writes it).
 */
export interface TermView {
  text: string;
  position: number;
  kind: SpfTermNode['kind'];
  name: string;
  qualifier: Qualifier | null;
  target: string | null;
  macro: boolean;
  evaluated: boolean;
  ignoredReason: SpfTermNode['ignoredReason'];
  /** RFC 7208 §4.6.4: what the term itself costs (1 for include a mx ptr exists redirect). */
  cost: 0 | 1;
  lookup: number | null;
  runningTotal: number | null;
  beyondLimit: boolean;
  void: boolean;
  voidNumber: number | null;
  beyondVoidLimit: boolean;
  pastLimit: boolean;
  /** RFC 7208 §5.5: an evaluated `ptr` asks about the connecting address. */
  dependsOnIp: boolean;
  hosts: ResolvedHost[] | null;
  mxNames: number | null;
  mxOverLimit: boolean;
  exists: boolean | null;
  ranges: readonly string[];
  failure: DnsProblem | null;
  child: SpfTreeNode | null;
}

/** What a term of a kind without the field shows for it. */
const NOTHING = {
  qualifier: null,
  target: null,
  macro: false,
  lookup: null,
  runningTotal: null,
  beyondLimit: false,
  void: false,
  voidNumber: null,
  beyondVoidLimit: false,
  pastLimit: false,
  hosts: null,
  mxNames: null,
  mxOverLimit: false,
  exists: null,
  ranges: [],
  failure: null,
  child: null,
} as const;

export function termView(term: SpfTermNode): TermView {
  // Each field read where it is, else NOTHING's (what `{ ...NOTHING, ...term }` gives, without copying
  // every term into a spread object first: this runs for every term of every tree a report prints,
  // and was the audit JSON's largest cost in a profile of a bulk scan).
  const t = term as unknown as Readonly<Record<keyof typeof NOTHING, unknown>>;
  const get = <K extends keyof typeof NOTHING>(key: K): TermView[K] => (key in term ? t[key] : NOTHING[key]) as TermView[K];
  return {
    text: term.text,
    position: term.position,
    kind: term.kind,
    name: term.name,
    qualifier: get('qualifier'),
    target: get('target'),
    macro: get('macro'),
    evaluated: term.evaluated,
    ignoredReason: term.ignoredReason,
    cost: isLookup(term) ? 1 : 0,
    lookup: get('lookup'),
    runningTotal: get('runningTotal'),
    beyondLimit: get('beyondLimit'),
    void: get('void'),
    voidNumber: get('voidNumber'),
    beyondVoidLimit: get('beyondVoidLimit'),
    pastLimit: get('pastLimit'),
    dependsOnIp: term.kind === 'mechanism' && term.name === 'ptr' && term.evaluated,
    hosts: get('hosts'),
    mxNames: get('mxNames'),
    mxOverLimit: get('mxOverLimit'),
    exists: get('exists'),
    ranges: get('ranges'),
    failure: get('failure'),
    child: get('child'),
  };
}

function termJson(term: SpfTermNode): Record<string, unknown> {
  const view = termView(term);
  return { ...view, child: view.child === null ? null : treeJson(view.child) };
}
