// What `authaudit bounce` reads from a bounce (RFC 3464 DSN, Exchange NDR or pasted SMTP replies)
// and what it concludes: each reply classified, the sender, and the DNS checks of each cause.
import type { Finding } from '../findings/types.js';
import type { Cause, CheckKind, RecognisedProvider, Source } from '../providers/types.js';

/** One SMTP reply as found in the input, before classification. */
export interface RawReply {
  /** The three-digit reply code (RFC 5321 §4.2), null when the text has none. */
  code: string | null;
  /** The RFC 3463 enhanced status code from the text, or the DSN's Status field. */
  enhanced: string | null;
  /** The reply's text without codes, continuation prefixes or the `- gsmtp` trailer. */
  text: string;
  /** Where it was read: a DSN's Diagnostic-Code, or lines of text. */
  origin: 'delivery-status' | 'text';
  recipient: string | null;
  /** RFC 3464 Remote-MTA (the server that answered), without its type. */
  remoteMta: string | null;
  /** RFC 3464 Action (failed, delayed, …). */
  action: string | null;
  /** The `- gsmtp` trailer was there (Gmail's servers end every reply with it). */
  gsmtp: boolean;
}

/** What an enhanced code means: the IANA registry's words, and the provider's own when it documents one. */
export interface CodeMeaning {
  standard: string | null;
  provider: string | null;
}

export interface BounceReply {
  code: string | null;
  enhanced: string | null;
  provider: RecognisedProvider;
  cause: Cause;
  /** From the reply code (4xx temporary, 5xx permanent); from the enhanced code's class without one; null when neither. */
  permanent: boolean | null;
  text: string;
  meaning: CodeMeaning;
  /** The registry's reply it was recognised as (src/providers/registry.ts), null when none. */
  registryId: string | null;
  source: Source | null;
  /** What DNS check confirms the cause. */
  check: CheckKind;
  recipient: string | null;
  remoteMta: string | null;
  action: string | null;
  origin: RawReply['origin'];
}

/** One fact about the sender and where it was read (`--from`, `From header`, `reply text`, …). */
export interface SenderFact {
  value: string;
  source: string;
}

export interface Sender {
  /** The RFC 5322 From address or domain. */
  from: SenderFact | null;
  /** The RFC 5321 MAIL FROM address or domain. */
  mailFrom: SenderFact | null;
  /** The sending IP address. */
  ip: SenderFact | null;
  /** DKIM signatures: d= and s=. */
  dkim: { domain: string; selector: string; source: string }[];
  /** The returned headers were read (so no DKIM-Signature means the message was not signed). */
  headersRead: boolean;
}

/** Confirmed by today's DNS (true), refuted (false), or cannot tell (null). */
export interface CauseCheck {
  cause: Cause;
  check: CheckKind;
  confirmed: boolean | null;
  reason: string;
  /** The fix when confirmed; null otherwise. */
  fix: string | null;
  findings: Finding[];
}

export interface BounceReport {
  /** What the input was read as. */
  kind: 'dsn' | 'text';
  replies: BounceReply[];
  sender: Sender;
  checks: CauseCheck[];
  /** Things the reader noticed (a DSN without a delivery-status part, …). */
  notes: string[];
}
