// Who sent the bounced message: from the options, the returned headers (From, Return-Path,
// DKIM-Signature d= and s=, Received), the DSN's per-message fields (X-Postfix-Sender), or the
// reply texts (Gmail names the SPF domain and the sending address). The options win, then the headers.
import { readAddress } from '../net/read-address.js';
import { parseMailboxes } from '../model/mailbox.js';
import { checkDomainName } from '../model/domain-name.js';
import { parseTagList } from '../model/tag-list.js';
import { receivedFrom } from '../message/connection.js';
import { headerValue, type HeaderField } from './mime.js';
import type { RawReply, Sender, SenderFact } from './types.js';

export interface SenderOptions {
  from?: string | undefined;
  mailFrom?: string | undefined;
  ip?: string | undefined;
}

/** `"Shop" <news@shop.example>` → `news@shop.example` (the one mailbox reader, src/model/mailbox.ts); null when there is no address with a domain. */
export function addressOf(value: string | null): string | null {
  if (value === null) return null;
  const [first] = parseMailboxes(value.replace(/^rfc822;\s*/i, ''));
  if (first === undefined || first.domain === null || !isDomain(first.domain)) return null;
  return first.address.toLowerCase();
}

/** A mail domain as the one domain-name rule reads it (src/model/domain-name.ts). */
function isDomain(text: string): boolean {
  return checkDomainName(text).ok;
}

/** DKIM-Signature tags (RFC 6376 §3.5) d= and s=, read with the one tag-list parser (src/model/tag-list.ts). */
function dkimOf(value: string): { domain: string; selector: string } | null {
  const list = parseTagList(value);
  if (list.errors.length > 0) return null;
  const tag = (name: string): string | undefined => list.tags.find((t) => t.name === name)?.value.replace(/\s+/g, '').toLowerCase();
  const d = tag('d');
  const s = tag('s');
  return d !== undefined && s !== undefined && isDomain(d) && /^[a-z0-9._-]+$/.test(s) ? { domain: d, selector: s } : null;
}

const IP_IN_TEXT = /(?:\bip:?\s*|\[)((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})\]?/i;

function fromReplies(replies: readonly RawReply[]): { from: SenderFact | null; mailFrom: SenderFact | null; ip: SenderFact | null } {
  let from: SenderFact | null = null;
  let mailFrom: SenderFact | null = null;
  let ip: SenderFact | null = null;
  for (const r of replies) {
    const t = r.text;
    const spf = /SPF \[([^\]\s]+)\]|MAIL FROM domain \[?([^\]\s]+?)\]? has an SPF/i.exec(t);
    const spfDomain = spf?.[1] ?? spf?.[2];
    if (mailFrom === null && spfDomain !== undefined && isDomain(spfDomain)) mailFrom = { value: spfDomain.toLowerCase(), source: 'reply text' };
    const author = /email from \[?([^\]\s]+?)\]? is not accepted|sending domain \[?([^\]\s]+?)\]? does not/i.exec(t);
    const authorDomain = author?.[1] ?? author?.[2];
    if (from === null && authorDomain !== undefined && isDomain(authorDomain)) from = { value: authorDomain.toLowerCase(), source: 'reply text' };
    const m = IP_IN_TEXT.exec(t);
    const read = m === null ? null : readAddress(m[1] as string);
    if (ip === null && read?.ok === true) ip = { value: read.value.canonical, source: 'reply text' };
  }
  return { from, mailFrom, ip };
}

export function findSender(options: SenderOptions, returned: readonly HeaderField[] | null, perMessage: readonly HeaderField[], replies: readonly RawReply[]): Sender {
  const headers = returned ?? [];
  const texts = fromReplies(replies);
  const fact = (value: string | null, source: string): SenderFact | null => (value === null ? null : { value, source });

  const fromHeader = addressOf(headerValue(headers, 'from'));
  const returnPath = addressOf(headerValue(headers, 'return-path'));
  const postfixSender = addressOf(headerValue([...perMessage], 'x-postfix-sender'));
  const received = headers.filter((h) => h.name === 'received').map((h) => receivedFrom(h.value).ip).find((a) => a !== null) ?? null;
  const dkim = headers.filter((h) => h.name === 'dkim-signature').map((h) => dkimOf(h.value)).filter((d) => d !== null).map((d) => ({ ...d, source: 'DKIM-Signature header' }));

  return {
    from: fact(options.from ?? null, '--from') ?? fact(fromHeader, 'From header') ?? texts.from,
    mailFrom: fact(options.mailFrom ?? null, '--mail-from') ?? fact(returnPath, 'Return-Path header') ?? fact(postfixSender, 'X-Postfix-Sender (DSN)') ?? texts.mailFrom,
    ip: fact(options.ip ?? null, '--ip') ?? texts.ip ?? fact(received, 'Received header'),
    dkim: dkim.filter((d, i) => dkim.findIndex((e) => e.domain === d.domain && e.selector === d.selector) === i),
    headersRead: returned !== null,
  };
}
