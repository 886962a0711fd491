// Interop: DSNs as Postfix writes them. A private Postfix (test/helpers/postfix-lab.ts) relays each
// test message to a loopback SMTP sink that plays the provider and refuses the recipient with a
// reply from the corpus (fixtures/bounce/corpus.json: each text's public source and its expected
// classification); 4xx replies bounce at once because the queue lifetime is zero. Postfix's own
// DSN comes back through the sink, and the built `authaudit bounce` classifies it: the code,
// enhanced code, provider, cause and permanence must be the corpus's. Postfix missing is a failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { startPostfix, type PostfixLab } from '../helpers/postfix-lab.js';
import { sendMail, startSmtpSink, type SmtpSink } from './smtp-sink.js';

interface CorpusReply {
  source: string;
  reply: string;
  provider: string;
  cause: string;
  code: string;
  enhanced: string | null;
  permanent: boolean;
}

const CORPUS = (JSON.parse(fs.readFileSync('fixtures/bounce/corpus.json', 'utf8')) as { replies: CorpusReply[] }).replies;
const DOMAIN: Record<string, string> = { gmail: 'gmail.com', outlook: 'outlook.com', yahoo: 'yahoo.com', icloud: 'icloud.com', gmx: 'gmx.net', laposte: 'laposte.net' };
/** One or two texts per provider, 5xx and 4xx, single and multi-line (the corpus's first of each kind). */
function pick(): CorpusReply[] {
  const out: CorpusReply[] = [];
  for (const provider of Object.keys(DOMAIN)) {
    const own = CORPUS.filter((r) => r.provider === provider && /^[245]\d\d[ -]/.test(r.reply));
    const multi = own.find((r) => r.reply.includes('\n'));
    const temporary = own.find((r) => !r.permanent);
    const permanent = own.find((r) => r.permanent && r !== multi);
    for (const r of [multi, permanent, temporary]) if (r !== undefined && !out.includes(r)) out.push(r);
  }
  return out;
}
const CASES = pick().map((r, i) => ({ ...r, rcpt: `r${i}@${DOMAIN[r.provider] as string}`, sender: `bounces+${i}@shop.example` }));

let sink: SmtpSink;
let postfix: PostfixLab;
let dir = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authaudit-bounce-postfix-'));
  sink = await startSmtpSink('127.0.0.1', (rcpt) => CASES.find((c) => c.rcpt === rcpt)?.reply ?? null);
  postfix = await startPostfix({
    address: '127.0.0.27',
    hostname: 'mta.shop.example',
    mainCf: {
      // every message (the test's and the DSNs) goes to the sink; no DNS
      relayhost: `[127.0.0.1]:${sink.port}`,
      smtp_tls_security_level: 'none',
      // one delivery attempt: a 4xx reply bounces at once (RFC 3464 Action: failed)
      maximal_queue_lifetime: '0',
      bounce_queue_lifetime: '0',
    },
  });
}, 60_000);

afterAll(async () => {
  await postfix?.stop();
  await sink?.close();
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

const message = (i: number, to: string): string =>
  [
    'From: Shop News <news@shop.example>',
    `To: <${to}>`,
    'Subject: Spring sale',
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    `Message-ID: <sale-${i}@shop.example>`,
    'DKIM-Signature: v=1; a=rsa-sha256; d=sendwave.example; s=smtpapi; h=from:subject; bh=AAAA; b=AAAA',
    '',
    'Our spring sale starts today.',
    '',
  ].join('\r\n');

describe('Postfix bounces refusals from a sink playing the providers; authaudit bounce classifies its DSNs', () => {
  it('the cases cover every provider, 5xx and 4xx, single and multi-line replies', () => {
    expect(new Set(CASES.map((c) => c.provider))).toEqual(new Set(Object.keys(DOMAIN)));
    expect(CASES.some((c) => !c.permanent)).toBe(true);
    expect(CASES.some((c) => c.reply.includes('\n'))).toBe(true);
  });

  it('each DSN is Postfix\'s own (multipart/report, delivery-status), and authaudit reads the provider\'s reply from it', async () => {
    await Promise.all(CASES.map((c, i) => sendMail(postfix.address, postfix.port, { from: c.sender, to: c.rcpt }, message(i, c.rcpt))));
    const dsns = await Promise.all(CASES.map((c) => sink.waitFor(c.sender, 30_000, () => postfix.log())));
    const results = [];
    for (const [i, c] of CASES.entries()) {
      const dsn = dsns[i]?.data ?? '';
      // Postfix wrote it: its MAILER-DAEMON, a delivery-status part naming the recipient
      expect(dsn).toMatch(/^From: Mail Delivery System <MAILER-DAEMON@mta\.shop\.example>\r?$/m);
      expect(dsn).toMatch(/Content-Type: multipart\/report; report-type=delivery-status;/);
      expect(dsn).toContain(`Final-Recipient: rfc822; ${c.rcpt}`);
      const file = path.join(dir, `dsn-${i}.eml`);
      fs.writeFileSync(file, dsn, 'latin1');
      const run = await runBuiltCli(['bounce', '--zone', 'fixtures/demo', file, '--format', 'json', '--fail-on', 'never']);
      expect(run.stderr).toBe('');
      const replies = jsonOf(run)['replies'] as Array<Record<string, unknown>>;
      results.push({ rcpt: c.rcpt, replies: replies.map((r) => ({ code: r['code'], enhanced: r['enhanced'], provider: r['provider'], cause: r['cause'], permanent: r['permanent'] })) });
    }
    expect(results).toEqual(CASES.map((c) => ({ rcpt: c.rcpt, replies: [{ code: c.code, enhanced: c.enhanced, provider: c.provider, cause: c.cause, permanent: c.permanent }] })));
  }, 120_000);
});
