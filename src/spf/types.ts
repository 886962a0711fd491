// The parsed SPF record model (RFC 7208 §4.5, §4.6, §5, §6, §7, §12) and the result words.
// A record is parsed whole into these values before anything is evaluated; parsing never touches DNS.
// Every term keeps its 0-based `position` in the record text and its own `text`.
import type { FailureKind, RecordSource } from '../dns/types.js';

/** RFC 7208 §2.6: the seven results of check_host(). */
export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export const SPF_RESULTS: readonly SpfResult[] = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'permerror',
  'temperror',
];

/** RFC 7208 §4.6.2: `+` pass, `-` fail, `~` softfail, `?` neutral. */
export type Qualifier = '+' | '-' | '~' | '?';

export const QUALIFIER_RESULT: Readonly<Record<Qualifier, SpfResult>> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};

// ---------------------------------------------------------------------------------------------
// Macro strings (RFC 7208 §7.1)

/** RFC 7208 §7.2 / §7.3: the macro letters. `c`, `r` and `t` are allowed only in `exp` text. */
export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

/** Letters valid only in the explanation string (RFC 7208 §7.3). */
export const EXP_ONLY_LETTERS: ReadonlySet<MacroLetter> = new Set<MacroLetter>(['c', 'r', 't']);

/** Literal text (macro-literal characters, %x21-24 / %x26-7E). */
export interface MacroLiteral {
  kind: 'literal';
  /** Offset of this part within the macro-string's text. */
  offset: number;
  text: string;
}

/** `%%` (a percent sign), `%_` (a space), `%-` (URL-encoded space, "%20"). */
export interface MacroEscape {
  kind: 'escape';
  offset: number;
  /** The two characters as written. */
  text: '%%' | '%_' | '%-';
  /** What the escape stands for. */
  value: '%' | ' ' | '%20';
}

/** `%{` macro-letter transformers *delimiter `}` (RFC 7208 §7.1). */
export interface MacroExpand {
  kind: 'macro';
  offset: number;
  /** The whole `%{...}` as written. */
  text: string;
  /** Lowercased letter. */
  letter: MacroLetter;
  /** Uppercase letter as written: the expansion is URL-escaped (RFC 7208 §7.3). */
  urlEscape: boolean;
  /** Keep this many right-hand parts; null when no digits were given. */
  digits: number | null;
  /** `r` transformer: reverse the parts. */
  reverse: boolean;
  /** Delimiter characters from `.-+,/_=`; empty means the default `.`. */
  delimiters: string;
}

export type MacroPart = MacroLiteral | MacroEscape | MacroExpand;

/** A parsed macro-string (domain-spec or explain-string). */
export interface MacroString {
  /** The text exactly as written in the record. */
  text: string;
  parts: MacroPart[];
  /** True when at least one `%{...}` is present (the value depends on the message). */
  hasMacros: boolean;
}

// ---------------------------------------------------------------------------------------------
// Terms

interface TermBase {
  /** 0-based character offset of the term within the record text. */
  position: number;
  /** The term exactly as written. */
  text: string;
}

interface MechanismBase extends TermBase {
  kind: 'mechanism';
  /** The effective qualifier (`+` when none was written, RFC 7208 §4.6.2). */
  qualifier: Qualifier;
  /** True when the qualifier character was written. */
  qualifierExplicit: boolean;
}

/**
 * RFC 7208 §5.6 dual-cidr-length. `null` means not given: the defaults are /32 for IPv4 and /128
 * for IPv6.
 */
export interface DualCidr {
  ip4: number | null;
  ip6: number | null;
}

