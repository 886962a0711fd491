// The config's sending profiles and zone paths through the CLI: an inline profile reaches the
// predictions whole (its description and its volume per provider), and a profile file, zone folder
// or overlay file the config names but that is not there is exit 2 with the config's
// file:line:column and JSON path, no stack trace and no report.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];
const STACK_FRAME = /^\s+at /m;

interface PredictionJson {
  provider: string;
  stream: string;
  rule: string;
  notes: string[];
  evidence?: { volume: Record<string, number | null>; totals: Record<string, number | null> };
}

describe('an inline profile in the config reaches the predictions whole', () => {
  const INLINE = ['--config', 'fixtures/cli/config-inline-volume.json', ...DEMO];

  it('predict: the stream keeps its description and its volume per provider', async () => {
    const run = await runCli([...INLINE, 'predict', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = jsonOf(run);
    expect(json['streams']).toEqual([
      {
        name: 'newsletter',
        description: 'Weekly newsletter, mostly to Gmail users',
        from: 'news@northwind.example',
        mailFrom: 'northwind.example',
        helo: 'mail.northwind.example',
        dkim: [{ domain: 'northwind.example', selector: 'mail' }],
        ips: ['203.0.113.10'],
        volume: { gmail: 9000, outlook: 120, yahoo: 0, icloud: null, gmx: null, laposte: null },
      },
    ]);
    const predictions = json['predictions'] as PredictionJson[];
    // the bulk rules count each provider's own volume (Gmail: 5,000 a day or more)
    expect(predictions.map((p) => [p.provider, p.evidence?.totals])).toEqual([
      ['gmail', { gmailOrg: 9000, outlookDomain: 120, outlookOrg: 120, yahooOrg: 0 }],
      ['outlook', { gmailOrg: 9000, outlookDomain: 120, outlookOrg: 120, yahooOrg: 0 }],
      ['yahoo', { gmailOrg: 9000, outlookDomain: 120, outlookOrg: 120, yahooOrg: 0 }],
    ]);
  });

  it('audit: the predictions apply Gmail\'s bulk-sender rules, and Outlook.com is told its volume', async () => {
    const run = await runCli([...INLINE, '--format', 'json']);
    expect(run.stderr).toBe('');
    const [domain] = jsonOf(run)['domains'] as Array<{ domain: string; predictions: PredictionJson[] }>;
    expect(domain?.domain).toBe('northwind.example');
    const notesOf = (provider: string) => domain?.predictions.find((p) => p.provider === provider)?.notes ?? [];
    expect(notesOf('gmail').some((n) => n.startsWith('bulk sender: 9000/day to Gmail'))).toBe(true);
    for (const provider of ['gmail', 'outlook']) expect(notesOf(provider).filter((n) => n.startsWith('no volume given'))).toEqual([]);
  });
});

describe('a path the config names that is not there: exit 2 at the config\'s line and column', () => {
  const MISSING_PROFILE = 'fixtures/cli/config-missing-profile-file.json';
  const PROFILE_STDERR = `authaudit: ${MISSING_PROFILE}:5:5: $.profiles[1]: cannot read the profile file fixtures/cli/no-such-profiles.json: no such file\n`;

  for (const command of [['audit'], ['predict'], ['diff', '--base', 'fixtures/demo', '--head', 'fixtures/demo', '--offline']]) {
    it(`a profile file, with ${command[0]}`, async () => {
      const run = await runCli(['--config', MISSING_PROFILE, ...DEMO, ...command]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(PROFILE_STDERR);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stdout).toBe('');
    });
  }

  it('--profile replaces the config\'s profiles, so their files are not read', async () => {
    const run = await runCli(['--config', MISSING_PROFILE, ...DEMO, '--profile', 'fixtures/demo/profiles.json', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a zone folder', async () => {
    const file = 'fixtures/cli/config-missing-zone.json';
    const run = await runCli(['--config', file, 'audit']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`authaudit: config file ${file} has 1 problem:\n  ${file}:3:23: $.zone[1]: cannot read the zone path fixtures/cli/no-such-zones: no such file or folder\n`);
    expect(run.stdout).toBe('');
  });

  it('an overlay zone file (before any live DNS is asked)', async () => {
    const file = 'fixtures/cli/config-missing-overlay.json';
    const run = await runCli(['--config', file, 'predict']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`authaudit: config file ${file} has 1 problem:\n  ${file}:3:15: $.overlay[0]: cannot read the zone path fixtures/cli/no-such-change.zone: no such file or folder\n`);
    expect(run.stdout).toBe('');
  });

  it('zone paths that are there are used: the config alone runs the audit offline', async () => {
    const run = await runCli(['--config', 'fixtures/cli/config-demo.json', '--format', 'json']);
    expect(run.stderr).toBe('');
    const domains = jsonOf(run)['domains'] as Array<{ domain: string; predictions: unknown[] | null }>;
    expect(domains.map((d) => [d.domain, d.predictions !== null])).toEqual([
      ['northwind.example', true],
      ['clinic.example', true],
    ]);
    expect(run.code).toBe(1); // clinic.example signs with a revoked key
  });

  it('the built binary says the same (run `npm run build` first)', async () => {
    if (!existsSync('dist/cli/main.js')) throw new Error('dist/ is missing: run `npm run build` before these tests');
    const binary = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['bin/authaudit.js', ...args], { env: { PATH: process.env['PATH'] ?? '' } }, (err, stdout, stderr) => {
          resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
        });
      });
    expect(await binary(['--config', MISSING_PROFILE, ...DEMO, 'predict'])).toEqual({ code: 2, stdout: '', stderr: PROFILE_STDERR });
    const zone = await binary(['--config', 'fixtures/cli/config-missing-zone.json']);
    expect(zone).toMatchObject({ code: 2, stdout: '' });
    expect(zone.stderr).toContain('fixtures/cli/config-missing-zone.json:3:23: $.zone[1]: cannot read the zone path');
    expect(zone.stderr).not.toMatch(STACK_FRAME);
  });
});
