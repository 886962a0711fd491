import { describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const DEMO = 'fixtures/demo';

describe('authaudit lookup (one raw DNS question)', () => {
  it('shows TXT records in zone-file form with their TTL', async () => {
    const run = await runCli(['lookup', 'shop.example', 'TXT', '--zone', DEMO]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^shop\.example TXT: 1 record\n {2}shop\.example\. \d+ IN TXT "v=spf1 /);
  });

  it('gives the Resolver answer as JSON with schemaVersion and every field', async () => {
    const doc = jsonOf(await runCli(['lookup', 'nothing-here.shop.example', 'A', '--zone', DEMO, '--format', 'json']));
    expect(doc['schemaVersion']).toBe(1);
    expect(doc['command']).toBe('lookup');
    expect(doc['answer']).toEqual({
      name: 'nothing-here.shop.example',
      type: 'A',
      outcome: 'nxdomain',
      records: [],
      cnameChain: [],
      ttl: expect.any(Number),
      failure: null,
    });
    expect(doc['findings']).toEqual([]);
  });

  it('accepts the type in any case', async () => {
    const run = await runCli(['lookup', 'shop.example', 'soa', '--zone', DEMO]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('IN SOA');
  });
});

describe('exit codes for bad usage and bad input (2)', () => {
  it('rejects an unknown record type', async () => {
    const run = await runCli(['lookup', 'shop.example', 'FOO', '--zone', DEMO]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown record type 'FOO'");
  });

  it('names an unreadable zone path', async () => {
    const run = await runCli(['lookup', 'a.example', 'A', '--zone', 'fixtures/does-not-exist']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fixtures/does-not-exist');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a malformed zone file as file:line:column', async () => {
    const run = await runCli(['lookup', 'a.example', 'A', '--zone', 'fixtures/cli/bad-address.zone']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fixtures\/cli\/bad-address\.zone:\d+:\d+: bad IPv4 address/);
  });

  it('rejects --zone together with --resolver', async () => {
    const run = await runCli(['lookup', 'a.example', 'A', '--zone', DEMO, '--resolver', '127.0.0.1']);
    expect(run.code).toBe(2);
  });

  it('rejects a bad --format, --fail-on and --timeout', async () => {
    for (const extra of [['--format', 'xml'], ['--fail-on', 'fatal'], ['--timeout', 'soon']]) {
      const run = await runCli(['lookup', 'shop.example', 'A', '--zone', DEMO, ...extra]);
      expect(run.code, extra.join(' ')).toBe(2);
    }
  });

  it('rejects an unknown command or option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['lookup', 'a', 'A', '--frob'])).code).toBe(2);
  });
});

describe('exit code 3 when no DNS server answers', () => {
  it('gives 3 when every question times out', async () => {
    // a UDP port on loopback nobody listens on: every try is refused or times out
    const run = await runCli(['lookup', 'example.com', 'A', '--resolver', '127.0.0.1:9', '--timeout', '200']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('DNS unusable');
  });
});
