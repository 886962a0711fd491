// The one registry of mailbox-provider knowledge: who the providers are, the replies they give
// (every published form, the text, what it means, the cause) and what they require, each with the
// public page it was read from. The predictor (src/predict/provider-texts.ts) and the bounce
// classifier (src/bounce/) read it; docs/providers.md shows it (npm run docs:providers).
// `[d]` is a domain, `[ip]` a sending address; a text starting with `…` is known only in part.
import { SOURCES } from './sources.js';
import type { ProviderId, ProviderInfo, ProviderReply, ProviderRequirement } from './types.js';

export const PROVIDER_INFO: readonly ProviderInfo[] = [
  { id: 'gmail', name: 'Gmail', domains: ['gmail.com', 'googlemail.com', 'Google Workspace'], recognise: /\bgsmtp\b|\bgmail\b|google\.com|googlemail/i, predictedByDefault: true },
  {
    id: 'outlook', name: 'Outlook.com', domains: ['outlook.com', 'hotmail.com', 'live.com', 'Exchange Online'],
    recognise: /outlook\.com|hotmail|\blive\.com|protection\.outlook|exchangelabs|\bS3150\b|\bS2017062302\b|\bRESOLVER\.ADR\b/i, predictedByDefault: true,
  },
  { id: 'yahoo', name: 'Yahoo', domains: ['yahoo.com', 'aol.com', 'ymail.com'], recognise: /yahoo|\baol\.com|\[TSS?\d\d\]|\[BL\d\d\]|yahoodns/i, predictedByDefault: true },
  { id: 'icloud', name: 'Apple iCloud Mail', domains: ['icloud.com', 'me.com', 'mac.com'], recognise: /icloud|\bme\.com|\bmac\.com|apple\.com|\[CS\d\d\]|HT204137/i, predictedByDefault: false },
  { id: 'gmx', name: 'GMX and WEB.DE', domains: ['gmx.net', 'gmx.de', 'gmx.com', 'web.de', 'mail.com'], recognise: /\bgmx\b|\bweb\.de\b|Nemesis ESMTP|mxgmx|postmaster\.web\.de/i, predictedByDefault: false },
  { id: 'laposte', name: 'La Poste', domains: ['laposte.net'], recognise: /laposte|\bLPN\d{3}_\d{3}\b/i, predictedByDefault: false },
];

const { gmailErrors, gmailFaq, microsoftNdr, microsoft515, microsoftIpv6, outlookPostmaster, yahooErrors, yahooBestPractices, applePostmaster, gmxErrors, gmxPostmaster, laposte, rfc7505, gmailGuidelines } = SOURCES;

