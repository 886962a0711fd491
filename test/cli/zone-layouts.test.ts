// Zone repositories as their owners keep them, through the built command: BIND file names and
// $ORIGIN, named.conf with views, NAME=PATH, --verbose naming each zone, and bad layouts as one
// line with exit 2.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

const temp = mkdtempSync(join(tmpdir(), 'authaudit-layout-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const full = join(temp, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const SOA = '$TTL 300\n@ IN SOA ns hostmaster 1 7200 3600 1209600 300\n@ IN NS ns\nns IN A 192.0.2.1\n';

describe('a folder of BIND zone files', () => {
  it('audits db.launchco.test (zone set by $ORIGIN) with its $INCLUDEd DKIM key', async () => {
    const run = await runBuiltCli(['--zone', 'fixtures/bind/plain', '--format', 'json', '--selector', 'mail', 'launchco.test']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { domains: { domain: string; findings: { id: string }[]; dkim: unknown }[] };
    const ids = report.domains[0]!.findings.map((f) => f.id);
    expect(ids).not.toContain('dkim-selector-missing');
    expect(ids).not.toContain('spf-record-missing');
    expect(run.code).toBe(0);
  });

  it('--verbose says which file each zone came from and which rule named it', async () => {
    const run = await runBuiltCli(['lookup', 'example.org', 'SOA', '--zone', 'fixtures/bind/plain', '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('zone: '))).toEqual([
      'zone: launchco.test from fixtures/bind/plain/db.launchco.test (named by the $ORIGIN in force at its SOA record)',
      'zone: example.org from fixtures/bind/plain/example.org (named by the absolute owner of its SOA record)',
      'zone: shop.test from fixtures/bind/plain/nested/shop.test.db (named after the file)',
    ]);
  });

  it('NAME=PATH names a file that carries no name of its own', async () => {
    const file = write('plain/zonefile', `${SOA}@ IN TXT "v=spf1 -all"\n`);
    const run = await runBuiltCli(['lookup', 'named.test', 'TXT', '--zone', `named.test=${file}`, '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"v=spf1 -all"');
    expect(run.stderr).toContain(`zone: named.test from ${file} (named by NAME=PATH)`);
  });
});

describe('a named.conf', () => {
  it('lists the zones, with the passed-over ones told by --verbose', async () => {
    const run = await runBuiltCli(['lookup', '_dmarc.brand.test', 'TXT', '--zone', 'fixtures/bind/conf', '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"v=DMARC1; p=quarantine"');
    expect(run.stderr).toContain("zone: 'partner.test' (fixtures/bind/conf/etc/bind/named.conf.local:13:6): secondary zone");
  });

  it('a zone in two views is exit 2 naming both places; --view picks one', async () => {
    const both = await runBuiltCli(['lookup', 'corp.test', 'TXT', '--zone', 'fixtures/bind/views']);
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
    expect(both.stderr).toBe(
      "authaudit: fixtures/bind/views/named.conf:8:10: zone 'corp.test' is in view 'internal' (fixtures/bind/views/named.conf:4:10) and in view 'external' (fixtures/bind/views/named.conf:8:10): choose one with --view NAME\n",
    );
    const external = await runBuiltCli(['lookup', 'corp.test', 'TXT', '--zone', 'fixtures/bind/views', '--view', 'external']);
    expect(external.code).toBe(0);
    expect(external.stdout).toContain('ip4:192.0.2.0/24');
  });
});

describe('the config file', () => {
  it('takes NAME=PATH entries (the path relative to the config) and a view', async () => {
    write('config/zonefile', `${SOA}@ IN TXT "v=spf1 ip4:192.0.2.1 -all"\n`);
    write('config/authaudit.config.json', JSON.stringify({ zone: ['cfg.test=zonefile'], view: null }));
    const run = await runBuiltCli(['lookup', 'cfg.test', 'TXT', '--verbose'], { cwd: join(temp, 'config') });
    expect(run.stderr).toContain('zone: cfg.test from zonefile (named by NAME=PATH)');
    expect(run.stdout).toContain('ip4:192.0.2.1');
    expect(run.code).toBe(0);
  });
  it('a view from the config picks the view', async () => {
    const views = join(process.cwd(), 'fixtures/bind/views');
    write('config-view/authaudit.config.json', JSON.stringify({ zone: [views], view: 'internal' }));
    const run = await runBuiltCli(['lookup', 'corp.test', 'TXT'], { cwd: join(temp, 'config-view') });
    expect(run.stdout).toContain('ip4:10.0.0.0/8');
    expect(run.code).toBe(0);
  });
});

describe('bad layouts: one line naming the place, exit 2', () => {
  it.each([
    ['a named.conf pointing at a missing file', { 'missing/named.conf': 'zone "a.test" { type primary; file "db.a"; };\n' }, 'missing', /^authaudit: .*missing\/named\.conf:1:36: the file of zone 'a\.test', 'db\.a': no such file/],
    ['an $INCLUDE outside the folder', { 'outside/zones/db.a.test': `${SOA}$INCLUDE ../../x.inc\n` }, 'outside/zones', /^authaudit: .*outside\/zones\/db\.a\.test:5:10: \$INCLUDE '\.\.\/\.\.\/x\.inc' leads outside the folder/],
    ['two files for one zone', { 'two/db.a.test': SOA, 'two/a.test.zone': SOA }, 'two', /^authaudit: .*two\/db\.a\.test:2:1: zone 'a\.test' is already loaded from .*two\/a\.test\.zone:2:1: two files for one zone\n$/],
    ['a folder with no zone', { 'none/README.md': '# zones go here\n' }, 'none', /^authaudit: cannot read '.*none': no zone files in this folder/],
  ])('%s', async (_name, files, path, expected) => {
    for (const [file, text] of Object.entries(files)) write(file, text);
    const run = await runBuiltCli(['lookup', 'a.test', 'TXT', '--zone', join(temp, path)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(run.stderr).toMatch(expected);
  });
});
