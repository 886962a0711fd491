// Reading bounces end to end over the demo zones: DSNs as Postfix writes them, an Exchange-style
// NDR, pasted replies, and bad input (clear errors or "other", never a crash).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBounce } from '../../src/bounce/read-bounce.js';
import { bounceText, BounceInputError } from '../../src/bounce/read-input.js';
import type { Resolver } from '../../src/dns/types.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/bounce/${name}`, import.meta.url), 'utf8');
let resolver: Resolver;
beforeAll(async () => {
  resolver = await loadZoneResolver([new URL('../../fixtures/demo', import.meta.url).pathname]);
});

describe('a DSN as Postfix writes it (RFC 3464)', () => {
  it("Gmail's DMARC rejection: the reply from the delivery-status part, the sender from the returned headers, the cause confirmed", async () => {
    const r = await readBounce(fixture('dsn/postfix-gmail-dmarc.eml'), {}, resolver);
    expect(r.kind).toBe('dsn');
    expect(r.replies.map((x) => [x.code, x.enhanced, x.provider, x.cause, x.permanent, x.recipient, x.remoteMta, x.action])).toEqual([
      ['550', '5.7.26', 'gmail', 'dmarc-policy', true, 'alice@gmail.com', 'gmail-smtp-in.l.google.com', 'failed'],
    ]);
    expect(r.replies[0]?.text).toMatch(/^Unauthenticated email from shop\.example is not accepted due to domain's DMARC policy\. Please contact/);
    expect(r.replies[0]?.text).not.toMatch(/550|gsmtp/);
    expect(r.sender).toEqual({
      from: { value: 'news@shop.example', source: 'From header' },
      mailFrom: { value: 'bounces@bounces.sendwave.example', source: 'Return-Path header' },
      ip: { value: '198.51.100.131', source: 'Received header' },
      dkim: [{ domain: 'sendwave.example', selector: 'smtpapi', source: 'DKIM-Signature header' }],
      headersRead: true,
    });
    expect(r.checks.map((c) => [c.cause, c.confirmed])).toEqual([['dmarc-policy', true]]);
    expect(r.checks[0]?.fix).toMatch(/d=shop\.example|bounce\.shop\.example/);
    expect(r.checks[0]?.findings.map((f) => [f.id, f.severity])).toEqual([['bounce-cause-confirmed', 'error']]);
  });

  it('a reply without an enhanced code (GMX) keeps none: the 5.0.0 Postfix writes as Status is not taken for one; a specific Status is', async () => {
    const dsn = (status: string): string =>
      fixture('dsn/postfix-gmail-dmarc.eml').replace(/Status: [0-9.]+/, `Status: ${status}`).replace(/gmail-smtp-in\.l\.google\.com/g, 'mx00.gmx.net').replace(/alice@gmail\.com/g, 'alice@gmx.net').replace(/Diagnostic-Code: smtp;[\s\S]*?(?=\r?\n\r?\n|\r?\n--)/, 'Diagnostic-Code: smtp; 554-gmx.net (mxgmx104) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0302');
    const generic = await readBounce(dsn('5.0.0'), {}, resolver);
    expect(generic.replies.map((x) => [x.code, x.enhanced, x.provider, x.cause])).toEqual([['554', null, 'gmx', 'ptr']]);
    const specific = await readBounce(dsn('5.7.1'), {}, resolver);
    expect(specific.replies.map((x) => x.enhanced)).toEqual(['5.7.1']);
  });

  it('two recipients: one reply each, Gmail 5.7.30 confirmed by the revoked key, Yahoo recipient-unknown not a DNS matter', async () => {
    const r = await readBounce(fixture('dsn/postfix-two-recipients.eml'), {}, resolver);
    expect(r.replies.map((x) => [x.recipient, x.provider, x.enhanced, x.cause])).toEqual([
      ['bob@gmail.com', 'gmail', '5.7.30', 'dkim-fail'],
      // Yahoo's reply has no enhanced code; the Status 5.0.0 is Postfix's "other undefined status", not Yahoo's
      ['carol@yahoo.com', 'yahoo', null, 'recipient-unknown'],
    ]);
    expect(r.replies[0]?.meaning.standard).toBe('REQUIRETLS support required');
    expect(r.checks.map((c) => [c.cause, c.confirmed])).toEqual([['dkim-fail', true], ['recipient-unknown', null]]);
    expect(r.checks[0]?.reason).toMatch(/revoked/);
    expect(r.checks[1]?.reason).toMatch(/DNS cannot show this/);
  });

  it('an Exchange-style NDR: Outlook.com 5.7.509, recognised by its code, confirmed for shop.example', async () => {
    const r = await readBounce(fixture('dsn/exchange-ndr-outlook-dmarc.eml'), {}, resolver);
    expect(r.replies.map((x) => [x.code, x.enhanced, x.provider, x.cause, x.recipient])).toEqual([['550', '5.7.509', 'outlook', 'dmarc-policy', 'dave@outlook.com']]);
    expect(r.sender.ip).toEqual({ value: '198.51.100.131', source: 'Received header' });
    expect(r.checks.map((c) => c.confirmed)).toEqual([true]);
  });
});

describe('pasted replies and the options', () => {
  it('Gmail 5.7.25: the address from the reply text, no PTR in the demo zones: confirmed without any domain', async () => {
    const r = await readBounce(fixture('replies/gmail-ptr.txt'), {}, resolver);
    expect(r.replies.map((x) => [x.provider, x.cause])).toEqual([['gmail', 'ptr']]);
    expect(r.sender.ip).toEqual({ value: '203.0.113.77', source: 'reply text' });
    expect(r.checks.map((c) => c.confirmed)).toEqual([true]);
  });

  it('the options win over the reply text: a PTR that is fine today refutes the cause', async () => {
    const r = await readBounce(fixture('replies/gmail-ptr.txt'), { ip: '203.0.113.10', from: 'northwind.example' }, resolver);
    expect(r.sender.ip).toEqual({ value: '203.0.113.10', source: '--ip' });
    expect(r.checks.map((c) => c.confirmed)).toEqual([false]);
    expect(r.checks[0]?.reason).toMatch(/forward-confirmed reverse DNS today.*What else explains it/);
  });

  it('Gmail 5.7.26 unauthenticated: SPF permerror today, but DKIM unknown without the headers: cannot tell, naming the missing fact', async () => {
    const r = await readBounce(fixture('replies/gmail-unauthenticated.txt'), {}, resolver);
    expect(r.sender.mailFrom).toEqual({ value: 'ledger.example', source: 'reply text' });
    expect(r.checks.map((c) => [c.cause, c.confirmed])).toEqual([['unauthenticated', null]]);
    expect(r.checks[0]?.reason).toMatch(/permerror.*missing: the DKIM-Signature/);
  });

  it("Outlook.com 5.7.509 for a domain whose DMARC passes today: refuted, saying what else explains it", async () => {
    const r = await readBounce(fixture('replies/outlook-dmarc-northwind.txt'), { from: 'news@northwind.example', ip: '203.0.113.10' }, resolver);
    expect(r.replies[0]?.provider).toBe('outlook');
    expect(r.checks.map((c) => c.confirmed)).toEqual([false]);
    expect(r.checks[0]?.reason).toMatch(/DMARC passes today.*forwarder/);
    expect(r.checks[0]?.findings[0]?.id).toBe('bounce-cause-refuted');
  });

  it('without a From domain, DMARC causes cannot be told', async () => {
    const r = await readBounce('550 5.7.509 Access denied, sending domain [d] does not pass DMARC verification and has a DMARC policy of reject.', {}, resolver);
    expect(r.checks.map((c) => [c.confirmed, c.reason])).toEqual([[null, expect.stringMatching(/missing: the From domain/) as unknown]]);
  });
});

describe('bad input: clear errors or "other", never a crash', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('an empty file is an error', () => {
    expect(() => bounceText(new Uint8Array(0), 'empty.txt')).toThrow(new BounceInputError('empty.txt: empty input: give a bounce (a DSN, an NDR) or the SMTP reply lines'));
    expect(() => bounceText(bytes(' \n\n  \t\n'), 'blank.txt')).toThrow(/empty input/);
  });

  it('binary garbage is an error', () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(() => bounceText(garbage, 'garbage.bin')).toThrow(/garbage\.bin: not text \(binary data\)/);
  });

  it('Latin-1 text is read as text', () => {
    expect(bounceText(Uint8Array.from([0x35, 0x35, 0x30, 0x20, 0x42, 0xe4, 0x72]), 'x')).toBe('550 Bär');
  });

  it('a line without a code: one reply without a code, its cause from the words', async () => {
    const r = await readBounce(fixture('replies/no-code.txt'), {}, resolver);
    expect(r.replies.map((x) => [x.code, x.enhanced, x.cause, x.permanent])).toEqual([[null, null, 'mailbox-full', null]]);
    expect(r.notes).toEqual(['no SMTP reply code in the input: the cause is read from its words']);
  });

  it('words without a code or a known cause: "other"', async () => {
    const r = await readBounce('something went wrong somewhere', {}, resolver);
    expect(r.replies.map((x) => [x.code, x.cause, x.provider])).toEqual([[null, 'other', 'other']]);
  });

  it('a multipart/report without a delivery-status part and no reply in its text is an error', async () => {
    await expect(readBounce(fixture('dsn/report-without-delivery-status.eml'), {}, resolver)).rejects.toThrow(/without a message\/delivery-status part/);
  });

  it('a multipart/report without a delivery-status part whose text holds a reply: read from the text, with a note', async () => {
    const text = fixture('dsn/report-without-delivery-status.eml').replace('No further details are available.', '<x@gmail.com>: host mx said: 550 5.1.1 The email account that you tried to reach does not exist. a1b2 - gsmtp');
    const r = await readBounce(text, {}, resolver);
    expect(r.replies.map((x) => [x.provider, x.cause])).toEqual([['gmail', 'recipient-unknown']]);
    expect(r.notes[0]).toMatch(/without a message\/delivery-status part/);
  });

  it('a delivery-status part with no recipient fields, truncated MIME, and an unterminated multipart do not crash', async () => {
    const noRecipients = 'Content-Type: multipart/report; report-type=delivery-status; boundary=X\n\n--X\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; a.example\n';
    await expect(readBounce(noRecipients, {}, resolver)).rejects.toThrow('the message/delivery-status part has no per-recipient fields (RFC 3464 §2.3): no reply to classify');
    const r2 = await readBounce('Content-Type: multipart/report; boundary=\n\n550 5.7.1 blocked using zen.spamhaus.org\n', {}, resolver);
    expect(r2.replies.map((x) => x.cause)).toEqual(['blocklist']);
  });
});
