// The reply texts the rules predict, by the names the rules use. The texts themselves, with their
// codes, meanings and sources, live in the one registry of provider knowledge (src/providers/registry.ts);
// docs/providers.md shows them. `[d]` is a domain, `[ip]` a sending address; a leading "…" marks a
// text the provider's page quotes only in part.
import { replyText } from '../providers/registry.js';

export const TEXTS = {
  gmailUnauthenticated: replyText('gmail-unauthenticated'),
  gmailUnauthenticatedTemporary: replyText('gmail-unauthenticated-temporary'),
  gmailDmarcPolicy: replyText('gmail-dmarc-policy'),
  gmailDmarcTemporary: replyText('gmail-dmarc-temporary'),
  gmailSpfHardFail: replyText('gmail-spf-hard-fail'),
  gmailSpfSuspicious: replyText('gmail-spf-suspicious'),
  gmailPtr: replyText('gmail-ptr'),
  gmailIpv6: replyText('gmail-ipv6'),
  gmailBulkSpf: replyText('gmail-bulk-spf'),
  gmailBulkDkim: replyText('gmail-bulk-dkim'),
  gmailBulkDmarc: replyText('gmail-bulk-dmarc-missing'),
  gmailBulkAlignment: replyText('gmail-bulk-alignment'),
  outlookAuthLevel: replyText('outlook-high-volume'),
  outlookDmarcReject: replyText('outlook-dmarc-reject'),
  outlookIpv6Rdns: replyText('outlook-ipv6-rdns'),
  outlookIpv6Auth: replyText('outlook-ipv6-auth'),
  outlookSpfTenant: replyText('outlook-spf-fail-tenant'),
  yahooUnauthenticated: replyText('yahoo-unauthenticated'),
  yahooPolicy: replyText('yahoo-policy'),
  yahooUnresolvable: replyText('yahoo-unresolvable'),
} as const;

/** Fill `[d]` and `[ip]` in a published text. */
export function fillText(text: string, values: { d?: string; ip?: string }): string {
  return text.replace(/\[d\]/g, values.d ?? '[d]').replace(/\[ip\]/g, values.ip ?? '[ip]');
}