export interface AllMechanism extends MechanismBase {
  mechanism: 'all';
}
export interface IncludeMechanism extends MechanismBase {
  mechanism: 'include';
  domain: MacroString;
}
export interface AMechanism extends MechanismBase {
  mechanism: 'a';
  /** null: the current domain (<domain> of check_host). */
  domain: MacroString | null;
  cidr: DualCidr;
}
export interface MxMechanism extends MechanismBase {
  mechanism: 'mx';
  domain: MacroString | null;
  cidr: DualCidr;
}
export interface PtrMechanism extends MechanismBase {
  mechanism: 'ptr';
  domain: MacroString | null;
}
export interface Ip4Mechanism extends MechanismBase {
  mechanism: 'ip4';
  /** The address as written (a strict dotted quad). */
  address: string;
  /** Prefix length; 32 when none was written. */
  prefix: number;
  prefixExplicit: boolean;
}
export interface Ip6Mechanism extends MechanismBase {
  mechanism: 'ip6';
  /** The address as written. */
  address: string;
  /** Prefix length; 128 when none was written. */
  prefix: number;
  prefixExplicit: boolean;
}
export interface ExistsMechanism extends MechanismBase {
  mechanism: 'exists';
  domain: MacroString;
}

export type Mechanism =
  | AllMechanism
  | IncludeMechanism
  | AMechanism
  | MxMechanism
  | PtrMechanism
  | Ip4Mechanism
  | Ip6Mechanism
  | ExistsMechanism;

export type MechanismName = Mechanism['mechanism'];

export const MECHANISM_NAMES: readonly MechanismName[] = [
  'all',
  'include',
  'a',
  'mx',
  'ptr',
  'ip4',
  'ip6',
  'exists',
];

interface ModifierBase extends TermBase {
  kind: 'modifier';
}
export interface RedirectModifier extends ModifierBase {
  modifier: 'redirect';
  domain: MacroString;
}
export interface ExpModifier extends ModifierBase {
  modifier: 'exp';
  domain: MacroString;
}
/** RFC 7208 §6: unrecognized modifiers are ignored (but must still be syntactically valid). */
export interface UnknownModifier extends ModifierBase {
  modifier: 'unknown';
  /** The name as written. */
  name: string;
  value: MacroString;
}

export type Modifier = RedirectModifier | ExpModifier | UnknownModifier;

export type Term = Mechanism | Modifier;

/** RFC 7208 §4.6.4: the terms that cost one DNS lookup each (plus `redirect`). */
export const LOOKUP_MECHANISMS: ReadonlySet<MechanismName> = new Set<MechanismName>([
  'include',
  'a',
  'mx',
  'ptr',
  'exists',
]);

/** True when evaluating the term counts toward the limit of 10 DNS-querying terms. */
export function termCostsLookup(term: Term): boolean {
  if (term.kind === 'mechanism') return LOOKUP_MECHANISMS.has(term.mechanism);
  return term.modifier === 'redirect';
}

// ---------------------------------------------------------------------------------------------
// The record

export interface SpfRecord {
  /** The record text as selected (the joined TXT strings, Latin-1). */
  text: string;
  version: 'spf1';
  /** Every term in written order (mechanisms and modifiers). */
  terms: Term[];
  /** Mechanisms in evaluation order (a view of `terms`). */
  mechanisms: Mechanism[];
  redirect: RedirectModifier | null;
  exp: ExpModifier | null;
  /** Things the parser noticed that are legal but suspicious. */
  warnings: ParseWarning[];
}

export type ParseErrorCode =
  | 'bad-version'
  | 'invalid-character'
  | 'unknown-mechanism'
  | 'bad-qualifier'
  | 'missing-argument'
  | 'unexpected-argument'
  | 'bad-cidr'
  | 'bad-ip4'
  | 'bad-ip6'
  | 'bad-domain-spec'
  | 'bad-macro'
  | 'bad-modifier'
  | 'duplicate-modifier';

export interface ParseError {
  code: ParseErrorCode;
  /** 0-based offset in the record text where the problem is. */
  position: number;
  /** The section that the text breaks, e.g. `RFC 7208 §4.6.1`. */
  rule: string;
  message: string;
}

