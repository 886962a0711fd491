// End to end: `authaudit audit` (and every other command) on the demo world, asked of Knot DNS over
// the network, gives the same report as the same command reading the same zone files offline —
// every verdict, finding, fix, SPF tree and prediction — except what only zone files can tell (the
// file and line a record came from).
// Knot is authoritative only, so a parent zone `example.` is served on both sides: a name outside
// every child zone (the RFC 9989 tree walk asks _dmarc.example) then gets NXDOMAIN from both.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutSources } from './comparable-report.js';
import { startKnot, type KnotServer } from '../helpers/knot.js';
import { jsonOf, runCli } from '../helpers/run-cli.js';

const DEMO = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
const PROFILES = fileURLToPath(new URL('../../fixtures/demo/profiles.json', import.meta.url));
const DOMAINS = ['northwind.example', 'cafe.example', 'megacorp.example', 'clinic.example', 'ledger.example', 'shop.example', 'travel.example'];
const PARENT = `$ORIGIN example.
$TTL 3600
@ IN SOA ns.example. hostmaster.example. ( 1 3600 600 86400 300 )
@ IN NS  ns.example.
ns IN A 192.0.2.53
`;

let knot: KnotServer;
let parentDir: string;

beforeAll(async () => {
  parentDir = mkdtempSync(join(tmpdir(), 'authaudit-parent-'));
  writeFileSync(join(parentDir, 'example.zone'), PARENT);
  knot = await startKnot({ zoneDirs: [DEMO, parentDir] });
}, 30_000);

afterAll(async () => {
  await knot?.stop();
  if (parentDir) rmSync(parentDir, { recursive: true, force: true });
});

describe('audit over Knot equals audit over the zone files', () => {
  it('the whole JSON report of the demo world, with sending profiles', async () => {
    const common = ['audit', '--profile', PROFILES, '--fail-on', 'never', '--format', 'json', ...DOMAINS];
    // --fetch: HTTPS fetches (BIMI, MTA-STS) as with network resolution; the demo's hosts to fetch
    // from have no address, so both sides stop at the same DNS answer and nothing leaves the machine
    const offline = await runCli(['--zone', DEMO, '--zone', parentDir, ...common, '--fetch']);
    const network = await runCli(['--resolver', `${knot.address}:${knot.port}`, '--timeout', '3000', ...common]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(network.code, network.stderr).toBe(0);
    const a = jsonOf(offline);
    const b = jsonOf(network);
    // the comparison is not vacuous: every domain was audited, with findings and predictions
    expect((a['domains'] as unknown[]).length).toBe(DOMAINS.length);
    expect((a['findings'] as unknown[]).length).toBeGreaterThan(20);
    expect(withoutSources(b)).toEqual(withoutSources(a));
    // and the questions were the same: one per (name, type) on both sides
    expect((b['stats'] as { sent: number }).sent).toBe((a['stats'] as { sent: number }).sent);
  }, 60_000);

  // every other command reads the same DNS through the same resolvers: each must agree too
  it.each([
    ['spf', 'megacorp.example'],
    ['spf', 'ledger.example'],
    ['flatten', 'megacorp.example'],
    ['flatten', 'cafe.example'],
    ['dmarc', 'megacorp.example'],
    ['dkim', 'travel.example'],
    ['dkim', 'ledger.example'],
    ['mx', 'cafe.example'],
    ['ptr', '203.0.113.77'],
    ['ptr', '2001:db8:10::25'],
    ['lookup', 'ledger.example', 'TXT'],
    ['predict', '--profile', PROFILES],
  ])('%s %s', async (...args) => {
    const common = [...args, '--format', 'json'];
    const offline = await runCli(['--zone', DEMO, '--zone', parentDir, ...common]);
    const network = await runCli(['--resolver', `${knot.address}:${knot.port}`, '--timeout', '3000', ...common]);
    expect(network.code, network.stderr).toBe(offline.code);
    expect(offline.code, offline.stderr).toBeLessThan(2);
    expect(withoutSources(jsonOf(network))).toEqual(withoutSources(jsonOf(offline)));
  }, 30_000);
});
