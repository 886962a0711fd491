// `authaudit dmarc` end to end through main([...]) on the fixture zones in test/dmarc/zones.
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const ZONES = ['--zone', 'test/dmarc/zones'];

describe('authaudit dmarc', () => {
  it('shows the record, discovery both ways, policies, report destinations and findings', async () => {
    const run = await runCli(['dmarc', 'example.com', ...ZONES]);
    expect(run.stdout).toContain('_dmarc.example.com  (test/dmarc/zones/example.com.zone:4)');
    expect(run.stdout).toMatch(/RFC 9989 \(tree walk\) +_dmarc\.example\.com/);
    expect(run.stdout).toMatch(/example\.com itself +reject \(p\) +reject \(p\) 50%, rest quarantine/);
    expect(run.stdout).toMatch(/existing subdomains +quarantine \(sp\)/);
    expect(run.stdout).toMatch(/rua {2}mailto:reports@vendor\.example {2}not-authorized {2}example\.com\._report\._dmarc\.vendor\.example/);
    expect(run.stdout).toContain('dmarc-pct-below-100');
    expect(run.stdout).toContain('dmarc-report-destination-unauthorized');
    // warnings only: exit 0 by default, 1 with --fail-on warning
    expect(run.code).toBe(0);
    expect((await runCli(['dmarc', 'example.com', ...ZONES, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('JSON carries every field, null when unknown', async () => {
    const doc = jsonOf(await runCli(['dmarc', 'mail.example.com', ...ZONES, '--format', 'json']));
    expect(doc).toMatchObject({
      command: 'dmarc',
      domain: 'mail.example.com',
      status: 'found',
      sourceDomain: 'example.com',
      orgDomain: { psl: 'example.com', treeWalk: 'example.com', agree: true },
      existence: { exists: true },
    });
    const policyFor = doc['policyFor'] as Record<string, Record<string, unknown>>;
    expect(policyFor['domain']).toMatchObject({ tag: 'sp', applied: 'quarantine', pct: 100, remainder: null, testing: false });
    const record = doc['record'] as Record<string, unknown>;
    expect(record).toMatchObject({ domain: 'example.com', np: null, t: null, source: { file: 'test/dmarc/zones/example.com.zone', line: 4 } });
    // both readings of the policy, each with every field
    const reading = { status: 'valid', reason: null, position: null, p: 'reject', sp: 'quarantine', np: null };
    expect(record['policy']).toEqual(reading);
    expect(record['policyRfc7489']).toEqual(reading);
    const rfc7489 = (doc['discovery'] as Record<string, Record<string, unknown>>)['rfc7489'];
    expect(rfc7489).toMatchObject({ status: 'found', inherited: true, failure: null, queries: ['_dmarc.mail.example.com', '_dmarc.example.com'] });
    expect(Array.isArray(doc['findings'])).toBe(true);
  });

  it('a domain without DMARC is an error (exit 1)', async () => {
    const run = await runCli(['dmarc', 'vendor.example', ...ZONES]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('dmarc-no-record');
  });

  it('escapes control characters from DNS text', async () => {
    const run = await runCli(['dmarc', 'esc.example.com', ...ZONES]);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('x=\\x1b[2J');
  });

  it('converts a U-label domain to A-labels before asking', async () => {
    const doc = jsonOf(await runCli(['dmarc', '例え.example.com', ...ZONES, '--format', 'json']));
    expect(doc).toMatchObject({ domain: 'xn--r8jz45g.example.com', sourceDomain: 'example.com' });
  });

  it('rejects a malformed domain with exit 2 and no stack trace', async () => {
    const run = await runCli(['dmarc', 'bad..example.com', ...ZONES]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("domain 'bad..example.com' has an empty label");
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
