// Interop for zone repositories kept as BIND keeps them (fixtures/bind): Knot DNS loads the same
// files through a config written here by hand (each zone's name and file, as an operator would
// list them), and the zone-file resolver finds and names the zones itself (db. names, $ORIGIN,
// nested folders, named.conf with include, directory and absolute paths, views). For every name
// and type the two must give the same answer, and find the same zones.

import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { nameKey } from '../../src/model/names.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { compareZone } from './compare-servers.js';

const BIND = fileURLToPath(new URL('../../fixtures/bind/', import.meta.url));

interface Layout {
  name: string;
  /** What a user passes to --zone. */
  path: string;
  view?: string;
  /** The zones as an operator would configure them for Knot. */
  zones: { origin: string; file: string }[];
}

const LAYOUTS: Layout[] = [
  {
    name: 'a folder without named.conf',
    path: join(BIND, 'plain'),
    zones: [
      { origin: 'launchco.test', file: join(BIND, 'plain/db.launchco.test') },
      { origin: 'example.org', file: join(BIND, 'plain/example.org') },
      { origin: 'shop.test', file: join(BIND, 'plain/nested/shop.test.db') },
    ],
  },
  {
    name: 'a Debian-style named.conf with include, directory and absolute paths',
    path: join(BIND, 'conf'),
    zones: [
      { origin: 'brand.test', file: join(BIND, 'conf/etc/bind/zones/db.brand.test') },
      { origin: '2.0.192.in-addr.arpa', file: join(BIND, 'conf/etc/bind/zones/db.192.0.2') },
    ],
  },
  {
    name: 'a named.conf with views, --view internal',
    path: join(BIND, 'views/named.conf'),
    view: 'internal',
    zones: [{ origin: 'corp.test', file: join(BIND, 'views/internal/db.corp.test') }],
  },
];

const servers = new Map<string, { knot: KnotServer; network: NetworkResolver; files: ZoneResolver }>();

beforeAll(async () => {
  for (const layout of LAYOUTS) {
    const knot = await startKnot({ zones: layout.zones });
    const network = new NetworkResolver({ servers: [{ address: knot.address, port: knot.port, family: 4 }], timeoutMs: 3000, attempts: 2 });
    const files = await loadZoneResolver([layout.path], { view: layout.view ?? null });
    servers.set(layout.name, { knot, network, files });
  }
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.knot.stop()));
});

describe.each(LAYOUTS)('$name', (layout) => {
  it('the zone reader finds the zones the operator lists for Knot', () => {
    const side = servers.get(layout.name)!;
    expect(side.files.zones().map(nameKey).sort()).toEqual(layout.zones.map((z) => z.origin).sort());
  });

  it.each(layout.zones.map((z) => z.origin))('every name and type in %s gets the same answer from Knot and from the files', async (origin) => {
    const side = servers.get(layout.name)!;
    const { mismatches, kinds } = await compareZone(side.network, side.files, origin);
    expect(mismatches).toEqual([]);
    expect(kinds.get('records') ?? 0).toBeGreaterThan(0);
    expect(kinds.get('nxdomain') ?? 0).toBeGreaterThan(0);
  });
});
