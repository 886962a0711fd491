// A command a fix suggests carries the options that gave the run its world (--zone, --overlay,
// --resolver, …), so pasting it reads the same DNS; in JSON it is a field of its own (`command`,
// an argv array) and the fix text no longer names it.
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';
import { shellWords, suggestedCommand } from '../../src/findings/suggested-command.js';

interface JsonFinding {
  id: string;
  fix: string | null;
  command: string[] | null;
}

function findingsOf(stdout: string): JsonFinding[] {
  const report = JSON.parse(stdout) as { domains?: { findings: JsonFinding[] }[]; findings: JsonFinding[] };
  return report.domains ? report.domains.flatMap((d) => d.findings) : report.findings;
}

describe('commands suggested in a fix (built command)', () => {
  it('offline: the command carries --zone, the text shows it on a run line, and pasting it gives the same world', async () => {
    const [text, json] = await Promise.all([
      runBuiltCli(['megacorp.example', '--zone', 'fixtures/demo']),
      runBuiltCli(['megacorp.example', '--zone', 'fixtures/demo', '--format', 'json']),
    ]);
    const tooMany = findingsOf(json.stdout).find((f) => f.id === 'spf-too-many-lookups');
    expect(tooMany?.command).toEqual(['authaudit', 'flatten', 'megacorp.example', '--zone', 'fixtures/demo']);
    expect(tooMany?.fix).not.toContain('authaudit');
    expect(text.stdout).toContain('\n      run authaudit flatten megacorp.example --zone fixtures/demo\n');
    // every finding has the field: null when its fix suggests no command
    for (const f of findingsOf(json.stdout)) expect(f).toHaveProperty('command');

    const pasted = await runBuiltCli((tooMany?.command ?? []).slice(1));
    expect(pasted.stderr).toBe('');
    expect(pasted.code).toBe(0);
    expect(pasted.stdout).toContain('SPF flattening for megacorp.example: flattened');
  }, 60_000);

  it('over live DNS: the command carries --overlay and the --resolver asked', async () => {
    const run = await runBuiltCli(['megacorp.example', '--overlay', 'fixtures/demo', '--resolver', '127.0.0.1:9', '--timeout', '300', '--format', 'json']);
    const tooMany = findingsOf(run.stdout).find((f) => f.id === 'spf-too-many-lookups');
    expect(tooMany?.command).toEqual(['authaudit', 'flatten', 'megacorp.example', '--overlay', 'fixtures/demo', '--resolver', '127.0.0.1:9']);
  }, 60_000);

  it('diff: both versions suggest commands over the head version, so the commands do not make a finding "changed"', async () => {
    const run = await runBuiltCli(['diff', '--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline', '--profile', 'fixtures/diff/profiles.json', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; resolved: JsonFinding[] };
    const commands = [...report.findings, ...report.resolved].flatMap((f) => (f.command ? [f.command] : []));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c.slice(-2)).toEqual(['--zone', 'fixtures/diff/head']);
  }, 60_000);
});

describe('shellWords', () => {
  it('quotes what a shell would split or expand, and leaves placeholders to replace', () => {
    expect(shellWords(suggestedCommand(['flatten', 'example.com', '--check', '<zone>'], ['--zone', 'my zones/db.example', '--doh', "https://x/q?a=1&b='2'"]))).toBe(
      "authaudit flatten example.com --check <zone> --zone 'my zones/db.example' --doh 'https://x/q?a=1&b='\\''2'\\'''",
    );
  });
});
