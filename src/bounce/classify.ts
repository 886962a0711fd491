// Classify one reply: the provider that gave it, the cause, temporary or permanent, and what its
// enhanced code means. A recognised provider's documented meaning wins over the IANA registry's
// (Gmail's 5.7.27 is SPF for bulk senders, not "sender address has null MX"); both are kept.
import { domainOf } from '../model/mailbox.js';
import { PROVIDER_INFO, PROVIDER_REPLIES } from '../providers/registry.js';
import type { Cause, ProviderReply, RecognisedProvider } from '../providers/types.js';
import { standardMeaning } from './enhanced-codes.js';
import type { BounceReply, RawReply } from './types.js';

/** Causes read from the words of a reply no registry entry knows; first match wins (DMARC texts name SPF and DKIM too). */
const TEXT_CAUSES: readonly (readonly [RegExp, Cause])[] = [
  [/\bDMARC\b/i, 'dmarc-policy'],
  [/temporary (?:DNS|lookup) failure|DNS (?:lookup )?(?:error|failure|time-?out)|SERVFAIL/i, 'dns-temporary'],
  [/\bDKIM\b/i, 'dkim-fail'],
  [/\bSPF\b|Sender Policy Framework/i, 'spf-fail'],
  [/\bPTR\b|reverse DNS|\brDNS\b|reverse lookup/i, 'ptr'],
  [/unauthenticated|not authenticated/i, 'unauthenticated'],
  [/spamhaus|spamcop|barracuda|block ?list|black ?list|\bDNSBL\b|\bRBL\b|listed (?:at|in|on|by)/i, 'blocklist'],
  [/user unknown|unknown user|no such (?:user|mailbox|recipient)|does ?n[o']t exist|mailbox unavailable|mailbox not found|invalid recipient|recipient address rejected|address rejected|unrouteable address/i, 'recipient-unknown'],
  [/mailbox (?:is )?full|over ?quota|quota exceeded|insufficient (?:system )?storage|out of storage/i, 'mailbox-full'],
  [/too (?:big|large)|size limit|message size|exceeds? (?:the )?(?:maximum|size)/i, 'message-too-large'],
  [/\bTLS\b|STARTTLS|encryption (?:is )?(?:required|needed)|REQUIRETLS/i, 'tls-required'],
  [/unsubscribe/i, 'unsubscribe'],
  [/rate.?limit|too many (?:messages|connections|recipients|mails)|throttl|try again later|deferred due to|unexpected volume/i, 'rate-limit'],
  [/\bspam\b|unsolicited|\bjunk\b|suspicious content|content (?:rejected|filter)/i, 'spam-content'],
];

export function causeFromText(text: string): Cause | null {
  return TEXT_CAUSES.find(([re]) => re.test(text))?.[1] ?? null;
}

/** The provider that answered: its marks in the text, the Remote-MTA, the `gsmtp` trailer, or the recipient's domain. */
export function recogniseProvider(raw: RawReply): RecognisedProvider {
  if (raw.gsmtp) return 'gmail';
  for (const hay of [raw.remoteMta ?? '', raw.text]) {
    const hit = PROVIDER_INFO.find((p) => p.recognise.test(hay));
    if (hit !== undefined) return hit.id;
  }
  // a code no standard defines that only one provider uses (Outlook.com's 5.7.509, Gmail's 5.7.40)
  if (raw.enhanced !== null && standardMeaning(raw.enhanced) === null) {
    const users = new Set(PROVIDER_REPLIES.filter((r) => r.forms.some((f) => f.enhanced === raw.enhanced)).map((r) => r.provider));
    if (users.size === 1) return [...users][0] as RecognisedProvider;
  }
  const domain = raw.recipient === null || raw.recipient === undefined ? undefined : domainOf(raw.recipient);
  if (domain !== undefined) {
    const hit = PROVIDER_INFO.find((p) => p.domains.some((d) => d.toLowerCase() === domain));
    if (hit !== undefined) return hit.id;
  }
  return 'other';
}

/** The registry reply it is: the provider's entries whose words fit, those with the same code and enhanced code first. */
function registryReply(provider: RecognisedProvider, raw: RawReply): ProviderReply | null {
  if (provider === 'other') return null;
  const own = PROVIDER_REPLIES.filter((r) => r.provider === provider);
  const byText = own.filter((r) => r.match.test(raw.text));
  const score = (r: ProviderReply): number =>
    Math.max(0, ...r.forms.map((f) => (f.code === raw.code && f.enhanced === raw.enhanced ? 3 : f.enhanced !== null && f.enhanced === raw.enhanced ? 2 : f.code === raw.code ? 1 : 0)));
  if (byText.length > 0) return [...byText].sort((a, b) => score(b) - score(a))[0] as ProviderReply;
  // a text the registry does not know, with a code only one of the provider's replies uses (Outlook's 5.7.515)
  if (raw.enhanced === null || standardMeaning(raw.enhanced)?.generic === true) return null;
  const byCode = own.filter((r) => r.forms.some((f) => f.enhanced === raw.enhanced));
  return byCode.length === 1 ? (byCode[0] as ProviderReply) : null;
}

/** RFC 5321 §4.2.1: 4yz transient, 5yz permanent; else the enhanced code's class (RFC 3463 §3.1). */
export function permanence(code: string | null, enhanced: string | null): boolean | null {
  const first = (code ?? enhanced ?? '')[0];
  return first === '5' ? true : first === '4' ? false : null;
}

export function classifyReply(raw: RawReply): BounceReply {
  const provider = recogniseProvider(raw);
  const entry = registryReply(provider, raw);
  const standard = raw.enhanced === null ? null : standardMeaning(raw.enhanced);
  let cause: Cause;
  let check: BounceReply['check'];
  if (entry !== null) {
    cause = entry.cause;
    check = entry.check ?? entry.cause;
  } else {
    // a specific registered code says more than words; a generic one (5.7.1) less
    const fromText = causeFromText(raw.text);
    const specific = standard !== null && !standard.generic && standard.cause !== 'other' ? standard : null;
    cause = specific?.cause ?? fromText ?? standard?.cause ?? 'other';
    check = specific?.check ?? (fromText !== null ? fromText : (standard?.check ?? cause));
  }
  return {
    code: raw.code,
    enhanced: raw.enhanced,
    provider,
    cause,
    permanent: permanence(raw.code, raw.enhanced),
    text: raw.text,
    meaning: { standard: standard?.meaning ?? null, provider: entry?.meaning ?? null },
    registryId: entry?.id ?? null,
    source: entry?.source ?? null,
    check,
    recipient: raw.recipient,
    remoteMta: raw.remoteMta,
    action: raw.action,
    origin: raw.origin,
  };
}
