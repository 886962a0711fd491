// A record's terms as nodes of the expanded tree, before the walk counts anything: each node paired
// with the parsed term it stands for (the walk reads the one and writes the other), and the terms
// receivers never evaluate marked (RFC 7208 §4.6, §5.1, §6.1).
import { specTarget } from './expand-fetch.js';
import type {
  AllNode,
  ANode,
  ExistsNode,
  ExpNode,
  IncludeNode,
  IpNode,
  MxNode,
  PtrNode,
  RedirectNode,
  SpfTermNode,
  UnknownModifierNode,
} from './expand-types.js';
import type {
  AllMechanism,
  AMechanism,
  ExistsMechanism,
  ExpModifier,
  IncludeMechanism,
  Ip4Mechanism,
  Ip6Mechanism,
  MacroString,
  Mechanism,
  MxMechanism,
  PtrMechanism,
  RedirectModifier,
  SpfRecord,
  Term,
  UnknownModifier,
} from './types.js';

/** RFC 7208 §5.1: mechanisms after `all` are never tested; §6.1: `redirect` is ignored when `all` is present. */
export function markIgnored(record: SpfRecord, pairs: Map<Term, TermPair>): void {
  let afterAll = false;
  for (const m of record.mechanisms) {
    if (afterAll) markNotEvaluated(pairs.get(m)?.node, 'after-all');
    if (m.mechanism === 'all') afterAll = true;
  }
  if (afterAll && record.redirect) markNotEvaluated(pairs.get(record.redirect)?.node, 'redirect-with-all');
}

export function markNotEvaluated(t: SpfTermNode | undefined, reason: NonNullable<SpfTermNode['ignoredReason']>): void {
  if (!t) return;
  t.evaluated = false;
  t.ignoredReason = reason;
}

/** A parsed term and its node, paired by kind: the walk reads the one and writes the other. */
export type TermPair =
  | { name: 'all'; term: AllMechanism; node: AllNode }
  | { name: 'include'; term: IncludeMechanism; node: IncludeNode }
  | { name: 'a'; term: AMechanism; node: ANode }
  | { name: 'mx'; term: MxMechanism; node: MxNode }
  | { name: 'ptr'; term: PtrMechanism; node: PtrNode }
  | { name: 'ip4'; term: Ip4Mechanism; node: IpNode }
  | { name: 'ip6'; term: Ip6Mechanism; node: IpNode }
  | { name: 'exists'; term: ExistsMechanism; node: ExistsNode }
  | { name: 'redirect'; term: RedirectModifier; node: RedirectNode }
  | { name: 'exp'; term: ExpModifier; node: ExpNode }
  | { name: 'unknown'; term: UnknownModifier; node: UnknownModifierNode };

/** The terms receivers evaluate in order while matching: every mechanism, and `redirect`. */
export type InOrderPair = Exclude<TermPair, { name: 'exp' | 'unknown' }>;

/** A term's node as parsed, before the walk: nothing counted, nothing asked. */
export function termPair(term: Term, domain: string): TermPair {
  const { text, position } = term;
  if (term.kind === 'modifier') {
    switch (term.modifier) {
      case 'redirect': {
        const { target, macro } = targetOf(term.domain, domain);
        const node: RedirectNode = {
          kind: 'modifier', modifier: 'redirect', name: 'redirect', text, position, evaluated: true, ignoredReason: null, runningTotal: null, pastLimit: false,
          target, macro, lookup: null, beyondLimit: false, void: false, voidNumber: null, beyondVoidLimit: false, child: null,
        };
        return { name: 'redirect', term, node };
      }
      case 'exp': {
        const { target, macro } = targetOf(term.domain, domain);
        return { name: 'exp', term, node: { kind: 'modifier', modifier: 'exp', name: 'exp', text, position, evaluated: false, ignoredReason: null, target, macro } };
      }
      case 'unknown':
        return { name: 'unknown', term, node: { kind: 'modifier', modifier: 'unknown', name: term.name, text, position, evaluated: false, ignoredReason: null } };
    }
  }
  const { qualifier } = term;
  switch (term.mechanism) {
    case 'all':
      return { name: 'all', term, node: { kind: 'mechanism', name: 'all', text, position, evaluated: true, ignoredReason: null, runningTotal: null, pastLimit: false, qualifier } };
    case 'ip4':
      return { name: 'ip4', term, node: { kind: 'mechanism', name: 'ip4', text, position, evaluated: true, ignoredReason: null, runningTotal: null, pastLimit: false, qualifier, ranges: [] } };
    case 'ip6':
      return { name: 'ip6', term, node: { kind: 'mechanism', name: 'ip6', text, position, evaluated: true, ignoredReason: null, runningTotal: null, pastLimit: false, qualifier, ranges: [] } };
    case 'ptr': {
      const { target, macro } = targetOf(term.domain, domain);
      const node: PtrNode = {
        kind: 'mechanism', name: 'ptr', text, position, evaluated: true, ignoredReason: null, runningTotal: null, pastLimit: false, qualifier,
        target, macro, lookup: null, beyondLimit: false,
      };
      return { name: 'ptr', term, node };
    }
    case 'include':
      return { name: 'include', term, node: Object.assign(asking(term, domain, 'include'), { child: null }) };
    case 'exists':
      return { name: 'exists', term, node: Object.assign(asking(term, domain, 'exists'), { failure: null, exists: null }) };
    case 'a':
      return { name: 'a', term, node: Object.assign(asking(term, domain, 'a'), { failure: null, hosts: null, ranges: [] }) };
    case 'mx': {
      const node: MxNode = Object.assign(asking(term, domain, 'mx'), { failure: null, hosts: null, ranges: [], mxNames: null, mxOverLimit: false });
      return { name: 'mx', term, node };
    }
  }
}

/**
 * The fields of a DNS-querying mechanism whose own question may be void (RFC 7208 §4.6.4), as parsed:
 * not counted, not asked. (Written as one literal: a node made by spreading several shared parts costs
 * several times as much to make and to fill in.)
 */
function asking<N extends 'include' | 'a' | 'mx' | 'exists'>(term: Mechanism & { domain: MacroString | null }, domain: string, name: N) {
  const { target, macro } = targetOf(term.domain, domain);
  return {
    kind: 'mechanism', name, text: term.text, position: term.position, evaluated: true, ignoredReason: null, runningTotal: null, pastLimit: false, qualifier: term.qualifier,
    target, macro, lookup: null, beyondLimit: false, void: false, voidNumber: null, beyondVoidLimit: false,
  } as const;
}

/** The domain a term names: its domain-spec expanded for `domain`, or `domain` when it has none; null with macros. */
function targetOf(spec: MacroString | null, domain: string): { target: string | null; macro: boolean } {
  const target = specTarget(spec, domain);
  return { target, macro: target === null };
}
