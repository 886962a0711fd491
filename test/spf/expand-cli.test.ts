// `authaudit spf` end to end through main([...]) on the fixture zones in test/spf/expand-zones.
import { describe, expect, test } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const ZONES = ['--zone', 'test/spf/expand-zones'];

describe('authaudit spf <domain>', () => {
  test('prints the tree with each term’s lookup number and running total, then the findings', async () => {
    const run = await runCli(['spf', 'example.com', ...ZONES]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SPF for example.com');
    expect(run.stdout).toContain('receivers allow 10 such lookups and 2 void ones (RFC 7208 §4.6.4)');
    expect(run.stdout).toMatch(/example\.com {2}"v=spf1 include:_spf\.provider\.example mx a:mail\.example\.com ip4:192\.0\.2\.0\/24 -all" {2}\[3 lookups\]\n/);
    expect(run.stdout).toMatch(/include:_spf\.provider\.example {2}· lookup 1 of 10\n/);
    expect(run.stdout).toMatch(/_spf\.provider\.example {2}"v=spf1 ip4:198\.51\.100\.0\/24 .*" {2}\[no lookups\]\n/);
    expect(run.stdout).toMatch(/ {2}mx {2}· lookup 2 of 10 · mx1\.example\.com: 203\.0\.113\.5\n/);
    expect(run.stdout).toContain('DNS lookups: 3 of the 10 allowed\n');
    expect(run.stdout).toContain('Void lookups (no such name, or no records): 0 of the 2 allowed\n');
    expect(run.stdout).toContain('Authorized to pass: 514 IPv4 addresses in 4 CIDR blocks; 1 IPv6 CIDR block, a /48\n');
    expect(run.stdout).toContain('No findings.');
  });

  test('JSON has the domain, record, lookups, tree and findings', async () => {
    const doc = jsonOf(await runCli(['spf', 'example.com', ...ZONES, '--format', 'json']));
    expect(doc).toMatchObject({
      command: 'spf',
      domain: 'example.com',
      record: 'v=spf1 include:_spf.provider.example mx a:mail.example.com ip4:192.0.2.0/24 -all',
      lookups: { total: 3, void: 0, limit: 10, crossing: null },
      tree: { domain: 'example.com', status: 'record', source: { file: 'test/spf/expand-zones/example.com.zone', line: 4 } },
      result: null,
      explanation: null,
      trace: null,
      findings: [],
    });
    expect(doc['schemaVersion']).toEqual(expect.anything());
  });

  test('nine lookups is a warning: exit 0, exit 1 with --fail-on warning', async () => {
    const run = await runCli(['spf', 'near.example.com', ...ZONES, '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = jsonOf(run);
    expect(doc['lookups']).toMatchObject({ total: 9 });
    expect(doc['duplicates']).toEqual([{ domain: '_spf2.provider.example', count: 4 }]);
    // relay.provider.example, named by a: in each include, has no AAAA record: void for IPv6 clients
    expect((doc['findings'] as { id: string }[]).map((f) => f.id)).toEqual(['spf-lookups-near-limit', 'spf-void-lookups-one-family', 'spf-duplicate-include']);
    expect((await runCli(['spf', 'near.example.com', ...ZONES, '--fail-on', 'warning'])).code).toBe(1);
  });

  test('says what each include costs: its own lookup and the numbers its record uses', async () => {
    const run = await runCli(['spf', 'over.example.com', ...ZONES]);
    expect(run.stdout).toContain('include:_spf2.provider.example  · lookup 1 of 10; its record uses 2\n');
    expect(run.stdout).toMatch(/_spf2\.provider\.example {2}".*" {2}\[1 lookup\] {2}\(2nd time in the tree: its lookups count again\)\n/);
    expect(run.stdout).toMatch(/\[6 lookups in this record, 11 with what it includes\]/);
  });

  test('marks the term past lookup 10 and every term a receiver never reaches after it', async () => {
    const run = await runCli(['spf', 'over.example.com', ...ZONES]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('a:mail.example.com  · lookup 11: over the limit of 10, receivers stop here with permerror');
    expect(run.stdout).toContain('ip4:192.0.2.99  · never reached: receivers stopped with permerror before it\n');
    expect(run.stdout).toContain("DNS lookups: 11, over the 10 allowed: receivers give permerror at lookup 11, 'a:mail.example.com' in over.example.com\n");
    const doc = jsonOf(await runCli(['spf', 'over.example.com', ...ZONES, '--format', 'json']));
    const terms = (doc['tree'] as { terms: { text: string; pastLimit: boolean }[] }).terms;
    expect(terms.filter((t) => t.pastLimit).map((t) => t.text)).toEqual(['a:mail.example.com', 'ip4:192.0.2.99', '-all']);
    expect(doc['rangesPastLimit']).toEqual({ cidrs: ['192.0.2.99/32', '203.0.113.6/32'], ip4Addresses: 2, ip6Addresses: '0' });
  });

  test('two SPF records: each is listed with its zone file line', async () => {
    const run = await runCli(['spf', 'two.example.com', ...ZONES]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('two.example.com  2 SPF records: permerror (RFC 7208 §4.5)\n');
    expect(run.stdout).toContain('    "v=spf1 -all"  test/spf/expand-zones/example.com.zone:14\n');
    expect(run.stdout).toContain('    "v=spf1 ~all"  test/spf/expand-zones/example.com.zone:15\n');
  });

  test('escapes DNS text: a control character in a record never reaches the terminal raw', async () => {
    const run = await runCli(['spf', 'evil.example.com', ...ZONES]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('\\x1b[2J');
    expect(run.stdout).toContain('spf-syntax-error');
  });

  test('a wide range is an error finding with the record, position and zone line', async () => {
    const doc = jsonOf(await runCli(['spf', 'open.example.com', ...ZONES, '--format', 'json']));
    const wide = (doc['findings'] as { id: string; severity: string; evidence: Record<string, unknown> }[]).find((f) => f.id === 'spf-wide-range');
    expect(wide).toMatchObject({
      severity: 'error',
      evidence: { record: 'v=spf1 ip4:0.0.0.0/1 ~all', position: 7, file: 'test/spf/expand-zones/example.com.zone', line: 12 },
    });
  });

  test('a domain without SPF is an error finding (exit 1); a malformed domain is bad usage (exit 2)', async () => {
    const none = await runCli(['spf', 'nothing.example.com', ...ZONES]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('spf-none');
    const bad = await runCli(['spf', 'localhost', ...ZONES]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a multi-label domain name');
    expect(bad.stdout).toBe('');
  });
});

describe('authaudit spf <domain> --ip', () => {
  test('prints the check_host result and its trace', async () => {
    const run = await runCli(['spf', 'example.com', '--ip', '198.51.100.7', ...ZONES]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('check_host(198.51.100.7, example.com, postmaster@example.com) HELO example.com: pass');
    expect(run.stdout).toContain('The whole include tree (any sender): 3 DNS lookups of the 10 allowed; 0 of 2 void lookups');
    expect(run.stdout).toContain('Trace');
    expect(run.stdout).toContain('ip4:198.51.100.0/24');
  });

  test('JSON has result, explanation and trace; a fail carries the explanation', async () => {
    const doc = jsonOf(await runCli(['spf', 'example.com', '--ip', '203.0.113.99', '--sender', 'alice@example.com', ...ZONES, '--format', 'json']));
    expect(doc).toMatchObject({ domain: 'example.com', result: 'fail', ip: '203.0.113.99', sender: 'alice@example.com', lookups: { total: 3 } });
    expect(doc['explanation']).toEqual(expect.stringContaining('203.0.113.99'));
    // What this check spent, beside the tree's total: mx (1) and a: (1); the include is a lookup too.
    expect(doc['checkLookups']).toEqual({ total: 3, void: 0 });
    expect((doc['trace'] as unknown[]).length).toBeGreaterThan(0);
  });

  test('rejects an address that is not one, and --sender without --ip', async () => {
    const bad = await runCli(['spf', 'example.com', '--ip', '300.1.1.1', ...ZONES]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--ip '300.1.1.1' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address");
    expect((await runCli(['spf', 'example.com', '--sender', 'a@example.com', ...ZONES])).code).toBe(2);
  });
});
