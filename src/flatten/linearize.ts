// Turn the expanded include/redirect tree into one list in evaluation order, as check_host() meets it
// (RFC 7208 §4.6.2: first match wins; §5.2: an include matches only when its record gives pass; §6.1:
// redirect continues the evaluation in the target). The list alternates *segments* (addresses each
// result word claims, decided exactly) and *kept terms* (whose match depends on the message: `exists`,
// `ptr`, macros, and includes named with --keep). A kept term fixes the order around it.
//
// Inside an include, a term whose qualifier is not `+` does not decide anything: its addresses only end
// that include's evaluation (they go on with the terms after the include). Such addresses are *skipped*
// within the include's scope. A kept term can be moved up only when nothing is skipped around it and a
// match there would decide the top result; otherwise the whole include is kept instead.
import { nameKey } from '../model/names.js';
import { parseSpfRecord } from '../spf/parse.js';
import { RFC7208_LIMITS } from '../spf/limits.js';
import type { IncludeNode, RedirectNode, SpfTermNode, SpfTreeNode } from '../spf/expand-types.js';
import { isLookup, isRedirect } from '../spf/term-kinds.js';
import type { ExpModifier, Mechanism, Qualifier, RedirectModifier, Term } from '../spf/types.js';
import { allAddresses, differenceSets, isEmptySets, noAddresses, setsOfCidrTexts, unionSets, type FamilySets } from './family-sets.js';
import { rewriteMechanism, rewriteModifier } from './rewrite-term.js';
import type { FlattenRefusal, KeptTerm } from './types.js';

export const QUALIFIERS: readonly Qualifier[] = ['+', '-', '~', '?'];

/** What a matching term does: decide the top result, or end the evaluation of an enclosing include. */
export type Action = { kind: 'decide'; qualifier: Qualifier } | { kind: 'skip'; scope: number };

export type ClassSets = Record<Qualifier, FamilySets>;

export type LinearPiece = { kind: 'segment'; classes: ClassSets } | { kind: 'kept'; term: KeptTerm };

/** How the top record ends. */
export type FinalTerm =
  | { kind: 'all'; qualifier: Qualifier }
  /** A redirect that could not be flattened, kept as the last term. */
  | { kind: 'redirect'; kept: KeptTerm }
  /** No `all`, no redirect: neutral (RFC 7208 §4.7). */
  | { kind: 'default' };

export interface FrozenRef {
  name: string;
  via: 'include' | 'redirect' | 'a' | 'mx';
  ranges: number;
}

export interface Linearization {
  /** Segments and kept terms; the first and the last piece are segments (possibly empty). */
  pieces: LinearPiece[];
  final: FinalTerm;
  /** The `exp=` modifier for the top record, or null. */
  exp: string | null;
  frozen: FrozenRef[];
  refusals: FlattenRefusal[];
  warnings: string[];
}

type WalkResult = { ok: true } | { ok: false; kind: 'keep' | 'broken'; refusal: FlattenRefusal };

interface TopNode {
  domain: string;
  exp: ExpModifier | null;
}

function emptyClasses(): ClassSets {
  return { '+': noAddresses(), '-': noAddresses(), '~': noAddresses(), '?': noAddresses() };
}

function parsedTerms(node: SpfTreeNode): Map<number, Term> {
  const parsed = parseSpfRecord(node.record ?? '');
  const terms = parsed.ok ? parsed.record.terms : parsed.partial.terms;
  return new Map(terms.map((t) => [t.position, t]));
}

/** Why a node's record cannot be evaluated to a result other than an error, or null. */
function brokenReason(node: SpfTreeNode): string | null {
  switch (node.status) {
    case 'none':
      return `${node.domain} has no SPF record (${node.noneReason ?? 'none'}): receivers give permerror (RFC 7208 §5.2, §6.1)`;
    case 'multiple':
      return `${node.domain} has ${node.records.length} SPF records: receivers give permerror (RFC 7208 §4.5)`;
    case 'failure':
      return `the TXT lookup for ${node.domain} failed (${node.failure?.failure ?? 'failure'}): receivers give temperror (RFC 7208 §4.4)`;
    case 'loop':
      return `include/redirect loop ${(node.loop ?? [node.domain]).join(' -> ')}: receivers give permerror (RFC 7208 §4.6.4)`;
    case 'truncated':
      return `the tree was cut at ${node.domain} (too many domains or nodes): it cannot be flattened whole`;
    case 'record':
      break;
  }
  if (node.parseErrors.length > 0) {
    const first = node.parseErrors[0];
    return `the record of ${node.domain} has a syntax error${first ? ` at position ${first.position}: ${first.message}` : ''}: receivers give permerror (RFC 7208 §4.6)`;
  }
  return null;
}

