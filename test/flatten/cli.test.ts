// `authaudit flatten` end to end on the fixture zones (offline, --zone).
import { describe, expect, it } from 'vitest';
import { jsonOf, runCli } from '../helpers/run-cli.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const WORLD = ['--zone', 'fixtures/flatten/world'];

describe('authaudit flatten', () => {
  it('prints proven zone-file lines for a domain over the lookup limit', async () => {
    const run = await runCli(['flatten', 'acme.example', ...WORLD]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {5}zone file: acme\.example\. 3600 IN TXT "v=spf1 -ip4:203\.0\.113\.66 /m);
    expect(run.stdout).toMatch(/^ {5}zone file: _spf1\.acme\.example\. 3600 IN TXT "v=spf1 /m);
    expect(run.stdout).toContain('proven equivalent: every client address gets the same check_host() result');
    expect(run.stdout).toContain('exists:%{i}._spf.mta.salesforceish.example');
    expect(run.stdout).toMatch(/_netblocks\.googlish\.example {2}include, TTL 300/);
    expect(run.stdout).toContain('[flatten-freezes-addresses]');
  }, 30_000);

  it('gives the records, lookups, proof and frozen TTLs as JSON', async () => {
    const doc = jsonOf(await runCli(['flatten', 'acme.example', ...WORLD, '--format', 'json']));
    expect(doc['status']).toBe('flattened');
    expect(doc['lookups']).toEqual({ original: 11, flattened: expect.any(Number), limit: 8 });
    expect((doc['lookups'] as { flattened: number }).flattened).toBeLessThanOrEqual(8);
    const records = doc['records'] as { role: string; answerBytes: number; strings: string[] }[];
    for (const r of records.filter((x) => x.role !== 'source')) {
      expect(r.answerBytes).toBeLessThanOrEqual(512);
      expect(r.strings.every((s) => s.length <= 255)).toBe(true);
    }
    expect(doc['proof']).toEqual(expect.objectContaining({ equivalent: true, mismatches: [] }));
    expect(doc['all']).toBe('~');
    expect(doc['exp']).toBe('exp=explain._spf.acme.example');
  }, 30_000);

  it('keeps an include named with --keep', async () => {
    const doc = jsonOf(await runCli(['flatten', 'acme.example', ...WORLD, '--keep', 'sendgridish.example', '--format', 'json']));
    expect(doc['kept']).toContainEqual(expect.objectContaining({ text: 'include:sendgridish.example', reason: 'keep-option' }));
  }, 30_000);

  it('exits 1 when the result would need more lookups than --max-lookups', async () => {
    const run = await runCli(['flatten', 'acme.example', ...WORLD, '--max-lookups', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[flatten-refused]');
  }, 30_000);

  it('gives the records to paste in a Markdown code block with --format markdown', async () => {
    const run = await runCli(['flatten', 'legacy.example', ...WORLD, '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^```zone\nlegacy\.example\. 3600 IN TXT "v=spf1 /m);
    expect(run.stdout).toContain('| `_netblocks.googlish.example` | include | 300 | 11 |');
  }, 30_000);

  it('flattens with --max-lookups 0 when nothing needs a lookup', async () => {
    const run = await runCli(['flatten', 'cafe.example', '--zone', 'fixtures/demo', '--max-lookups', '0', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)['lookups']).toEqual({ original: 4, flattened: 0, limit: 0 });
  }, 30_000);

  it('rejects a bad prefix as bad usage', async () => {
    const run = await runCli(['flatten', 'acme.example', ...WORLD, '--prefix', 'a.b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--prefix');
  });

  it('--check passes when the published chain matches flattening today', async () => {
    const run = await runCli(['flatten', 'acme.example', ...WORLD, '--check', 'fixtures/flatten/published/current/acme.example.zone']);
    expect(run.stdout).toContain('up to date');
    expect(run.code).toBe(0);
  }, 30_000);

  it('--check exits 1 with the ranges added and removed when a provider changed', async () => {
    const run = await runCli(['flatten', 'acme.example', ...WORLD, '--check', 'fixtures/flatten/published/stale/acme.example.zone', '--format', 'json']);
    expect(run.code).toBe(1);
    const check = jsonOf(run)['check'] as { stale: boolean; differences: { result: string; added: string[]; removed: string[] }[] };
    expect(check.stale).toBe(true);
    expect(check.differences).toContainEqual({ result: 'pass', added: ['216.239.32.0/19'], removed: ['64.18.0.0/20'] });
    expect(check.differences).toContainEqual({ result: 'softfail', added: ['64.18.0.0/20'], removed: ['216.239.32.0/19'] });
  }, 30_000);
});

describe('the text report says what to publish, where, and in which order (built command)', () => {
  it('the chain parts first (the last part first), the source record, and the root record last, replacing the SPF record', async () => {
    const run = await runBuiltCli(['flatten', 'acme.example', ...WORLD]);
    expect(run.code).toBe(0);
    const steps = run.stdout.split('\n').filter((l) => /^ {2}\d+\. /.test(l));
    expect(steps.map((l) => l.replace(/: .*/, ''))).toEqual([
      '  1. _spf2.acme.example TXT',
      '  2. _spf1.acme.example TXT',
      '  3. _spf-source.acme.example TXT',
      '  4. acme.example TXT',
    ]);
    expect(steps[3]).toContain('replace the existing SPF record there; never add a second one');
    expect(steps[2]).toContain("receivers never read it, and 'authaudit flatten --check' flattens it again to compare");
    // the command to keep them fresh reads the same world as the run that printed it
    expect(run.stdout).toContain('Keep them fresh: this command compares');
    expect(run.stdout).toContain('    run authaudit flatten acme.example --check <zone> --zone fixtures/flatten/world\n');
  }, 30_000);

  it('gives each record as one unsplit value beside its zone-file line, the same text', async () => {
    const [text, json] = await Promise.all([runBuiltCli(['flatten', 'acme.example', ...WORLD]), runBuiltCli(['flatten', 'acme.example', ...WORLD, '--format', 'json'])]);
    const records = (JSON.parse(json.stdout) as { records: { name: string; text: string; strings: string[]; zoneLine: string }[] }).records;
    for (const r of records) {
      expect(r.strings.join('')).toBe(r.text);
      expect(text.stdout).toContain(`     value (one string, as web DNS panels take it): ${r.text}\n     zone file: ${r.zoneLine}\n`);
    }
  }, 30_000);

  it('says there is nothing to flatten for a record that needs no lookups, and offers nothing to publish', async () => {
    const run = await runBuiltCli(['flatten', 'northwind.example', '--zone', 'fixtures/demo']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('SPF flattening for northwind.example: nothing to flatten');
    expect(run.stdout).toContain('keep it as it is, publish nothing');
    expect(run.stdout).not.toContain('Publish, in this order');
    expect(run.stdout).not.toContain('zone file:');
  });
});
