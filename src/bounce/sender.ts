// Who sent the bounced message: from the options, the returned headers (From, Return-Path,
// DKIM-Signature d= and s=, Received), the DSN's per-message fields (X-Postfix-Sender), or the
// reply texts (Gmail names the SPF domain and the sending address). The options win, then the headers.
import { readAddress } from '../net/read-address.js';
import { headerValue, type HeaderField } from './mime.js';
import type { RawReply, Sender, SenderFact } from './types.js';

export interface SenderOptions {
  from?: string | undefined;
  mailFrom?: string | undefined;
  ip?: string | undefined;
}

/** `"Shop" <news@shop.example>` → `news@shop.example`; null when there is no address. */
export function addressOf(value: string | null): string | null {
  if (value === null) return null;
  const angle = /<([^<>\s]*)>/.exec(value);
  const raw = (angle?.[1] ?? value.replace(/\([^)]*\)/g, '').trim().split(/[\s,;]+/)[0] ?? '').replace(/^rfc822;\s*/i, '');
  return /^[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(raw) ? raw.toLowerCase() : null;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** DKIM-Signature tags (RFC 6376 §3.5): d= and s=. */
function dkimOf(value: string): { domain: string; selector: string } | null {
  const tags = new Map(value.replace(/\s+/g, '').split(';').map((t) => [t.slice(0, t.indexOf('=')).toLowerCase(), t.slice(t.indexOf('=') + 1)] as const));
  const d = tags.get('d')?.toLowerCase();
  const s = tags.get('s')?.toLowerCase();
  return d !== undefined && s !== undefined && DOMAIN.test(d) && /^[a-z0-9._-]+$/.test(s) ? { domain: d, selector: s } : null;
}

/** A public address in a Received field's `[…]` or `(…)`: the one the message came from. */
function receivedAddress(value: string): string | null {
  for (const m of value.matchAll(/[[(](?:IPv6:)?([0-9A-Fa-f:.]+)[\])]/g)) {
    const read = readAddress(m[1] as string);
    if (read.ok && !isPrivate(read.value.canonical)) return read.value.canonical;
  }
  return null;
}

function isPrivate(ip: string): boolean {
  return /^(?:10\.|127\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|::1$|f[cd][0-9a-f]{2}:|fe80:)/i.test(ip);
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
    if (mailFrom === null && spfDomain !== undefined && DOMAIN.test(spfDomain)) mailFrom = { value: spfDomain.toLowerCase(), source: 'reply text' };
    const author = /email from \[?([^\]\s]+?)\]? is not accepted|sending domain \[?([^\]\s]+?)\]? does not/i.exec(t);
    const authorDomain = author?.[1] ?? author?.[2];
    if (from === null && authorDomain !== undefined && DOMAIN.test(authorDomain)) from = { value: authorDomain.toLowerCase(), source: 'reply text' };
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
  const received = headers.filter((h) => h.name === 'received').map((h) => receivedAddress(h.value)).find((a) => a !== null) ?? null;
  const dkim = headers.filter((h) => h.name === 'dkim-signature').map((h) => dkimOf(h.value)).filter((d) => d !== null).map((d) => ({ ...d, source: 'DKIM-Signature header' }));

  return {
    from: fact(options.from ?? null, '--from') ?? fact(fromHeader, 'From header') ?? texts.from,
    mailFrom: fact(options.mailFrom ?? null, '--mail-from') ?? fact(returnPath, 'Return-Path header') ?? fact(postfixSender, 'X-Postfix-Sender (DSN)') ?? texts.mailFrom,
    ip: fact(options.ip ?? null, '--ip') ?? texts.ip ?? fact(received, 'Received header'),
    dkim: dkim.filter((d, i) => dkim.findIndex((e) => e.domain === d.domain && e.selector === d.selector) === i),
    headersRead: returned !== null,
  };
}
