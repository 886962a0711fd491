// RFC 3464 §2.2–2.3: the message/delivery-status body is one block of per-message fields, then
// one block per recipient, separated by empty lines. Each recipient gives a reply.
import { headerValue, parseHeaderBlock, type HeaderField } from './mime.js';
import { repliesInText } from './smtp-replies.js';
import type { RawReply } from './types.js';

export interface DeliveryStatus {
  perMessage: HeaderField[];
  recipients: HeaderField[][];
}

export function parseDeliveryStatus(body: string): DeliveryStatus {
  const blocks: string[][] = [[]];
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '') {
      if ((blocks[blocks.length - 1] as string[]).length > 0) blocks.push([]);
    } else (blocks[blocks.length - 1] as string[]).push(line);
  }
  const fields = blocks.filter((b) => b.length > 0).map(parseHeaderBlock);
  const [perMessage = [], ...recipients] = fields;
  return { perMessage, recipients };
}

/** `rfc822; user@example.com` → `user@example.com` (RFC 3464 §2.3.1 address-type; value). */
const typed = (v: string | null): string | null => (v === null ? null : v.includes(';') ? v.slice(v.indexOf(';') + 1).trim() : v.trim()) || null;

/** One reply per recipient block: its Diagnostic-Code, else its Status alone. */
export function deliveryStatusReplies(ds: DeliveryStatus): RawReply[] {
  const out: RawReply[] = [];
  for (const r of ds.recipients) {
    const recipient = typed(headerValue(r, 'final-recipient') ?? headerValue(r, 'original-recipient'));
    const status = headerValue(r, 'status');
    const enhancedFromStatus = status !== null && /^[245]\.\d{1,3}\.\d{1,3}$/.test(status.split(/\s/)[0] ?? '') ? (status.split(/\s/)[0] as string) : null;
    const context = { recipient, remoteMta: typed(headerValue(r, 'remote-mta')), action: headerValue(r, 'action')?.toLowerCase() ?? null };
    const diagnostic = typed(headerValue(r, 'diagnostic-code'));
    const found = diagnostic === null ? [] : repliesInText(diagnostic, 'delivery-status');
    if (found.length === 0) {
      out.push({ code: null, enhanced: enhancedFromStatus, text: diagnostic ?? '', origin: 'delivery-status', gsmtp: false, ...context });
      continue;
    }
    // a reply without an enhanced code takes the Status, unless that is the X.0.0 ("other undefined
    // status", RFC 3463 §3.1) a reporting MTA such as Postfix writes for any reply that had none
    const fromStatus = enhancedFromStatus !== null && /^\d\.0\.0$/.test(enhancedFromStatus) ? null : enhancedFromStatus;
    for (const f of found) out.push({ ...f, enhanced: f.enhanced ?? fromStatus, ...context });
  }
  return out;
}
