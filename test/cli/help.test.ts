// The help texts of the BUILT command (`npm run build` first; `npm test` does), as file snapshots
// under snapshots/help/: the program's and each command's. Every page lists the global options
// once, gives examples and the exit codes, and every example runs on the bundled demo zones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli, runCli } from '../helpers/run-cli.js';

const COMMANDS = ['audit', 'spf', 'dmarc', 'dkim', 'mx', 'mta-sts', 'tls-rpt', 'bimi', 'dnssec', 'ptr', 'predict', 'message', 'bounce', 'flatten', 'diff', 'scan', 'lookup'];
const VERSION = (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string }).version;

const pages = new Map<string, string>();

/** A help page: printed on stdout, nothing on stderr, exit 0. */
async function help(args: string[]): Promise<string> {
  const run = await runBuiltCli(args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The example command lines of a help page (after "Examples:", the lines that start with `authaudit `). */
function examplesOf(page: string): string[][] {
  const section = page.slice(page.indexOf('\nExamples:\n'), page.indexOf('\nExit codes:\n'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('  authaudit '))
    .map((line) => line.trim().split(/\s+/).slice(1));
}

describe('authaudit --help and each command\'s --help (built)', () => {
  it('the program: global options once, the commands, examples, exit codes', async () => {
    const page = await help(['--help']);
    pages.set('authaudit', page);
    await expect(page).toMatchFileSnapshot('./snapshots/help/authaudit.txt');
    for (const command of COMMANDS) expect(page).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(await help(['-h'])).toBe(page);
  });

  it.each(COMMANDS)('%s --help', async (command) => {
    const page = await help([command, '--help']);
    pages.set(command, page);
    await expect(page).toMatchFileSnapshot(`./snapshots/help/${command}.txt`);
    expect(page).toMatch(new RegExp(`^Usage: authaudit ${command} `));
    // the global options in one section of their own, each once
    expect(page.match(/^Global Options:$/gm)).toHaveLength(1);
    expect(page.match(/--zone <path>/g)).toHaveLength(1);
    expect(page.match(/--fail-on <level>/g)).toHaveLength(1);
    expect(page).toContain('(default: error)');
    expect(page).toMatch(/\nExamples:\n {2}authaudit /);
    expect(page).toMatch(/\nExit codes:\n {2}0 {2}.+\n(?: {2}1 {2}.+\n)? {2}2 {2}bad usage.+\n {2}3 {2}DNS unusable/);
    expect(await help([command, '-h'])).toBe(page);
    expect(await help(['help', command])).toBe(page);
  });

  it('predict --help says what a stream needs, and the defaults', () => {
    const page = pages.get('predict') ?? '';
    const needs = page.slice(page.indexOf('A stream is'), page.indexOf('\nOptions:\n'));
    expect(needs).toMatch(/--from {8}the From address/);
    expect(needs).toContain('(default: the From domain;');
    expect(needs).toMatch(/--dkim d:s {4}each DKIM signature/);
    expect(needs).toMatch(/--ip {10}each address the mail is sent from/);
    expect(needs).toMatch(/--volume {6}messages a day, for the bulk-sender rules/);
    expect(needs).toContain('--profile FILE instead');
  });

  it('every example of every page runs on the demo zones (exit 0 or 1, no usage error)', async () => {
    expect(pages.size).toBe(COMMANDS.length + 1);
    const examples = [...pages.values()].flatMap(examplesOf);
    expect(examples.length).toBeGreaterThanOrEqual(COMMANDS.length + 3);
    for (const args of examples) {
      const run = await runCli(args);
      expect({ args: args.join(' '), code: run.code, stderr: run.stderr }).toEqual({ args: args.join(' '), code: expect.toBeOneOf([0, 1]), stderr: '' });
      expect(run.stdout.length).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('-V and --version (built)', () => {
  it.each([['-V'], ['--version'], ['spf', '-V'], ['predict', '--version'], ['lookup', 'a.example', 'A', '-V']])('%j prints the version', async (...args) => {
    const run = await runBuiltCli(args);
    expect(run).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});
