// What one record of the expanded tree does to the addresses that reach it, as the steps the outcome
// walk takes (expand-outcome.ts), in RFC 7208 order: terms left to right, first match deciding
// (§4.6.2), each DNS-querying term counted before it is evaluated (§4.6.4), redirect last (§6.1). The
// walk reads nothing but these steps, and a program's key is the whole program written out, so two
// records with the same key have the same outcome for any counts they are entered with, whatever tree
// or run they come from: the key is derived from what it stands for, and cannot drift from it.
import { hostFailures, hostVoids } from './host-failures.js';
import type { DnsProblem, MechanismNode, RedirectNode, ResolvedHost, SpfTreeNode } from './expand-types.js';
import { isLookup, isRedirect } from './term-kinds.js';
import { QUALIFIER_RESULT, type SpfResult } from './types.js';

/** One value per client address family. */
export interface Families {
  ip4: boolean;
  ip6: boolean;
}

/** One step of a record's evaluation, for the addresses it has not decided yet. */
export type Step =
  /** RFC 7208 §4.6.4: one more DNS-querying term, counted before the term is evaluated. */
  | { do: 'lookup' }
  /** `ip4`/`ip6`, or `a`/`mx` whose hosts decide together: the addresses in `ranges` get `result`. */
  | { do: 'match'; result: SpfResult; ranges: readonly string[] }
  /** `a`/`mx` host by host, in the order receivers ask them (RFC 7208 §5.3, §5.4). */
  | { do: 'hosts'; result: SpfResult; hosts: HostStep[] }
  /** Every address not decided yet gets `result`: `all`, an `exists` that matches, an error at the term. */
  | { do: 'rest'; result: SpfResult }
  /** RFC 7208 §5.2: the target record's pass is this term's match (`target` indexes `targets`). */
  | { do: 'include'; result: SpfResult; target: number }
  /** RFC 7208 §4.6.4: one more void lookup, for the addresses of these families. */
  | ({ do: 'void' } & Families)
  /** RFC 7208 §6.1: the target record's result is the result. */
  | { do: 'redirect'; target: number };

/**
 * One `a`/`mx` host as the walk takes it: the blocks it matches, which families' address questions
 * failed (temperror for them, RFC 7208 §5, §4.4), and, for an MX host, for which families its address
 * lookup is void (§4.6.4).
 */
export interface HostStep {
  ranges: readonly string[];
  failed: Families;
  void: Families;
}

export class RecordProgram {
  private written: string | null = null;

  constructor(
    /** The one result a record gives every address (no record, a DNS failure, a syntax error, a loop …), or null. */
    readonly uniform: SpfResult | null,
    readonly steps: readonly Step[],
    /** The programs of the records that `include` and `redirect` steps lead to. */
    readonly targets: readonly RecordProgram[],
  ) {}

  /**
   * The program written out whole, its targets' programs too: equal keys, equal programs. (JSON text is
   * self-delimiting and each target's key carries its length, so no two programs share a key.) Written
   * when first asked for: the walk asks only for the keys of the records below the one it starts at.
   */
  get key(): string {
    this.written ??= `${JSON.stringify([this.uniform, this.steps])}${this.targets.map((t) => `(${t.key.length}:${t.key})`).join('')}`;
    return this.written;
  }
}

/** The program of `node`'s record; `known` keeps the programs of one tree's nodes, each made once. */
export function recordProgram(node: SpfTreeNode, known: Map<SpfTreeNode, RecordProgram> = new Map()): RecordProgram {
  let program = known.get(node);
  if (!program) {
    program = compile(node, known);
    known.set(node, program);
  }
  return program;
}

/** The key of `node`'s program: two records with equal keys give every address the same result. */
export function outcomeKey(node: SpfTreeNode): string {
  return recordProgram(node).key;
}

/** The result of a record that gives every address the same one, or null for a record to evaluate. */
function uniformResult(node: SpfTreeNode): SpfResult | null {
  switch (node.status) {
    case 'none':
      return 'none';
    case 'failure':
      return 'temperror'; // RFC 7208 §4.4
    case 'multiple':
      return 'permerror'; // RFC 7208 §4.5
    case 'loop':
    case 'truncated':
      // a loop never ends: an address that reaches the point where it closes goes round again,
      // matching nothing it did not match before, until the lookup limit stops it (RFC 7208 §4.6.4)
      return 'permerror';
    case 'record':
      return node.parseErrors.length > 0 ? 'permerror' : null; // RFC 7208 §4.6
  }
}

const LOOKUP: Step = { do: 'lookup' };

