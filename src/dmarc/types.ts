// A DMARC policy record read whole into typed values, with the position of every tag.
// RFC 7489 §6.3/§6.4 define the tags and grammar; RFC 9989 §4.7/§4.8 revise them (adds np, psd, t;
// removes pct, rf, ri). Parsing never touches DNS and never throws.

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type AlignmentMode = 'r' | 's';
export type PsdFlag = 'y' | 'n' | 'u';
export type FailureOption = '0' | '1' | 'd' | 's';
export type IssueSeverity = 'error' | 'warning' | 'info';

/** The tags either RFC defines, in the order RFC 9989 §4.7 lists them plus RFC 7489's pct/rf/ri. */
export const KNOWN_TAGS = ['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'pct', 'fo', 'rf', 'ri', 'rua', 'ruf'] as const;
export type KnownTag = (typeof KNOWN_TAGS)[number];

/** RFC 9989 removed these (pct became t; rf and ri moved out of the protocol). */
export const REMOVED_TAGS: readonly KnownTag[] = ['pct', 'rf', 'ri'];

/** One `name=value` pair as written. Positions are 0-based offsets into the record text. */
export interface DmarcTag {
  /** Lower-cased name (ABNF literals are case-insensitive, RFC 5234 §2.3). */
  name: string;
  rawName: string;
  /** The value with surrounding whitespace removed. */
  value: string;
  /** Offset of the tag name. */
  position: number;
  /** Offset of the value (after `=` and whitespace). */
  valuePosition: number;
}

/** A tag value that parsed, with the tag it came from. */
export interface TagValue<T> {
  value: T;
  tag: DmarcTag;
}

/** One URI from `rua` or `ruf` (RFC 7489 §6.2: `dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]`). */
export interface ReportUri {
  /** The URI text as written, size suffix included. */
  text: string;
  position: number;
  /** Lower-cased scheme, or null when there is none. */
  scheme: string | null;
  /** The mailbox for a `mailto:` URI (percent-decoded), else null. */
  address: string | null;
  /** The domain of that mailbox, lower-cased, else null. */
  domain: string | null;
  /** The `!size` suffix RFC 7489 allowed and RFC 9989 tells reporters to ignore. */
  sizeLimit: { text: string; bytes: number } | null;
  /** A syntactically valid `mailto:` URI that a reporter can use. */
  valid: boolean;
  /** Why it is not valid, when it is not. */
  problem: string | null;
}

export type DmarcIssueCode =
  | 'version-missing'
  | 'version-not-first'
  | 'version-bad'
  | 'syntax'
  | 'empty-tag'
  | 'unknown-tag'
  | 'duplicate-tag'
  | 'bad-value'
  | 'missing-policy'
  | 'removed-tag'
  | 'policy-not-second'
  | 'bad-uri'
  | 'non-mailto-uri'
  | 'size-limit'
  | 'fo-without-ruf';

/** Something wrong or notable in the record text, with where it is. */
export interface DmarcIssue {
  code: DmarcIssueCode;
  severity: IssueSeverity;
  /** One sentence citing the rule. */
  message: string;
  /** 0-based offset into the record text. */
  position: number;
  /** The tag concerned, lower-cased, or null. */
  tag: string | null;
}

/**
 * How a receiver reads the policy (RFC 7489 §6.6.3 step 6, RFC 9989 §4.10.1): a record whose `p` is
 * missing or invalid, or whose `sp` (or, for RFC 9989 receivers, `np`) is invalid, counts as `p=none`
 * when `rua` holds a valid URI, and as no DMARC policy at all when it does not.
 */
export interface PolicyReading {
  status: 'valid' | 'fallback-none' | 'no-policy';
  /** Why the record fell back or has no policy, else null. */
  reason: string | null;
  /** Offset of the tag that caused the fallback (0 when `p` is missing); null when valid. */
  position: number | null;
  /** The policy for the domain itself (`none` under fallback; null with no policy). */
  p: DmarcPolicy | null;
  /** `sp` as published and valid (null when absent or under fallback). */
  sp: DmarcPolicy | null;
  /** `np` as published and valid (null when absent or under fallback). */
  np: DmarcPolicy | null;
}

export interface DmarcRecord {
  text: string;
  /** Begins with `v=DMARC1`: receivers use it. Otherwise they discard it (RFC 7489 §6.6.3 step 2). */
  isDmarc: boolean;
  /** Every tag as written, in order (duplicates included). */
  tags: DmarcTag[];
  p: TagValue<DmarcPolicy> | null;
  sp: TagValue<DmarcPolicy> | null;
  np: TagValue<DmarcPolicy> | null;
  psd: TagValue<PsdFlag> | null;
  t: TagValue<boolean> | null;
  adkim: TagValue<AlignmentMode> | null;
  aspf: TagValue<AlignmentMode> | null;
  pct: TagValue<number> | null;
  fo: TagValue<FailureOption[]> | null;
  rf: TagValue<string[]> | null;
  ri: TagValue<number> | null;
  /** Every URI written in `rua` (valid or not); null when the tag is absent. */
  rua: TagValue<ReportUri[]> | null;
  ruf: TagValue<ReportUri[]> | null;
  /** Tags present with a value that did not parse (lower-cased names). */
  invalidTags: string[];
  /** Values receivers use, defaults filled in (RFC 7489 §6.3, RFC 9989 §4.7). */
  effective: {
    adkim: AlignmentMode;
    aspf: AlignmentMode;
    pct: number;
    psd: PsdFlag;
    testing: boolean;
    fo: FailureOption[];
    ri: number;
  };
  /** The policy as RFC 9989 receivers read it (the standard since it obsoleted RFC 7489). */
  policy: PolicyReading;
  /**
   * The policy as RFC 7489 receivers read it: they do not know `np` (RFC 9989 added it), so an
   * invalid `np` changes nothing for them, while it sends RFC 9989 receivers to the p=none fallback.
   */
  policyRfc7489: PolicyReading;
  issues: DmarcIssue[];
}

/** A policy ordered by strength, for "weaker than" comparisons. */
export const POLICY_STRENGTH: Record<DmarcPolicy, number> = { none: 0, quarantine: 1, reject: 2 };

/** One level lower (RFC 9989 §4.7 `t=y`; RFC 7489 §6.6.4 for the part `pct` leaves out). */
export function oneLevelLower(policy: DmarcPolicy): DmarcPolicy {
  return policy === 'reject' ? 'quarantine' : 'none';
}
