// `checkMessage` end to end over zone text: DKIM, SPF for the connecting address (and where it was
// read from), DMARC with alignment, the bulk-sender header rules, one-click unsubscribe signed by
// DKIM (RFC 8058 §4), the Authentication-Results field, and bad input.
import { describe, expect, it } from 'vitest';
import { checkMessage, type MessageCheckOptions } from '../../src/message/check-message.js';
import { chunksOf, NotAMessageError } from '../../src/message/read-message.js';
import { rsaKey, signMessage, testMessage, zoneWithKeys, zonesResolver } from './signer.js';

const NOW = 1772445600;
const SHOP = rsaKey();
const ESP = rsaKey();

const dns = zonesResolver({
  'shop.example': zoneWithKeys('shop.example', { s1: SHOP }, [
    '@ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"',
    '@ IN MX 10 mx.shop.example.',
    'mx IN A 192.0.2.10',
    '_dmarc IN TXT "v=DMARC1; p=reject; adkim=s"',
    'bounce IN TXT "v=spf1 ip4:192.0.2.0/24 -all"',
  ]),
  'esp.example': zoneWithKeys('esp.example', { e1: ESP }, ['@ IN TXT "v=spf1 ip4:198.51.100.0/24 -all"']),
});

const options = (o: Partial<MessageCheckOptions> = {}): MessageCheckOptions => ({ resolver: dns, now: NOW, file: 'test.eml', volumeFor: () => null, predict: false, ...o });
const check = (message: string, o: Partial<MessageCheckOptions> = {}) => checkMessage(chunksOf(message, 100), options(o));
const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);

const RECEIVED_PUBLIC = 'Received: from out.shop.example (out.shop.example [192.0.2.25])\r\n\tby mx.inbox.example with ESMTPS id 1; Mon, 02 Mar 2026 10:00:02 +0000';
const RECEIVED_PRIVATE = 'Received: from mx.inbox.example ([10.0.0.5]) by store.inbox.example; Mon, 02 Mar 2026 10:00:03 +0000';
const shopSigned = (extra: string[] = [], headers?: string[]) => signMessage(testMessage({ extraHeaders: extra }), { key: SHOP, domain: 'shop.example', selector: 's1', ...(headers === undefined ? {} : { headers }) });

