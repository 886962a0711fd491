// Every finding id of `authaudit message`, once. Messages at the call sites cite the same rule.
import { defineFindings } from '../findings/types.js';

export const MESSAGE_FINDINGS = defineFindings({
  'message-lf-line-ends': { severity: 'warning', title: 'Lines end in LF, not CRLF', rule: 'RFC 5322 §2.3, RFC 5321 §2.3.8' },
  'message-header-malformed': { severity: 'warning', title: 'A header line is not a field', rule: 'RFC 5322 §2.2' },
  'message-no-body': { severity: 'warning', title: 'The message ends inside its header section', rule: 'RFC 5322 §2.1' },
  'message-mbox-line': { severity: 'info', title: 'An mbox "From " line was skipped', rule: 'RFC 4155' },
  'message-dkim-none': { severity: 'error', title: 'No DKIM signature', rule: 'RFC 6376 §6.1; Gmail, Yahoo and Outlook.com sender requirements' },
  'message-dkim-fail': { severity: 'error', title: 'DKIM signature does not verify', rule: 'RFC 6376 §6.1.3' },
  'message-dkim-permerror': { severity: 'error', title: 'DKIM signature cannot be verified', rule: 'RFC 6376 §6.1.1, §6.1.2' },
  'message-dkim-temperror': { severity: 'warning', title: 'DKIM key lookup failed temporarily', rule: 'RFC 6376 §6.1.2' },
  'message-dkim-rsa-sha1': { severity: 'error', title: 'rsa-sha1 signature (not accepted)', rule: 'RFC 8301 §3.1' },
  'message-dkim-body-length': { severity: 'warning', title: 'Signature with l= (content can be appended)', rule: 'RFC 6376 §8.2' },
  'message-spf-fail': { severity: 'error', title: 'SPF does not pass for the connecting address', rule: 'RFC 7208 §2.6' },
  'message-spf-unknown-ip': { severity: 'warning', title: 'No connecting address to check SPF for', rule: 'RFC 7208 §4.1' },
  'message-dmarc-fail': { severity: 'error', title: 'DMARC fails for this message', rule: 'RFC 7489 §6.6, RFC 9989 §4.10' },
  'message-dmarc-none': { severity: 'error', title: 'No DMARC policy for the From domain', rule: 'RFC 7489 §6.6.3; Gmail and Yahoo bulk-sender requirements' },
  'message-from-count': { severity: 'error', title: 'Not exactly one From address', rule: 'RFC 5322 §3.6.2, RFC 7489 §6.6.1' },
  'message-no-message-id': { severity: 'warning', title: 'No Message-ID', rule: 'RFC 5322 §3.6.4; Gmail sender guidelines' },
  'message-no-date': { severity: 'error', title: 'No Date', rule: 'RFC 5322 §3.6' },
  'message-unsubscribe-missing': { severity: 'warning', title: 'No one-click unsubscribe', rule: 'RFC 8058; Gmail and Yahoo bulk-sender requirements' },
  'message-unsubscribe-not-https': { severity: 'warning', title: 'List-Unsubscribe has no https URI', rule: 'RFC 8058 §3.1' },
  'message-unsubscribe-unsigned': { severity: 'warning', title: 'Unsubscribe headers not covered by a passing DKIM signature', rule: 'RFC 8058 §4' },
  'message-arc-fail': { severity: 'warning', title: 'The ARC chain does not validate', rule: 'RFC 8617 §5.2' },
});

export type MessageFindingId = keyof typeof MESSAGE_FINDINGS;
