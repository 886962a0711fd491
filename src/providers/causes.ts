// What each bounce cause means, and what today's DNS can say about it (`authaudit bounce` checks it).
import type { Cause } from './types.js';

export interface CauseInfo {
  meaning: string;
  /** What the bounce command checks in DNS; null when DNS cannot show the cause. */
  dnsCheck: string | null;
}

export const CAUSE_INFO: Readonly<Record<Cause, CauseInfo>> = {
  unauthenticated: { meaning: 'neither SPF nor any DKIM signature passed', dnsCheck: 'SPF check_host for the MAIL FROM domain and the sending address; the DKIM key of each signature' },
  'dmarc-policy': { meaning: 'DMARC failed and the From domain asks receivers to reject (or quarantine)', dnsCheck: 'DMARC discovery and policy; SPF and DKIM aligned with the From domain' },
  'spf-fail': { meaning: 'SPF did not pass (fail, or not pass for a bulk sender)', dnsCheck: 'SPF check_host for the MAIL FROM domain and the sending address' },
  'spf-suspicious': { meaning: 'an SPF record holds entries the receiver calls suspicious', dnsCheck: "SPF records read by check_host: +all, ?all, very wide ranges" },
  'dkim-fail': { meaning: 'no DKIM signature passed', dnsCheck: 'the DKIM key of each signature (DNS proves a failure, never a pass)' },
  'no-dmarc': { meaning: 'the From domain has no DMARC record, or none with a valid p=', dnsCheck: 'DMARC discovery for the From domain' },
  alignment: { meaning: 'no passing SPF or DKIM identifier shares the From domain (or its organizational domain)', dnsCheck: 'SPF and DKIM results and their alignment with the From domain' },
  ptr: { meaning: 'the sending address has no (forward-confirmed) reverse DNS', dnsCheck: 'PTR of the sending address and the addresses of its names' },
  'high-volume-auth': { meaning: "a high-volume sender misses one of SPF, DKIM, a DMARC record, DMARC pass", dnsCheck: 'SPF, DKIM, DMARC record and DMARC pass' },
  'tls-required': { meaning: 'the message was not sent over TLS (or REQUIRETLS could not be honoured)', dnsCheck: null },
  'rate-limit': { meaning: 'too much mail, or too many complaints, from the sender: throttled', dnsCheck: null },
  'spam-content': { meaning: "the receiver's filters judged the message or the sender spam", dnsCheck: null },
  blocklist: { meaning: 'the sending address or domain is on a block list', dnsCheck: null },
  'recipient-unknown': { meaning: 'the recipient address does not exist', dnsCheck: null },
  'mailbox-full': { meaning: "the recipient's mailbox is full", dnsCheck: null },
  'message-too-large': { meaning: 'the message is larger than the receiver accepts', dnsCheck: null },
  'dns-temporary': { meaning: "a DNS lookup the receiver needed failed temporarily", dnsCheck: "the same lookups today: SPF, DKIM, DMARC, the domains' SOA" },
  unsubscribe: { meaning: 'a bulk message without a working one-click unsubscribe (RFC 8058)', dnsCheck: null },
  other: { meaning: 'anything else, or a reply the registry does not know', dnsCheck: null },
};
