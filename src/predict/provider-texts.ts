// The reply texts as docs/providers.md quotes them (Gmail "SMTP errors and codes" and FAQ,
// Microsoft's Outlook.com requirements and Exchange Online NDR tables, texts seen in Yahoo bounces).
// `[d]` is a domain, `[ip]` a sending address. A leading "…" marks a text the document quotes only in part.

export const TEXTS = {
  gmailUnauthenticated:
    'This email has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [d] with ip: [ip] = did not pass.',
  gmailUnauthenticatedTemporary: 'This email has been rate limited because it is unauthenticated. …',
  gmailDmarcPolicy:
    'Unauthenticated email from [d] is not accepted due to domain\'s DMARC policy. Contact the administrator of [d] domain if this was legitimate email.',
  gmailDmarcTemporary:
    "Unauthenticated email from [d] is not accepted due to domain's DMARC policy, but temporary DNS failures prevent authentication.",
  gmailSpfHardFail:
    'The (E)MAIL FROM domain [d] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [ip].',
  gmailSpfSuspicious: 'The SPF record of the sending domain has one or more suspicious entries.',
  gmailPtr:
    "This message was blocked because the sending IP address doesn't have a PTR record, or the forwarding DNS entry doesn't reference the sending IP address. Gmail requires that sending IP addresses have a PTR record.",
  gmailIpv6: 'This message does not meet IPv6 sending guidelines regarding PTR records and authentication.',
  gmailBulkSpf:
    "Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate their email with SPF.",
  gmailBulkDkim: "… DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate their email with DKIM.",
  gmailBulkDmarc:
    "… the sending domain doesn't have a DMARC record, or the DMARC record doesn't specify a DMARC policy. Gmail requires all bulk email senders to add a DMARC record to their sending domain.",
  gmailBulkAlignment: "… the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.",
  outlookAuthLevel: 'Access denied, sending domain [d] does not meet the required authentication level.',
  outlookDmarcReject: 'Access denied, sending domain [d] does not pass DMARC verification and has a DMARC policy of reject.',
  outlookIpv6Rdns: '… sending IPv6 address [ip] must have reverse DNS record.',
  outlookIpv6Auth: '… message sent over IPv6 [ip] must pass either SPF or DKIM validation.',
  outlookSpfTenant: 'The message was rejected because of Sender Policy Framework violation',
  yahooUnauthenticated: 'This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.',
  yahooPolicy: 'Message not accepted for policy reasons.',
  yahooUnresolvable: 'Message temporarily deferred due to unresolvable RFC.5321 from domain.',
} as const;

/** Fill `[d]` and `[ip]` in a published text. */
export function fillText(text: string, values: { d?: string; ip?: string }): string {
  return text.replace(/\[d\]/g, values.d ?? '[d]').replace(/\[ip\]/g, values.ip ?? '[ip]');
}