describe('a message as a receiver reads it', () => {
  it('DKIM pass, SPF pass for the address of the topmost Received naming a public one, DMARC pass: the Authentication-Results say so', async () => {
    const message = `Return-Path: <bounce@bounce.shop.example>\r\n${RECEIVED_PRIVATE}\r\n${RECEIVED_PUBLIC}\r\n${shopSigned()}`;
    const r = await check(message);
    expect(r.connection.ip).toEqual({ value: '192.0.2.25', source: 'Received (line 3)' });
    expect(r.connection.skipped).toEqual(['Received (line 2): 10.0.0.5 (private) is not public']);
    expect(r.connection.helo).toEqual({ value: 'out.shop.example', source: 'Received (line 3)' });
    expect(r.connection.mailFrom).toEqual({ value: 'bounce@bounce.shop.example', source: 'Return-Path (line 1)' });
    expect(r.spf).toMatchObject({ result: 'pass', domain: 'bounce.shop.example', ip: '192.0.2.25' });
    expect(r.dmarc).toMatchObject({ result: 'pass', domain: 'shop.example', policy: 'reject' });
    // aspf relaxed: bounce.shop.example aligns with shop.example; adkim=s: d=shop.example is the From domain
    expect(r.dmarc.alignment.spf).toMatchObject({ mode: 'relaxed', aligned: true });
    expect(r.dmarc.alignment.dkim).toMatchObject({ mode: 'strict', aligned: true, domains: ['shop.example'] });
    // header.b is the first 8 characters of b=: a quoted-string when they hold a tspecial such as "/" (RFC 8601 §2.2, RFC 2045 §5.1); the key is random
    expect(r.authenticationResults.split('\n')).toEqual([
      'Authentication-Results: authaudit;',
      expect.stringMatching(/^ dkim=pass header\.d=shop\.example header\.i=@shop\.example header\.s=s1 header\.a=rsa-sha256 header\.b=(?:[^\s"/]{8}|"[^\s"]{8}");$/),
      ' spf=pass (192.0.2.25) smtp.mailfrom=bounce@bounce.shop.example;',
      ' dmarc=pass (p=reject) header.from=shop.example;',
      ' arc=none',
    ]);
    expect(ids(r)).toEqual(['message-unsubscribe-missing']);
  });

  it('the client-ip of Received-SPF wins over Received; --ip and --mail-from win over both', async () => {
    const spfField = 'Received-SPF: pass (mx.inbox.example: domain of bounce@shop.example designates 192.0.2.26 as permitted sender) client-ip=192.0.2.26; envelope-from="bounce@shop.example"; helo=out2.shop.example;';
    const r = await check(`${spfField}\r\n${RECEIVED_PUBLIC}\r\n${shopSigned()}`);
    expect(r.connection.ip).toEqual({ value: '192.0.2.26', source: 'client-ip of Received-SPF (line 1)' });
    expect(r.connection.mailFrom).toEqual({ value: 'bounce@shop.example', source: 'envelope-from of Received-SPF (line 1)' });
    const given = await check(`${spfField}\r\n${shopSigned()}`, { ip: '198.51.100.7', mailFrom: 'x@esp.example' });
    expect(given.connection.ip).toEqual({ value: '198.51.100.7', source: '--ip' });
    expect(given.spf).toMatchObject({ result: 'pass', domain: 'esp.example' });
    // SPF passes for esp.example, which does not align with shop.example; DKIM does
    expect(given.dmarc).toMatchObject({ result: 'pass', alignment: { spf: { aligned: false }, dkim: { aligned: true } } });
  });

  it('signed by the ESP only, sent from its address: DMARC fails and the p=reject policy applies', async () => {
    const message = signMessage(testMessage(), { key: ESP, domain: 'esp.example', selector: 'e1' });
    const r = await check(message, { ip: '198.51.100.7', mailFrom: 'bounce@esp.example' });
    expect(r.dkim.map((d) => [d.signature.domain, d.result])).toEqual([['esp.example', 'pass']]);
    expect(r.dmarc).toMatchObject({ result: 'fail', policy: 'reject', alignment: { spf: { aligned: false }, dkim: { aligned: false } } });
    const f = r.findings.find((x) => x.id === 'message-dmarc-fail');
    expect(f?.severity).toBe('error');
  });

  it('SPF not evaluated without any address: DMARC says so rather than failing, and the Authentication-Results leave SPF out', async () => {
    const message = signMessage(testMessage(), { key: ESP, domain: 'esp.example', selector: 'e1' });
    const r = await check(message);
    expect(r.spf.result).toBeNull();
    expect(r.dmarc.result).toBeNull();
    expect(r.authenticationResults).not.toMatch(/spf=|dmarc=/);
    expect(ids(r)).toContain('message-spf-unknown-ip');
  });

  it('no DKIM signature: dkim=none and an error', async () => {
    const r = await check(testMessage(), { ip: '192.0.2.25' });
    expect(r.authenticationResults).toContain('dkim=none');
    expect(ids(r)).toContain('message-dkim-none');
  });
});

describe('bulk-sender header rules', () => {
  const unsub = ['List-Unsubscribe: <mailto:u@shop.example>, <https://shop.example/u?id=1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'];

  it('one-click unsubscribe signed by a passing DKIM signature (RFC 8058 §4)', async () => {
    const r = await check(shopSigned(unsub, ['from', 'subject', 'date', 'list-unsubscribe', 'list-unsubscribe-post']), { ip: '192.0.2.25', volumeFor: () => ({ gmail: 20000, outlook: 20000, yahoo: 20000, icloud: null, gmx: null, laposte: null }) });
    expect(r.unsubscribe).toEqual({ oneClick: true, signed: true, uris: ['mailto:u@shop.example', 'https://shop.example/u?id=1'], post: 'List-Unsubscribe=One-Click' });
    expect(ids(r).filter((i) => i.startsWith('message-unsubscribe'))).toEqual([]);
  });

  it('the fields present but not in h=: signed false, a warning at bulk volume', async () => {
    const r = await check(shopSigned(unsub), { ip: '192.0.2.25', volumeFor: () => ({ gmail: 20000, outlook: null, yahoo: null, icloud: null, gmx: null, laposte: null }) });
    expect(r.unsubscribe).toMatchObject({ oneClick: true, signed: false });
    expect(r.findings.filter((f) => f.id.startsWith('message-unsubscribe')).map((f) => [f.id, f.severity])).toEqual([['message-unsubscribe-unsigned', 'warning']]);
  });

  it('no https URI, or no List-Unsubscribe-Post: not one-click', async () => {
    const mailtoOnly = await check(shopSigned(['List-Unsubscribe: <mailto:u@shop.example>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click']), { ip: '192.0.2.25' });
    expect(mailtoOnly.unsubscribe.oneClick).toBe(false);
    expect(ids(mailtoOnly)).toContain('message-unsubscribe-not-https');
    const noPost = await check(shopSigned(['List-Unsubscribe: <https://shop.example/u?id=1>']), { ip: '192.0.2.25' });
    expect(noPost.unsubscribe.oneClick).toBe(false);
    expect(ids(noPost)).toContain('message-unsubscribe-missing');
  });

  it('two From addresses, no Message-ID, no Date: each is a finding; DMARC has no single From domain', async () => {
    const message = testMessage({ from: 'a@shop.example>, <b@esp.example' }).replace(/Message-ID: .*\r\n/, '').replace(/Date: .*\r\n/, '');
    const r = await check(message, { ip: '192.0.2.25' });
    expect(r.from.mailboxes.map((m) => m.address)).toEqual(['a@shop.example', 'b@esp.example']);
    expect(ids(r)).toEqual(expect.arrayContaining(['message-from-count', 'message-no-message-id', 'message-no-date']));
    expect(r.dmarc).toMatchObject({ result: 'permerror', domain: null });
  });

  it('l= is flagged with how much of the body is not signed', async () => {
    const message = signMessage(testMessage(), { key: SHOP, domain: 'shop.example', selector: 's1', bodyLength: 10 });
    const r = await check(message, { ip: '192.0.2.25' });
    expect(r.dkim[0]?.result).toBe('pass');
    const f = r.findings.find((x) => x.id === 'message-dkim-body-length');
    expect(f?.message).toMatch(/l=10: \d+ of the body's \d+ canonical bytes are not signed/);
  });
});

describe('bad input', () => {
  it('LF line ends are read as CRLF and said: the signature still passes', async () => {
    const r = await check(shopSigned().replace(/\r\n/g, '\n'), { ip: '192.0.2.25' });
    expect(r.dkim[0]?.result).toBe('pass');
    const f = r.findings.find((x) => x.id === 'message-lf-line-ends');
    expect(f?.message).toMatch(/^every line ends in a bare LF \(first at line 1\)/);
  });

  it('mixed line ends are a warning naming the first bare LF', async () => {
    const r = await check(shopSigned().replace('Hello,\r\n', 'Hello,\n'), { ip: '192.0.2.25' });
    const f = r.findings.find((x) => x.id === 'message-lf-line-ends');
    expect(f?.severity).toBe('warning');
    expect(f?.evidence.line).toBe(14);
  });

  it('a file that is not a message, an empty one, a binary one: NotAMessageError with one line', async () => {
    await expect(check('hello world\r\nthis is text\r\n')).rejects.toThrow(new NotAMessageError('line 1 is not a header field ("hello world"): not an RFC 5322 message'));
    await expect(check('')).rejects.toThrow('the input is empty');
    await expect(check('\x89PNG\r\n\x1a\n\x00\x00\x00')).rejects.toThrow(NotAMessageError);
  });

  it('a message cut inside its header section: a finding, and the signature fails', async () => {
    const message = shopSigned();
    const cut = message.slice(0, message.indexOf('Message-ID:') + 15);
    const r = await check(cut, { ip: '192.0.2.25' });
    expect(ids(r)).toContain('message-no-body');
    expect(r.dkim[0]?.result).toBe('fail');
  });

  it('an mbox "From " separator line is skipped and said; "From :" with obsolete white space is the From field', async () => {
    const mbox = await check(`From news@shop.example Mon Mar  2 10:00:00 2026\r\n${shopSigned()}`, { ip: '192.0.2.25' });
    expect(mbox.dkim[0]?.result).toBe('pass');
    expect(mbox.findings.find((f) => f.id === 'message-mbox-line')?.evidence.line).toBe(1);
    const obsolete = await check(testMessage().replace('From: Sender', 'From : Sender'), { ip: '192.0.2.25' });
    expect(obsolete.from.mailboxes.map((m) => m.address)).toEqual(['news@shop.example']);
    expect(ids(obsolete)).not.toContain('message-mbox-line');
  });

  it('a header line that is not a field is reported; the fields around it are read', async () => {
    const r = await check(shopSigned().replace('To: Reader', 'this line is broken\r\nTo: Reader'), { ip: '192.0.2.25' });
    expect(r.findings.find((f) => f.id === 'message-header-malformed')?.evidence.line).toBe(9);
    expect(r.dkim[0]?.result).toBe('pass');
  });
});
