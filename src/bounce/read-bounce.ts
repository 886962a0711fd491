// Read a bounce: an RFC 3464 DSN (multipart/report with message/delivery-status, the returned
// headers in text/rfc822-headers or message/rfc822), an Exchange-style NDR, or pasted SMTP reply
// lines; classify each reply, find the sender, and check each cause against today's DNS.
import type { Resolver } from '../dns/types.js';
import { checkCauses, type CheckOptions } from './check-causes.js';
import { causeFromText, classifyReply } from './classify.js';
import { deliveryStatusReplies, parseDeliveryStatus } from './delivery-status.js';
import { allParts, looksLikeMessage, parseMime, type HeaderField, type MimePart } from './mime.js';
import { BounceInputError } from './read-input.js';
import { findSender, type SenderOptions } from './sender.js';
import { repliesInText } from './smtp-replies.js';
import type { BounceReport, RawReply } from './types.js';

interface Parsed {
  kind: BounceReport['kind'];
  replies: RawReply[];
  returned: HeaderField[] | null;
  perMessage: HeaderField[];
  notes: string[];
  /** A message/delivery-status part was there. */
  statusPart: boolean;
}

/** HTML to text, enough for an NDR's body: tags dropped, entities of the five XML names read. */
function htmlText(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/div|\/tr|\/li)[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

function readableText(parts: readonly MimePart[]): string {
  const texts = parts.filter((p) => p.children.length === 0 && p.type === 'text/plain').map((p) => p.body);
  if (texts.length > 0) return texts.join('\n');
  return parts.filter((p) => p.type === 'text/html').map((p) => htmlText(p.body)).join('\n');
}

function parse(text: string): Parsed {
  if (!looksLikeMessage(text)) return { kind: 'text', replies: repliesInText(text, 'text'), returned: null, perMessage: [], notes: [], statusPart: false };
  const root = parseMime(text);
  const parts = allParts(root);
  const notes: string[] = [];
  // the returned headers: text/rfc822-headers, or the headers of an enclosed message/rfc822
  const headersPart = parts.find((p) => p.type === 'text/rfc822-headers' || p.type === 'message/rfc822-headers' || p.type === 'message/global-headers');
  const enclosed = parts.find((p) => p.type === 'message/rfc822' || p.type === 'message/global')?.children[0];
  const returned = headersPart !== undefined ? parseMime(`${headersPart.body}\n\n`).headers : enclosed !== undefined ? enclosed.headers : null;
  const status = parts.find((p) => p.type === 'message/delivery-status' || p.type === 'message/global-delivery-status');
  const isReport = root.type === 'multipart/report';
  if (status !== undefined) {
    const ds = parseDeliveryStatus(status.body);
    if (ds.recipients.length === 0) notes.push('the message/delivery-status part has no per-recipient fields (RFC 3464 §2.3)');
    return { kind: 'dsn', replies: deliveryStatusReplies(ds), returned, perMessage: ds.perMessage, notes, statusPart: true };
  }
  if (isReport) notes.push('a multipart/report without a message/delivery-status part (RFC 3464 §2): the replies were read from its text');
  // an NDR or a bounce as plain mail: the replies are in its human-readable text
  const body = root.children.length > 0 ? readableText(parts) : root.type === 'text/html' ? htmlText(root.body) : root.body;
  return { kind: isReport ? 'dsn' : 'text', replies: repliesInText(body, 'text'), returned, perMessage: [], notes, statusPart: false };
}

/** A non-empty text without any reply code: one reply without a code, its cause from the words. */
function codelessReply(text: string): RawReply {
  const line = text.replace(/\s+/g, ' ').trim().slice(0, 500);
  return { code: null, enhanced: null, text: line, origin: 'text', recipient: null, remoteMta: null, action: null, gsmtp: false };
}

export async function readBounce(text: string, options: SenderOptions, resolver: Resolver, checkOptions: CheckOptions = {}): Promise<BounceReport> {
  const parsed = parse(text);
  let raws = parsed.replies;
  if (raws.length === 0) {
    if (parsed.kind === 'dsn') {
      throw new BounceInputError(
        parsed.statusPart
          ? 'the message/delivery-status part has no per-recipient fields (RFC 3464 §2.3): no reply to classify'
          : 'a multipart/report without a message/delivery-status part (RFC 3464 §2), and no SMTP reply in its text',
      );
    }
    raws = [codelessReply(looksLikeMessage(text) ? parseMime(text).body || text : text)];
    parsed.notes.push(causeFromText(raws[0]?.text ?? '') === null ? 'no SMTP reply code in the input: its text was classified as it is' : 'no SMTP reply code in the input: the cause is read from its words');
  }
  const replies = raws.map(classifyReply);
  const sender = findSender(options, parsed.returned, parsed.perMessage, raws);
  const checks = await checkCauses(replies, sender, resolver, checkOptions);
  return { kind: parsed.kind, replies, sender, checks, notes: parsed.notes };
}
