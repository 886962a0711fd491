// The IP-independent SPF expansion: the whole include/redirect tree as plain data. Each term is typed
// by its kind and holds only the fields that kind has; the JSON reports write every field of every
// term (tree-json.ts). Audits, the lookup gate and flattening read it.
import type { RecordSource } from '../dns/types.js';
import type { ParseError, Qualifier, Type99Note } from './types.js';

export interface ExpandOptions {
  /** DNS-querying terms a receiver evaluates before permerror (default RFC7208_LIMITS.lookups). */
  maxLookups?: number;
  /** Void lookups a receiver tolerates (default RFC7208_LIMITS.voidLookups). */
  maxVoidLookups?: number;
  /** MX names an `mx` term may look up addresses for (default RFC7208_LIMITS.mxNames). */
  maxMxNames?: number;
  /** Ask the root domain for type 99 (SPF) records too (default true). */
  checkType99?: boolean;
  /** Distinct domains whose records are fetched, at most (default 200): a guard against hostile DNS. */
  maxDomains?: number;
  /** Tree nodes built, at most (default 2000): a domain included many times is expanded each time. */
  maxNodes?: number;
  signal?: AbortSignal;
}

/** A DNS question that failed (time-out, SERVFAIL, …): receivers give temperror (RFC 7208 §4.4). */
export interface DnsProblem {
  name: string;
  type: string;
  failure: string;
  detail: string;
}

/** What a node's record fetch found. */
export type NodeStatus =
  /** Exactly one SPF record (possibly with syntax errors, see `parseErrors`). */
  | 'record'
  /** No SPF record at the name (RFC 7208 §4.5: result none; permerror when included). */
  | 'none'
  /** More than one SPF record (RFC 7208 §4.5: permerror). */
  | 'multiple'
  /** The TXT question failed (RFC 7208 §4.4: temperror). */
  | 'failure'
  /** The domain is already on the path from the root: following it would never end. */
  | 'loop'
  /** Not fetched or not built: `maxDomains` or `maxNodes` reached. */
  | 'truncated';

/** Addresses one name resolved to for an `a` or `mx` term. */
export interface ResolvedHost {
  name: string;
  /** MX preference, for `mx` hosts; null for `a`. */
  preference: number | null;
  ip4: string[];
  ip6: string[];
  /** True when the name has neither A nor AAAA records (or does not exist). */
  empty: boolean;
  /** The first of the name's address questions that failed (A before AAAA), or null. */
  failure: DnsProblem | null;
  /**
   * The A question's failure, or null. Receivers ask A for IPv4 clients only (RFC 7208 §5.3, §5.4), so
   * it gives temperror (§5, §4.4) to the IPv4 clients that reach this host, and to no IPv6 client.
   * Always set by the expansion; absent only in trees made before it was recorded, where `failure`
   * stands for both families.
   */
  ip4Failure?: DnsProblem | null;
  /** The AAAA question's failure, or null: temperror for the IPv6 clients that reach this host. */
  ip6Failure?: DnsProblem | null;
  /**
   * CIDR blocks this host's addresses match, with the term's dual CIDR applied (RFC 7208 §5.6). The
   * term's `ranges` are these, host after host in order, without repeats. Always set by the expansion.
   */
  ranges?: string[];
  /**
   * An `mx` host with no address at all (NXDOMAIN, or no A and no AAAA records, and neither question
   * failed): its address lookup is a void lookup for every client (RFC 7208 §4.6.4), and this is its
   * number in the tree's count. Null for other hosts, and for the name of an `a` term (whose void lookup
   * is the term's own, `voidNumber`). A host with addresses of one family only is a void lookup for
   * clients of the other family: check_host() and the outcome walk count it, the tree does not (as for
   * `a`). Always set by the expansion.
   */
  voidNumber?: number | null;
  /**
   * Receivers never get a match from this host: a limit was passed before they would ask it (before the
   * term, at the term's own lookup, or its MX names), or, for `mx`, the void limit was passed at an
   * earlier host of the term or at this one (its void lookup is over the limit, RFC 7208 §4.6.4).
   * Always set by the expansion.
   */
  pastLimit?: boolean;
}

