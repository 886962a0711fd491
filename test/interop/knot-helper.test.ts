// The Knot DNS test helper itself: its configuration, its zone discovery and its failure messages.

import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOT_MISSING_MESSAGE, knotConfig, startKnot, zoneFilesIn } from '../helpers/knot.js';

const SOA = '@ 3600 IN SOA ns1.dnshost.example. hostmaster.dnshost.example. 1 7200 900 1209600 3600\n@ IN NS ns1.dnshost.example.\n';

let scratch: string | null = null;
async function scratchDir(): Promise<string> {
  scratch = await mkdtemp(join(tmpdir(), 'authaudit-knot-helper-'));
  return scratch;
}
afterEach(async () => {
  if (scratch !== null) await rm(scratch, { recursive: true, force: true });
  scratch = null;
});

describe('the Knot DNS helper', () => {
  it('configures one loopback listener, storage in its own folder, and every zone with its file', () => {
    const config = knotConfig('/tmp/k', 5300, [
      { origin: 'a.example', file: '/zones/a.example.zone' },
      { origin: '2.0.192.in-addr.arpa', file: '/zones/2.0.192.in-addr.arpa.zone' },
    ]);
    expect(config).toContain('listen: 127.0.0.1@5300');
    expect(config).toContain('rundir: "/tmp/k/run"');
    expect(config).toContain('storage: "/tmp/k/db"');
    expect(config).toContain('zonefile-sync: -1');
    expect(config).toContain('- domain: "a.example."\n    file: "/zones/a.example.zone"');
    expect(config).toContain('- domain: "2.0.192.in-addr.arpa."\n    file: "/zones/2.0.192.in-addr.arpa.zone"');
  });

  it('finds the *.zone files of each folder and refuses one origin in two folders', async () => {
    const dir = await scratchDir();
    await mkdir(join(dir, 'one'));
    await mkdir(join(dir, 'two'));
    await writeFile(join(dir, 'one', 'a.example.zone'), SOA);
    await writeFile(join(dir, 'one', 'notes.txt'), 'not a zone');
    await writeFile(join(dir, 'two', 'b.example.zone'), SOA);
    const zones = await zoneFilesIn([join(dir, 'one'), join(dir, 'two')]);
    expect(zones).toEqual([
      { origin: 'a.example', file: join(dir, 'one', 'a.example.zone') },
      { origin: 'b.example', file: join(dir, 'two', 'b.example.zone') },
    ]);
    await writeFile(join(dir, 'two', 'a.example.zone'), SOA);
    await expect(zoneFilesIn([join(dir, 'one'), join(dir, 'two')])).rejects.toThrow(/zone a\.example is in both/);
  });

  it('says how to install Knot when knotd is not there', async () => {
    await expect(startKnot({ zoneDirs: ['fixtures/interop'], knotd: '/nonexistent/knotd' })).rejects.toThrow(KNOT_MISSING_MESSAGE);
  });

  it('names the zone Knot would not load, with Knot log, instead of serving without it', async () => {
    const dir = await scratchDir();
    await writeFile(join(dir, 'good.example.zone'), `${SOA}www IN A 192.0.2.1\n`);
    // RFC 1034 §3.6.2: a CNAME cannot share its name with other data; Knot refuses the zone.
    await writeFile(join(dir, 'broken.example.zone'), `${SOA}www IN CNAME good.example.\nwww IN A 192.0.2.1\n`);
    await expect(startKnot({ zoneDirs: [dir], readyTimeoutMs: 10000 })).rejects.toThrow(/did not serve broken\.example[^]*another record exists beside CNAME/);
  });

  it('serves the zones on the port it reports and stops cleanly', async () => {
    const dir = await scratchDir();
    await writeFile(join(dir, 'good.example.zone'), `${SOA}www IN A 192.0.2.1\n`);
    const knot = await startKnot({ zoneDirs: [dir] });
    expect(knot.zones).toEqual([{ origin: 'good.example', file: join(dir, 'good.example.zone') }]);
    expect(knot.port).toBeGreaterThan(0);
    expect(existsSync(join(knot.dir, 'knot.conf'))).toBe(true);
    await knot.stop();
    expect(existsSync(knot.dir)).toBe(false);
  });
});
