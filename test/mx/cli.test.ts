// `authaudit mx` end to end through main([...]) on the fixture zones in test/dkim/zones.
import { describe, expect, test } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const ZONES = ['--zone', 'test/dkim/zones'];

describe('authaudit mx', () => {
  test('hosts in preference order with addresses; a CNAME host is a warning (exit 0, 1 with --fail-on warning)', async () => {
    const run = await runCli(['mx', 'example.com', ...ZONES]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ {5}10 mx1\.example\.com {2}192\.0\.2\.10\n {5}20 mx2\.example\.com \(CNAME → mx1\.example\.com\) {2}192\.0\.2\.10/);
    expect(run.stdout).toContain('mx-cname');
    expect((await runCli(['mx', 'example.com', ...ZONES, '--fail-on', 'warning'])).code).toBe(1);
  });

  test('JSON: every field present', async () => {
    const doc = jsonOf(await runCli(['mx', 'example.com', ...ZONES, '--format', 'json']));
    expect(doc).toMatchObject({ command: 'mx', domain: 'example.com', kind: 'mx', nullMx: false, implicit: null });
    expect((doc['hosts'] as unknown[])[0]).toEqual({
      preference: 10,
      exchange: 'mx1.example.com',
      status: 'ok',
      addresses: ['192.0.2.10'],
      a: { outcome: 'records', addresses: ['192.0.2.10'], cnameChain: [], failure: null },
      aaaa: { outcome: 'nodata', addresses: [], cnameChain: [], failure: null },
      cnameChain: [],
      source: { file: 'test/dkim/zones/example.com.zone', line: 7 },
    });
  });

  test('null MX and implicit MX', async () => {
    expect(jsonOf(await runCli(['mx', 'nullmx.example.com', ...ZONES, '--format', 'json']))).toMatchObject({ kind: 'null-mx', nullMx: true });
    const implicit = await runCli(['mx', 'nomx.example.com', ...ZONES]);
    expect(implicit.stdout).toContain("no MX: implicit MX on the domain's own addresses (RFC 5321 §5.1)");
    expect(implicit.stdout).toContain('192.0.2.30');
  });

  test('a domain that does not exist is an error finding (exit 1), a malformed one a usage error (exit 2)', async () => {
    expect((await runCli(['mx', 'gone.example.com', ...ZONES])).code).toBe(1);
    const bad = await runCli(['mx', 'bad-.example.com', ...ZONES]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("domain 'bad-.example.com'");
  });

  test('a control character in an argument is shown escaped in the usage error (mx, dkim, ptr)', async () => {
    for (const args of [['mx', 'a\u001b[2J.example'], ['dkim', 'example.com', '--selector', 's\u001b[2J'], ['ptr', '192.0.2.1\u001b[2J']]) {
      const run = await runCli([...args, ...ZONES]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('\\x1b[2J');
      expect(run.stderr).not.toContain('\u001b');
    }
  });
});
