// `authaudit message` as users run it: the BUILT binary (`npm run build` first; `npm test` does) on
// the RFC examples and on messages signed in the test, keys and SPF/DMARC records in zone files
// written next to them. Offline (--zone): nothing leaves the machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { arcSeal, rsaKey, signMessage, testMessage, zoneWithKeys } from './signer.js';

const RFC = ['--zone', 'fixtures/message/rfc'];
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authaudit-message-'));
  const key = rsaKey();
  fs.mkdirSync(path.join(dir, 'zones'));
  fs.writeFileSync(
    path.join(dir, 'zones', 'shop.example.zone'),
    zoneWithKeys('shop.example', { s1: key }, ['@ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"', '@ IN MX 10 mx.shop.example.', 'mx IN A 192.0.2.10', '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@shop.example"']),
  );
  fs.writeFileSync(path.join(dir, 'zones', '2.0.192.in-addr.arpa.zone'), '$ORIGIN 2.0.192.in-addr.arpa.\n@ IN SOA ns.shop.example. h.shop.example. 1 3600 600 86400 300\n25 IN PTR out.shop.example.\n');
  fs.appendFileSync(path.join(dir, 'zones', 'shop.example.zone'), '\nout IN A 192.0.2.25\n');
  const unsub = ['List-Unsubscribe: <https://shop.example/u?id=1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'];
  const signed = signMessage(testMessage({ extraHeaders: unsub }), { key, domain: 'shop.example', selector: 's1', headers: ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'] });
  const received = 'Return-Path: <news@shop.example>\r\nReceived: from out.shop.example (out.shop.example [192.0.2.25]) by mx.inbox.example; Mon, 02 Mar 2026 10:00:02 +0000\r\n';
  fs.writeFileSync(path.join(dir, 'good.eml'), received + signed);
  fs.writeFileSync(path.join(dir, 'tampered.eml'), (received + signed).replace('spring sale', 'summer sale'));
  fs.writeFileSync(path.join(dir, 'lf.eml'), (received + signed).replace(/\r\n/g, '\n'));
  fs.writeFileSync(path.join(dir, 'escape.eml'), (received + signed).replace('Subject: Spring sale', 'Subject: \x1b[31mred\x1b[0m'));
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'shopping list\neggs\n');
  // a mailing list seals the message (RFC 8617), then alters the body: its chain breaks at instance 1
  const listKey = rsaKey();
  fs.writeFileSync(path.join(dir, 'zones', 'list.example.zone'), zoneWithKeys('list.example', { arc: listKey }));
  const sealed = arcSeal(received + signed, { key: listKey, domain: 'list.example', selector: 'arc', authservId: 'list.example', results: 'dkim=pass header.d=shop.example' });
  fs.writeFileSync(path.join(dir, 'arc.eml'), sealed);
  fs.writeFileSync(path.join(dir, 'arc-broken.eml'), sealed.replace('See you!', 'See you! [list footer]'));
  // cut inside the header section; b= that is not base64
  fs.writeFileSync(path.join(dir, 'truncated.eml'), (received + signed).slice(0, (received + signed).indexOf('Subject:')));
  fs.writeFileSync(path.join(dir, 'bad-b64.eml'), (received + signed).replace(/ b=[A-Za-z0-9+/]{4}/, ' b=!!!!'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const zones = (): string[] => ['--zone', path.join(dir, 'zones')];

describe('authaudit message (built)', () => {
  it('the RFC 8463 example: both signatures pass, the Authentication-Results first, then the findings', async () => {
    const run = await runBuiltCli(['message', ...RFC, 'fixtures/message/rfc/rfc8463-a3.eml', '--ip', '192.0.2.1', '--mail-from', 'joe@football.example.com']);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    const ar = lines.indexOf('Authentication-Results: authaudit;');
    expect(lines.slice(ar + 1, ar + 3)).toEqual([
      ' dkim=pass header.d=football.example.com header.i=@football.example.com header.s=brisbane header.a=ed25519-sha256 header.b="/gCrinpc";',
      ' dkim=pass header.d=football.example.com header.i=@football.example.com header.s=test header.a=rsa-sha256 header.b=F45dVWDf;',
    ]);
    // football.example.com publishes no SPF and no DMARC
    expect(lines.slice(ar + 3, ar + 6)).toEqual([' spf=none (192.0.2.1) smtp.mailfrom=joe@football.example.com;', ' dmarc=none header.from=football.example.com;', ' arc=none']);
    expect(run.stdout).toMatch(/address 192\.0\.2\.1 \(--ip\), MAIL FROM joe@football\.example\.com \(--mail-from\), HELO \(unknown\)/);
    expect(run.stdout).toMatch(/warning dkim-rsa-1024 {2}test\._domainkey\.football\.example\.com/);
    expect(run.stdout).toMatch(/error {3}message-dmarc-none/);
    expect(run.code).toBe(1);
  });

  it('JSON: dkim[], spf, dmarc, arc, unsubscribe, predictions and findings, as the CLI contract names them', async () => {
    const run = await runBuiltCli(['message', ...zones(), path.join(dir, 'good.eml'), '--volume', '20000', '--now', '2026-03-02T10:05:00Z', '--format', 'json']);
    expect(run.stderr).toBe('');
    const doc = jsonOf(run);
    expect(doc).toMatchObject({ schemaVersion: expect.any(Number), command: 'message' });
    expect(doc['dkim']).toEqual([expect.objectContaining({ domain: 'shop.example', selector: 's1', algorithm: 'rsa-sha256', result: 'pass', reason: null })]);
    expect(doc['spf']).toMatchObject({ result: 'pass', domain: 'shop.example', ip: '192.0.2.25' });
    expect(doc['dmarc']).toMatchObject({ result: 'pass', domain: 'shop.example', policy: 'reject', alignment: { spf: { aligned: true, mode: 'relaxed' }, dkim: { aligned: true, mode: 'relaxed' } } });
    expect(doc['arc']).toEqual({ result: 'none', fields: 0, instances: 0, brokenAt: null, reason: null, sets: [] });
    expect(doc['unsubscribe']).toMatchObject({ oneClick: true, signed: true });
    const predictions = doc['predictions'] as Array<Record<string, unknown>>;
    expect(predictions.map((p) => [p['provider'], p['address']])).toEqual([
      ['gmail', '192.0.2.25'],
      ['outlook', '192.0.2.25'],
      ['yahoo', '192.0.2.25'],
    ]);
    for (const p of predictions) expect(Object.keys(p)).toEqual(expect.arrayContaining(['provider', 'address', 'code', 'enhanced', 'text', 'rule', 'fix', 'verdict']));
    expect(Array.isArray(doc['findings'])).toBe(true);
  });

  it('a changed body: dkim=fail (body hash mismatch), DMARC fails on DKIM but passes on SPF', async () => {
    const run = await runBuiltCli(['message', ...zones(), path.join(dir, 'tampered.eml'), '--format', 'json']);
    const doc = jsonOf(run);
    expect(doc['dkim']).toEqual([expect.objectContaining({ result: 'fail', reason: 'body hash mismatch' })]);
    expect(doc['dmarc']).toMatchObject({ result: 'pass', alignment: { spf: { aligned: true }, dkim: { aligned: false } } });
    expect((doc['findings'] as Array<{ id: string }>).map((f) => f.id)).toContain('message-dkim-fail');
    expect(run.code).toBe(1);
  });

  it('standard input with "-"; LF line ends read as CRLF and said (info when every line is LF)', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['bin/authaudit.js', 'message', ...zones(), '-', '--format', 'json', '--fail-on', 'never'], { input: fs.readFileSync(path.join(dir, 'lf.eml')), env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } }).toString();
    const doc = JSON.parse(out) as Record<string, unknown>;
    expect(doc['file']).toBe('-');
    expect(doc['dkim']).toEqual([expect.objectContaining({ result: 'pass' })]);
    expect((doc['findings'] as Array<{ id: string; severity: string }>).filter((f) => f.id === 'message-lf-line-ends')).toEqual([expect.objectContaining({ severity: 'info' })]);
  });

  it('header text is escaped for the terminal: an ESC in the Subject shows as \\x1b', async () => {
    const run = await runBuiltCli(['message', ...zones(), path.join(dir, 'escape.eml')]);
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stdout).toContain('Subject "\\x1b[31mred\\x1b[0m"');
  });

  it('Markdown: the Authentication-Results in a code block and a table of the checks', async () => {
    const run = await runBuiltCli(['message', ...zones(), path.join(dir, 'good.eml'), '--format', 'markdown']);
    expect(run.stdout).toContain('```\nAuthentication-Results: authaudit;\n dkim=pass header.d=shop.example');
    expect(run.stdout).toMatch(/\| DMARC \| pass \| `shop\.example`, policy reject; SPF aligned, DKIM aligned \|/);
  });

  it('ARC (RFC 8617): a sealed message passes with its set shown; a body changed after sealing fails at instance 1', async () => {
    const ok = await runBuiltCli(['message', ...zones(), path.join(dir, 'arc.eml'), '--fail-on', 'never']);
    expect(ok.stdout).toContain(' arc=pass (i=1)');
    expect(ok.stdout).toMatch(/ARC {3}pass \(1 set\)\n {6}i=1 list\.example cv=none: seal pass d=list\.example s=arc, message signature pass d=list\.example s=arc/);
    const broken = jsonOf(await runBuiltCli(['message', ...zones(), path.join(dir, 'arc-broken.eml'), '--format', 'json', '--fail-on', 'never']));
    expect(broken['arc']).toMatchObject({ result: 'fail', instances: 1, brokenAt: 1, sets: [{ instance: 1, cv: 'none', seal: { result: 'pass' }, messageSignature: { result: 'fail', reason: 'body hash mismatch' } }] });
    expect((broken['findings'] as Array<{ id: string; message: string }>).find((f) => f.id === 'message-arc-fail')?.message).toMatch(/^the ARC chain \(1 set\) fails at instance 1: the ARC-Message-Signature of instance 1 does not verify/);
  });

  it('a truncated message and broken base64 in b= are findings, not errors: exit 1, the report still written', async () => {
    const cut = await runBuiltCli(['message', ...zones(), path.join(dir, 'truncated.eml'), '--format', 'json']);
    expect(cut.code).toBe(1);
    expect((jsonOf(cut)['findings'] as Array<{ id: string }>).map((f) => f.id)).toContain('message-no-body');
    const b64 = await runBuiltCli(['message', ...zones(), path.join(dir, 'bad-b64.eml'), '--format', 'json']);
    expect(b64.code).toBe(1);
    expect(jsonOf(b64)['dkim']).toEqual([expect.objectContaining({ result: 'permerror', reason: 'b= not base64' })]);
  });

  it.each([
    [['notes.txt'], /^authaudit: .*notes\.txt: line 1 is not a header field \("shopping list"\): not an RFC 5322 message\n$/],
    [['missing.eml'], /^authaudit: cannot read .*missing\.eml: no such file\n$/],
    [['good.eml', '--now', 'yesterday'], /^authaudit: --now 'yesterday': not a time/],
    [['good.eml', '--ip', '300.1.1.1'], /^authaudit: --ip '300\.1\.1\.1': not an IPv4 or IPv6 address\n$/],
  ])('bad input %j: one line on stderr, exit 2, no stack trace', async (args, message) => {
    const run = await runBuiltCli(['message', ...zones(), path.join(dir, args[0] as string), ...args.slice(1)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