class Linearizer {
  private decided = noAddresses();
  private pieces: LinearPiece[] = [{ kind: 'segment', classes: emptyClasses() }];
  private scopes: FamilySets[] = [];
  private frozen: FrozenRef[] = [];
  private readonly failFrom = new Set<number>();
  private readonly topChain: TopNode[] = [];
  private currentTop = 0;
  final: FinalTerm = { kind: 'default' };
  readonly warnings: string[] = [];

  constructor(
    private readonly rootDomain: string,
    private readonly keep: ReadonlySet<string>,
  ) {}

  result(walk: WalkResult): Linearization {
    return {
      pieces: this.pieces,
      final: this.final,
      exp: walk.ok ? this.chooseExp() : null,
      frozen: this.frozen,
      refusals: walk.ok ? [] : [walk.refusal],
      warnings: this.warnings,
    };
  }

  private snapshot() {
    return {
      decided: this.decided,
      pieces: this.pieces.map((p): LinearPiece => (p.kind === 'segment' ? { kind: 'segment', classes: { ...p.classes } } : p)),
      scopes: [...this.scopes],
      frozen: this.frozen.length,
      failFrom: new Set(this.failFrom),
      final: this.final,
      topChain: this.topChain.length,
      currentTop: this.currentTop,
    };
  }

  private restore(s: ReturnType<Linearizer['snapshot']>): void {
    this.decided = s.decided;
    this.pieces = s.pieces;
    this.scopes = s.scopes;
    this.frozen.length = s.frozen;
    this.failFrom.clear();
    for (const i of s.failFrom) this.failFrom.add(i);
    this.final = s.final;
    this.topChain.length = s.topChain;
    this.currentTop = s.currentTop;
  }

  private segment(): ClassSets {
    const last = this.pieces[this.pieces.length - 1];
    if (last?.kind !== 'segment') throw new Error('linearize: the last piece is always a segment');
    return last.classes;
  }

  private skippedNow(): FamilySets {
    return this.scopes.reduce(unionSets, noAddresses());
  }

  /** RFC 7208 §4.6.2: only addresses no earlier term decided (or ended the include for) are affected. */
  private apply(action: Action, sets: FamilySets): void {
    const fresh = differenceSets(differenceSets(sets, this.decided), this.skippedNow());
    if (isEmptySets(fresh)) return;
    if (action.kind === 'skip') {
      this.scopes[action.scope] = unionSets(this.scopes[action.scope] ?? noAddresses(), fresh);
      return;
    }
    const classes = this.segment();
    classes[action.qualifier] = unionSets(classes[action.qualifier], fresh);
    this.decided = unionSets(this.decided, fresh);
    if (action.qualifier === '-') this.failFrom.add(this.currentTop);
  }

  private keepTerm(node: SpfTreeNode, t: SpfTermNode, text: string | null, action: Action, reason: KeptTerm['reason'], lookups: number): WalkResult {
    const where = { domain: node.domain, term: t.text };
    if (action.kind !== 'decide') {
      return { ok: false, kind: 'keep', refusal: { ...where, message: `'${t.text}' in ${node.domain} can only end an include's evaluation (its qualifier is not '+'), which no term of the top record can express` } };
    }
    if (!isEmptySets(this.skippedNow())) {
      return { ok: false, kind: 'keep', refusal: { ...where, message: `'${t.text}' in ${node.domain} follows addresses that end its include early; moved up it would apply to them` } };
    }
    if (text === null) {
      return { ok: false, kind: 'keep', refusal: { ...where, message: `'${t.text}' in ${node.domain} depends on its record's domain in a way the top record cannot write (RFC 7208 §7.3 %{p})` } };
    }
    this.pieces.push({ kind: 'kept', term: { text, original: t.text, domain: node.domain, reason, lookups } });
    this.pieces.push({ kind: 'segment', classes: emptyClasses() });
    if (action.qualifier === '-') this.failFrom.add(this.currentTop);
    return { ok: true };
  }