/** Within a provider, the first reply whose `match` fits the text is the one: specific texts first. */
export const PROVIDER_REPLIES: readonly ProviderReply[] = [
  // --- Gmail: the "SMTP errors and codes" page; 5.7.26 has three texts
  {
    id: 'gmail-dmarc-temporary', provider: 'gmail', forms: [{ code: '451', enhanced: '4.7.26' }],
    text: "Unauthenticated email from [d] is not accepted due to domain's DMARC policy, but temporary DNS failures prevent authentication.",
    match: /temporary DNS failures prevent authentication/i, cause: 'dns-temporary',
    meaning: 'the From domain enforces DMARC, and DNS lookups for SPF, DKIM or DMARC failed temporarily', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-unauthenticated', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.26' }],
    text: 'This email has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [d] with ip: [ip] = did not pass.',
    match: /blocked because the sender is unauthenticated|requires all senders to authenticate/i, cause: 'unauthenticated',
    meaning: 'neither SPF (MAIL FROM domain) nor any DKIM signature passed', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-unauthenticated-temporary', provider: 'gmail', forms: [{ code: '421', enhanced: '4.7.26' }],
    text: 'This email has been rate limited because it is unauthenticated. …',
    match: /rate limited because it is unauthenticated/i, cause: 'unauthenticated',
    meaning: 'the temporary form of the unauthenticated rejection', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-dmarc-policy', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.26' }],
    text: "Unauthenticated email from [d] is not accepted due to domain's DMARC policy. Contact the administrator of [d] domain if this was legitimate email.",
    match: /not accepted due to (?:the )?domain'?s DMARC policy/i, cause: 'dmarc-policy',
    meaning: 'DMARC failed (no aligned SPF or DKIM pass) and the From domain publishes p=reject', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-spf-hard-fail', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.26' }],
    text: 'The (E)MAIL FROM domain [d] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks with the ip: [ip].',
    match: /hard fail policy|fails to pass SPF checks/i, cause: 'spf-fail',
    meaning: 'SPF gave fail for the MAIL FROM domain and the sending address', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-spf-suspicious', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.24' }, { code: '451', enhanced: '4.7.24' }],
    text: 'The SPF record of the sending domain has one or more suspicious entries.',
    match: /suspicious entries/i, cause: 'spf-suspicious',
    meaning: 'an SPF record holds entries Gmail calls suspicious (Google does not define them)', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-ptr', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.25' }, { code: '451', enhanced: '4.7.23' }, { code: '421', enhanced: '4.7.0' }],
    text: "This message was blocked because the sending IP address doesn't have a PTR record, or the forwarding DNS entry doesn't reference the sending IP address. Gmail requires that sending IP addresses have a PTR record.",
    match: /doesn'?t have a PTR record|does not have a PTR record|reference the sending IP address/i, cause: 'ptr',
    meaning: 'forward-confirmed reverse DNS failed for the sending address', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-ipv6', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.1' }, { code: '421', enhanced: '4.7.0' }],
    text: 'This message does not meet IPv6 sending guidelines regarding PTR records and authentication.',
    match: /IPv6 sending guidelines/i, cause: 'ptr',
    meaning: 'over IPv6: no forward-confirmed reverse DNS, or neither SPF nor DKIM passed', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-bulk-spf', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.27' }, { code: '421', enhanced: '4.7.27' }],
    text: "Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate their email with SPF.",
    match: /SPF authentication didn'?t pass/i, cause: 'spf-fail',
    meaning: 'a bulk sender whose SPF did not pass (IANA: X.7.27 is "sender address has null MX")', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-bulk-dkim', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.30' }, { code: '421', enhanced: '4.7.30' }],
    text: "… DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate their email with DKIM.",
    match: /DKIM authentication didn'?t pass/i, cause: 'dkim-fail',
    meaning: 'a bulk sender whose DKIM did not pass (IANA: X.7.30 is "REQUIRETLS support required")', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-bulk-dmarc-missing', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.40' }, { code: '421', enhanced: '4.7.40' }, { code: '421', enhanced: '4.7.31' }],
    text: "… the sending domain doesn't have a DMARC record, or the DMARC record doesn't specify a DMARC policy. Gmail requires all bulk email senders to add a DMARC record to their sending domain.",
    match: /doesn'?t have a DMARC record|doesn'?t specify a DMARC policy/i, cause: 'no-dmarc',
    meaning: 'a bulk sender whose From domain has no DMARC record or no valid p= (the FAQ calls the temporary code 4.7.31)', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-bulk-alignment', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.32' }, { code: '421', enhanced: '4.7.32' }],
    text: "… the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.",
    match: /isn'?t aligned with either the authenticated SPF or DKIM/i, cause: 'alignment',
    meaning: 'a bulk sender whose From domain shares no organizational domain with a passing SPF or DKIM identifier', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-rate', provider: 'gmail', forms: [{ code: '421', enhanced: '4.7.28' }, { code: '550', enhanced: '5.7.28' }],
    text: 'Gmail has detected an unusual rate of unsolicited email originating from your SPF domain…',
    match: /unusual rate of unsolicited/i, cause: 'rate-limit',
    meaning: 'too much mail reported as spam from the sending domain or address', seen: 'documentation', source: gmailFaq,
  },
  {
    id: 'gmail-tls', provider: 'gmail', forms: [{ code: '530', enhanced: '5.7.29' }, { code: '421', enhanced: '4.7.29' }],
    text: null,
    match: /\bTLS\b|encrypted connection/i, cause: 'tls-required',
    meaning: 'Gmail requires the message to be sent over TLS (IANA: X.7.29 is "ARC validation failure")', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-unsolicited', provider: 'gmail', forms: [{ code: '550', enhanced: '5.7.1' }],
    text: 'Our system has detected that this message is likely unsolicited mail.',
    match: /likely unsolicited mail/i, cause: 'spam-content',
    meaning: "Gmail's filters judged the message spam", seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-no-account', provider: 'gmail', forms: [{ code: '550', enhanced: '5.1.1' }],
    text: 'The email account that you tried to reach does not exist.',
    match: /account that you tried to reach does not exist/i, cause: 'recipient-unknown',
    meaning: 'the recipient address does not exist', seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-over-quota', provider: 'gmail', forms: [{ code: '452', enhanced: '4.2.2' }, { code: '552', enhanced: '5.2.2' }],
    text: "The recipient's inbox is out of storage space.",
    match: /out of storage space|over quota/i, cause: 'mailbox-full',
    meaning: "the recipient's mailbox is full", seen: 'documentation', source: gmailErrors,
  },
  {
    id: 'gmail-too-large', provider: 'gmail', forms: [{ code: '552', enhanced: '5.3.4' }],
    text: "Your message exceeded Google's message size limits.",
    match: /exceeded Google'?s message size limits/i, cause: 'message-too-large',
    meaning: 'the message is larger than Gmail accepts', seen: 'documentation', source: gmailErrors,
  },

  // --- Outlook.com and Exchange Online
  {
    id: 'outlook-high-volume', provider: 'outlook', forms: [{ code: '550', enhanced: '5.7.515' }],
    text: 'Access denied, sending domain [d] does not meet the required authentication level.',
    match: /does not meet the required authentication level/i, cause: 'high-volume-auth',
    meaning: 'a sender of over 5,000 messages a day whose SPF, DKIM, DMARC record or DMARC pass is missing', seen: 'documentation', source: microsoft515,
  },
  {
    id: 'outlook-dmarc-reject', provider: 'outlook', forms: [{ code: '550', enhanced: '5.7.509' }],
    text: 'Access denied, sending domain [d] does not pass DMARC verification and has a DMARC policy of reject.',
    match: /does not pass DMARC verification/i, cause: 'dmarc-policy',
    meaning: 'DMARC failed and the From domain publishes p=reject', seen: 'documentation', source: microsoftNdr,
  },
  {
    id: 'outlook-ipv6-rdns', provider: 'outlook', forms: [{ code: '550', enhanced: '5.7.25' }, { code: '450', enhanced: '4.7.25' }],
    text: '… sending IPv6 address [ip] must have reverse DNS record.',
    match: /must have reverse DNS record/i, cause: 'ptr',
    meaning: 'an IPv6 sending address without a PTR record', seen: 'documentation', source: microsoftIpv6,
  },
  {
    id: 'outlook-ipv6-auth', provider: 'outlook', forms: [{ code: '450', enhanced: '4.7.26' }],
    text: '… message sent over IPv6 [ip] must pass either SPF or DKIM validation.',
    match: /must pass either SPF or DKIM validation/i, cause: 'unauthenticated',
    meaning: 'over IPv6, neither SPF nor DKIM passed', seen: 'documentation', source: microsoftIpv6,
  },
  {
    id: 'outlook-spf-fail-tenant', provider: 'outlook', forms: [{ code: '550', enhanced: '5.7.23' }],
    text: 'The message was rejected because of Sender Policy Framework violation',
    match: /Sender Policy Framework violation/i, cause: 'spf-fail',
    meaning: 'SPF gave fail at an Exchange Online tenant that rejects on it', seen: 'documentation', source: microsoftNdr,
  },
  {
    id: 'outlook-block-list', provider: 'outlook', forms: [{ code: '550', enhanced: '5.7.1' }],
    text: "Unfortunately, messages from [ip] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
    match: /on our block list|\bS3150\b|\bS3140\b/i, cause: 'blocklist',
    meaning: "the sending address's network is on Outlook.com's own block list", seen: 'real bounces', source: outlookPostmaster,
  },
  {
    id: 'outlook-rate-limited', provider: 'outlook', forms: [{ code: '451', enhanced: '4.7.650' }],
    text: 'The mail server [ip] has been temporarily rate limited due to IP reputation.',
    match: /temporarily rate limited due to IP reputation/i, cause: 'rate-limit',
    meaning: 'the sending address is throttled for its reputation', seen: 'real bounces', source: microsoftNdr,
  },
  {
    id: 'outlook-mailbox-unavailable', provider: 'outlook', forms: [{ code: '550', enhanced: '5.5.0' }, { code: '550', enhanced: '5.1.10' }],
    text: 'Requested action not taken: mailbox unavailable',
    match: /mailbox unavailable|RecipientNotFound/i, cause: 'recipient-unknown',
    meaning: 'the recipient address does not exist', seen: 'real bounces', source: microsoftNdr,
  },

  // --- Yahoo and AOL: Yahoo describes its error classes, not the texts; these are as seen in bounces
  {
    id: 'yahoo-unauthenticated', provider: 'yahoo', forms: [{ code: '550', enhanced: '5.7.9' }],
    text: 'This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.',
    match: /sender is unauthenticated|requires all senders to authenticate/i, cause: 'unauthenticated',
    meaning: 'neither SPF nor DKIM passed', seen: 'real bounces', source: yahooErrors,
  },
  {
    id: 'yahoo-policy', provider: 'yahoo', forms: [{ code: '554', enhanced: '5.7.9' }],
    text: 'Message not accepted for policy reasons.',
    match: /not accepted for policy reasons/i, cause: 'dmarc-policy',
    meaning: 'a policy rejection; among its causes, DMARC failing with p=reject', seen: 'real bounces', source: yahooErrors,
  },
  {
    id: 'yahoo-unresolvable-temporary', provider: 'yahoo', forms: [{ code: '451', enhanced: null }],
    text: 'Message temporarily deferred due to unresolvable RFC.5321 from domain.',
    match: /unresolvable RFC\.?5321 from domain/i, cause: 'dns-temporary', check: 'domain-exists',
    meaning: "the SOA question for the MAIL FROM or From domain failed (SERVFAIL)", seen: 'real bounces', source: yahooErrors,
  },
  {
    id: 'yahoo-unresolvable', provider: 'yahoo', forms: [{ code: '554', enhanced: null }],
    text: 'Message temporarily deferred due to unresolvable RFC.5321 from domain.',
    match: /unresolvable RFC\.?5321 from domain/i, cause: 'other', check: 'domain-exists',
    meaning: 'the MAIL FROM or From domain does not exist (SOA check)', seen: 'real bounces', source: yahooErrors,
  },
  {
    id: 'yahoo-null-mx', provider: 'yahoo', forms: [{ code: '550', enhanced: null }, { code: '554', enhanced: null }],
    text: null,
    match: /null MX/i, cause: 'other', check: 'null-mx',
    meaning: 'the MAIL FROM or From domain publishes a null MX (RFC 7505 suggests 550 5.7.27 "Sender address has null MX")', seen: 'documentation', source: rfc7505,
  },
  {
    id: 'yahoo-tss04', provider: 'yahoo', forms: [{ code: '421', enhanced: '4.7.0' }],
    text: '[TSS04] Messages from [ip] temporarily deferred due to unexpected volume or user complaints',
    match: /\[TSS04\]|unexpected volume or user complaints/i, cause: 'rate-limit',
    meaning: 'deferred for volume or complaints (Yahoo "TSS" throttling)', seen: 'real bounces', source: yahooErrors,
  },
  {
    id: 'yahoo-tss09', provider: 'yahoo', forms: [{ code: '421', enhanced: '4.7.0' }],
    text: '[TSS09] All messages from [ip] will be permanently deferred; Retrying will NOT succeed.',
    match: /\[TSS09\]|permanently deferred/i, cause: 'blocklist',
    meaning: 'the sending address is blocked; retrying will not help', seen: 'real bounces', source: yahooErrors,
  },
  {
    id: 'yahoo-bl21', provider: 'yahoo', forms: [{ code: '553', enhanced: '5.7.1' }],
    text: "[BL21] Connections will not be accepted from [ip], because the ip is in Spamhaus's list",
    match: /\[BL\d\d\]|Spamhaus/i, cause: 'blocklist',
    meaning: 'the sending address is on a public block list', seen: 'real bounces', source: yahooErrors,
  },
  {
    id: 'yahoo-no-account', provider: 'yahoo', forms: [{ code: '554', enhanced: null }],
    text: "delivery error: dd This user doesn't have a yahoo.com account",
    match: /doesn'?t have a (?:yahoo|aol)\.com account/i, cause: 'recipient-unknown',
    meaning: 'the recipient address does not exist', seen: 'real bounces', source: yahooErrors,
  },

  // --- Apple iCloud Mail: Apple publishes requirements, not texts
  {
    id: 'icloud-local-policy', provider: 'icloud', forms: [{ code: '554', enhanced: '5.7.1' }, { code: '550', enhanced: '5.7.1' }],
    text: '[CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
    match: /\[CS\d\d\]|rejected due to local policy/i, cause: 'spam-content',
    meaning: "rejected by iCloud's filtering (reputation or content; Apple gives no detail)", seen: 'real bounces', source: applePostmaster,
  },
  {
    id: 'icloud-no-user', provider: 'icloud', forms: [{ code: '550', enhanced: '5.1.1' }],
    text: '<[address]>: user does not exist',
    match: /user does not exist/i, cause: 'recipient-unknown',
    meaning: 'the recipient address does not exist', seen: 'real bounces', source: applePostmaster,
  },

  // --- GMX and WEB.DE: multi-line replies without enhanced codes; the last line and its case URL decide
  {
    id: 'gmx-block-listed', provider: 'gmx', forms: [{ code: '554', enhanced: null }],
    text: 'IP address is block listed.',
    match: /IP address is block listed/i, cause: 'blocklist',
    meaning: 'the sending address is on a block list', seen: 'documentation', source: gmxErrors,
  },
  {
    id: 'gmx-bad-ptr', provider: 'gmx', forms: [{ code: '554', enhanced: null }],
    text: 'Bad DNS PTR resource record.',
    match: /Bad DNS PTR resource record/i, cause: 'ptr',
    meaning: 'the sending address has no PTR record, or a generic one', seen: 'real bounces', source: gmxErrors,
  },
  {
    id: 'gmx-spf', provider: 'gmx', forms: [{ code: '550', enhanced: null }],
    text: 'Reject due to SPF policy. The originating IP of the message is not permitted by the domain owner',
    match: /Reject due to SPF policy/i, cause: 'spf-fail',
    meaning: "the sending address is not authorised by the sender domain's SPF record", seen: 'real bounces', source: gmxErrors,
  },
  {
    id: 'gmx-policy', provider: 'gmx', forms: [{ code: '554', enhanced: null }],
    text: 'Reject due to policy restrictions.',
    match: /Reject due to policy restrictions/i, cause: 'other',
    meaning: 'a policy rejection; the case URL in the last line names it (aligned DKIM is mandatory at GMX)', seen: 'real bounces', source: gmxErrors,
  },
  {
    id: 'gmx-mailbox-unavailable', provider: 'gmx', forms: [{ code: '550', enhanced: null }],
    text: 'Requested action not taken: mailbox unavailable',
    match: /mailbox unavailable/i, cause: 'recipient-unknown',
    meaning: 'the recipient address does not exist', seen: 'real bounces', source: gmxErrors,
  },

  // --- La Poste: replies end in an LPNxxx_yyy code; La Poste's own page lists none of them
  {
    id: 'laposte-dmarc', provider: 'laposte', forms: [{ code: '550', enhanced: '5.7.1' }],
    text: '… LPN007_517', match: /\bLPN007_517\b/, cause: 'dmarc-policy',
    meaning: "rejected by the From domain's DMARC policy", seen: 'real bounces', source: laposte,
  },
  {
    id: 'laposte-refused', provider: 'laposte', forms: [{ code: '550', enhanced: '5.7.1' }],
    text: 'Service refuse. Veuillez essayer plus tard. service refused, please try later. LPN007_510', match: /\bLPN007_510\b/, cause: 'spam-content',
    meaning: 'refused for content or reputation', seen: 'real bounces', source: laposte,
  },
  {
    id: 'laposte-throttled', provider: 'laposte', forms: [{ code: '450', enhanced: '4.7.1' }],
    text: 'Service refuse. Veuillez essayer plus tard. service refused, please try later. LPN027_503', match: /\bLPN027_503\b/, cause: 'rate-limit',
    meaning: 'temporarily refused: too many connections, errors or complaints', seen: 'real bounces', source: laposte,
  },
  {
    id: 'laposte-no-user', provider: 'laposte', forms: [{ code: '550', enhanced: '5.1.1' }],
    text: '… LPN007_416', match: /\bLPN007_416\b/, cause: 'recipient-unknown',
    meaning: 'the recipient address does not exist', seen: 'real bounces', source: laposte,
  },
];

