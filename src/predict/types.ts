// The delivery predictor's model: the evidence DNS gives about one stream of mail, and the replies
// Gmail, Outlook.com and Yahoo are predicted to give (the rules: docs/providers.md).
// Evidence is plain data, so the provider rules are pure functions over it.
import type { RRType } from '../dns/types.js';
import type { AlignmentMode, DmarcPolicy } from '../dmarc/types.js';
import type { DiscoveryStatus } from '../dmarc/discover.js';
import type { AddressSample } from '../spf/sample-addresses.js';
import type { SpfResult } from '../spf/types.js';
import type { Volume } from '../profile/types.js';
import type { ProviderId } from '../providers/types.js';
import { ALL_PROVIDERS, DEFAULT_PROVIDERS } from '../providers/select.js';

export type { Volume };

/** The providers predicted by default. */
export type Provider = 'gmail' | 'outlook' | 'yahoo';
export const PROVIDERS = DEFAULT_PROVIDERS as readonly Provider[];
/** Every provider the predictor has rules for; the ones past PROVIDERS only when asked (`--providers`). */
export type { ProviderId };
export { ALL_PROVIDERS };
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  gmail: 'Gmail',
  outlook: 'Outlook.com',
  yahoo: 'Yahoo',
  icloud: 'Apple iCloud Mail',
  gmx: 'GMX and WEB.DE',
  laposte: 'La Poste',
};

/** What happens to the message. */
export type Verdict = 'accepted' | 'spam-folder-risk' | 'temporary-failure' | 'rejection';
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { accepted: 0, 'spam-folder-risk': 1, 'temporary-failure': 2, rejection: 3 };

/** `certain`: documented behaviour on proven evidence; `risk`: undocumented, heuristic, or evidence DNS cannot settle. */
export type Certainty = 'certain' | 'risk';

/** How a receiver finds organizational domains and reads the policy: RFC 7489 (PSL, pct) or RFC 9989 (tree walk, np, t). */
export type ReceiverKind = 'rfc7489' | 'rfc9989';
export const RECEIVER_KINDS: readonly ReceiverKind[] = ['rfc7489', 'rfc9989'];

// ---------------------------------------------------------------------------------------------
// Evidence

export interface OrgDomains {
  /** By the Public Suffix List (RFC 7489 §3.2); null for a public suffix. */
  psl: string | null;
  /** By the DNS tree walk (RFC 9989 §4.10.2). */
  treeWalk: string;
  /** False when a DNS failure cut the walk short. */
  treeWalkComplete: boolean;
}

/** `exists`: the name answers (records or no data); `nxdomain`; `temperror`: the question failed. */
export type Presence = 'exists' | 'nxdomain' | 'temperror';

/** A domain the message names (RFC 5322 From, RFC 5321 MAIL FROM), as DNS shows it. */
export interface DomainEvidence {
  domain: string;
  /** SOA question at the name (what Yahoo checks). */
  presence: Presence;
  /** RFC 7505: the only MX is `0 .`. Null when the MX question failed. */
  nullMx: boolean | null;
  /** The MX hosts (null MX: empty), for people. */
  mx: string[];
  orgDomains: OrgDomains;
}

/** SPF for one sending address (RFC 7208 check_host). */
export interface SpfEvidence {
  /** RFC 7208 §2.4: MAIL FROM, or the HELO name for a null sender. */
  identity: 'mail-from' | 'helo';
  domain: string;
  sender: string;
  /** Organizational domains of `domain`, for alignment. */
  orgDomains: OrgDomains;
  /**
   * Null only without a sending address (none given and none to sample), when the result depends on
   * the address or the message (macros, `ptr`, ranges with other qualifiers): DNS alone cannot tell.
   */
  result: SpfResult | null;
  /** The term that decided the result, and the record holding it. */
  deciding: { domain: string; term: string; position: number } | null;
  /** Why a permerror/temperror arose. */
  problem: { domain: string; record: string | null; position: number | null; rule: string; message: string } | null;
  lookups: number;
  voidLookups: number;
  /** The SPF record of `domain` (null when none or unreadable). */
  record: string | null;
  /** Every SPF record at `domain` when it publishes several (RFC 7208 §4.5: permerror); empty otherwise. */
  competing: string[];
  /**
   * Every SPF record the evaluation read, in order (for the 5.7.24 heuristic); `included` when it
   * was reached through an `include` rather than being the identity's own record or its redirect.
   */
  records: { domain: string; text: string; included: boolean }[];
}

