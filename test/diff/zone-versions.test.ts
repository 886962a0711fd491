// diffZones with each version read through a FileSource: a version where the paths are not there
// is the empty zone set (offline every name is NXDOMAIN, overlaid every name goes to the live
// DNS), the default domain list takes zones only in one version, a path in neither version is an
// error, and a bad zone file in a version from git names that version.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffZones, ZonePathError } from '../../src/diff/diff-zones.js';
import { overlayResolver } from '../../src/dns/overlay-resolver.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { FileSourceError, type FileSource, type PathKind } from '../../src/zone/file-source.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';
import { ScriptedResolver } from '../helpers/scripted-resolver.js';

/** Files held in memory, as a version of the zone files (a stand-in for a git commit). */
class MemorySource implements FileSource {
  constructor(
    readonly label: string | null,
    private readonly files: Record<string, string>,
  ) {}

  kind(p: string): PathKind | null {
    if (this.files[p] !== undefined) return 'file';
    return Object.keys(this.files).some((f) => f.startsWith(`${p}/`)) ? 'folder' : null;
  }

  list(folder: string): string[] {
    const names = Object.keys(this.files).filter((f) => path.dirname(f) === folder).map((f) => path.basename(f));
    if (names.length === 0) throw new FileSourceError(folder, 'no such folder');
    return names.sort();
  }

  read(p: string): Buffer {
    const text = this.files[p];
    if (text === undefined) throw new FileSourceError(p, 'no such file');
    return Buffer.from(text, 'latin1');
  }
}

const mailZone = (net: string) => `$TTL 300
@ IN SOA ns hostmaster 1 7200 900 1209600 300
@ IN NS ns
ns IN A ${net}.53
@ IN MX 10 mx
mx IN A ${net}.25
@ IN TXT "v=spf1 ip4:${net}.0/24 -all"
_dmarc IN TXT "v=DMARC1; p=reject"
`;

const nxdomain = (name: string, type: string) => ({ kind: 'nxdomain' as const, name, type, cnameChain: [], ttl: 300 }) as never;

describe('the empty zone set', () => {
  it('offline, every name is NXDOMAIN; overlaid, every name goes to the live DNS', async () => {
    const empty = await loadZoneResolver([]);
    expect(empty.zones()).toEqual([]);
    expect(empty.isInside('example.com')).toBe(false);
    expect((await empty.query('example.com', 'TXT')).kind).toBe('nxdomain');
    const live = new ScriptedResolver((name, type) => ({ kind: 'records', name, type, cnameChain: [], records: [{ name, type: 'A', ttl: 60, address: '192.0.2.1' }] }) as never);
    const answer = await overlayResolver(empty, live).query('example.com', 'A');
    expect(answer.kind).toBe('records');
    expect(live.asked).toEqual(['example.com A']);
  });

  it('a base without the paths: everything in head is new (offline)', async () => {
    const base = new MemorySource('main (0000000)', {});
    const diff = await diffZones({ base: ['zones'], head: ['zones'], baseSource: base, headSource: new MemorySource(null, { 'zones/a.example.zone': mailZone('192.0.2') }), missingIsEmpty: true, live: null });
    expect(diff.base).toMatchObject({ paths: ['zones'], missing: ['zones'], zones: [], label: 'main (0000000)', ref: null, commit: null });
    expect(diff.head).toMatchObject({ missing: [], zones: ['a.example'], label: null });
    expect(diff.audited).toEqual(['a.example']);
    expect(diff.resolved.map((f) => f.id)).toContain('mx-domain-nxdomain');
  });

  it('over the live DNS, the version without zones asks the live DNS for every name', async () => {
    const live = new ScriptedResolver(nxdomain);
    const head = new MemorySource(null, { 'zones/a.example.zone': mailZone('192.0.2') });
    await diffZones({ base: ['zones'], head: ['zones'], baseSource: new MemorySource('main (0000000)', {}), headSource: head, missingIsEmpty: true, live });
    // the head answers a.example from its file; only the base, which has no zones, asked for it
    expect(live.asked.filter((q) => q === 'a.example TXT')).toEqual(['a.example TXT']);
  });

  it('the default domains include zones only in the base and only in the head', async () => {
    const base = new MemorySource('v1 (0000000)', { 'zones/gone.example.zone': mailZone('192.0.2'), 'zones/kept.example.zone': mailZone('198.51.100') });
    const head = new MemorySource(null, { 'zones/kept.example.zone': mailZone('198.51.100'), 'zones/new.example.zone': mailZone('203.0.113') });
    const diff = await diffZones({ base: ['zones'], head: ['zones'], baseSource: base, headSource: head, missingIsEmpty: true, live: null });
    expect(diff.audited).toEqual(['gone.example', 'kept.example', 'new.example']);
    expect(diff.domainsFrom).toBe('zones');
  });

  it('a head without the paths: everything in the base is removed', async () => {
    const base = new MemorySource('v1 (0000000)', { 'zones/gone.example.zone': mailZone('192.0.2') });
    const diff = await diffZones({ base: ['zones'], head: ['zones'], baseSource: base, headSource: new MemorySource(null, {}), missingIsEmpty: true, live: null });
    expect(diff.head).toMatchObject({ missing: ['zones'], zones: [] });
    expect(diff.introduced.map((f) => f.id)).toContain('mx-domain-nxdomain');
  });
});

describe('what is still an error', () => {
  it('a path in neither version', async () => {
    const run = diffZones({ base: ['zonse'], head: ['zonse'], baseSource: new MemorySource('v1 (0000000)', {}), headSource: new MemorySource(null, {}), missingIsEmpty: true, live: null });
    await expect(run).rejects.toThrow(new ZonePathError('zonse: not in the working tree and not at v1 (0000000), so there is nothing to compare (is the path right?)'));
  });

  it('a missing path without missingIsEmpty (plain --base and --head)', async () => {
    const run = diffZones({ base: ['zones'], head: ['zones'], baseSource: new MemorySource(null, {}), headSource: new MemorySource(null, { 'zones/a.example.zone': mailZone('192.0.2') }), live: null });
    await expect(run).rejects.toThrow("--base: cannot read 'zones': no such file or folder");
  });

  it('a bad zone file in a labelled version names it, keeping the file:line:column', async () => {
    const base = new MemorySource('v1 (0000000)', { 'zones/a.example.zone': `${mailZone('192.0.2')}mx2 IN A 192.0.2.300\n` });
    const head = new MemorySource(null, { 'zones/a.example.zone': mailZone('192.0.2') });
    const err = await diffZones({ base: ['zones'], head: ['zones'], baseSource: base, headSource: head, missingIsEmpty: true, live: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZonePathError);
    expect((err as Error).message).toMatch(/^the base at v1 \(0000000\): zones\/a\.example\.zone:9:\d+: /);
    expect((err as Error).cause).toBeInstanceOf(ZoneFileError);
    expect((err as Error).cause).toMatchObject({ file: 'zones/a.example.zone', line: 9 });
  });
});
