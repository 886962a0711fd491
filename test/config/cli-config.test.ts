// The built command and the in-process CLI with a config file whose inline sending profile is bad:
// exit 2, every problem named by config file:line:column and JSON path, no stack trace, no report.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const BAD = 'fixtures/cli/config-bad-inline-profile.json';
const BAD_PROBLEMS = [
  `${BAD}:7:19: $.profiles[0].mailFrom: must be a string ("<>" for the null sender), not a number`,
  `${BAD}:8:7: $.profiles[0].helo_name: unknown key "helo_name" (allowed: name, description, from, mailFrom, helo, dkim, ips, volume, providers)`,
  `${BAD}:9:35: $.profiles[0].dkim[1]: 'shop.example' is not domain:selector (e.g. shop.example:s1)`,
  `${BAD}:10:33: $.profiles[0].ips[1]: '192.0.2.300' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address`,
];
const BAD_STDERR = `authaudit: config file ${BAD} has 4 problems:\n${BAD_PROBLEMS.map((p) => `  ${p}\n`).join('')}`;

const STACK_FRAME = /^\s+at /m;

describe('a bad inline profile in --config', () => {
  for (const command of [['audit'], ['predict'], ['diff', '--base', 'fixtures/demo', '--head', 'fixtures/demo', '--offline']]) {
    it(`${command[0]}: exit 2, each problem at its line and column, nothing on stdout`, async () => {
      const run = await runCli(['--config', BAD, '--zone', 'fixtures/demo', ...command]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(BAD_STDERR);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stdout).toBe('');
    });
  }

  it('what only the whole profile shows (a null sender without HELO) is placed at the profile; no ips is no problem', async () => {
    const file = 'fixtures/cli/config-null-sender.json';
    const run = await runCli(['--config', file, '--zone', 'fixtures/demo', 'audit', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `authaudit: config file ${file} has 1 problem:\n` +
        `  ${file}:4:5: $.profiles[0].helo: is required with a null sender: SPF then checks the HELO name (RFC 7208 §2.4)\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('the built binary says the same (run `npm run build` first)', async () => {
    if (!existsSync('dist/cli/main.js')) throw new Error('dist/ is missing: run `npm run build` before these tests');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/authaudit.js', '--config', BAD, '--zone', 'fixtures/demo', 'audit'], { env: { PATH: process.env['PATH'] ?? '' } }, (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
      });
    });
    expect(result).toEqual({ code: 2, stdout: '', stderr: BAD_STDERR });
  });
});
