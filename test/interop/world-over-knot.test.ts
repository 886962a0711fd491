// End to end at scale: the benchmark's generated world (provider include trees, CNAME-delegated
// DKIM across zones, redirects, records past the lookup limit, PTRs) served by Knot DNS, audited
// over the network with DKIM discovery and sending profiles — questions in flight sharing UDP
// sockets, large keys over TCP — must give exactly the report the same zone files give offline.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld, writeWorld, UNLISTED_IP, type World } from '../../bench/lib/world.mjs';
import { auditDomains } from '../../src/audit/audit-domains.js';
import { auditJson } from '../../src/audit/to-json.js';
import { CacheResolver } from '../../src/dns/cache-resolver.js';
import { NetworkResolver } from '../../src/dns/network-resolver.js';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { profileFromOptions } from '../../src/profile/from-options.js';
import { withoutSources } from './comparable-report.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';

const SENDERS = 48;
let world: World;
let dir: string;
let knot: KnotServer;

beforeAll(async () => {
  world = generateWorld({ senders: SENDERS });
  dir = await mkdtemp(join(tmpdir(), 'authaudit-world-'));
  await writeWorld(world, dir);
  knot = await startKnot({ zoneDirs: [dir] });
}, 60_000);

afterAll(async () => {
  await knot?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe(`a generated world of ${SENDERS} senders: audit over Knot equals audit over its zone files`, () => {
  it('every domain, every finding, tree and prediction', async () => {
    const domains = world.senders.map((s) => s.domain);
    const profiles = world.senders.map((s) =>
      profileFromOptions({ name: s.domain, from: `news@${s.domain}`, mailFrom: `bounce@${s.domain}`, dkim: s.selectors.map((x) => `${s.domain}:${x}`), ip: [s.ip, UNLISTED_IP] }),
    );
    const network = new CacheResolver(new NetworkResolver({ servers: [knot.server], timeoutMs: 3000 }));
    const offline = new CacheResolver(await loadZoneResolver([dir]));
    const overNetwork = await auditDomains(domains, network, { profiles, cache: false });
    const fromFiles = await auditDomains(domains, offline, { profiles, cache: false });
    // not vacuous: the world has errors, warnings and predictions, and the network answered everything
    expect(fromFiles.flatMap((a) => a.findings).length).toBeGreaterThan(SENDERS * 3);
    expect(fromFiles.every((a) => a.predictions !== null && a.predictions.length > 0)).toBe(true);
    expect(overNetwork.every((a) => a.findings.every((f) => f.id !== 'dmarc-dns-failure' && f.id !== 'spf-dns-failure'))).toBe(true);
    expect(withoutSources(auditJson(overNetwork))).toEqual(withoutSources(auditJson(fromFiles)));
    expect(network.stats().sent).toBe(offline.stats().sent);
  }, 60_000);
});