/**
 * One term of a record in the tree, by what it is (RFC 7208 §5 mechanisms, §6 modifiers): each kind
 * holds the fields that mean something for it. The JSON reports write every field for every term
 * (tree-json.ts).
 */
export type SpfTermNode = MechanismNode | ModifierNode;

export type MechanismNode = AllNode | IncludeNode | ANode | MxNode | PtrNode | IpNode | ExistsNode;

export type ModifierNode = RedirectNode | ExpNode | UnknownModifierNode;

/** The terms receivers evaluate in order while matching: every mechanism, and `redirect`. */
export type InOrderNode = MechanismNode | RedirectNode;

/** The DNS-querying terms (RFC 7208 §4.6.4): each costs one lookup. */
export type LookupNode = IncludeNode | ANode | MxNode | PtrNode | ExistsNode | RedirectNode;

/** The terms whose own DNS question may be void (RFC 7208 §4.6.4). */
export type VoidNode = IncludeNode | ANode | MxNode | ExistsNode | RedirectNode;

/** The terms that match address blocks: `ip4`/`ip6`, and `a`/`mx` through their hosts. */
export type RangeNode = IpNode | ANode | MxNode;

/** The terms that lead to another record: `include` and `redirect`. */
export type FollowNode = IncludeNode | RedirectNode;

/** Every term: where it is written, and whether receivers evaluate it. */
interface TermFields {
  /** The term exactly as written, and its 0-based offset in the record. */
  text: string;
  position: number;
  /**
   * False for terms a receiver never evaluates while matching: after `all`, `redirect` beside `all`
   * (RFC 7208 §5.1, §6.1), every term of a record with a syntax error (§4.6), and `exp`/unknown
   * modifiers (no lookup; `exp` is fetched only for a fail).
   */
  evaluated: boolean;
  ignoredReason: 'after-all' | 'redirect-with-all' | 'syntax-error' | null;
}

/** A term evaluated in order while matching (every mechanism, and `redirect`). */
interface InOrderFields extends TermFields {
  /** Lookups counted once this term (and anything it includes) has been evaluated; null when not evaluated. */
  runningTotal: number | null;
  /**
   * Receivers never get a match from this term: they stop with permerror at it or before it, because
   * a limit (lookups, void lookups, MX names) was passed there or earlier in evaluation order
   * (RFC 7208 §4.6.4). An `mx` term whose void limit is passed at a host after hosts with addresses is
   * not past the limit: those hosts still match; its hosts from there on are (`hosts[].pastLimit`).
   * Senders that only this term (or a later one) authorizes fail SPF. False for terms not evaluated.
   */
  pastLimit: boolean;
}

interface MechanismFields extends InOrderFields {
  kind: 'mechanism';
  /** The effective qualifier (RFC 7208 §4.6.2: `+` when none is written). */
  qualifier: Qualifier;
}

/** A term that names a domain (its domain-spec, or the current domain for bare `a`/`mx`/`ptr`). */
interface TargetFields {
  /** The domain the term names, null when its domain-spec holds macros. */
  target: string | null;
  /** The domain-spec uses message macros (RFC 7208 §7): not followed, counted once. */
  macro: boolean;
}

/** A DNS-querying term (RFC 7208 §4.6.4: include a mx ptr exists redirect): it costs one lookup. */
interface LookupFields extends TargetFields {
  /** This term's own number in the lookup count (1-based), when it is evaluated. */
  lookup: number | null;
  /** Its lookup is past `maxLookups`: a receiver gives permerror instead of evaluating it. */
  beyondLimit: boolean;
}

/** A term whose own DNS question may be void (RFC 7208 §4.6.4: NXDOMAIN or no answer records). */
interface VoidFields {
  /** The term's own DNS question was void. */
  void: boolean;
  /** This void lookup's number (1-based), when `void`. */
  voidNumber: number | null;
  /**
   * Its void lookup is past `maxVoidLookups` (RFC 7208 §4.6.4), or, for `mx`, the void lookup of one of
   * its hosts (`hosts[].voidNumber`).
   */
  beyondVoidLimit: boolean;
}

