// The shape of the one registry of mailbox-provider knowledge (src/providers/registry.ts): the
// replies each provider gives, what they mean, the cause behind them, and where that was read.
// The predictor takes its reply texts from it and the bounce classifier its codes and meanings;
// docs/providers.md shows it (npm run docs:providers).

/** Every provider the registry knows; `other` is any server it does not recognise. */
export type ProviderId = 'gmail' | 'outlook' | 'yahoo' | 'icloud' | 'gmx' | 'laposte';
export type RecognisedProvider = ProviderId | 'other';

/** Why a message bounced, in the words `authaudit bounce` reports (docs/providers.md "Bounce causes"). */
export type Cause =
  | 'unauthenticated'
  | 'dmarc-policy'
  | 'spf-fail'
  | 'spf-suspicious'
  | 'dkim-fail'
  | 'no-dmarc'
  | 'alignment'
  | 'ptr'
  | 'high-volume-auth'
  | 'tls-required'
  | 'rate-limit'
  | 'spam-content'
  | 'blocklist'
  | 'recipient-unknown'
  | 'mailbox-full'
  | 'message-too-large'
  | 'dns-temporary'
  | 'unsubscribe'
  | 'other';

export const CAUSES: readonly Cause[] = [
  'unauthenticated', 'dmarc-policy', 'spf-fail', 'spf-suspicious', 'dkim-fail', 'no-dmarc', 'alignment', 'ptr', 'high-volume-auth', 'tls-required',
  'rate-limit', 'spam-content', 'blocklist', 'recipient-unknown', 'mailbox-full', 'message-too-large', 'dns-temporary', 'unsubscribe', 'other',
];

/**
 * What DNS can say about a cause: a cause's own check, or one of the sender's domains existing
 * (Yahoo's SOA check) or publishing a null MX (RFC 7505).
 */
export type CheckKind = Cause | 'domain-exists' | 'null-mx';

/** A public page a fact was read from. `read` is the month it was read (`2026-06`), null when nobody noted it. */
export interface Source {
  title: string;
  url: string;
  read: string | null;
}

/** One form of a reply: the SMTP code and the RFC 3463 enhanced code (null where the provider gives none). */
export interface ReplyForm {
  code: string | null;
  enhanced: string | null;
}

/** One reply a provider gives, in all its published forms. */
export interface ProviderReply {
  /** Stable id, e.g. `gmail-unauthenticated`. */
  id: string;
  provider: ProviderId;
  /** Permanent forms first. */
  forms: readonly ReplyForm[];
  /**
   * The text as the provider publishes it (or as bounces show it), `[d]` a domain and `[ip]` a
   * sending address; a leading `…` marks a text known only in part. Null when none is known.
   */
  text: string | null;
  /** What in a reply's text identifies this reply (case-insensitive). */
  match: RegExp;
  cause: Cause;
  /** What DNS check confirms the cause, when it is not the cause's own. */
  check?: CheckKind;
  /** The provider's own meaning of the code, in one sentence. */
  meaning: string;
  /** `documentation`: the provider's page; `real bounces`: the text as received (the source says where it is described). */
  seen: 'documentation' | 'real bounces';
  source: Source;
}

/** A requirement a provider publishes (for the predictor's rules and for people). */
export interface ProviderRequirement {
  provider: ProviderId;
  /** Who it applies to: `all senders`, `bulk senders`, … */
  scope: string;
  what: string;
  source: Source;
}

export interface ProviderInfo {
  id: ProviderId;
  /** As headings and reports name it. */
  name: string;
  /** Domains whose mail it hosts (examples, for people). */
  domains: readonly string[];
  /** What in a reply's text or a Remote-MTA name shows that this provider answered. */
  recognise: RegExp;
  /** Whether the predictor applies its rules by default (the others only when asked). */
  predictedByDefault: boolean;
}