export type ParseWarningCode =
  | 'terms-after-all'
  | 'redirect-with-all'
  | 'ptr-mechanism'
  | 'unknown-modifier';

export interface ParseWarning {
  code: ParseWarningCode;
  position: number;
  rule: string;
  message: string;
}

/**
 * The parser never throws. On failure it still gives the terms that did parse (`partial`), so an
 * audit can go on showing the rest of the record.
 */
export type ParseResult =
  | { ok: true; record: SpfRecord; errors: [] }
  | { ok: false; errors: ParseError[]; partial: SpfRecord };

// ---------------------------------------------------------------------------------------------
// Record selection (RFC 7208 §4.5)

export type RecordSelection =
  /** Exactly one `v=spf1` record. */
  | { kind: 'record'; text: string; type99: Type99Note }
  /** No SPF record: result `none` (NXDOMAIN, no TXT, or no TXT that starts with `v=spf1`). */
  | { kind: 'none'; reason: 'nxdomain' | 'nodata' | 'no-spf-record'; type99: Type99Note }
  /** More than one SPF record: result `permerror`. */
  | { kind: 'multiple'; texts: string[]; type99: Type99Note }
  /** The TXT query failed: result `temperror`. */
  | { kind: 'failure'; failure: FailureKind; detail: string; type99: Type99Note };

/**
 * What a type 99 (SPF RR) query found, when one was made; RFC 7208 §3.1 deprecated the type.
 * `sources` gives, for each text, its zone file and line when it was read from a zone file.
 */
export type Type99Note = { asked: false } | { asked: true; texts: string[]; sources: (RecordSource | null)[] };

// ---------------------------------------------------------------------------------------------
// check_host() (RFC 7208 §4) results

/** What happened when one term (or a record-level step) was evaluated. */
export type TraceOutcome =
  /** The mechanism matched; its qualifier gives the result. */
  | 'match'
  | 'no-match'
  /** A limit was reached or an error happened while evaluating the term. */
  | 'error'
  /** A modifier acted (redirect followed, exp fetched). */
  | 'applied'
  /** Record-level steps: the record fetched for a domain, or no term matched. */
  | 'info';

export interface TraceEntry {
  /** The domain whose record holds the term. */
  domain: string;
  /** 0 for the top record, 1 inside a first include/redirect, and so on. */
  depth: number;
  /** The term text as written ('' for record-level steps). */
  term: string;
  /** The term's offset in its record (-1 for record-level steps). */
  position: number;
  outcome: TraceOutcome;
  /** The result this step produced, when it produced one. */
  result: SpfResult | null;
  /** DNS-querying terms counted so far (RFC 7208 §4.6.4), including this one. */
  lookups: number;
  /** Void lookups so far (RFC 7208 §4.6.4). */
  voidLookups: number;
  /** A short human explanation (what was looked up, what matched, why it failed). */
  detail: string;
}

/** Where and why a permerror/temperror arose. */
export interface CheckHostProblem {
  domain: string;
  /** The record text involved, or null (e.g. a DNS failure before any record). */
  record: string | null;
  /** Offset within `record`, or null. */
  position: number | null;
  /** e.g. `RFC 7208 §4.6.4`. */
  rule: string;
  message: string;
}

export interface CheckHostResult {
  result: SpfResult;
  /** RFC 7208 §6.2: the explanation for a `fail` (the `exp=` text expanded, or the default). */
  explanation: string | null;
  /** True when `explanation` came from the record's `exp=` rather than the default text. */
  explanationFromRecord: boolean;
  /** The mechanism that decided the result, or null (default neutral, none, errors). */
  matched: { domain: string; term: string; position: number } | null;
  problem: CheckHostProblem | null;
  /** DNS-querying terms evaluated (RFC 7208 §4.6.4); at most 10 are ever evaluated. */
  lookups: number;
  voidLookups: number;
  trace: TraceEntry[];
}