/** A term whose own DNS question may fail (temperror, RFC 7208 §5, §4.4). */
interface FailureFields {
  /**
   * The term's DNS question failed: the MX question of `mx`, the A question of `exists` (temperror for
   * every address that reaches the term, RFC 7208 §5, §4.4). For `a` and `mx` it is also set to the first
   * failed address question of a host, which gives temperror only to the clients of that question's
   * family that reach that host: see `hosts[].ip4Failure` and `ip6Failure`.
   */
  failure: DnsProblem | null;
}

/** `a` and `mx`: the hosts looked up and the blocks their addresses match. */
interface HostFields extends LookupFields, VoidFields, FailureFields {
  /**
   * The hosts and their addresses (null when not resolved); for `mx`, in the order receivers ask them
   * (RFC 7208 §5.4: preference order, the first host that matches decides).
   */
  hosts: ResolvedHost[] | null;
  /** CIDR blocks the hosts' addresses match, with the dual CIDR applied (RFC 7208 §5.6). */
  ranges: string[];
}

/** `include` and `redirect`: the record they lead to. */
interface FollowFields extends LookupFields, VoidFields {
  /** The record of the target, when followed (not for a target with macros). */
  child: SpfTreeNode | null;
}

/** RFC 7208 §5.1 `all`. */
export interface AllNode extends MechanismFields {
  name: 'all';
}

/** RFC 7208 §5.2 `include`. */
export interface IncludeNode extends MechanismFields, FollowFields {
  name: 'include';
}

/** RFC 7208 §5.3 `a`. */
export interface ANode extends MechanismFields, HostFields {
  name: 'a';
}

/** RFC 7208 §5.4 `mx`. */
export interface MxNode extends MechanismFields, HostFields {
  name: 'mx';
  /** MX names found (before the limit); null when the MX question was not answered with records. */
  mxNames: number | null;
  /** More MX names than `maxMxNames`: the term gives permerror (RFC 7208 §4.6.4). */
  mxOverLimit: boolean;
}

/** RFC 7208 §5.5 `ptr`: its question is about the connecting address, so it is not followed. */
export interface PtrNode extends MechanismFields, LookupFields {
  name: 'ptr';
}

/** RFC 7208 §5.6 `ip4` and `ip6`. */
export interface IpNode extends MechanismFields {
  name: 'ip4' | 'ip6';
  /** The block the term matches, host bits masked (empty when the address does not parse). */
  ranges: string[];
}

/** RFC 7208 §5.7 `exists`. */
export interface ExistsNode extends MechanismFields, LookupFields, VoidFields, FailureFields {
  name: 'exists';
  /** Without macros: whether the name has an A record; null when not asked or the question failed. */
  exists: boolean | null;
}

interface ModifierFields extends TermFields {
  kind: 'modifier';
}

/** RFC 7208 §6.1 `redirect=`. */
export interface RedirectNode extends ModifierFields, InOrderFields, FollowFields {
  modifier: 'redirect';
  name: 'redirect';
}

/** RFC 7208 §6.2 `exp=`: never evaluated while matching. */
export interface ExpNode extends ModifierFields, TargetFields {
  modifier: 'exp';
  name: 'exp';
}

/** RFC 7208 §6: a modifier this version does not know, ignored. */
export interface UnknownModifierNode extends ModifierFields {
  modifier: 'unknown';
  /** The name as written. */
  name: string;
}

