// Interop: Knot DNS serving the demo and interop zones, asked over UDP/TCP by the network resolver,
// must give the same answers as the zone-file resolver reading the same files, for every name and
// type in them (see compare-answers.ts for what "the same" means, CNAMEs and zone cuts included).
// interop.example delegates child.interop.example, which is not served here: the cut's own tests,
// and the run with the child zone served too, are in zone-cuts.test.ts.

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { nameKey } from '../../src/model/names.js';
import type { DnsAnswer, RRType } from '../../src/dns/types.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { ABSENT_LABEL, comparable, expectedFromServer } from './compare-answers.js';
import { compareZone } from './compare-servers.js';
import { rawUdpQuery as rawQuery } from './raw-query.js';

const DEMO = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
const INTEROP = fileURLToPath(new URL('../../fixtures/interop/', import.meta.url));
const ZONE_FOLDERS = [DEMO, INTEROP];

/** The zones, known when the tests are collected (one test per zone file). */
const ORIGINS = ZONE_FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((n) => n.endsWith('.zone'))
    .map((n) => n.slice(0, -'.zone'.length)),
).sort();

let knot: KnotServer;
let files: ZoneResolver;
let network: NetworkResolver;
let plainDns: NetworkResolver;

beforeAll(async () => {
  knot = await startKnot({ zoneDirs: ZONE_FOLDERS });
  files = await loadZoneResolver(ZONE_FOLDERS);
  const servers = [{ address: knot.address, port: knot.port, family: 4 as const }];
  network = new NetworkResolver({ servers, timeoutMs: 3000, attempts: 2 });
  // Without EDNS0 every UDP answer over 512 bytes is truncated and must come over TCP.
  plainDns = new NetworkResolver({ servers, timeoutMs: 3000, attempts: 2, ednsPayload: null });
});

afterAll(async () => {
  await knot?.stop();
});

/** One raw UDP query to Knot, with EDNS0 at the given payload size or without EDNS0 (null). */
function rawUdpQuery(name: string, type: RRType, ednsPayload: number | null) {
  return rawQuery(knot, name, type, ednsPayload);
}

function txtBytes(answer: DnsAnswer): number {
  if (answer.kind !== 'records') return 0;
  return answer.records.reduce((sum, r) => sum + (r.type === 'TXT' ? r.strings.reduce((s, b) => s + 1 + b.length, 0) : 0), 0);
}

describe('Knot DNS and the zone-file resolver give the same answer', () => {
  it('serves every zone file of fixtures/demo and fixtures/interop', () => {
    expect(knot.zones.map((z) => z.origin)).toEqual(ORIGINS);
    expect(files.zones().map(nameKey).sort()).toEqual(ORIGINS);
  });

  it.each(ORIGINS)('for every name and type in %s (owners, empty non-terminals, absent names)', async (origin) => {
    const { mismatches, kinds } = await compareZone(network, files, origin);
    expect(mismatches).toEqual([]);
    // The questions reached every outcome a zone has: records, no data and NXDOMAIN.
    expect(kinds.get('records') ?? 0).toBeGreaterThan(0);
    expect(kinds.get('nodata') ?? 0).toBeGreaterThan(0);
    expect(kinds.get('nxdomain') ?? 0).toBeGreaterThan(0);
  });
});

