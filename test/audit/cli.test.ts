// The audit and diff commands through the runner (in-process): the default command, options,
// the config file, --ignore and --fail-on, and bad input as exit 2 with a message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const DEMO = ['--zone', 'fixtures/demo'];

interface DomainJson {
  domain: string;
  verdict: string;
  findings: Array<{ id: string }>;
  dkim: { mode: string; selectors: string[] };
  ptr: Array<{ address: string; result: string }>;
  predictions: unknown[] | null;
}

const domainsOf = (json: Record<string, unknown>) => json['domains'] as DomainJson[];

describe('authaudit audit', () => {
  it('is the default command: `authaudit <domain>` and `authaudit audit <domain>` print the same report', async () => {
    const implicit = await runCli(['shop.example', ...DEMO]);
    const explicit = await runCli(['audit', 'shop.example', ...DEMO]);
    expect(implicit.stderr).toBe('');
    expect(implicit.code).toBe(0);
    expect(implicit.stdout).toBe(explicit.stdout);
    expect(implicit.stdout).toMatch(/^Verdict\n {2}AT RISK {2}shop\.example/);
  });

  it('global options work before and after the domains of the default command', async () => {
    const after = await runCli(['northwind.example', 'cafe.example', '--format', 'json', ...DEMO]);
    const before = await runCli(['--format', 'json', ...DEMO, 'northwind.example', 'cafe.example']);
    expect(domainsOf(jsonOf(after)).map((d) => d.domain)).toEqual(['northwind.example', 'cafe.example']);
    expect(jsonOf(before)['domains']).toEqual(jsonOf(after)['domains']);
  });

  it('--selector, --ip and --profile reach the checks', async () => {
    const run = await runCli(['megacorp.example', ...DEMO, '--format', 'json', '--selector', 'selector1', '--ip', '203.0.113.77', '--profile', 'fixtures/demo/profiles.json']);
    const [d] = domainsOf(jsonOf(run));
    expect(d?.dkim).toMatchObject({ mode: 'selectors', selectors: ['selector1'] });
    expect(d?.ptr.map((p) => p.address)).toEqual(['203.0.113.77', '203.0.113.200']);
    expect(d?.predictions?.length).toBe(6); // 3 providers x 2 addresses
    expect(run.code).toBe(1);
  });

  it('a predicted rejection fails the run like any error; --fail-on never does not', async () => {
    const args = ['shop.example', ...DEMO, '--profile', 'fixtures/demo/profiles.json'];
    expect((await runCli(args)).code).toBe(1);
    expect((await runCli([...args, '--fail-on', 'never'])).code).toBe(0);
  });

  it('--ignore removes findings from the verdict and the JSON, not only from the list', async () => {
    const run = await runCli(['shop.example', ...DEMO, '--format', 'json', '--ignore', 'dkim-none-found']);
    const [d] = domainsOf(jsonOf(run));
    expect(d?.findings.map((f) => f.id)).not.toContain('dkim-none-found');
    expect(d?.verdict).toBe('pass');
  });

  it('takes domains, selectors and profiles from the config file when none is named', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'authaudit-audit-'));
    const config = path.join(dir, 'authaudit.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        domains: [{ domain: 'clinic.example', selectors: ['dkim'] }, 'northwind.example'],
        selectors: ['mail'],
        profiles: [path.resolve('fixtures/demo/profiles.json')],
      }),
    );
    const run = await runCli([...DEMO, '--config', config, '--format', 'json']);
    const domains = domainsOf(jsonOf(run));
    expect(domains.map((d) => d.domain)).toEqual(['clinic.example', 'northwind.example']);
    expect(domains.map((d) => d.dkim.selectors)).toEqual([['dkim'], ['mail']]);
    expect(domains.every((d) => d.predictions !== null)).toBe(true);
  });

  it.each([
    [['audit', ...DEMO], /name at least one domain/],
    [['frobnicate', ...DEMO], /'frobnicate' is neither a command nor a domain name/],
    [['shop..example', ...DEMO], /domain 'shop\.\.example' has an empty label/],
    [['shop.example', ...DEMO, '--ip', '300.1.1.1'], /--ip '300\.1\.1\.1' is not an IPv4 address/],
    [['shop.example', ...DEMO, '--selector', 'bad selector'], /selector 'bad selector'/],
    [['shop.example', ...DEMO, '--profile', 'fixtures/nope.json'], /fixtures\/nope\.json: cannot read the profile file/],
  ])('bad input %j is exit 2 with a message', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('authaudit diff', () => {
  const FIXTURES = ['--base', 'fixtures/diff/base', '--head', 'fixtures/diff/head', '--offline'];

  it('exits 1 when the change introduces an error, 0 when what it introduces is ignored', async () => {
    expect((await runCli(['diff', ...FIXTURES])).code).toBe(1);
    const ignored = await runCli(['diff', ...FIXTURES, '--ignore', 'spf-too-many-lookups']);
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toContain('Introduced (0)');
  });

  it('exits 0 for a change that only resolves findings (head as base and base as head, reversed)', async () => {
    const reversed = await runCli(['diff', '--base', 'fixtures/diff/head', '--head', 'fixtures/diff/base', '--offline', '--fail-on', 'error']);
    // reversing the change introduces p=none and ptr/?all: warnings only
    expect(reversed.code).toBe(0);
    expect((await runCli(['diff', '--base', 'fixtures/diff/head', '--head', 'fixtures/diff/base', '--offline', '--fail-on', 'warning'])).code).toBe(1);
  });

  it('JSON: findings are the introduced ones; resolved and deltas beside them', async () => {
    const json = jsonOf(await runCli(['diff', ...FIXTURES, '--format', 'json']));
    expect((json['findings'] as Array<{ id: string }>).map((f) => f.id)).toEqual(['spf-too-many-lookups']);
    expect((json['resolved'] as Array<{ id: string }>).map((f) => f.id).sort()).toEqual(['dmarc-policy-none', 'spf-neutral-all', 'spf-ptr']);
    expect(json).toMatchObject({ offline: true, domainsFrom: 'zones', base: { paths: ['fixtures/diff/base'] } });
  });

  it.each([
    [['diff', '--head', 'fixtures/diff/head'], /give --base <zone path> or --base-ref <git ref>/],
    [['diff', '--base', 'fixtures/diff/base'], /give --head <zone path>, or list the zone files as "zones" in the config/],
    [['diff', '--base', 'fixtures/diff/missing', '--head', 'fixtures/diff/head', '--offline'], /--base: cannot read 'fixtures\/diff\/missing': no such file or folder/],
    [['diff', '--base', 'fixtures/demo/README.md', '--head', 'fixtures/diff/head', '--offline'], /README\.md:\d+:\d+: /],
  ])('bad input %j is exit 2 with a message', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
