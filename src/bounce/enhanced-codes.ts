// RFC 3463 enhanced status codes as the IANA "Enumerated Status Codes" registry defines them
// (RFC 3463, and later RFC 3886, 4468, 4954, 5248, 6531, 6710, 7293, 7372, 7505, 8617, 8689):
// subject.detail → meaning, and the cause it points at when no provider says otherwise.
import type { Cause, CheckKind } from '../providers/types.js';

interface Entry {
  meaning: string;
  cause: Cause;
  check?: CheckKind;
  /** A code so broad (X.7.1 "not authorized") that the text says more than it does. */
  generic?: boolean;
}

const E = (meaning: string, cause: Cause, extra: Partial<Entry> = {}): Entry => ({ meaning, cause, ...extra });

const REGISTRY: Readonly<Record<string, Entry>> = {
  '0.0': E('Other undefined status', 'other', { generic: true }),
  '1.0': E('Other address status', 'other', { generic: true }),
  '1.1': E('Bad destination mailbox address', 'recipient-unknown'),
  '1.2': E('Bad destination system address', 'recipient-unknown'),
  '1.3': E('Bad destination mailbox address syntax', 'recipient-unknown'),
  '1.4': E('Destination mailbox address ambiguous', 'recipient-unknown'),
  '1.6': E('Destination mailbox has moved, no forwarding address', 'recipient-unknown'),
  '1.7': E("Bad sender's mailbox address syntax", 'other'),
  '1.8': E("Bad sender's system address", 'other', { check: 'domain-exists' }),
  '1.10': E('Recipient address has null MX', 'recipient-unknown'),
  '2.0': E('Other or undefined mailbox status', 'other', { generic: true }),
  '2.1': E('Mailbox disabled, not accepting messages', 'recipient-unknown'),
  '2.2': E('Mailbox full', 'mailbox-full'),
  '2.3': E('Message length exceeds administrative limit', 'message-too-large'),
  '3.0': E('Other or undefined mail system status', 'other', { generic: true }),
  '3.1': E('Mail system full', 'mailbox-full'),
  '3.2': E('System not accepting network messages', 'other'),
  '3.4': E('Message too big for system', 'message-too-large'),
  '4.0': E('Other or undefined network or routing status', 'other', { generic: true }),
  '4.1': E('No answer from host', 'other'),
  '4.3': E('Directory server failure', 'dns-temporary'),
  '4.4': E('Unable to route', 'other'),
  '4.5': E('Mail system congestion', 'rate-limit'),
  '4.7': E('Delivery time expired', 'other'),
  '5.0': E('Other or undefined protocol status', 'other', { generic: true }),
  '5.3': E('Too many recipients', 'rate-limit'),
  '6.0': E('Other or undefined media error', 'other', { generic: true }),
  '7.0': E('Other or undefined security status', 'other', { generic: true }),
  '7.1': E('Delivery not authorized, message refused', 'other', { generic: true }),
  '7.9': E('Authentication mechanism is too weak', 'other'),
  '7.10': E('Encryption needed', 'tls-required'),
  '7.20': E('No passing DKIM signature found', 'dkim-fail'),
  '7.21': E('No acceptable DKIM signature found', 'dkim-fail'),
  '7.22': E('No valid author-matched DKIM signature found', 'dkim-fail'),
  '7.23': E('SPF validation failed', 'spf-fail'),
  '7.24': E('SPF validation error', 'spf-fail'),
  '7.25': E('Reverse DNS validation failed', 'ptr'),
  '7.26': E('Multiple authentication checks failed', 'unauthenticated'),
  '7.27': E('Sender address has null MX', 'other', { check: 'null-mx' }),
  '7.28': E('Mail flood detected', 'rate-limit'),
  '7.29': E('ARC validation failure', 'other'),
  '7.30': E('REQUIRETLS support required', 'tls-required'),
};

export interface StandardMeaning {
  meaning: string;
  cause: Cause;
  check: CheckKind;
  generic: boolean;
}

/** The IANA meaning of `4.7.26`-style codes; null for codes the registry does not define (Gmail's 5.7.40). */
export function standardMeaning(enhanced: string): StandardMeaning | null {
  const m = /^[245]\.(\d{1,3}\.\d{1,3})$/.exec(enhanced);
  const entry = m === null ? undefined : REGISTRY[m[1] as string];
  if (entry === undefined) return null;
  return { meaning: entry.meaning, cause: entry.cause, check: entry.check ?? entry.cause, generic: entry.generic === true };
}