/**
 * One DKIM signature as DNS shows it. DNS can prove a failure, never a pass:
 * `possible-pass` — the key can verify a signature;
 * `proven-failure` — no key, revoked, RSA below 1024 bits, sha1 only, unknown key type, not for email;
 * `unverified-by-providers` — a valid Ed25519 key, which Gmail, Microsoft and Yahoo do not reliably verify;
 * `risk` — t=y (testing) or several key records that disagree;
 * `temperror` — the key lookup failed temporarily.
 */
export type DkimState = 'possible-pass' | 'proven-failure' | 'unverified-by-providers' | 'risk' | 'temperror';

export interface DkimEvidence {
  domain: string;
  selector: string;
  /** `<selector>._domainkey.<domain>` */
  name: string;
  state: DkimState;
  /** The reason for any state but possible-pass (e.g. `revoked`, `rsa-too-short`, `ed25519`, `testing`). */
  reason: string | null;
  keyType: string | null;
  bits: number | null;
  /** The key record text (first record), null when none. */
  record: string | null;
  /** CNAME chain followed to the key, names outermost first; empty when none. */
  cnamePath: string[];
  orgDomains: OrgDomains;
  detail: string;
}

/** How one kind of receiver reads the From domain's DMARC record. */
export interface DmarcReading {
  receiver: ReceiverKind;
  status: DiscoveryStatus;
  /** The record that applies, and the domain whose `_dmarc` holds it. */
  record: string | null;
  recordDomain: string | null;
  inherited: boolean;
  /** Null when no policy applies (no record, several records, no usable p=, DNS failure). */
  policy: {
    tag: 'p' | 'sp' | 'np' | 'fallback';
    published: DmarcPolicy;
    /** RFC 7489 pct (100 under RFC 9989). */
    pct: number;
    /** RFC 9989 t=y on an enforcing policy. */
    testing: boolean;
    description: string;
  } | null;
  adkim: AlignmentMode;
  aspf: AlignmentMode;
  /** The failed lookup, when status is dns-failure. */
  failure: string | null;
}

export interface DmarcEvidence {
  fromDomain: string;
  rfc7489: DmarcReading;
  rfc9989: DmarcReading;
  /** Where the two kinds of receiver disagree, for people. */
  differences: string[];
}

/** RFC 8601 iprev for one sending address. */
export interface FcrdnsEvidence {
  result: 'pass' | 'fail' | 'none' | 'temperror';
  reverseName: string;
  ptrNames: string[];
  confirmedName: string | null;
  detail: string;
}

/**
 * One sending address and what DNS says about it. `address` is null for a stream that gives no
 * address when its SPF authorizes no range to take samples from: the SPF result is then the one every
 * address gets (or null), and the rules that need an address are not evaluated.
 */
export interface AddressEvidence {
  address: string | null;
  family: 4 | 6 | null;
  /**
   * Set when the stream gives no address and this one is a sample of the ranges its SPF authorizes:
   * an address of a pool, possibly shared with a provider's other customers, not necessarily one the
   * stream's mail leaves from. Null for an address the stream gives.
   */
  sample: AddressSample | null;
  spf: SpfEvidence;
  /** Null without an address. */
  fcrdns: FcrdnsEvidence | null;
}

/** How the sending addresses of a stream that gives none were chosen. */
export interface StreamSamples {
  /** The domain whose SPF the samples come from: the MAIL FROM domain, or the HELO name for a null sender. */
  domain: string;
  /** One address per block, at most 16, spread over the includes (src/spf/sample-addresses.ts). */
  addresses: AddressSample[];
  /** Blocks receivers reach that hold an address getting pass; more than `addresses` when over 16. */
  blocks: number;
  /** Blocks past a lookup limit (RFC 7208 §4.6.4), left out: receivers never reach them. */
  blocksPastLimit: number;
  /** Why there is no sample (no SPF record, no range, …); null when there are samples. */
  none: string | null;
  /** For people: what the addresses are, and what gives exact predictions. */
  note: string;
}