  walk(node: SpfTreeNode, actionFor: (q: Qualifier) => Action, top: boolean): WalkResult {
    const broken = brokenReason(node);
    if (broken) return { ok: false, kind: 'broken', refusal: { domain: node.domain, term: null, message: broken } };
    const terms = parsedTerms(node);
    if (top) this.topChain[this.currentTop] = { domain: node.domain, exp: findExp(terms) };
    for (const t of node.terms) {
      if (!t.evaluated || t.kind !== 'mechanism') continue;
      const q = t.qualifier;
      const term = terms.get(t.position) as Mechanism | undefined;
      if (!term) continue;
      const failure = t.name === 'a' || t.name === 'mx' || t.name === 'exists' ? t.failure : null;
      if (failure) {
        const message = `'${t.text}' in ${node.domain}: DNS lookup ${failure.name} ${failure.type} failed (${failure.failure}): receivers give temperror (RFC 7208 §5)`;
        return { ok: false, kind: 'broken', refusal: { domain: node.domain, term: t.text, message } };
      }
      // RFC 7208 §4.6.4: a kept term costs its own lookup, if it asks DNS
      const moved = (reason: KeptTerm['reason']): WalkResult =>
        this.keepTerm(node, t, rewriteMechanism(term, node.domain, this.rootDomain, actionQualifier(actionFor(q))), actionFor(q), reason, isLookup(t) ? 1 : 0);
      let r: WalkResult = { ok: true };
      if (isLookup(t) && t.macro) r = moved('macro');
      else if (t.name === 'ptr') r = moved('ptr');
      else if (t.name === 'exists') r = moved('exists');
      else if (t.name === 'include') r = this.include(node, t, term, actionFor, q);
      else if (t.name === 'mx' && t.mxOverLimit) {
        const message = `'${t.text}' in ${node.domain} names ${t.mxNames ?? 0} MX hosts, over the limit of ${RFC7208_LIMITS.mxNames}: receivers give permerror (RFC 7208 §4.6.4)`;
        r = { ok: false, kind: 'broken', refusal: { domain: node.domain, term: t.text, message } };
      } else if (t.name === 'all') {
        // at the top the `all` is written as the last term; the addresses it claims stay implicit
        if (top) this.final = { kind: 'all', qualifier: q };
        else this.apply(actionFor(q), allAddresses());
        return { ok: true };
      } else {
        // ip4, ip6, a, mx: the addresses, host bits masked, dual CIDR applied (RFC 7208 §5.3, §5.4, §5.6)
        this.apply(actionFor(q), setsOfCidrTexts(t.ranges));
        if (t.name === 'a' || t.name === 'mx') {
          for (const h of t.hosts ?? []) this.frozen.push({ name: h.name, via: t.name, ranges: h.ip4.length + h.ip6.length });
        }
      }
      if (!r.ok) return r;
    }
    return this.redirect(node, terms, actionFor, top);
  }

  private include(node: SpfTreeNode, t: IncludeNode, term: Mechanism, actionFor: (q: Qualifier) => Action, q: Qualifier): WalkResult {
    const child = t.child;
    const cost = 1 + (child?.subtreeLookups ?? 0);
    const kept = (reason: KeptTerm['reason']): WalkResult =>
      this.keepTerm(node, t, rewriteMechanism(term, node.domain, this.rootDomain, actionQualifier(actionFor(q))), actionFor(q), reason, cost);
    if (t.target !== null && this.keep.has(nameKey(t.target))) return kept('keep-option');
    if (!child) return kept('macro');
    const snap = this.snapshot();
    this.scopes.push(noAddresses());
    const scope = this.scopes.length - 1;
    // RFC 7208 §5.2: the included record's pass is this term's match; anything else only ends the include.
    const r = this.walk(child, (inner) => (inner === '+' ? actionFor(q) : { kind: 'skip', scope }), false);
    if (r.ok) {
      this.scopes.pop();
      this.frozen.push({ name: child.domain, via: 'include', ranges: directRanges(child) });
      return r;
    }
    if (r.kind === 'broken') return r;
    this.restore(snap);
    return kept('order');
  }