export const PROVIDER_REQUIREMENTS: readonly ProviderRequirement[] = [
  { provider: 'gmail', scope: 'all senders', what: 'SPF or DKIM passes; sending addresses have forward-confirmed reverse DNS; TLS', source: gmailGuidelines },
  { provider: 'gmail', scope: 'bulk senders (about 5,000 a day or more to personal accounts, per organizational domain)', what: 'SPF and DKIM pass; a DMARC record (p=none or stronger); From aligned with SPF or DKIM; one-click unsubscribe (RFC 8058) honoured within 48 hours', source: gmailFaq },
  { provider: 'outlook', scope: 'over 5,000 a day to consumer mailboxes, per From domain', what: 'SPF passes, DKIM passes, a DMARC record of at least p=none that passes with SPF or DKIM aligned; rejected (550 5.7.515) since 5 May 2025', source: microsoft515 },
  { provider: 'yahoo', scope: 'all senders', what: 'SPF or DKIM passes; the MAIL FROM and From domains exist (SOA) and publish no null MX', source: yahooErrors },
  { provider: 'yahoo', scope: 'bulk senders', what: 'SPF and DKIM pass; a DMARC record of at least p=none that passes (relaxed alignment is enough); forward and reverse DNS for the sending addresses', source: yahooBestPractices },
  { provider: 'icloud', scope: 'bulk senders', what: 'SPF and DKIM; a published DMARC policy; reverse DNS for the sending addresses; an unsubscribe link; ARC on forwarded mail. A bulk message that misses any requirement is rejected', source: applePostmaster },
  { provider: 'gmx', scope: 'all senders', what: 'DKIM is mandatory and aligned with the From domain (at least relaxed); SPF and DMARC recommended; a PTR of its own for the sending address, not a generic one; a valid HELO name', source: gmxPostmaster },
  { provider: 'laposte', scope: 'all senders', what: 'a consistent PTR for the sending address; addresses the SPF record does not authorise are rejected; the DMARC policy is applied; unauthenticated mail goes to spam at best', source: laposte },
];

/** The provider's entry; throws on an unknown id (a bug). */
export function providerInfo(id: ProviderId): ProviderInfo {
  const info = PROVIDER_INFO.find((p) => p.id === id);
  if (info === undefined) throw new Error(`unknown provider ${id}`);
  return info;
}

/** A reply of the registry by id; throws on an unknown id (a bug). */
export function providerReply(id: string): ProviderReply {
  const entry = PROVIDER_REPLIES.find((r) => r.id === id);
  if (entry === undefined) throw new Error(`no provider reply ${id}`);
  return entry;
}

/** The published text of a reply; throws when the registry records none (a bug in the caller). */
export function replyText(id: string): string {
  const text = providerReply(id).text;
  if (text === null) throw new Error(`provider reply ${id} has no text`);
  return text;
}
