// `authaudit bounce` through the BUILT binary (npm run build first), offline over the demo zones.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonOf, REPO_ROOT, runBuiltCli, type CliRun } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];
type Json = Record<string, unknown>;

/** The built binary with `input` on its standard input. */
function runWithStdin(args: string[], input: string | Uint8Array): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'authaudit.js'), ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', COLUMNS: '1000' } },
      (err, stdout, stderr) => resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

describe('authaudit bounce (built)', () => {
  it('JSON: the contract fields of a Postfix DSN, the cause confirmed (exit 1: an error finding)', async () => {
    const run = await runBuiltCli(['bounce', 'fixtures/bounce/dsn/postfix-gmail-dmarc.eml', ...DEMO, '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = jsonOf(run);
    expect(doc['command']).toBe('bounce');
    const replies = doc['replies'] as Json[];
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ code: '550', enhanced: '5.7.26', provider: 'gmail', cause: 'dmarc-policy', permanent: true });
    expect(replies[0]?.['text']).toMatch(/^Unauthenticated email from shop\.example/);
    const checks = doc['checks'] as Json[];
    expect(checks.map((c) => [c['cause'], c['confirmed']])).toEqual([['dmarc-policy', true]]);
    expect(Object.keys(checks[0] as Json)).toEqual(expect.arrayContaining(['cause', 'confirmed', 'reason', 'findings']));
    expect((doc['findings'] as Json[]).map((f) => f['id'])).toEqual(['bounce-cause-confirmed']);
  });

  it('text: the reply, the meanings (provider and IANA), the sender and the check', async () => {
    const run = await runBuiltCli(['bounce', 'fixtures/bounce/dsn/postfix-two-recipients.eml', ...DEMO]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1. 550 5.7.30  Gmail  cause dkim-fail  permanent');
    expect(run.stdout).toContain('   IANA X.7.30: REQUIRETLS support required (the provider\'s meaning wins)');
    expect(run.stdout).toContain('2. 554  Yahoo  cause recipient-unknown  permanent');
    expect(run.stdout).toMatch(/^ {3}dkim-fail: confirmed: DKIM dkim\._domainkey\.clinic\.example: .*revoked/m);
    expect(run.stdout).toMatch(/^ {3}recipient-unknown: cannot tell: DNS cannot show this/m);
  });

  it('pasted lines on standard input, with --from and --ip: refuted (exit 0: only info findings)', async () => {
    const run = await runWithStdin(['bounce', '-', '--from', 'news@northwind.example', '--ip', '203.0.113.10', ...DEMO, '--format', 'json'], '550 5.7.509 Access denied, sending domain northwind.example does not pass DMARC verification and has a DMARC policy of reject.\n');
    expect(run.code).toBe(0);
    const doc = jsonOf(run);
    expect((doc['replies'] as Json[])[0]).toMatchObject({ provider: 'outlook', cause: 'dmarc-policy' });
    expect((doc['checks'] as Json[]).map((c) => c['confirmed'])).toEqual([false]);
  });

  it('Markdown: a table of replies and the checks', async () => {
    const run = await runBuiltCli(['bounce', 'fixtures/bounce/replies/gmail-ptr.txt', ...DEMO, '--format', 'markdown']);
    expect(run.stdout).toContain('## authaudit bounce');
    expect(run.stdout).toMatch(/^\| `550 5\.7\.25` \| Gmail \| `ptr` \| permanent \|/m);
    expect(run.stdout).toMatch(/^- `ptr`: \*\*confirmed\*\*/m);
  });

  it('reply text with terminal escapes is shown escaped', async () => {
    const run = await runWithStdin(['bounce', '-', ...DEMO], '550 5.1.1 user unknown \u001b[2J\u001b]0;owned\u0007 here\n');
    expect(run.stdout).toContain('text: user unknown \\x1b[2J\\x1b]0;owned\\x07 here');
    expect(run.stdout).not.toContain('\u001b');
  });

  it('bad input: empty, binary, missing file, a bad --ip: exit 2 with one clear line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'authaudit-bounce-'));
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'garbage.bin'), Uint8Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256));
    const cases: [string[], RegExp][] = [
      [['bounce', path.join(dir, 'empty.txt')], /empty input/],
      [['bounce', path.join(dir, 'garbage.bin')], /not text \(binary data\)/],
      [['bounce', path.join(dir, 'missing.eml')], /no such file/],
      [['bounce', 'fixtures/bounce/replies/gmail-ptr.txt', '--ip', '300.1.1.1'], /--ip '300\.1\.1\.1' is not an IPv4 address/],
      [['bounce', 'fixtures/bounce/dsn/report-without-delivery-status.eml'], /without a message\/delivery-status part/],
    ];
    for (const [args, message] of cases) {
      const run = await runBuiltCli([...args, ...DEMO]);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('authaudit bounce offline (built)', () => {
  it("a sender domain the zone files do not hold: cannot tell, never a confirmation from the files' NXDOMAIN", async () => {
    const run = await runWithStdin(['bounce', '-', '--from', 'news@elsewhere.example', '--ip', '203.0.113.10', ...DEMO, '--format', 'json'], "550 5.7.26 Unauthenticated email from elsewhere.example is not accepted due to domain's DMARC policy. x1si2 - gsmtp\n");
    expect(run.code).toBe(0);
    const checks = jsonOf(run)['checks'] as Json[];
    expect(checks.map((c) => [c['cause'], c['confirmed']])).toEqual([['dmarc-policy', null]]);
    expect(checks[0]?.['reason']).toMatch(/^the zone files read offline do not hold elsewhere\.example: nothing is known about it/);
  });
});
