// `authaudit ptr` end to end through main([...]) on the fixture zones in test/dkim/zones.
import { describe, expect, test } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const ZONES = ['--zone', 'test/dkim/zones'];

describe('authaudit ptr', () => {
  test('several addresses: each result with its names and addresses', async () => {
    const run = await runCli(['ptr', '192.0.2.10', '192.0.2.11', '::ffff:192.0.2.12', ...ZONES, '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = jsonOf(run);
    const addresses = doc['addresses'] as Array<Record<string, unknown>>;
    expect(addresses.map((a) => [a['input'], a['address'], a['result'], a['confirmedName']])).toEqual([
      ['192.0.2.10', '192.0.2.10', 'pass', 'mail.example.com'],
      ['192.0.2.11', '192.0.2.11', 'fail', null],
      ['::ffff:192.0.2.12', '192.0.2.12', 'none', null],
    ]);
    expect(addresses[1]?.['names']).toEqual([
      { name: 'mx1.example.com', checked: true, forwardType: 'A', outcome: 'records', addresses: ['192.0.2.10'], cnameChain: [], failure: null, matches: false },
    ]);
    expect((doc['findings'] as Array<{ id: string }>).map((f) => f.id)).toEqual(['ptr-not-confirmed', 'ptr-none']);
  });

  test('text report: a passing address, exit 0', async () => {
    const run = await runCli(['ptr', '192.0.2.10', ...ZONES]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('192.0.2.10  FCrDNS pass');
    expect(run.stdout).toContain('= mail.example.com  A 192.0.2.10');
  });

  test('addresses are validated strictly before any query (exit 2)', async () => {
    const run = await runCli(['ptr', '192.0.2.10', '192.0.02.1', 'fe80::1%eth0', ...ZONES]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'192.0.02.1' is not an IPv4 address");
    expect(run.stderr).toContain("'fe80::1%eth0' has a zone index");
    expect(run.stdout).toBe('');
  });
});