  private redirect(node: SpfTreeNode, terms: Map<number, Term>, actionFor: (q: Qualifier) => Action, top: boolean): WalkResult {
    const t = node.terms.find((x): x is RedirectNode => isRedirect(x) && x.evaluated);
    if (!t) {
      if (top) this.final = { kind: 'default' };
      return { ok: true };
    }
    const modifier = terms.get(t.position) as RedirectModifier | undefined;
    const child = t.child;
    const keepRedirect = (reason: KeptTerm['reason']): WalkResult => {
      const text = modifier ? rewriteModifier(modifier, node.domain, this.rootDomain) : null;
      if (!top || text === null) {
        return { ok: false, kind: 'keep', refusal: { domain: node.domain, term: t.text, message: `'${t.text}' in ${node.domain} cannot be flattened, and a redirect can only be kept in the top record` } };
      }
      this.final = { kind: 'redirect', kept: { text, original: t.text, domain: node.domain, reason, lookups: 1 + (child?.subtreeLookups ?? 0) } };
      return { ok: true };
    };
    if (t.macro || !child) return keepRedirect('macro');
    if (t.target !== null && this.keep.has(nameKey(t.target))) return keepRedirect('keep-option');
    if (child.status === 'none') {
      const message = `redirect target ${child.domain} has no SPF record: receivers give permerror (RFC 7208 §6.1)`;
      return { ok: false, kind: 'broken', refusal: { domain: node.domain, term: t.text, message } };
    }
    if (!top) {
      // RFC 7208 §6.1: the target's result is this record's result: same scope, same actions
      const r = this.walk(child, actionFor, false);
      if (r.ok) this.frozen.push({ name: child.domain, via: 'redirect', ranges: directRanges(child) });
      return r;
    }
    const snap = this.snapshot();
    this.currentTop = this.topChain.length;
    const r = this.walk(child, actionFor, true);
    if (r.ok) {
      this.frozen.push({ name: child.domain, via: 'redirect', ranges: directRanges(child) });
      return r;
    }
    if (r.kind === 'broken') return r;
    this.restore(snap);
    return keepRedirect('redirect');
  }

  /**
   * RFC 7208 §6.2: a `fail` is explained by the exp= of the top-level record that produced it (the root,
   * or a redirect target; never the root's once a redirect is followed). One exp= can serve them all only
   * when they agree; otherwise the record whose `-all` ends the result keeps its own, since it explains
   * every address no term claims.
   */
  private chooseExp(): string | null {
    const rewritten = (n: TopNode | undefined): string | null => (n?.exp ? rewriteModifier(n.exp, n.domain, this.rootDomain) : null);
    const failAll = this.final.kind === 'all' && this.final.qualifier === '-';
    if (failAll) this.failFrom.add(this.currentTop);
    const sources = [...this.failFrom].sort((a, b) => a - b).map((i) => this.topChain[i]).filter((n): n is TopNode => n !== undefined);
    if (sources.length === 0) return rewritten(this.topChain[0]);
    const texts = [...new Set(sources.map(rewritten))];
    const chosen = failAll ? rewritten(this.topChain[this.currentTop]) : (texts.find((x) => x !== null) ?? null);
    if (texts.length > 1) {
      this.warnings.push(
        `fail results come from records with different exp= (${texts.map((x) => x ?? 'none').join(', ')}); the flattened record keeps ${chosen ?? 'none'}${failAll ? ', the one that explains the final -all' : ''} (RFC 7208 §6.2)`,
      );
    }
    return chosen;
  }
}

function actionQualifier(action: Action): Qualifier {
  return action.kind === 'decide' ? action.qualifier : '+';
}

function findExp(terms: Map<number, Term>): ExpModifier | null {
  for (const t of terms.values()) if (t.kind === 'modifier' && t.modifier === 'exp') return t;
  return null;
}

function directRanges(node: SpfTreeNode): number {
  return node.terms.reduce((n, t) => n + (t.kind === 'mechanism' && (t.name === 'ip4' || t.name === 'ip6') && t.evaluated ? t.ranges.length : 0), 0);
}

/** The evaluation-order list of the tree rooted at `root`, or the refusal that stops flattening. */
export function linearize(root: SpfTreeNode, rootDomain: string, keep: readonly string[]): Linearization {
  const l = new Linearizer(rootDomain, new Set(keep.map(nameKey)));
  const r = l.walk(root, (q) => ({ kind: 'decide', qualifier: q }), true);
  return l.result(r);
}