export interface SpfTreeNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  /** Domains from the root to this one, inclusive. */
  path: string[];
  depth: number;
  status: NodeStatus;
  /** Why there is no record, for status `none`. */
  noneReason: 'nxdomain' | 'nodata' | 'no-spf-record' | null;
  /** The selected record text (Latin-1), or null. */
  record: string | null;
  /** Every `v=spf1` text found (two or more for status `multiple`). */
  records: string[];
  /** Zone file and line of each of `records` (null when not read from a zone file). */
  recordSources: (RecordSource | null)[];
  /** Byte length of each character-string of the selected record's TXT RR. */
  stringLengths: number[] | null;
  /** Size in bytes of the DNS response to the TXT question, without EDNS (RFC 1035 §4.2.1 / RFC 7208 §3.4). */
  answerBytes: number | null;
  /** TTL of the selected record's TXT RR (flattening reports how long providers' records are cached). */
  ttl: number | null;
  /** Zone file and line of the selected record, when read from a zone file. */
  source: RecordSource | null;
  /** CNAMEs followed to reach the TXT records. */
  cnameChain: string[];
  failure: DnsProblem | null;
  parseErrors: ParseError[];
  /** For status `loop`: the path that closes the loop (root … domain … domain). */
  loop: string[] | null;
  /** 1 the first time the domain's record appears in the tree (evaluation order), 2 the second time, … */
  occurrence: number;
  /** Type 99 records, asked at the root only. */
  type99: Type99Note;
  terms: SpfTermNode[];
  /** Lookups of this record's own evaluated terms. */
  lookups: number;
  /** Lookups of this record and everything it includes or redirects to. */
  subtreeLookups: number;
  voidLookups: number;
  subtreeVoidLookups: number;
  /** Lookups counted before this record's first term. */
  lookupsBefore: number;
}

/** An address range a term matches, in evaluation order, for flattening. */
export interface AuthorizedRange {
  family: 4 | 6;
  /** CIDR text, host bits masked. */
  cidr: string;
  qualifier: Qualifier;
  domain: string;
  term: string;
  position: number;
  /** Domains from the root to the record holding the term. */
  path: string[];
}

export interface ExpansionFailure {
  problem: DnsProblem;
  domain: string;
  term: string | null;
  position: number | null;
  path: string[];
}

/** Where a running count first passes its limit. */
export interface LimitCrossing {
  /** The count at that term (the first one over the limit). */
  count: number;
  domain: string;
  term: string;
  position: number;
  /** The `mx` host whose void lookup passes the void limit; null when the term's own lookup does. */
  host: string | null;
  path: string[];
  source: RecordSource | null;
  record: string | null;
}

export interface AddressTotals {
  /** Addresses that get `pass` (limits lifted, message-dependent terms taken as not matching). */
  ip4Addresses: number;
  /** Decimal string: IPv6 counts pass 2^53. */
  ip6Addresses: string;
  /** Blocks in the minimal exact CIDR cover of those addresses. */
  ip4Ranges: number;
  ip6Ranges: number;
}

/** One value per client address family. */
export interface FamilyCounts<T> {
  ip4: T;
  ip6: T;
}

export interface SpfExpansion {
  domain: string;
  /** The root record text, or null. */
  record: string | null;
  root: SpfTreeNode;
  lookups: {
    /** Every DNS-querying term a receiver would count, in evaluation order, limits lifted. */
    total: number;
    void: number;
    limit: number;
    voidLimit: number;
    /** The term whose lookup is the first past the limit, or null. */
    crossing: LimitCrossing | null;
    voidCrossing: LimitCrossing | null;
    /**
     * Void lookups a client of each family meets when no term matches it: `void`, plus the `a` names
     * and MX hosts with addresses of the other family only (receivers ask only the client's family,
     * RFC 7208 §5.3, §5.4, and pyspf and Mail::SPF count those lookups; mailauth, by default, does not).
     */
    voidPerFamily: FamilyCounts<number>;
    /** Where each family's count first passes `voidLimit`, or null. */
    voidCrossingPerFamily: FamilyCounts<LimitCrossing | null>;
  };
  /** Include/redirect loops, each as the path that closes it. */
  loops: string[][];
  /** Domains whose record appears more than once in the tree, with how many times. */
  duplicates: { domain: string; count: number }[];
  /** Ranges matched by ip4/ip6/a/mx terms with their qualifiers, in evaluation order. */
  ranges: AuthorizedRange[];
  totals: AddressTotals;
  /** Some evaluated term depends on the message (macros) or the connecting address (`ptr`). */
  dependsOnMessage: boolean;
  /** Every DNS failure met, with where (`term` and `position` null for a record's own TXT question). */
  failures: ExpansionFailure[];
  /** True when `maxDomains` or `maxNodes` cut the tree. */
  truncated: boolean;
}
