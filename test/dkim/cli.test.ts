// `authaudit dkim` end to end through main([...]) on the fixture zones in test/dkim/zones.
import { describe, expect, test } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const ZONES = ['--zone', 'test/dkim/zones'];

describe('authaudit dkim', () => {
  test('discovery: common selectors and those of the zone files; a dangling CNAME is an error, a retired selector info', async () => {
    const run = await runCli(['dkim', 'example.com', ...ZONES]);
    // selector1 is a CNAME to a name that does not exist: discovery reports it as --selector does
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('DKIM example.com (discovery over 45 selectors)');
    expect(run.stdout).toContain('checked 45 selectors: 42 common, 6 found in the zone files (3 of them also common); 39 have no record');
    expect(run.stdout).toContain('_domainkey.example.com: exists (NOERROR)');
    expect(run.stdout).toMatch(/google {2}google\._domainkey\.example\.com {2}usable rsa 2048 bits/);
    expect(run.stdout).toMatch(/error {3}dkim-no-key {2}selector1\._domainkey\.example\.com/);
    expect(run.stdout).toMatch(/info {4}dkim-key-revoked {2}selector2\._domainkey\.example\.com/);
    // weak and ed are in the zone file only: found without --selector
    expect(run.stdout).toMatch(/warning dkim-rsa-1024 {2}weak\._domainkey\.example\.com/);
    expect(run.stdout).toMatch(/ed {2}ed\._domainkey\.example\.com {2}usable ed25519/);
  });

  test('named selectors as JSON: every field present, findings with evidence, exit 1 on errors', async () => {
    const run = await runCli(['dkim', 'example.com', '--selector', 'weak', '--selector', 'selector1,ed', ...ZONES, '--format', 'json']);
    expect(run.code).toBe(1);
    const doc = jsonOf(run);
    expect(doc).toMatchObject({ schemaVersion: 1, command: 'dkim', domain: 'example.com', mode: 'selectors', selectors: ['weak', 'selector1', 'ed'], probes: null });
    expect(doc['domainkey']).toEqual({ name: '_domainkey.example.com', outcome: 'nodata', exists: true, failure: null });
    const keys = doc['keys'] as Array<Record<string, unknown>>;
    expect(keys.map((k) => [k['selector'], k['verdict'], k['keyType'], k['bits']])).toEqual([
      ['weak', 'usable', 'rsa', 1024],
      ['selector1', 'unusable', null, null],
      ['ed', 'usable', 'ed25519', 256],
    ]);
    expect(keys[1]?.['cnameChain']).toEqual([
      { name: 'selector1._domainkey.example.com', target: 'selector1-example-com._domainkey.tenant.example.net', ttl: 300, source: { file: 'test/dkim/zones/example.com.zone', line: 12 } },
    ]);
    const record = (keys[0]?.['records'] as Array<Record<string, unknown>>)[0];
    expect(Object.keys(record ?? {}).sort()).toEqual(['errors', 'flags', 'hashAlgorithms', 'key', 'keyType', 'keyTypeExplicit', 'notes', 'publicKey', 'serviceTypes', 'source', 'tags', 'text', 'unusable', 'valid', 'version']);
    expect(record?.['key']).toEqual({ state: 'rsa', keyType: 'rsa', bits: 1024, bytes: 162, encoding: 'spki', looksLike: null, reason: null, suggestedValue: null });
    const findings = doc['findings'] as Array<{ id: string; evidence: Record<string, unknown> }>;
    expect(findings.map((f) => f.id)).toEqual(['dkim-rsa-1024', 'dkim-no-key']);
    expect(findings[0]?.evidence).toMatchObject({ file: 'test/dkim/zones/example.com.zone', line: 14, position: 11 });
  });

  test('Ed25519 alone among the named selectors', async () => {
    const doc = jsonOf(await runCli(['dkim', 'example.com', '--selector', 'ed', ...ZONES, '--format', 'json']));
    expect((doc['findings'] as Array<{ id: string }>).map((f) => f.id)).toEqual(['dkim-ed25519-without-rsa']);
  });

  test('--ignore and --fail-on apply to DKIM findings', async () => {
    expect((await runCli(['dkim', 'example.com', '--selector', 'weak', ...ZONES])).code).toBe(0);
    expect((await runCli(['dkim', 'example.com', '--selector', 'weak', ...ZONES, '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli(['dkim', 'example.com', '--selector', 'weak', ...ZONES, '--fail-on', 'warning', '--ignore', 'dkim-rsa-1024'])).code).toBe(0);
  });

  test('a record with terminal escape sequences is shown escaped', async () => {
    const run = await runCli(['dkim', 'example.com', '--selector', 'evil', ...ZONES]);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('n=\\x1b[31mred\\x1b[0m');
    expect(run.stdout).toContain('dkim-record-invalid');
  });

  test.each([
    [['dkim', 'exa mple.com'], "domain 'exa mple.com' has label"],
    [['dkim', 'example..com'], 'an empty label'],
    [['dkim', 'example.com', '--selector', 'bad/selector'], "selector 'bad/selector'"],
  ])('bad input %j is a usage error (exit 2) naming it', async (args, message) => {
    const run = await runCli([...args, ...ZONES]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