export interface StreamEvidence {
  stream: string;
  /** The RFC 5322 From address as given (a bare domain when only a domain was given). */
  fromAddress: string;
  from: DomainEvidence;
  /** The MAIL FROM as given ('' for a null sender). */
  mailFromAddress: string;
  /** Null for a null sender (MAIL FROM:<>). */
  mailFrom: DomainEvidence | null;
  helo: string | null;
  dkim: DkimEvidence[];
  dmarc: DmarcEvidence;
  volume: Volume;
  /** The providers its profile asks to predict (`providers`); null: the run's (default Gmail, Outlook.com, Yahoo). */
  providers: readonly ProviderId[] | null;
  addresses: AddressEvidence[];
  /** Set when the stream gives no address: how `addresses` were sampled (or why there are none). */
  samples: StreamSamples | null;
}

/** The volumes the bulk rules count, across every stream of the run. */
export interface VolumeTotals {
  /** Gmail counts over the whole organizational domain of the From domain. */
  gmailOrg: number | null;
  /** Outlook.com counts per From domain. */
  outlookDomain: number | null;
  /** The Outlook.com volume of every From domain under the same organizational domain. */
  outlookOrg: number | null;
  /** Yahoo publishes no threshold: the organizational domain's volume. */
  yahooOrg: number | null;
}

// ---------------------------------------------------------------------------------------------
// Predictions

/** The DNS change that fixes a rule, as a record to add, change or remove. */
export interface DnsFix {
  action: 'add' | 'change' | 'remove' | 'configure';
  /** Owner name; null for `configure` (a change at the sending service, not in DNS). */
  name: string | null;
  type: RRType | null;
  /** The record as it is now (change/remove). */
  current: string | null;
  /** The record to publish (add/change). */
  value: string | null;
  /** One sentence: what to do and why. */
  description: string;
}

export interface Reply {
  /** Stable id of the rule, e.g. `gmail-unauthenticated`. */
  rule: string;
  /** The rule in one line (provider, codes, condition); its section of docs/providers.md explains it. */
  row: string;
  verdict: Verdict;
  /** SMTP reply code (`550`), null when the provider publishes none. */
  code: string | null;
  /** RFC 3463 enhanced status code (`5.7.26`), null when none is published. */
  enhanced: string | null;
  /** The provider's published text with [d] and [ip] filled in; null when none is published. */
  text: string | null;
  certainty: Certainty;
  /** Why the rule fires here, in terms of the evidence. */
  why: string;
  /** The fix as one line (null when nothing in DNS can change the outcome). */
  fix: string | null;
  /** Every record change of the fix (the groups below, flattened). */
  fixRecords: DnsFix[];
  /** The fix as alternatives: any one group is enough, and every change of that group is needed. */
  fixGroups: DnsFix[][];
  /** Open points, temporary forms and caveats. */
  notes: string[];
}

/** The evidence a prediction rests on, as it is shown to people and in JSON. */
export interface EvidenceChain {
  spf: SpfEvidence;
  dkim: (DkimEvidence & { aligned: Record<ReceiverKind, boolean | null> })[];
  dmarc: DmarcEvidence;
  alignment: {
    spf: Record<ReceiverKind, boolean | null>;
    orgDomainsAgree: boolean;
  };
  /** Null without an address. */
  fcrdns: FcrdnsEvidence | null;
  from: DomainEvidence;
  mailFrom: DomainEvidence | null;
  /** Null without an address. */
  family: 4 | 6 | null;
  volume: Volume;
  totals: VolumeTotals;
  /** Set when the address is a sample of the ranges the SPF authorizes (the stream gives none). */
  sample: AddressSample | null;
}

export interface Prediction extends Reply {
  provider: ProviderId;
  stream: string;
  /** The sending IP address (a sample when `evidence.sample` is set); null when there is none. */
  address: string | null;
  from: string;
  mailFrom: string;
  /** Other rules that fire too, most severe first. */
  also: Reply[];
  evidence: EvidenceChain;
}
