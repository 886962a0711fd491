// Zone repositories as their owners keep them: which files are zones and what each is called
// (src/zone/zone-layout.ts). The fixtures are fixtures/bind/{plain,conf,views}; bad layouts are
// written into a temporary folder per test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { diskSource, FileSourceError } from '../../src/zone/file-source.js';
import { parseZonePathSpec, readZoneLayout, zoneNameFromFileName, type ZoneLayout } from '../../src/zone/zone-layout.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';

const BIND = 'fixtures/bind';
const SOA = '$TTL 300\n@ IN SOA ns hostmaster 1 7200 3600 1209600 300\n@ IN NS ns\n';

const layout = (...paths: string[]): ZoneLayout => readZoneLayout(paths.map(parseZonePathSpec), diskSource);
const zonesOf = (l: ZoneLayout): string[] => l.files.map((f) => `${f.zone} ${f.file} ${f.namedBy}`);

/** What a bad layout throws: the message of the ZoneFileError or FileSourceError. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ZoneFileError || err instanceof FileSourceError) return err.message;
    throw err;
  }
  throw new Error('no error');
}

let temp: string | null = null;
afterEach(() => {
  if (temp !== null) rmSync(temp, { recursive: true, force: true });
  temp = null;
});

/** A temporary folder holding the given files (paths relative to it). */
function folder(files: Record<string, string>): string {
  temp = mkdtempSync(join(tmpdir(), 'authaudit-layout-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(temp, path)), { recursive: true });
    writeFileSync(join(temp, path), text);
  }
  return temp;
}

describe('the name a file name implies', () => {
  it.each([
    ['db.example.com', 'example.com'],
    ['example.com.zone', 'example.com'],
    ['example.com.db', 'example.com'],
    ['example.com', 'example.com'],
    ['/etc/bind/DB.Example.COM', 'Example.COM'],
    ['2.0.192.in-addr.arpa.zone', '2.0.192.in-addr.arpa'],
  ])('%s is %s', (file, zone) => {
    expect(zoneNameFromFileName(file)).toBe(zone);
  });
});

describe('NAME=PATH', () => {
  it('names the zone the file holds', () => {
    expect(parseZonePathSpec('example.com=zones/db.x')).toEqual({ name: 'example.com', path: 'zones/db.x' });
    expect(parseZonePathSpec('example.com.=db.x')).toEqual({ name: 'example.com', path: 'db.x' });
  });
  it('a value whose left side is not a name is a path', () => {
    expect(parseZonePathSpec('zones/a=b/db.x')).toEqual({ name: null, path: 'zones/a=b/db.x' });
    expect(parseZonePathSpec('fixtures/demo')).toEqual({ name: null, path: 'fixtures/demo' });
  });
  it('reads a file whose relative names need that origin', async () => {
    const dir = folder({ 'zonefile': `${SOA}ns IN A 192.0.2.1\n@ IN TXT "v=spf1 -all"\n` });
    const zone = await loadZoneResolver([`launch.test=${join(dir, 'zonefile')}`]);
    expect(zone.zones()).toEqual(['launch.test']);
    const txt = await zone.query('launch.test', 'TXT');
    expect(txt.kind).toBe('records');
  });
  it('a file whose absolute SOA owner is another zone is an error naming both', () => {
    const dir = folder({ 'db.x': '$TTL 300\nother.test. IN SOA ns.other.test. h.other.test. 1 2 3 4 5\n' });
    expect(failure(() => layout(`launch.test=${join(dir, 'db.x')}`))).toBe(
      `${join(dir, 'db.x')}:2:1: the SOA record is for 'other.test', but the argument names the zone 'launch.test'`,
    );
  });
  it('a folder is refused', () => {
    expect(failure(() => layout(`x.test=${BIND}/plain`))).toBe(`cannot read '${BIND}/plain': is a folder: x.test=PATH names one zone file`);
  });
});

describe('a folder without a named.conf: every file holding an SOA record is a zone', () => {
  it('finds db.<zone>, bare and nested files, named by $ORIGIN, the SOA owner and the file name', () => {
    expect(zonesOf(layout(`${BIND}/plain`))).toEqual([
      `launchco.test ${BIND}/plain/db.launchco.test origin`,
      `example.org ${BIND}/plain/example.org soa-owner`,
      `shop.test ${BIND}/plain/nested/shop.test.db file-name`,
    ]);
  });
  it('a file reached by $INCLUDE is part of the including zone, not a zone of its own', async () => {
    const zone = await loadZoneResolver([`${BIND}/plain`]);
    const key = await zone.query('mail._domainkey.launchco.test', 'TXT');
    expect(key.kind === 'records' && key.records[0]?.source?.file).toBe(`${BIND}/plain/includes/launchco-dkim.inc`);
    expect(zone.zones().sort()).toEqual(['example.org', 'launchco.test', 'shop.test']);
  });
  it('an SOA in an included part makes the including file a zone', () => {
    const dir = folder({ 'db.part.test': '$ORIGIN part.test.\n$INCLUDE head.inc\nwww IN A 192.0.2.1\n', 'head.inc': SOA });
    expect(zonesOf(layout(dir))).toEqual([`part.test ${join(dir, 'db.part.test')} origin`]);
  });
  it('README files and named.conf-like files are not read as zones', () => {
    const dir = folder({ 'README.md': 'The SOA record comes first.\n', 'db.a.test': SOA, 'rndc.conf': 'key "x" { SOA; };' });
    expect(zonesOf(layout(dir))).toEqual([`a.test ${join(dir, 'db.a.test')} file-name`]);
  });
  it('a folder with no zone file says so', () => {
    const dir = folder({ 'README.md': '# nothing\n', 'records.inc': 'www IN A 192.0.2.1\n' });
    expect(failure(() => layout(dir))).toBe(`cannot read '${dir}': no zone files in this folder (a zone file holds an SOA record; a named.conf lists zones; octoDNS zones are <zone>.yaml files or <zone>./ folders)`);
  });
  it('two files for one zone: an error naming both places', () => {
    const dir = folder({ 'db.a.test': SOA, 'a.test.zone': `${SOA}www IN A 192.0.2.1\n` });
    expect(failure(() => layout(dir))).toBe(`${join(dir, 'db.a.test')}:2:1: zone 'a.test' is already loaded from ${join(dir, 'a.test.zone')}:2:1: two files for one zone`);
  });
  it('data outside the zone named by $ORIGIN is an error at the record', () => {
    const dir = folder({ 'db.a.test': `$ORIGIN a.test.\n${SOA}www.b.test. IN A 192.0.2.1\n` });
    expect(failure(() => layout(dir))).toMatch(new RegExp(`^${join(dir, 'db.a.test')}:5:1: 'www.b.test' is outside the zone \\('a.test'`));
  });
  it('an $INCLUDE may not lead outside the folder given', () => {
    const dir = folder({ 'zones/db.a.test': `${SOA}$INCLUDE ../secret.inc\n`, 'secret.inc': 'x IN A 192.0.2.1\n' });
    expect(failure(() => layout(join(dir, 'zones')))).toBe(`${join(dir, 'zones/db.a.test')}:4:10: $INCLUDE '../secret.inc' leads outside the folder '${join(dir, 'zones')}'`);
  });
  it('an include loop is reported as one, not as a folder without zones', () => {
    expect(failure(() => layout('fixtures/zones-test/include-loop'))).toMatch(/include loop/);
  });
});

describe('a named.conf lists the zones', () => {
  it('follows include statements, maps absolute paths by suffix and starts relative ones at directory', () => {
    const conf = layout(`${BIND}/conf`);
    expect(zonesOf(conf)).toEqual([
      `brand.test ${BIND}/conf/etc/bind/zones/db.brand.test named.conf`,
      `2.0.192.in-addr.arpa ${BIND}/conf/etc/bind/zones/db.192.0.2 named.conf`,
    ]);
    expect(conf.notes).toEqual([
      `'partner.test' (${BIND}/conf/etc/bind/named.conf.local:13:6): secondary zone whose file '/var/cache/bind/db.partner.test' is not in ${BIND}/conf: passed over`,
      `'.' (${BIND}/conf/etc/bind/named.conf.local:19:6): type hint holds no zone data: passed over`,
    ]);
  });
  it('the same when the named.conf itself is the path', () => {
    expect(zonesOf(layout(`${BIND}/conf/named.conf`))).toEqual(zonesOf(layout(`${BIND}/conf`)));
  });
  it('$INCLUDE in a zone is relative to the named.conf directory', async () => {
    const zone = await loadZoneResolver([`${BIND}/conf`]);
    const key = await zone.query('mail._domainkey.brand.test', 'TXT');
    expect(key.kind === 'records' && key.records[0]?.source?.file).toBe(`${BIND}/conf/etc/bind/zones/keys/brand-dkim.inc`);
  });
  it('a zone in two views needs --view; with it, that view is read', () => {
    expect(failure(() => layout(`${BIND}/views`))).toBe(
      `${BIND}/views/named.conf:8:10: zone 'corp.test' is in view 'internal' (${BIND}/views/named.conf:4:10) and in view 'external' (${BIND}/views/named.conf:8:10): choose one with --view NAME`,
    );
    const inside = readZoneLayout([parseZonePathSpec(`${BIND}/views`)], diskSource, { view: 'internal' });
    expect(zonesOf(inside)).toEqual([`corp.test ${BIND}/views/internal/db.corp.test named.conf`]);
    expect(failure(() => readZoneLayout([parseZonePathSpec(`${BIND}/views`)], diskSource, { view: 'guest' }))).toBe(
      `${BIND}/views/named.conf:1:1: --view guest: no such view in this named.conf (its views are 'internal', 'external')`,
    );
  });
  it('a zone statement pointing at a missing file is an error at its file clause', () => {
    const dir = folder({ 'named.conf': 'zone "a.test" {\n  type primary;\n  file "db.missing";\n};\n' });
    expect(failure(() => layout(dir))).toBe(`${join(dir, 'named.conf')}:3:8: the file of zone 'a.test', 'db.missing': no such file (looked for '${join(dir, 'db.missing')}')`);
  });
  it('an absolute path no file below the folder ends like is an error naming the statement', () => {
    const dir = folder({ 'named.conf': 'zone "a.test" { type master; file "/etc/bind/db.a.test"; };\n', 'db.b.test': SOA });
    expect(failure(() => layout(dir))).toBe(`${join(dir, 'named.conf')}:1:35: the file of zone 'a.test', '/etc/bind/db.a.test': no file below '${dir}' ends with 'db.a.test'`);
  });
  it('an absolute path two files end like equally is ambiguous', () => {
    const dir = folder({ 'named.conf': 'zone "a.test" { type master; file "/etc/bind/db.a.test"; };\n', 'x/db.a.test': SOA, 'y/db.a.test': SOA });
    expect(failure(() => layout(dir))).toMatch(/matches '.*x\/db\.a\.test' and '.*y\/db\.a\.test' equally well/);
  });
  it('a zone file whose SOA is for another zone than the statement names', () => {
    const dir = folder({ 'named.conf': 'zone "a.test" { type master; file "db.a"; };\n', 'db.a': '$TTL 300\nb.test. IN SOA ns.b.test. h.b.test. 1 2 3 4 5\n' });
    expect(failure(() => layout(dir))).toBe(`${join(dir, 'db.a')}:2:1: the SOA record is for 'b.test', but ${join(dir, 'named.conf')}:1:6 names the zone 'a.test'`);
  });
  it('a zone file without an SOA record', () => {
    const dir = folder({ 'named.conf': 'zone "a.test" { type master; file "db.a"; };\n', 'db.a': '$TTL 300\nwww IN A 192.0.2.1\n' });
    expect(failure(() => layout(dir))).toBe(`${join(dir, 'named.conf')}:1:6: zone 'a.test': its file '${join(dir, 'db.a')}' holds no SOA record`);
  });
  it('bad named.conf syntax is reported at its place', () => {
    const dir = folder({ 'named.conf': 'zone "a.test" {\n  type master;\n  file "db.a;\n};\n' });
    expect(failure(() => layout(dir))).toBe(`${join(dir, 'named.conf')}:3:8: unterminated string`);
    const unclosed = folder({ 'named.conf': 'options {\n  directory "/x";\n' });
    expect(failure(() => layout(unclosed))).toBe(`${join(unclosed, 'named.conf')}:1:9: this '{' is never closed`);
  });
  it('an include of a missing file names the include statement', () => {
    const dir = folder({ 'named.conf': '// main\ninclude "named.conf.zones";\n' });
    expect(failure(() => layout(dir))).toBe(`${join(dir, 'named.conf')}:2:9: cannot read included file '${join(dir, 'named.conf.zones')}': no such file`);
  });
});