function compile(node: SpfTreeNode, known: Map<SpfTreeNode, RecordProgram>): RecordProgram {
  const uniform = uniformResult(node);
  if (uniform !== null) return new RecordProgram(uniform, [], []);
  const program = (): RecordProgram => new RecordProgram(null, steps, targets);
  const steps: Step[] = [];
  const targets: RecordProgram[] = [];
  const target = (child: SpfTreeNode): number => targets.push(recordProgram(child, known)) - 1;
  for (const t of node.terms) {
    if (!t.evaluated || t.kind !== 'mechanism') continue;
    const result = QUALIFIER_RESULT[t.qualifier];
    if (isLookup(t)) steps.push(LOOKUP); // RFC 7208 §4.6.4: counted before the term is evaluated
    if (dependsOnMessage(t)) continue; // taken as not matching
    if (t.name === 'mx' && t.mxOverLimit) {
      steps.push({ do: 'rest', result: 'permerror' }); // RFC 7208 §4.6.4: before any MX host is asked
      return program();
    }
    const hosts = hostSteps(t);
    if (ownFailure(t) && hosts === null) {
      steps.push({ do: 'rest', result: 'temperror' }); // RFC 7208 §4.4, §5
      return program();
    }
    switch (t.name) {
      case 'ip4':
      case 'ip6':
      case 'a':
      case 'mx':
        if (hosts !== null) steps.push({ do: 'hosts', result, hosts });
        else if (t.ranges.length > 0) pushMatch(steps, result, t.ranges);
        break;
      case 'exists':
        if (t.exists) {
          steps.push({ do: 'rest', result });
          return program();
        }
        break;
      case 'all':
        steps.push({ do: 'rest', result });
        return program();
      case 'include':
        // the target is known unless the term has macros (skipped above)
        if (t.child) steps.push({ do: 'include', result, target: target(t.child) });
        break;
    }
    const v = voidFor(t);
    if (v.ip4 || v.ip6) steps.push({ do: 'void', ...v });
  }
  const redirect = evaluatedRedirect(node);
  if (redirect) {
    steps.push(LOOKUP); // RFC 7208 §4.6.4
    // RFC 7208 §6.1: a target with macros is unknown: what reaches it is left neutral, as for no redirect
    if (redirect.child) steps.push({ do: 'redirect', target: target(redirect.child) });
  }
  return program();
}

/**
 * Blocks that match with `result`, after the steps so far. Consecutive matches with one result are one
 * step: what the first does not take, the next gives the same result (RFC 7208 §4.6.2), and nothing
 * is counted between them. A provider's long list of ip4/ip6 terms is then one step, and one set.
 */
function pushMatch(steps: Step[], result: SpfResult, ranges: readonly string[]): void {
  const last = steps[steps.length - 1];
  if (last?.do === 'match' && last.result === result) steps[steps.length - 1] = { do: 'match', result, ranges: [...last.ranges, ...ranges] };
  else steps.push({ do: 'match', result, ranges });
}

const NO_FAMILY: Readonly<Families> = { ip4: false, ip6: false };

/** Which families' address questions failed for a host (host-failures.ts). */
function failedFamilies(host: ResolvedHost): Families {
  const failed = hostFailures(host);
  return { ip4: failed.ip4 !== null, ip6: failed.ip6 !== null };
}

/**
 * An `a`/`mx` term whose failure is a host's address question, not the term's own (the MX question),
 * or an `mx` term with a host that has no address of a family (a void lookup for that family's clients,
 * RFC 7208 §4.6.4): its hosts, in the order receivers ask them, for the walk to take one by one. Null
 * for any other term, for one without such hosts (its ranges decide at once), and for a tree made
 * before hosts carried their failures per family and their own ranges (a failure then ends the term
 * for every address). An `a` term's one name is the term's own question: its void lookup is
 * `voidFor`'s.
 */
function hostSteps(t: MechanismNode): HostStep[] | null {
  if ((t.name !== 'a' && t.name !== 'mx') || t.hosts === null) return null;
  const isMx = t.name === 'mx';
  const voidOf = (h: ResolvedHost): Families => (isMx ? hostVoids(h) : NO_FAMILY);
  const stepwise = (h: ResolvedHost): boolean => {
    const v = voidOf(h);
    return h.failure !== null || v.ip4 || v.ip6;
  };
  if (!t.hosts.some(stepwise)) return null;
  const steps: HostStep[] = [];
  for (const h of t.hosts) {
    if (h.ranges === undefined || h.ip4Failure === undefined || h.ip6Failure === undefined) return null;
    steps.push({ ranges: h.ranges, failed: failedFamilies(h), void: voidOf(h) });
  }
  return steps;
}

/**
 * For which client families the term's own question was void (RFC 7208 §4.6.4: NXDOMAIN or no answer
 * records). An `a` term asks A for IPv4 clients and AAAA for IPv6 ones (§5.3), so a name with only A
 * records is void for IPv6 clients; `mx` (its MX question) and `exists` (always A, §5.7) are void for
 * both or neither. An include or redirect target without records has no SPF record: permerror anyway.
 */
function voidFor(t: MechanismNode): Families {
  if (t.name === 'a') {
    // a failed question is temperror, not void: per family, as each family asks its own (§5.3)
    const host = t.hosts?.[0];
    return host ? hostVoids(host) : NO_FAMILY;
  }
  if (t.name === 'mx' || t.name === 'exists') return t.failure ? NO_FAMILY : { ip4: t.void, ip6: t.void };
  return NO_FAMILY;
}

/** The term depends on the message (macros) or the connecting address (`ptr`): taken as not matching. */
function dependsOnMessage(t: MechanismNode): boolean {
  return t.name === 'ptr' || (isLookup(t) && t.macro);
}

/** The term's own DNS question failed (the MX question of `mx`, the A question of `exists`), or a host's. */
function ownFailure(t: MechanismNode): DnsProblem | null {
  return t.name === 'a' || t.name === 'mx' || t.name === 'exists' ? t.failure : null;
}

/** RFC 7208 §6.1: the record's `redirect=`, when receivers evaluate it. */
function evaluatedRedirect(node: SpfTreeNode): RedirectNode | undefined {
  return node.terms.find((t): t is RedirectNode => isRedirect(t) && t.evaluated);
}