describe('interop.example: record shapes that stress the wire format', () => {
  it('a TXT answer too large for a 1232-byte UDP answer is truncated over UDP and arrives whole over TCP', async () => {
    const name = 'big.interop.example';
    const fromFiles = await files.query(name, 'TXT');
    expect(txtBytes(fromFiles)).toBeGreaterThan(1232);
    expect((await rawUdpQuery(name, 'TXT', 1232)).truncated).toBe(true);
    expect(comparable(await network.query(name, 'TXT'))).toEqual(comparable(fromFiles));
  });

  it('an answer between 512 and 1232 bytes fits EDNS0 UDP but is truncated without EDNS0 (RFC 6891)', async () => {
    const name = 'medium.interop.example';
    const fromFiles = await files.query(name, 'TXT');
    expect(txtBytes(fromFiles)).toBeGreaterThan(512);
    expect((await rawUdpQuery(name, 'TXT', 1232)).truncated).toBe(false);
    expect((await rawUdpQuery(name, 'TXT', null)).truncated).toBe(true);
    expect(comparable(await plainDns.query(name, 'TXT'))).toEqual(comparable(fromFiles));
    expect(comparable(await network.query(name, 'TXT'))).toEqual(comparable(fromFiles));
  });

  it('keeps escaped bytes (\\DDD, \\", \\\\) and the boundaries between character-strings', async () => {
    for (const name of ['escaped.interop.example', 'multi.interop.example', 'empty.interop.example', 'max255.interop.example']) {
      const fromFiles = await files.query(name, 'TXT');
      expect(fromFiles.kind).toBe('records');
      expect(comparable(await network.query(name, 'TXT'))).toEqual(comparable(fromFiles));
    }
    const escaped = await network.query('escaped.interop.example', 'TXT');
    const strings = escaped.kind === 'records' ? escaped.records.flatMap((r) => r.strings.map((s) => [...s])) : [];
    expect(strings).toContainEqual([0, 1, 127, 128, 255]);
  });

  it('a CNAME chain inside one zone is followed by Knot itself, TTL of each link kept', async () => {
    const fromFiles = await files.query('chain1.interop.example', 'A');
    expect(fromFiles.cnameChain).toHaveLength(2);
    expect(comparable(await network.query('chain1.interop.example', 'A'))).toEqual(comparable(fromFiles));
  });

  it('a CNAME into another served zone ends complete (the network resolver asks again for the target)', async () => {
    const fromFiles = await files.query('tonorthwind.interop.example', 'A');
    expect(fromFiles.kind).toBe('records');
    expect(comparable(await network.query('tonorthwind.interop.example', 'A'))).toEqual(comparable(fromFiles));
  });

  it('a CNAME leaving every served zone: same chain, Knot refuses the target, the files say NXDOMAIN', async () => {
    const fromFiles = await files.query('outside.interop.example', 'A');
    const fromServer = await network.query('outside.interop.example', 'A');
    expect(fromFiles.kind).toBe('nxdomain');
    expect(fromServer.kind).toBe('failure');
    expect(comparable(fromServer)).toEqual(expectedFromServer(fromFiles, files.zones()));
  });

  it('asking type CNAME returns the CNAME itself, not its target', async () => {
    for (const name of ['chain1.interop.example', 'outside.interop.example', 'synthesized.wildcname.interop.example']) {
      const fromFiles = await files.query(name, 'CNAME');
      expect(fromFiles.kind).toBe('records');
      expect(comparable(await network.query(name, 'CNAME'))).toEqual(comparable(fromFiles));
    }
  });

  it('wildcards synthesize answers below them but not at or below an existing name (RFC 4592)', async () => {
    const questions: [string, RRType, DnsAnswer['kind']][] = [
      ['anything.wild.interop.example', 'TXT', 'records'],
      ['a.b.wild.interop.example', 'MX', 'records'],
      ['anything.wild.interop.example', 'AAAA', 'nodata'],
      ['explicit.wild.interop.example', 'TXT', 'nodata'],
      [`${ABSENT_LABEL}.explicit.wild.interop.example`, 'A', 'nxdomain'],
      ['wild.interop.example', 'A', 'nodata'],
    ];
    for (const [name, type, kind] of questions) {
      const fromFiles = await files.query(name, type);
      expect(fromFiles.kind, `${name} ${type}`).toBe(kind);
      expect(comparable(await network.query(name, type)), `${name} ${type}`).toEqual(comparable(fromFiles));
    }
  });

  it('empty non-terminals exist with no data; names below them that are not there are NXDOMAIN (RFC 8020)', async () => {
    const questions: [string, DnsAnswer['kind']][] = [
      ['ent.interop.example', 'nodata'],
      ['deep.ent.interop.example', 'nodata'],
      ['leaf.deep.ent.interop.example', 'records'],
      [`${ABSENT_LABEL}.deep.ent.interop.example`, 'nxdomain'],
    ];
    for (const [name, kind] of questions) {
      const fromFiles = await files.query(name, 'A');
      expect(fromFiles.kind, name).toBe(kind);
      expect(comparable(await network.query(name, 'A')), name).toEqual(comparable(fromFiles));
    }
  });

  it('a null MX, IPv6 addresses in canonical form, type 99 and a mixed-case owner', async () => {
    const questions: [string, RRType][] = [
      ['nullmx.interop.example', 'MX'],
      ['v6.interop.example', 'AAAA'],
      ['spf99.interop.example', 'SPF'],
      ['MIXED.interop.example', 'TXT'],
    ];
    for (const [name, type] of questions) {
      const fromFiles = await files.query(name, type);
      expect(fromFiles.kind, `${name} ${type}`).toBe('records');
      expect(comparable(await network.query(name, type)), `${name} ${type}`).toEqual(comparable(fromFiles));
    }
  });

  it('a name outside every served zone: Knot refuses it, the files (the whole world) say NXDOMAIN', async () => {
    const fromServer = await network.query('nowhere.invalid', 'A');
    expect(fromServer.kind === 'failure' ? fromServer.failure : fromServer.kind).toBe('refused');
    expect((await files.query('nowhere.invalid', 'A')).kind).toBe('nxdomain');
  });
});
